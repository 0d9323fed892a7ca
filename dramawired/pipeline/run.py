"""The pipeline, in the order data flows. This is the one place the stage order is written.

    fetch feed → parse → filter → dedupe (cheap keys, before any page is fetched)
    → fetch page → extract → sanitize → categorize → tag → dedupe (content) → publish
    (→ the site files the new post under its story: a receiver of publish.post_published)

What must stay true:
- Cheap dedupe runs before any article page is fetched: a known item costs no request.
- A page that cannot be had (refused, timed out, an error or challenge page) never loses
  the story: the feed's own text is published, and the page is tried again later
  (retry.py), upgrading the post in place.
- sanitize always runs on the final body, whatever produced it (page or feed).
- Only publish writes posts; it runs one item at a time in this thread, one transaction
  each, so a run killed half-way leaves whole posts and a re-run skips them.
- One source failing (or one item) never stops the others.
"""

import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, replace

from django.conf import settings
from django.utils import timezone

from dramawired.logfmt import q
from dramawired.news.models import Post
from dramawired.sources.models import Source

from . import article, dedupe, feedmemo, policy, schedule, seen
from .building import Builder
from .extract import ExtractError
from .fetch import FetchError, RetryLater, fetch
from .filter import filter_items
from .items import Article, FeedItem, Keys
from .parse import ParseError
from .policy import Tools, tools
from .publish import link_duplicate, publish, serialized
from .report import Progress, SourceReport
from .sanitize import sanitize_html

log = logging.getLogger("dramawired.pipeline")

FEED_ACCEPT = ("application/rss+xml, application/atom+xml, application/feed+json, "
               "application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1")
PAGE_ACCEPT = "text/html,application/xhtml+xml"
BUSY = "skipped: another worker is polling it"

__all__ = ["BUSY", "Progress", "SourceReport", "build_article", "ingest", "poll", "tools"]


def ingest(sources: Iterable[Source] | None = None, *, dry_run: bool = False,
           force: bool = False, progress: Progress | None = None) -> list[SourceReport]:
    """Poll each due source (every given one with force) and publish what is new. A source
    another worker is polling right now is skipped and reported as such."""
    now = timezone.now()
    if sources is None:
        sources = Source.objects.filter(enabled=True)
    reports = []
    with tools() as kit:
        for source in sources:
            if not force and not source.is_due(now):
                continue
            if dry_run:  # writes nothing, so it needs no claim
                reports.append(ingest_source(source, kit, dry_run=True,
                                             progress=progress or Progress()))
                continue
            token = schedule.claim(source.pk)
            if token is None:
                reports.append(SourceReport(source.name, error=BUSY))
                continue
            reports.append(poll(source, token, kit, progress=progress))
    return reports


def poll(source: Source, token: str, kit: Tools, *,
         progress: Progress | None = None) -> SourceReport:
    """Poll one source we hold the claim on, renewing the claim as work goes on, and give
    it back at the end (pipeline/schedule.py)."""
    try:
        return ingest_source(source, kit, progress=schedule.Renewing(source.pk, token,
                                                                     progress))
    finally:
        schedule.release(source.pk, token)


def ingest_source(source: Source, kit: Tools, *, dry_run=False,
                  progress: Progress) -> SourceReport:
    started = time.monotonic()
    report = SourceReport(source.name)
    try:
        _ingest(source, report, kit, dry_run, progress)
    except RetryLater as exc:
        report.error = str(exc)
        if not dry_run:
            source.record_failure(report.error, retry_after=exc.retry_after)
    except (FetchError, ParseError, schedule.ClaimLost) as exc:
        report.error = str(exc)
        if not dry_run:
            source.record_failure(report.error)
    except Exception as exc:  # a bug must not stop the other sources; it is logged in full
        log.exception("source=%s unexpected error", q(source.name))
        report.error = f"internal error: {type(exc).__name__}: {exc}"
        if not dry_run:
            source.record_failure(report.error)
    report.seconds = time.monotonic() - started
    log.info("source=%s polled%s new=%d updated=%d duplicates=%d filtered=%d failed=%d "
             "from_feed=%d seconds=%.2f error=%s", q(source.name),
             " not-modified" if report.not_modified else "", report.new, report.updated,
             report.duplicates, report.filtered, report.failed, report.from_feed,
             report.seconds, q(report.error))
    return report


