"""Seen before? The database look-ups dedupe needs: which feed items are already posts
(by GUID or canonical URL), and the fingerprints of recent posts to compare new stories
with."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from dramawired.news.models import Post, Syndication
from dramawired.sources.models import Source

from . import dedupe, quirks
from .items import Article, FeedItem, Keys


class Candidates:
    """Recent posts a new story may be a copy of: their fingerprints, indexed so that a
    look-up costs a fraction of the posts there are (dedupe.NearIndex), since one poll of
    a large feed looks up every story it builds, against every post it published before."""

    def __init__(self, rows=()):
        # (post id, source id) by fingerprint
        self.index = dedupe.NearIndex(settings.DRAMAWIRED_DUPLICATE_DISTANCE)
        self.newest = 0  # the highest post id known: catch_up reads those above it
        for post_id, fingerprint, source_id in rows:
            self.add(post_id, fingerprint, source_id)

    def add(self, post_id: int, fingerprint: int, source_id: int | None) -> None:
        self.index.add((post_id, source_id), fingerprint)
        self.newest = max(self.newest, post_id)


def unseen(source: Source, items: list[FeedItem]) -> tuple[list[tuple[FeedItem, Keys]], int]:
    """Items not published before (by GUID for this source, or by canonical URL from any
    source), plus known items the publisher has revised since (their feed date moved);
    and how many were known."""
    shared = dedupe.shared_urls(items)
    keyed = [(item, dedupe.cheap_keys(item, source.pk, shared)) for item in items]
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
    todo, batch, known_count = [], set(), 0
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
                    and quirks.is_aggregator(known["source__kind"])
                    and not quirks.is_aggregator(source.kind) and not known["edited"])
        if repeated or keys.url_key in seen or keys.guid_key in seen or (
                known and not revised and not takeover):
            known_count += 1
        else:
            todo.append((item, keys))
    return todo, known_count


def own_posts(source: Source | None, keys: Keys):
    """The post this item already is (a revision of), if any: by address, or by id within
    its source."""
    posts = Post.objects.filter(url_key=keys.url_key)
    if keys.guid_key and source is not None:
        # "not empty" says nothing new of a given id, but it is the condition of the
        # unique index on (source, guid_key): named, it lets the database use that index
        # (SQLite otherwise reads every post of the source, for every item).
        posts = posts | Post.objects.filter(source=source, guid_key=keys.guid_key) \
            .exclude(guid_key="")
    return posts


def twin(story: Article, source: Source, candidates: Candidates) -> int | None:
    """A recent post telling the same story. A revised item is near-identical to its own
    earlier version, which is no twin; and where a source's ids name distinct videos or
    posts (quirks.DISTINCT_ID_KINDS), its other items are never copies of this one."""
    if story.fingerprint == dedupe.NONE:
        return None
    distinct_ids = quirks.has_distinct_ids(source.kind)
    own: list[int | None] = []  # the item's own post, looked up once a candidate is near

    def skip(post) -> bool:
        if distinct_ids and post[1] == source.pk:
            return True
        if not own:
            own.append(own_posts(source, story.keys).values_list("pk", flat=True).first())
        return post[0] == own[0]

    found = candidates.index.nearest(story.fingerprint, skip=skip)
    return found[0] if found else None


def _window():
    since = timezone.now() - timedelta(days=settings.DRAMAWIRED_DUPLICATE_WINDOW_DAYS)
    return Post.objects.filter(fetched_at__gte=since).exclude(fingerprint="")


def recent_fingerprints() -> Candidates:
    return Candidates((pk, int(fp, 16), source_id) for pk, fp, source_id
                      in _window().values_list("pk", "fingerprint", "source_id"))


def catch_up(candidates: Candidates) -> None:
    """Add what other workers published since the candidates were loaded. Read by id (the
    primary key's range), then put in the posts' order: asked for in that order, the
    database would walk the whole date index for the few new ones, on every item."""
    posts = _window().filter(pk__gt=candidates.newest).order_by()
    rows = posts.values_list("pk", "fingerprint", "source_id", "published_at")
    for pk, fp, source_id, _ in sorted(rows, key=lambda row: (row[3], row[0]),
                                       reverse=True):
        candidates.add(pk, int(fp, 16), source_id)
