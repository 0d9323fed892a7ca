"""The pipeline, in the order data flows. This is the one place the stage order is written.

    fetch feed → parse → filter → dedupe (cheap keys, before any page is fetched)
    → fetch page → extract → sanitize → categorize → tag → dedupe (content) → publish

What must stay true:
- Cheap dedupe runs before any article page is fetched: a known item costs no request.
- sanitize always runs on the final body, whatever produced it (page or feed).
- Only publish writes posts; it runs one item at a time in this thread, one transaction
  each, so a run killed half-way leaves whole posts and a re-run skips them.
- One source failing (or one item) never stops the others.
"""

import html
import logging
import re
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import timedelta
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.utils import timezone

from dramawired.logfmt import q
from dramawired.news.models import Category, Post, Syndication
from dramawired.sources.models import Source

from . import dedupe, schedule
from .categorize import categorize
from .extract import ExtractError, extract_article
from .fetch import FetchError, FetchPolicy, HostLimiter, RetryLater, fetch, make_client
from .filter import filter_items
from .items import Article, FeedItem, Keys
from .parse import ParseError, parse_feed
from .publish import link_duplicate, publish, serialized
from .sanitize import sanitize_html
from .tag import pick_tags

log = logging.getLogger("dramawired.pipeline")

FEED_ACCEPT = ("application/rss+xml, application/atom+xml, application/feed+json, "
               "application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1")
EXCERPT_CHARS = 280
# A feed entry with this much text carries the whole story: its page need not be fetched.
FULL_CONTENT_CHARS = 1500


@dataclass
class SourceReport:
    source: str
    new: int = 0
    updated: int = 0
    duplicates: int = 0
    filtered: int = 0
    failed: int = 0
    seconds: float = 0.0
    error: str = ""
    not_modified: bool = False
    published: list[int] = field(default_factory=list)  # post ids, new or updated

    def count(self, outcome: str) -> None:
        field_name = {"new": "new", "updated": "updated", "duplicate": "duplicates"}[outcome]
        setattr(self, field_name, getattr(self, field_name) + 1)


class Progress:
    """What a caller sees of a run; the ingest command draws a progress bar from it."""

    def source_started(self, source: Source, items: int) -> None: ...
    def item_done(self, source: Source) -> None: ...


def policy_from_settings() -> FetchPolicy:
    conf = settings.DRAMAWIRED_FETCH
    return FetchPolicy(
        timeout=conf["timeout"],
        max_bytes=conf["max_bytes"],
        max_redirects=conf["max_redirects"],
        allow_private=settings.DRAMAWIRED_ALLOW_PRIVATE_NETWORKS,
        allowed_networks=settings.DRAMAWIRED_ALLOWED_NETWORKS,
        user_agent=settings.DRAMAWIRED_USER_AGENT,
    )


@dataclass
class Tools:
    """What polls share: an HTTP client, the per-host limits, a pool of page fetchers."""

    client: object
    policy: FetchPolicy
    limiter: HostLimiter
    pool: ThreadPoolExecutor


# One per process: every poll in a worker respects the same per-host limits and waits.
_LIMITER: HostLimiter | None = None


@contextmanager
def tools():
    global _LIMITER
    if _LIMITER is None:
        _LIMITER = HostLimiter(settings.DRAMAWIRED_FETCH["per_host"])
    policy = policy_from_settings()
    with make_client(policy) as client, ThreadPoolExecutor(
        settings.DRAMAWIRED_FETCH["workers"]
    ) as pool:
        yield Tools(client, policy, _LIMITER, pool)


def ingest(
    sources: Iterable[Source] | None = None,
    *,
    dry_run: bool = False,
    force: bool = False,
    progress: Progress | None = None,
) -> list[SourceReport]:
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


BUSY = "skipped: another worker is polling it"


def poll(source: Source, token: str, kit: Tools, *,
         progress: Progress | None = None) -> SourceReport:
    """Poll one source we hold the claim on, renewing the claim as items are done, and
    give it back at the end (pipeline/schedule.py)."""
    try:
        return ingest_source(source, kit, progress=_Renewing(source.pk, token, progress))
    finally:
        schedule.release(source.pk, token)


