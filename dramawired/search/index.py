"""The search index: kept in step with posts (signals.py), rebuilt on demand, queried.

Only published posts are indexed; the query also checks status and date against the posts
table, so a post made a draft by a bulk UPDATE (no signal) or scheduled for later is still
never found."""

import threading
from collections import defaultdict
from contextlib import contextmanager

from django.db import transaction
from django.utils import timezone

from dramawired.news.models import Post, Tag

from .backends import CANDIDATES, backend
from .documents import document
from .terms import terms

BATCH = 1000
MAX_RESULTS = CANDIDATES  # ranked ids a search returns at most (backends/__init__.py)


def _documents(ids: list[int]) -> dict:
    """The documents of the published posts among `ids`, in that order, in two queries and
    without model instances: a rebuild reads every post."""
    rows = {row[0]: row for row in Post.objects.filter(
        pk__in=ids, status=Post.Status.PUBLISHED).values_list(
        "id", "title", "excerpt", "body", "author__name", "published_at")}
    tags = defaultdict(list)
    for post_id, name in (Tag.posts.through.objects.filter(post_id__in=list(rows))
                          .order_by("tag__name").values_list("post_id", "tag__name")):
        tags[post_id].append(name)
    docs = {}
    for pk in ids:
        if pk in rows:
            _, title, excerpt, body, author, published_at = rows[pk]
            docs[pk] = document(title, excerpt, body, tags[pk], author, published_at)
    return docs


_pending = threading.local()


@contextmanager
def coalesced():
    """Posts reindexed inside are reindexed once each, on leaving without an error (in the
    caller's transaction, if any): a new post is saved, then tagged, and each would write
    its index rows."""
    if getattr(_pending, "ids", None) is not None:  # nested: the outer one writes
        yield
        return
    _pending.ids = {}
    try:
        yield
        ids = list(_pending.ids)
    finally:
        _pending.ids = None
    reindex_posts(ids)


def reindex_posts(ids) -> None:
    """Bring these posts' index rows up to date: written if published, else removed."""
    if getattr(_pending, "ids", None) is not None:
        _pending.ids.update(dict.fromkeys(ids))
        return
    ids = list(dict.fromkeys(ids))
    for start in range(0, len(ids), BATCH):
        chunk = ids[start:start + BATCH]
        docs = _documents(chunk)
        backend().write(docs, [pk for pk in chunk if pk not in docs])


def remove_posts(ids) -> None:
    backend().write({}, list(ids))


def rebuild() -> int:
    """Empty the index and index every published post again, in the order the back end
    writes fastest or reads fastest afterwards (REBUILD_ORDER); returns how many."""
    engine = backend()
    with transaction.atomic():
        ids = list(Post.objects.filter(status=Post.Status.PUBLISHED)
                   .order_by(*engine.REBUILD_ORDER).values_list("pk", flat=True))
        engine.clear()
        for start in range(0, len(ids), BATCH):
            engine.write(_documents(ids[start:start + BATCH]), [])
    engine.optimize()
    return len(ids)


def search(query: str, limit: int = MAX_RESULTS) -> list[int]:
    """Ids of the published posts matching every word of `query`, best first: the newest
    CANDIDATES of them, ranked (backends/__init__.py)."""
    words = terms(query)
    if not words:
        return []
    return backend().ranked_ids(words, timezone.now(), limit, CANDIDATES)
