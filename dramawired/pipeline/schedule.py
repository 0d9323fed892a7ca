"""Who polls which source, and when: claims in the database, so any number of workers (and
schedulers, one per worker) share the sources with each polled once per interval.

A claim is a random token plus a time it lapses (settings.DRAMAWIRED_POLL_LEASE), set by
one conditional UPDATE, which the database runs one at a time: of two workers racing for
a source, exactly one changes the row. The poller renews its claim after each item and
clears it when done; a worker killed mid-poll holds its sources until their claims lapse,
then they are due again (and the re-run publishes nothing twice: see publish.py).
"""

import secrets
import time
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from dramawired.sources.models import Source

from .report import Progress

# Dispatch runs once a minute: a source due before the next dispatch is claimed now, so
# polls land near their time, not up to a minute late; never more than a quarter of the
# source's interval early (with several schedulers, dispatches come more often).
SLACK = timedelta(seconds=30)


def _slack(poll_interval_minutes: int) -> timedelta:
    return min(SLACK, timedelta(minutes=poll_interval_minutes) / 4)


def _lease(now):
    return now + timedelta(seconds=settings.DRAMAWIRED_POLL_LEASE)


def _free(now) -> Q:
    return Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)


def claim_due(now=None, limit: int = 500) -> list[tuple[int, str]]:
    """Claim every enabled source whose poll time has come (or comes before the next
    dispatch) and which nobody holds; returns (source id, token) for each one won."""
    now = now or timezone.now()
    due = (Source.objects.filter(enabled=True).filter(_free(now))
           .filter(Q(next_attempt__isnull=True) | Q(next_attempt__lte=now + SLACK))
           .order_by("next_attempt").values_list("pk", "poll_interval")[:limit])
    won = []
    for pk, interval in list(due):
        if token := claim(pk, now=now, due_by=now + _slack(interval)):
            won.append((pk, token))
    return won


def claim(source_id: int, *, now=None, due_by=None) -> str | None:
    """Claim one source now (an editor's "poll now", `dramawired ingest`): a token, or
    None when someone else is polling it (or, given due_by, it is not due by then)."""
    now = now or timezone.now()
    token = secrets.token_hex(8)
    rows = Source.objects.filter(_free(now), pk=source_id)
    if due_by is not None:
        rows = rows.filter(Q(next_attempt__isnull=True) | Q(next_attempt__lte=due_by))
    return token if rows.update(claim=token, claimed_until=_lease(now)) else None


def renew(source_id: int, token: str) -> bool:
    """Still ours? Extends the claim; False when it lapsed and another worker took it."""
    now = timezone.now()
    return bool(Source.objects.filter(pk=source_id, claim=token)
                .update(claimed_until=_lease(now)))


def release(source_id: int, token: str) -> None:
    Source.objects.filter(pk=source_id, claim=token).update(claim="", claimed_until=None)


class ClaimLost(Exception):
    """Our claim lapsed and another worker holds the source now: this poll stops, or the
    source would be polled twice at once."""


class Renewing(Progress):
    """Renews the poll's claim as work goes on (after items, and while a slow item is
    still being built): at most a few times per lease, not a database write per item."""

    def __init__(self, source_id: int, token: str, inner: Progress | None):
        self.source_id, self.token, self.inner = source_id, token, inner or Progress()
        self.renewed = time.monotonic()

    def _renew(self) -> None:
        if time.monotonic() - self.renewed > settings.DRAMAWIRED_POLL_LEASE / 4:
            if not renew(self.source_id, self.token):
                raise ClaimLost("stopped: the poll outlived its claim and another worker "
                                "took the source")
            self.renewed = time.monotonic()

    def source_started(self, source, items):
        self._renew()  # the feed took its time: still ours
        self.inner.source_started(source, items)

    def item_done(self, source):
        self._renew()
        self.inner.item_done(source)

    def waiting(self, source):
        self._renew()
        self.inner.waiting(source)
