"""The search index: kept in step with posts (signals.py), rebuilt on demand, queried.

Only published posts are indexed; the query also checks status and date against the posts
table, so a post made a draft by a bulk UPDATE (no signal) or scheduled for later is still
never found."""

from django.db import transaction
from django.utils import timezone

from dramawired.news.models import Post

from .backends import backend
from .documents import document
from .terms import terms

BATCH = 1000
MAX_RESULTS = 1000  # ranked ids fetched per search; nobody pages past 1,000 results


def _indexable():
    return (Post.objects.filter(status=Post.Status.PUBLISHED)
            .select_related("author").prefetch_related("tags")
            .only("id", "title", "excerpt", "body", "author__name"))


def reindex_posts(ids) -> None:
    """Bring these posts' index rows up to date: written if published, else removed."""
    ids = list(dict.fromkeys(ids))
    for start in range(0, len(ids), BATCH):
        chunk = ids[start:start + BATCH]
        docs = {post.pk: document(post) for post in _indexable().filter(pk__in=chunk)}
        backend().write(docs, [pk for pk in chunk if pk not in docs])


def remove_posts(ids) -> None:
    backend().write({}, list(ids))


def rebuild() -> int:
    """Empty the index and index every published post again; returns how many."""
    engine, count, last = backend(), 0, 0
    with transaction.atomic():
        engine.clear()
        while True:
            posts = list(_indexable().filter(pk__gt=last).order_by("pk")[:BATCH])
            if not posts:
                break
            engine.write({post.pk: document(post) for post in posts}, [])
            count, last = count + len(posts), posts[-1].pk
    engine.optimize()
    return count


def search(query: str, limit: int = MAX_RESULTS) -> list[int]:
    """Ids of the published posts matching every word of `query`, best first."""
    words = terms(query)
    if not words:
        return []
    return backend().ranked_ids(words, timezone.now(), limit)