class _Renewing(Progress):
    """Renews the poll's claim as work gets done: at most a few times per lease, not a
    database write for every item."""

    def __init__(self, source_id: int, token: str, inner: Progress | None):
        self.source_id, self.token, self.inner = source_id, token, inner or Progress()
        self.renewed = time.monotonic()

    def _renew(self) -> None:
        if time.monotonic() - self.renewed > settings.DRAMAWIRED_POLL_LEASE / 4:
            schedule.renew(self.source_id, self.token)
            self.renewed = time.monotonic()

    def source_started(self, source, items):
        self._renew()  # the feed took its time: still ours
        self.inner.source_started(source, items)

    def item_done(self, source):
        self._renew()
        self.inner.item_done(source)


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
    except (FetchError, ParseError) as exc:
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
             "seconds=%.2f error=%s", q(source.name),
             " not-modified" if report.not_modified else "", report.new, report.updated,
             report.duplicates, report.filtered, report.failed, report.seconds,
             q(report.error))
    return report


def _ingest(source, report, kit: Tools, dry_run, progress) -> None:
    client, policy, limiter, pool = kit.client, kit.policy, kit.limiter, kit.pool
    # 1. fetch the feed (conditional GET)
    response = fetch(source.feed_url, client, policy, limiter=limiter, etag=source.etag,
                     last_modified=source.last_modified, accept=FEED_ACCEPT)
    if response.not_modified:
        report.not_modified = True
        if not dry_run:
            source.record_success(etag=source.etag, last_modified=source.last_modified)
        return
    # 2. parse
    feed = parse_feed(response.content, response.url, response.content_type)
    report.failed += feed.skipped
    # 3. filter: what the feed alone decides (age, exclude words) before any page is
    # fetched; include/exclude words are checked again on the full story after extraction.
    # Nothing older than the retention age either: it would be purged, then come back.
    max_age_days = min((d for d in (settings.DRAMAWIRED_MAX_AGE_DAYS,
                                    settings.DRAMAWIRED_RETENTION_DAYS) if d), default=0)
    items, dropped = filter_items(
        feed.items, exclude=source.exclude_list,
        max_age=timedelta(days=max_age_days) if max_age_days else None, now=timezone.now(),
    )
    report.filtered = len(dropped)
    # 4. dedupe on cheap keys, before any page is fetched
    todo = _unseen(source, items, report)
    progress.source_started(source, len(todo))
    # 5-8. fetch pages and build articles in parallel (extract, sanitize, categorize, tag)
    context = _Context(source, report, dry_run, candidates=_recent_fingerprints(),
                       known=list(Category.objects.values_list("name", flat=True)))
    rules = source.category_rule_list
    default = source.default_category.name if source.default_category_id else ""
    jobs = [pool.submit(_build, item, keys, _wants_page(source, item), client, policy,
                        limiter, rules, default, context.known) for item, keys in todo]
    for (item, _keys), job in zip(todo, jobs, strict=True):
        try:
            _settle(item, job.result(), context)  # 9-10. dedupe on content, publish
        except (FetchError, ExtractError) as exc:
            report.failed += 1
            log.warning("source=%s item=%s skipped error=%s", q(source.name), item.url,
                        q(str(exc)))
        except Exception:  # one broken item never loses its siblings
            report.failed += 1
            log.exception("source=%s item=%s unexpected error", q(source.name), item.url)
        progress.item_done(source)
    report.error = feed.warning
    if dry_run:
        return
    if feed.truncated:
        source.record_failure(feed.warning)
    else:
        source.record_success(etag=response.headers.get("etag", ""),
                              last_modified=response.headers.get("last-modified", ""),
                              warning=feed.warning)


@dataclass
class _Context:
    source: Source
    report: SourceReport
    dry_run: bool
    candidates: list[tuple[int, int]]  # (post id, fingerprint) of recent posts
    known: list[str]  # category names


