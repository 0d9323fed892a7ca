"""Run stored pages through the pipeline again (extract → sanitize → categorize → tag →
publish) after the pipeline changed, updating each post in place. Nothing is fetched:
every post keeps the page it was built from (models.FetchedPage).

A post an editor changed is left as it is, as a poll would leave it."""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from dramawired.logfmt import q
from dramawired.news.models import Category

from .items import Keys
from .models import FetchedPage
from .policy import plan_for
from .publish import publish
from .run import build_article

log = logging.getLogger("dramawired.pipeline")


@dataclass
class ReprocessReport:
    updated: int = 0
    kept: int = 0  # edited by an editor
    failed: int = 0
    errors: list[str] = field(default_factory=list)


def pages_to_reprocess(source=None, since: datetime | None = None):
    pages = FetchedPage.objects.select_related("post", "post__source")
    if source is not None:
        pages = pages.filter(post__source=source)
    if since is not None:
        pages = pages.filter(post__published_at__gte=since)
    return pages.order_by("pk")


def reprocess(source=None, since: datetime | None = None, *,
              progress: Callable[[int, int], None] | None = None) -> ReprocessReport:
    pages = pages_to_reprocess(source, since)
    total = pages.count()
    known = tuple(Category.objects.values_list("name", flat=True))
    report = ReprocessReport()
    for done, page in enumerate(pages.iterator(chunk_size=100), start=1):
        post = page.post
        if post.edited:
            report.kept += 1
        else:
            try:
                _rerun(page, known)
                report.updated += 1
            except Exception as exc:  # one bad page never stops the rest
                report.failed += 1
                report.errors.append(f"{post.original_url}: {type(exc).__name__}: {exc}")
                log.exception("item=%s reprocess failed", post.original_url)
        if progress:
            progress(done, total)
    return report


def _rerun(page: FetchedPage, known: tuple[str, ...]) -> None:
    post, source = page.post, page.post.source
    item = page.feed_item()
    # The post's own keys, not keys computed anew: a changed canonicaliser must still find
    # the post to update instead of publishing it a second time.
    keys = Keys(guid_key=post.guid_key, url_key=post.url_key, canonical_url=item.url)
    plan = plan_for(source, known=known)
    article = build_article(item, keys, page.html, page.url, plan,
                            page_error=page.page_error)
    article.fetched_at = page.fetched_at
    publish(article, source, status=post.status)
    # A page still missing keeps its place in the retry schedule.
    FetchedPage.objects.filter(pk=page.pk).update(attempts=page.attempts,
                                                  next_attempt=page.next_attempt)
    log.info("source=%s item=%s reprocessed post=%d",
             q(source.name) if source else "-", item.url, post.pk)
