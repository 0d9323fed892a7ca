"""Putting a post into the story it reports, as it is published.

A new post is compared with the stories active around its time (a post within
similarity.quiet hours of it), found through their headline words (StoryKey, WINDOW
either side), never with the archive: the cost of one post is a few indexed reads
whatever the site's size. It joins the most alike (similarity.choose)
or starts its own. Runs inside the publishers' lock (pipeline/publish.serialized), as the
regrouping job does, so two takes published at once by two workers cannot start two
stories and a story's counts are never written by two at once.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils.text import slugify

from dramawired.news import generations
from dramawired.news.models import Post

from . import similarity
from .models import Story, StoryKey, StoryPost

WINDOW = timedelta(hours=72)  # how far back a story's headline words are looked up
CANDIDATES = 30  # stories compared at most: the ones whose words were used most recently
EMPTY = similarity.EMPTY_TERMS
REDRAWN = 5  # a story's newest posts redrawn at once when one joins (the rest: within TTL)


@dataclass
class Candidate:
    """What grouping reads of a story it may join: plain values, no model to build (a
    poll compares each post with up to CANDIDATES stories)."""

    pk: int
    centroid: similarity.Terms
    post_count: int
    outlet_count: int
    first_published_at: datetime
    last_published_at: datetime
    locked: bool

    def hours_from(self, at: datetime) -> float:
        """Hours between `at` and the nearest of the story's posts (0 within them)."""
        apart = max(self.first_published_at - at, at - self.last_published_at)
        return max(0.0, apart.total_seconds() / 3600)


def candidates(terms: similarity.Terms, at) -> list[Candidate]:
    """Stories with a post within similarity.quiet(terms) hours of `at` that share a
    headline word with `terms`, the most recently active first: one query on the
    (key, at) index."""
    keys = terms.keys()
    if not keys:
        return []
    quiet = timedelta(hours=similarity.quiet(terms))
    recent = (StoryKey.objects.filter(key__in=keys, at__gte=at - WINDOW, at__lte=at + WINDOW)
              .order_by("-at").values("story_id")[:CANDIDATES * len(keys)])
    rows = (Story.objects.filter(pk__in=recent, last_published_at__gte=at - quiet,
                                 first_published_at__lte=at + quiet)
            .order_by("-last_published_at")
            .values_list("pk", "centroid", "post_count", "outlet_count", "first_published_at",
                         "last_published_at", "locked")[:CANDIDATES])
    return [Candidate(pk, similarity.Terms.from_json(c), *rest) for pk, c, *rest in rows]


def group(post: Post, text: str = "", names: tuple[str, ...] = ()) -> StoryPost | None:
    """File a published post under its story (a new one if none fits). Returns its
    place, or None for a post readers cannot see yet. A post is grouped once: a second
    call fails on StoryPost's one-per-post constraint. `names`: its tags."""
    if post.status != Post.Status.PUBLISHED:
        return None
    terms = similarity.terms(post.title, text, names)
    found = {c.pk: c for c in candidates(terms, post.published_at)}
    at = post.published_at
    story_id, score = similarity.choose(
        terms, [(pk, c.centroid, c.hours_from(at)) for pk, c in found.items()])
    with transaction.atomic(), generations.coalesced():
        if story_id is None:
            return _start(post, terms)
        return _join(found[story_id], post, terms, score)


def _start(post: Post, terms: similarity.Terms) -> StoryPost:
    story = Story.objects.create(
        title=post.title[:500], slug=slugify(post.title, allow_unicode=True)[:200], lead=post,
        first_published_at=post.published_at, last_published_at=post.published_at,
        post_count=1, outlet_count=1, centroid=similarity.add(EMPTY, terms).to_json())
    link = StoryPost.objects.create(post=post, story=story, terms=terms.to_json())
    StoryKey.objects.bulk_create([StoryKey(key=k, story=story, at=post.published_at)
                                  for k in terms.keys()], ignore_conflicts=True)
    return link


def _join(story: Candidate, post: Post, terms: similarity.Terms, score: float) -> StoryPost:
    link = StoryPost.objects.create(post=post, story_id=story.pk, terms=terms.to_json(),
                                    score=round(score, 4))
    known_outlet = post.source_id is not None and StoryPost.objects.filter(
        story_id=story.pk, post__source_id=post.source_id).exclude(pk=link.pk).exists()
    fields = {
        "centroid": similarity.add(story.centroid, terms).to_json(),
        "post_count": story.post_count + 1,
        "outlet_count": story.outlet_count + (0 if known_outlet else 1),
        "first_published_at": min(story.first_published_at, post.published_at),
        "last_published_at": max(story.last_published_at, post.published_at),
    }
    if post.published_at < story.first_published_at and not story.locked:
        fields.update(lead=post, title=post.title[:500],  # the earliest take leads
                      slug=slugify(post.title, allow_unicode=True)[:200])
    joined = Story(pk=story.pk, **fields)
    joined.save(update_fields=list(fields))  # its post_save redraws the listings
    remember_keys(joined, terms.keys(), post.published_at)
    redraw(joined)
    return link


def remember_keys(story: Story, keys: list[str], at) -> None:
    StoryKey.objects.bulk_create([StoryKey(key=k, story=story, at=at) for k in keys],
                                 ignore_conflicts=True)
    StoryKey.objects.filter(story=story, key__in=keys, at__lt=at).update(at=at)


def refresh(story: Story) -> None:
    """Counts, times, lead and centroid worked out again from the story's posts, after an
    editor or the regrouping job moved some."""
    links = list(StoryPost.objects.filter(story=story).select_related("post")
                 .only("terms", "post__title", "post__source_id",
                       "post__published_at"))
    posts = [link.post for link in links]
    story.post_count = len(posts)
    story.outlet_count = len({p.source_id or f"post{p.pk}" for p in posts})
    centroid = EMPTY
    for link in links:
        centroid = similarity.add(centroid, similarity.Terms.from_json(link.terms))
    story.centroid = centroid.to_json()
    if posts:
        lead = min(posts, key=lambda p: (p.published_at, p.pk))
        story.first_published_at = lead.published_at
        story.last_published_at = max(p.published_at for p in posts)
        if story.lead_id is None or not story.locked:
            story.lead, story.title = lead, lead.title[:500]
            story.slug = slugify(lead.title, allow_unicode=True)[:200]
    story.save()
    redraw(story)


def redraw(story: Story) -> None:
    """Each post of the story shows the others ("Also covered by"): the newest REDRAWN
    pages are redrawn now, older ones within the cache's TTL. The listings move with the
    Story's save (signals.py)."""
    slugs = (Post.objects.filter(story_link__story=story).order_by("-published_at")
             .values_list("slug", flat=True)[:REDRAWN])
    for slug in slugs:
        generations.bump_post(slug)
