"""Write the post: the only stage that touches posts in the database.

One transaction per post. Unique keys (source + GUID, canonical URL, slug) make a re-run
after a crash idempotent: an item that made it in is found again and not written twice;
two workers racing on one item end with one post.
"""

import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.dispatch import Signal
from django.utils import timezone

from dramawired.news import generations
from dramawired.news.models import Author, Category, Post, Syndication, unique_slug
from dramawired.search import index

from . import quirks
from .categorize import UNCATEGORIZED
from .items import Article
from .models import FetchedPage
from .parse import is_web_url
from .seen import own_posts
from .vocabulary import article_tags

# Sent when a new post is written, in its transaction (and the publishers' lock when run.py
# holds it), with `post` and the `article` it was built from: what the site does with a new
# post beyond showing it (grouping it into a story) listens here, so the pipeline imports
# no site app; the caches hear of both at once.
post_published = Signal()


@dataclass(frozen=True)
class Published:
    outcome: str  # "new", "updated", "duplicate"
    post: Post


def category_for(name: str) -> Category:
    found = Category.objects.filter(name__iexact=name).first()
    if found:
        return found
    category, _ = Category.objects.get_or_create(
        slug="uncategorized", defaults={"name": UNCATEGORIZED, "position": 999}
    )
    return category


def _web(url: str) -> str:
    """Only http(s) addresses are ever written as links (parse drops the rest; this
    holds for any other way an item arrives)."""
    return url if is_web_url(url) else ""


def _fields(article: Article, source) -> dict:
    now = timezone.now()
    fetched_at = article.fetched_at or now
    author = source.author if source and source.author_id else Author.for_name(article.author)
    return {
        "title": article.title[:500],
        "excerpt": article.excerpt,
        "body": article.body_html,
        "lead_image": article.lead_image[:2000],
        "original_url": _web(article.item.url)[:2000],
        "guid": article.item.guid[:2000],
        "author": author,
        "category": category_for(article.category),
        "category_by": article.category_by,
        # A clock or time zone error must not hide a story until some future date.
        "published_at": min(article.published or now, now),
        "source_updated_at": article.item.updated,
        "fingerprint": f"{article.fingerprint:016x}" if article.fingerprint else "",
        "fetched_at": fetched_at,
    }


# Any fixed number: the PostgreSQL advisory lock all publishers queue on.
PUBLISH_LOCK = 0x44726D57  # "DrmW"


@contextmanager
def serialized():
    """One publisher at a time, across threads, processes and machines, for a decision
    and the write it leads to. SQLite needs no more than the transaction: ours begin
    IMMEDIATE, which takes the database's write lock. PostgreSQL gets an advisory lock,
    released when the transaction ends."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [PUBLISH_LOCK])
        yield


def link_duplicate(article: Article, source, post: Post) -> Published:
    """The story is already published as `post`: remember where else it appeared."""
    Syndication.objects.get_or_create(
        url_key=article.keys.url_key,
        defaults={"post": post, "source": source, "title": article.title[:500],
                  "url": _web(article.item.url)[:2000], "guid_key": article.keys.guid_key},
    )
    return Published("duplicate", post)


def publish(article: Article, source, *, status: str = Post.Status.PUBLISHED) -> Published:
    for attempt in range(3):
        try:
            # The caches and the search index hear of the post once, not once per signal.
            with transaction.atomic(), generations.coalesced(), index.coalesced():
                return _write(article, source, status, salt=attempt > 0)
        except IntegrityError:
            # Another worker wrote the same item (or took the slug) between our read and
            # write: if the item is there now, it is a duplicate; else retry the slug.
            existing = _existing(article, source)
            if existing is not None:
                return Published("duplicate", existing)
    raise IntegrityError(f"could not publish {article.item.url}")


def _existing(article: Article, source) -> Post | None:
    return own_posts(source, article.keys).first()


def _write(article: Article, source, status: str, salt: bool) -> Published:
    existing = _existing(article, source)
    fields = _fields(article, source)
    if existing is not None:
        # An editor's version stays; another source's post is the same story, not ours
        # to revise (it got in between our cheap dedupe and now), unless an aggregator's
        # link post holds it and this is the publisher's own item.
        theirs = source is not None and existing.source_id != source.pk
        if existing.edited or (theirs and not _taken_over(existing, source, article)):
            return Published("duplicate", existing)
        if existing.category_by == Post.FiledBy.EDITOR:  # an editor filed it: it stays
            del fields["category"], fields["category_by"]
        for name, value in fields.items():
            setattr(existing, name, value)
        existing.save()
        existing.tags.set(article_tags(article))
        _keep_page(article, existing)
        return Published("updated", existing)
    slug_text = article.title + (f" {uuid.uuid4().hex[:6]}" if salt else "")
    post = Post.objects.create(
        slug=unique_slug(Post, slug_text),
        url_key=article.keys.url_key,
        guid_key=article.keys.guid_key,
        source=source,
        status=status,
        **fields,
    )
    post.tags.add(*article_tags(article))  # a new post has none: nothing to compare
    _keep_page(article, post, new=True)
    post_published.send(sender=Article, post=post, article=article)
    return Published("new", post)


def _taken_over(post: Post, source, article: Article) -> bool:
    """The publisher's item replaces an aggregator's link post to its story: the post
    keeps its address (shared links keep working) and becomes the publisher's."""
    if quirks.is_aggregator(source.kind) or post.source is None or \
            not quirks.is_aggregator(post.source.kind):
        return False
    post.source, post.guid_key = source, article.keys.guid_key
    return True


def _keep_page(article: Article, post: Post, new: bool = False) -> None:
    """Keep what the post was built from, in the same transaction as the post; a post
    published from its feed because the page could not be had is due for a retry. A new
    post has none kept yet (its page is written without looking)."""
    retry = timedelta(minutes=settings.DRAMAWIRED_PAGE_RETRY_MINUTES)
    fields = {
        "url": (article.page_url or article.item.url)[:2000],
        "html_z": FetchedPage.pack(article.page_html),
        "item": FetchedPage.item_to_json(article.item),
        "fetched_at": post.fetched_at,
        "page_error": article.page_error[:2000],
        "attempts": 0,
        "next_attempt": post.fetched_at + retry if article.page_error else None,
    }
    if new:
        FetchedPage.objects.create(post=post, **fields)
    else:
        FetchedPage.objects.update_or_create(post=post, defaults=fields)
