"""Product feeds fetched by the project's fetch rules (timeout, size cap, redirect cap,
private-network guard) and refreshed on a schedule: a feed is claimed by one conditional
UPDATE before it is fetched, as news sources are (pipeline/schedule.py), so any number of
workers refresh each feed once per interval."""

import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from dramawired.logfmt import q
from dramawired.pipeline.fetch import fetch, make_client
from dramawired.pipeline.policy import policy_from_settings

from ..models import ProductFeed
from .importer import ImportReport, import_feed

log = logging.getLogger("dramawired.shop")
ACCEPT = "application/rss+xml, application/atom+xml, application/xml, text/xml, " \
         "text/tab-separated-values, text/csv, text/plain;q=0.8, */*;q=0.5"


def fetch_feed(url: str) -> bytes:
    """The feed's body; FetchError if it cannot be had."""
    policy = policy_from_settings()
    with make_client(policy) as client:
        return fetch(url, client, policy, accept=ACCEPT).content


def claim_due(now=None) -> list[tuple[int, str]]:
    now = now or timezone.now()
    lease = now + timedelta(seconds=settings.DRAMAWIRED_POLL_LEASE)
    free = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    due = (ProductFeed.objects.filter(free, enabled=True)
           .filter(Q(next_attempt__isnull=True) | Q(next_attempt__lte=now))
           .values_list("pk", flat=True))
    won = []
    for pk in list(due):
        token = secrets.token_hex(8)
        if ProductFeed.objects.filter(free, pk=pk).update(claim=token, claimed_until=lease):
            won.append((pk, token))
    return won


def refresh(feed: ProductFeed, token: str = "") -> ImportReport | None:
    """Fetch and import one feed, record how it went, schedule the next time."""
    report = None
    try:
        report = import_feed(fetch_feed(feed.url), kind=feed.kind, merchant=feed.merchant,
                             feed=feed, base_url=feed.url)
        feed.last_summary, feed.last_error = report.summary, "\n".join(report.errors[:50])
    except Exception as exc:  # FetchError, FeedError, or the database: said on the feed
        feed.last_summary, feed.last_error = "failed", f"{type(exc).__name__}: {exc}"
    now = timezone.now()
    feed.last_run, feed.next_attempt = now, now + timedelta(minutes=max(feed.interval, 1))
    ProductFeed.objects.filter(pk=feed.pk, **({"claim": token} if token else {})).update(
        last_run=feed.last_run, next_attempt=feed.next_attempt, last_summary=feed.last_summary,
        last_error=feed.last_error, claim="", claimed_until=None)
    log.info("product_feed=%s %s error=%s", q(feed.name), feed.last_summary,
             q(feed.last_error[:200]))
    return report
