"""Who polls which source, and when: claims in the database, so any number of workers (and
schedulers, one per worker) share the sources with each polled once per interval.

A claim is a random token plus a time it lapses (settings.DRAMAWIRED_POLL_LEASE), set by
one conditional UPDATE, which the database runs one at a time: of two workers racing for
a source, exactly one changes the row. The poller renews its claim after each item and
clears it when done; a worker killed mid-poll holds its sources until their claims lapse,
then they are due again (and the re-run publishes nothing twice: see publish.py).
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from dramawired.sources.models import Source


def _lease(now):
    return now + timedelta(seconds=settings.DRAMAWIRED_POLL_LEASE)


def _free(now) -> Q:
    return Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)


def claim_due(now=None, limit: int = 500) -> list[tuple[int, str]]:
    """Claim every enabled source whose poll time has come and which nobody holds;
    returns (source id, token) for each one this caller won."""
    now = now or timezone.now()
    due = (Source.objects.filter(enabled=True)
           .filter(Q(next_attempt__isnull=True) | Q(next_attempt__lte=now)).filter(_free(now))
           .order_by("next_attempt").values_list("pk", flat=True)[:limit])
    won = []
    for pk in list(due):
        if token := claim(pk, now=now, due_only=True):
            won.append((pk, token))
    return won


def claim(source_id: int, *, now=None, due_only: bool = False) -> str | None:
    """Claim one source now (an editor's "poll now", `dramawired ingest`): a token, or
    None when someone else is polling it (or, with due_only, it is no longer due)."""
    now = now or timezone.now()
    token = secrets.token_hex(8)
    rows = Source.objects.filter(_free(now), pk=source_id)
    if due_only:
        rows = rows.filter(Q(next_attempt__isnull=True) | Q(next_attempt__lte=now))
    return token if rows.update(claim=token, claimed_until=_lease(now)) else None


def renew(source_id: int, token: str) -> bool:
    """Still ours? Extends the claim; False when it lapsed and another worker took it."""
    now = timezone.now()
    return bool(Source.objects.filter(pk=source_id, claim=token)
                .update(claimed_until=_lease(now)))


def release(source_id: int, token: str) -> None:
    Source.objects.filter(pk=source_id, claim=token).update(claim="", claimed_until=None)