def _settle(item: FeedItem, article: Article, ctx: _Context) -> None:
    """Stages 9 and 10 for one built article: here, in the one thread that writes."""
    source, report = ctx.source, ctx.report
    if source.include_list or source.exclude_list:
        story = replace(item, title=article.title, content_html=article.body_html)
        if not filter_items([story], include=source.include_list,
                            exclude=source.exclude_list, now=timezone.now())[0]:
            report.filtered += 1
            return
    if ctx.dry_run:
        twin = _twin(article, ctx)
        report.count("duplicate" if twin is not None else "new")
        return
    # 9-10 under one lock: another worker publishing the same story (a wire copy from a
    # second outlet) at the same moment must be seen by the check, so check and write are
    # one critical section across every process.
    with serialized():
        _catch_up(ctx)
        twin = _twin(article, ctx)
        if twin is not None:
            # 9. dedupe on content: the same story from another source or address
            link_duplicate(article, source, Post.objects.get(pk=twin))
            report.count("duplicate")
            log.info("source=%s item=%s duplicate post=%d", q(source.name), item.url, twin)
            return
        # 10. publish
        status = (Post.Status.DRAFT if source.publish_as == Source.PublishAs.DRAFT
                  else Post.Status.PUBLISHED)
        result = publish(article, source, status=status)
    report.count(result.outcome)
    report.published.append(result.post.pk)
    ctx.candidates.append((result.post.pk, article.fingerprint))
    log.info("source=%s item=%s %s post=%d", q(source.name), item.url, result.outcome,
             result.post.pk)


def _twin(article: Article, ctx: _Context) -> int | None:
    """A recent post telling the same story (a revised item is near-identical to its own
    earlier version, which is no twin)."""
    own = _own_post_id(ctx.source, article)
    return dedupe.find_near_duplicate(
        article.fingerprint, [c for c in ctx.candidates if c[0] != own],
        settings.DRAMAWIRED_DUPLICATE_DISTANCE)


def _catch_up(ctx: _Context) -> None:
    """Add what other workers published since the candidates were loaded."""
    newest = max((pk for pk, _ in ctx.candidates), default=0)
    rows = _window().filter(pk__gt=newest).exclude(fingerprint="")
    ctx.candidates += [(pk, int(fp, 16)) for pk, fp in rows.values_list("pk", "fingerprint")]


def _unseen(source: Source, items: list[FeedItem], report: SourceReport):
    """Items not published before (by GUID for this source, or by canonical URL from any
    source), plus known items the publisher has revised since (their feed date moved)."""
    keyed = [(item, dedupe.cheap_keys(item, source.pk)) for item in items]
    url_keys = {k.url_key for _, k in keyed}
    guid_keys = {k.guid_key for _, k in keyed if k.guid_key}
    posts = {}
    fields = ["url_key", "guid_key", "source_updated_at", "edited", "source_id",
              "source__kind"]
    for row in Post.objects.filter(url_key__in=url_keys).values(*fields):
        posts[row["url_key"]] = row
    for row in Post.objects.filter(source=source, guid_key__in=guid_keys).values(*fields):
        posts[row["guid_key"]] = row
    seen = set(Syndication.objects.filter(url_key__in=url_keys).values_list("url_key",
                                                                              flat=True))
    seen |= set(Syndication.objects.filter(guid_key__in=guid_keys)
                .values_list("guid_key", flat=True))
    todo, batch = [], set()
    for item, keys in keyed:
        known = posts.get(keys.guid_key) or posts.get(keys.url_key)
        repeated = keys.url_key in batch or (keys.guid_key and keys.guid_key in batch)
        batch |= {keys.url_key, keys.guid_key} - {""}
        # Only a source's own post is revised by it; another source's is a duplicate.
        revised = (known is not None and known["source_id"] == source.pk
                   and not known["edited"] and item.updated is not None
                   and (known["source_updated_at"] is None
                        or item.updated > known["source_updated_at"]))
        # An aggregator's link post got the story first: the publisher's own item takes
        # the post over (its headline and page, not a forum title).
        takeover = (known is not None and known["source_id"] != source.pk
                    and known["source__kind"] == Source.Kind.REDDIT
                    and not source.is_aggregator and not known["edited"])
        if repeated or keys.url_key in seen or keys.guid_key in seen or (
                known and not revised and not takeover):
            report.duplicates += 1
        else:
            todo.append((item, keys))
    return todo


