"""Pages that could not be had when their story was published from its feed: tried again
later (a few times, waiting longer each time), and the post is upgraded in place when the
page comes: the same post and address, never a second one. A post an editor changed is
left as it is."""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from dramawired.logfmt import q
from dramawired.news.models import Category

from .extract import ExtractError
from .fetch import FetchError, fetch
from .items import Keys
from .models import FetchedPage
from .policy import plan_for, tools
from .publish import publish, serialized
from .run import PAGE_ACCEPT, build_article

log = logging.getLogger("dramawired.pipeline")
# A retry holds its page this long (seconds), so two workers never fetch it together.
LEASE = 600


@dataclass
class RetryReport:
    upgraded: int = 0
    failed: int = 0
    given_up: int = 0


def retry_pages(limit: int = 100, now=None) -> RetryReport:
    now = now or timezone.now()
    report = RetryReport()
    due = list(FetchedPage.objects.filter(next_attempt__lte=now)
               .select_related("post", "post__source", "post__source__default_category")
               .order_by("next_attempt")[:limit])
    known = tuple(Category.objects.values_list("name", flat=True))
    with tools() as kit:
        for page in due:
            # Claimed by moving its time on: another worker's query no longer finds it.
            if not FetchedPage.objects.filter(pk=page.pk, next_attempt=page.next_attempt) \
                    .update(next_attempt=now + timedelta(seconds=LEASE)):
                continue
            _retry(page, kit, known, report)
    return report


def _retry(page: FetchedPage, kit, known: tuple[str, ...], report: RetryReport) -> None:
    post, source = page.post, page.post.source
    if post.edited:  # an editor's version stays; nothing more to try
        FetchedPage.objects.filter(pk=page.pk).update(next_attempt=None)
        return
    item = page.feed_item()
    plan = plan_for(source, known=known)
    keys = Keys(guid_key=post.guid_key, url_key=post.url_key, canonical_url=item.url)
    try:
        response = fetch(item.url, kit.client, kit.policy, limiter=kit.limiter,
                         accept=PAGE_ACCEPT)
        story = build_article(item, keys, response.text, response.url, plan)
    except (FetchError, ExtractError) as exc:
        _failed(page, str(exc), report)
        return
    story.published = post.published_at  # readers have seen it under this date
    with serialized():
        publish(story, source, status=post.status)
    report.upgraded += 1
    log.info("source=%s item=%s page fetched on retry %d post=%d upgraded",
             q(source.name) if source else "-", item.url, page.attempts + 1, post.pk)


def _failed(page: FetchedPage, error: str, report: RetryReport) -> None:
    attempts = page.attempts + 1
    if attempts >= settings.DRAMAWIRED_PAGE_RETRIES:
        next_attempt = None
        report.given_up += 1
    else:
        wait = timedelta(minutes=settings.DRAMAWIRED_PAGE_RETRY_MINUTES) * 2 ** attempts
        next_attempt = timezone.now() + wait
        report.failed += 1
    FetchedPage.objects.filter(pk=page.pk).update(
        attempts=attempts, next_attempt=next_attempt, page_error=error[:2000])
    log.info("item=%s page retry %d failed%s error=%s", page.url, attempts,
             " (giving up)" if next_attempt is None else "", q(error))
