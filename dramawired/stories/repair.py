"""The regrouping job's work: what grouping at publish time can miss, put right.

- A published post with no story (one published as a draft and released later, one from
  before stories existed, or one whose grouping failed) is grouped now.
- Two stories started apart that turn out to be one (their first takes came in together,
  each before the other existed) are merged into the older.
- Each recent story's view total is sampled, for ranking's "views in the last hours".
Bounded by the window (grouping.WINDOW): never a rescan of the archive. An editor's
decision is never undone: a locked story is neither merged nor split.
"""

import logging
import time
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.html import strip_tags

from dramawired.news.models import Post
from dramawired.pipeline.publish import serialized

from . import similarity
from .grouping import WINDOW, candidates, group, refresh
from .models import Story, StoryKey, StoryPost

log = logging.getLogger("dramawired.stories")

BATCH = 500  # posts grouped per run at most; the next run takes the rest
SAMPLES_KEPT = 12 * 3600  # seconds of view samples a story keeps


@dataclass
class Repaired:
    grouped: int = 0
    merged: int = 0
    sampled: int = 0


def repair(now=None) -> Repaired:
    now = now or timezone.now()
    done = Repaired()
    loose = (Post.objects.published().filter(published_at__gte=now - WINDOW,
                                             story_link__isnull=True)
             .only("pk", "title", "body", "status", "published_at").order_by("published_at"))
    for post in loose[:BATCH]:
        with serialized():
            names = tuple(post.tags.values_list("name", flat=True))
            if group(post, strip_tags(post.body), names) is not None:
                done.grouped += 1
    for story in Story.objects.filter(last_published_at__gte=now - WINDOW, locked=False) \
            .order_by("first_published_at"):
        with serialized():
            done.merged += merge_alike(story)
    done.sampled = sample_views(now)
    return done


def group_stored(since=None, progress=None) -> int:
    """Group every published post with no story (published on or after `since`), oldest
    first, as if each were published now: for a site's archive, imported or from before
    stories (the job looks back WINDOW only). Returns how many were grouped."""
    loose = Post.objects.published().filter(story_link__isnull=True)
    if since is not None:
        loose = loose.filter(published_at__gte=since)
    ids = list(loose.order_by("published_at", "pk").values_list("pk", flat=True))
    done = 0
    for n, pk in enumerate(ids, 1):
        post = Post.objects.filter(pk=pk, story_link__isnull=True).first()
        if post is not None:
            with serialized():
                names = tuple(post.tags.values_list("name", flat=True))
                done += group(post, strip_tags(post.body), names) is not None
        if progress:
            progress(n, len(ids))
    return done


def merge_alike(story: Story) -> int:
    """Merge into `story` a later unlocked story whose own posts, one by one, would have
    joined it: half of them at least (1 if it took one). Centroids alone are not enough:
    two stories of one star share his name in every post."""
    story = Story.objects.filter(pk=story.pk).first()  # merged into another just now?
    if story is None or story.locked or not story.centroid:
        return 0
    centroid = similarity.Terms.from_json(story.centroid)
    later = [c.pk for c in candidates(centroid, story.last_published_at)
             if c.pk != story.pk and not c.locked
             and c.first_published_at >= story.first_published_at]
    for other in later:
        takes = [similarity.Terms.from_json(t) for t in
                 StoryPost.objects.filter(story_id=other).values_list("terms", flat=True)]
        if takes and 2 * sum(similarity.alike(t, centroid) > 0 for t in takes) >= len(takes):
            merge(Story.objects.get(pk=other), into=story)
            return 1
    return 0


def merge(story: Story, into: Story, *, by_editor: bool = False) -> None:
    """Every post of `story` joins `into`; `story` goes."""
    gone = story.pk
    with transaction.atomic():
        StoryPost.objects.filter(story=story).update(
            story=into, **({"by_editor": True} if by_editor else {}))
        keys = list(StoryKey.objects.filter(story=story).values_list("key", "at"))
        story.delete()
        into.locked = into.locked or by_editor
        StoryKey.objects.bulk_create([StoryKey(key=k, story=into, at=at) for k, at in keys],
                                     ignore_conflicts=True)
        refresh(into)
    log.info("story=%d merged into story=%d", gone, into.pk)


def split(link: StoryPost) -> Story:
    """An editor takes a post out of its story: it gets one of its own, and both stay as
    the editor left them (locked)."""
    with transaction.atomic():
        old = link.story
        post = link.post
        new = Story.objects.create(title=post.title[:500], lead=post, locked=True,
                                   first_published_at=post.published_at,
                                   last_published_at=post.published_at)
        link.story, link.by_editor = new, True
        link.save()
        StoryKey.objects.bulk_create([StoryKey(key=k, story=new, at=post.published_at)
                                      for k in similarity.Terms.from_json(link.terms).keys()])
        refresh(new)
        old.locked = True
        if old.links.exists():
            refresh(old)
        else:
            old.delete()
    return new


def sample_views(now) -> int:
    """Add the current view total of each story active in the last day to its samples."""
    stamp = int(time.time())
    stories = Story.objects.filter(last_published_at__gte=now - WINDOW)
    totals = dict(StoryPost.objects.filter(story__in=stories).values_list("story")
                  .annotate(total=Sum("post__view_count")).order_by())
    changed = []
    for story in stories.only("pk", "view_samples"):
        samples = [s for s in (story.view_samples or []) if s[0] > stamp - SAMPLES_KEPT]
        samples.append([stamp, int(totals.get(story.pk) or 0)])
        story.view_samples = samples
        changed.append(story)
    Story.objects.bulk_update(changed, ["view_samples"], batch_size=500)
    return len(changed)