def _ingest(source: Source, report: SourceReport, kit: Tools, dry_run, progress) -> None:
    # fetch the feed (conditional GET)
    response = fetch(source.feed_url, kit.client, kit.policy, limiter=kit.limiter,
                     etag=source.etag, last_modified=source.last_modified, accept=FEED_ACCEPT)
    if response.not_modified:
        report.not_modified = True
        if not dry_run:
            source.record_success(etag=source.etag, last_modified=source.last_modified)
        return
    # parse
    feed = feedmemo.parse(response.content, response.url, response.content_type)
    for _ in range(feed.skipped):
        report.item_failed("entry without a web address (no http(s) link or id)")
    # filter: what the feed alone decides (age, exclude words) before any page is fetched;
    # include/exclude words are checked again on the full story after extraction. Nothing
    # older than the retention age either: it would be purged, then come back.
    items, dropped = filter_items(feed.items, exclude=source.exclude_list,
                                  max_age=policy.max_age(), now=timezone.now())
    report.filtered = len(dropped)
    # dedupe on cheap keys, before any page is fetched; at most a poll's worth of them
    todo, report.duplicates = seen.unseen(source, items)
    cap = settings.DRAMAWIRED_MAX_ITEMS_PER_POLL
    todo, report.held_back = todo[:cap], max(len(todo) - cap, 0)
    progress.source_started(source, len(todo))
    build = kit.builder(build_from_page, policy.plan_for(source, feed.items), len(todo))
    ctx = _Context(source, report, dry_run, seen.recent_fingerprints())
    # fetch pages and build articles, a few at a time (extract, sanitize, categorize, tag;
    # a large poll builds in another process: building.py)
    built = kit.map(lambda job: _build(*job, build, kit), todo,
                    budget=settings.DRAMAWIRED_ITEM_SECONDS,
                    waiting=lambda: progress.waiting(source))
    for (item, _keys), result in built:
        try:
            if isinstance(result, Exception):
                raise result
            _settle(item, result, ctx)  # dedupe on content, publish
        except (FetchError, ExtractError, TimeoutError) as exc:
            report.item_failed(str(exc))
            log.warning("source=%s item=%s skipped error=%s", q(source.name), item.url,
                        q(str(exc)))
        except Exception as exc:  # one broken item never loses its siblings
            report.item_failed(f"internal error: {type(exc).__name__}")
            log.error("source=%s item=%s unexpected error", q(source.name), item.url,
                      exc_info=exc)
        progress.item_done(source)
    report.finish(source, feed, response, dry_run=dry_run)


def _build(item: FeedItem, keys: Keys, build: Builder, kit: Tools) -> Article:
    """fetch page, then build (extract, sanitize, categorize, tag), for one item, in a
    worker thread (no database here). A page that cannot be had leaves the feed's own
    text."""
    page_html, page_url, page_error = None, item.url, ""
    if article.wants_page(build.plan, item, keys):
        try:
            response = fetch(item.url, kit.client, kit.policy, limiter=kit.limiter,
                             accept=PAGE_ACCEPT)
            page_html, page_url = response.text, response.url
        except FetchError as exc:
            page_error = str(exc)
    return build(item, keys, page_html, page_url, page_error)


def build_from_page(item: FeedItem, keys: Keys, page_html: str | None, page_url: str,
                    page_error: str, plan: article.BuildPlan) -> Article:
    """build_article; from the feed's own text when the page is refused (a challenge or
    error page, or no story on it). Runs wherever the poll's Builder chose."""
    try:
        return build_article(item, keys, page_html, page_url, plan, page_error=page_error)
    except ExtractError as exc:
        if page_html is None:
            raise
        return build_article(item, keys, None, item.url, plan, page_error=str(exc))


def build_article(item: FeedItem, keys: Keys, page_html: str | None, page_url: str,
                  plan: article.BuildPlan, *, page_error: str = "") -> Article:
    """extract → sanitize → categorize → tag, for a page already in hand (or none)."""
    extracted = article.extract_or_headline(page_html, page_url, item, plan.extract_rules)
    body, lead = article.lead_image(sanitize_html(extracted.body_html, page_url),
                                    article.absolute_lead(extracted, page_url))
    text = article.plain(body)
    title = extracted.title or article.excerpt(text)[:120]
    category, category_by = article.file_story(plan, title, text,
                                               item.tags + extracted.sections)
    return Article(
        item=item, keys=keys, title=title, body_html=body, text=text,
        excerpt=article.excerpt(article.plain(item.summary_html) or text),
        author=extracted.author, published=extracted.published,
        lead_image=lead if lead.startswith(("http://", "https://")) else "",
        category=category, category_by=category_by,
        tags=article.tag_story(plan, title, text, item.tags),
        fingerprint=dedupe.fingerprint(f"{title}\n{text}", plan.boilerplate),
        page_html=page_html, page_url=page_url, page_error=page_error,
    )


@dataclass
class _Context:
    source: Source
    report: SourceReport
    dry_run: bool
    candidates: seen.Candidates  # recent posts a new story may be a copy of


def _settle(item: FeedItem, story: Article, ctx: _Context) -> None:
    """dedupe (content) → publish, for one built article: here, in the one thread that
    writes."""
    source, report = ctx.source, ctx.report
    if source.include_list or source.exclude_list:
        full = replace(item, title=story.title, content_html=story.body_html)
        if not filter_items([full], include=source.include_list,
                            exclude=source.exclude_list, now=timezone.now())[0]:
            report.filtered += 1
            return
    if story.page_error:
        report.page_missed(story.page_error)
    if ctx.dry_run:
        report.count("duplicate" if seen.twin(story, source, ctx.candidates) else "new")
        return
    # dedupe and publish under one lock: another worker publishing the same story (a wire
    # copy from a second outlet) at the same moment must be seen by the check, so check
    # and write are one critical section across every process.
    with serialized():
        seen.catch_up(ctx.candidates)
        twin = seen.twin(story, source, ctx.candidates)
        if twin is not None:  # the same story from another source or address
            link_duplicate(story, source, Post.objects.get(pk=twin))
            report.count("duplicate")
            log.info("source=%s item=%s duplicate post=%d", q(source.name), item.url, twin)
            return
        status = (Post.Status.DRAFT if source.publish_as == Source.PublishAs.DRAFT
                  else Post.Status.PUBLISHED)
        result = publish(story, source, status=status)
    report.count(result.outcome)
    report.published.append(result.post.pk)
    ctx.candidates.add(result.post.pk, story.fingerprint, source.pk)
    log.info("source=%s item=%s %s post=%d%s", q(source.name), item.url, result.outcome,
             result.post.pk, f" from-feed page-error={q(story.page_error)}"
             if story.page_error else "")