def _own_post_id(source: Source, article: Article) -> int | None:
    posts = Post.objects.filter(url_key=article.keys.url_key)
    if article.keys.guid_key:
        posts = posts | Post.objects.filter(source=source, guid_key=article.keys.guid_key)
    return posts.values_list("pk", flat=True).first()


def _window():
    since = timezone.now() - timedelta(days=settings.DRAMAWIRED_DUPLICATE_WINDOW_DAYS)
    return Post.objects.filter(fetched_at__gte=since)


def _recent_fingerprints() -> list[tuple[int, int]]:
    rows = _window().exclude(fingerprint="")
    return [(pk, int(fp, 16)) for pk, fp in rows.values_list("pk", "fingerprint")]


_BLOCK_END = re.compile(r"</(p|h\d|li|blockquote|figcaption|td|th|dd|dt)>|<br\s*/?>", re.I)
_LEADING_IMAGE = re.compile(
    r'^\s*(?:<p>\s*|<figure>\s*)?<img [^>]*src="([^"]+)"[^>]*>\s*(?:</p>|</figure>)?', re.S)


def _plain(fragment: str) -> str:
    """Text of an HTML fragment; each paragraph (or heading, list item) on its own line, so
    that later stages see where one ends."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", _BLOCK_END.sub("\n", fragment)))
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _lead_image(body: str, lead: str) -> tuple[str, str]:
    """A story that opens with its picture: that picture is the lead image, shown once."""
    if m := _LEADING_IMAGE.match(body):
        if not lead or m.group(1) == lead:
            return body[m.end():].lstrip(), m.group(1)
    return body, lead


def _excerpt(text: str) -> str:
    if len(text) <= EXCERPT_CHARS:
        return text
    cut = text[:EXCERPT_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(",;:—-") + "…"


def _wants_page(source: Source, item: FeedItem) -> bool:
    """Fetch the article page unless the feed already holds the whole story: a video, a
    Reddit self post, or an entry with full content."""
    if not source.full_text or item.video_url:
        return False
    if item.content_html and (urlsplit(item.url).hostname or "").endswith("reddit.com"):
        return False
    return len(_plain(item.content_html)) < FULL_CONTENT_CHARS


def _build(item: FeedItem, keys: Keys, fetch_page: bool, client, policy, limiter,
           rules, default, known) -> Article:
    """Stages 5-8 for one item. Runs in a worker thread: no database here."""
    page_html, page_url = None, item.url
    if fetch_page:
        response = fetch(item.url, client, policy, limiter=limiter,
                         accept="text/html,application/xhtml+xml")
        page_html, page_url = response.text, response.url
    return build_article(item, keys, page_html, page_url, rules=rules, default=default,
                         known=known)


def build_article(item: FeedItem, keys: Keys, page_html: str | None, page_url: str, *,
                  rules=(), default: str = "", known=()) -> Article:
    """extract → sanitize → categorize → tag, for a page already in hand."""
    extracted = extract_article(page_html, page_url, item)
    body = sanitize_html(extracted.body_html, page_url)
    lead = urljoin(page_url, extracted.lead_image) if extracted.lead_image else ""
    body, lead = _lead_image(body, lead)
    text = _plain(body)
    title = extracted.title or _excerpt(" ".join(text.split()))[:120]
    summary = " ".join(_plain(item.summary_html).split())
    return Article(
        item=item,
        keys=keys,
        title=title,
        body_html=body,
        excerpt=_excerpt(summary or " ".join(text.split())),
        text=text,
        author=extracted.author,
        published=extracted.published,
        lead_image=lead if lead.startswith(("http://", "https://")) else "",
        category=categorize(title, text, feed_tags=item.tags + extracted.sections,
                            default=default, rules=rules, known=known),
        # A feed's category ("Movie") files the story; it is no tag.
        tags=pick_tags(title, text, feed_tags=tuple(
            t for t in item.tags if t.casefold() not in {k.casefold() for k in known})),
        fingerprint=dedupe.fingerprint(f"{title}\n{text}"),
        page_html=page_html,
        page_url=page_url,
    )
