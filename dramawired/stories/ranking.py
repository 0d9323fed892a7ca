"""Which stories lead: Top stories on the home page, Trending now and Trending names.

Top stories (`top`), for each story active in the last HORIZON hours that at least two
outlets cover (or an editor pinned), never a hidden one:

    score = (outlets + 0.5 × arrivals + 0.25 × ln(1 + views)) / (age + 2) ^ 1.2

- outlets: distinct outlets covering it (what Techmeme and WeSmirch rank by);
- arrivals: its posts published in the last RECENT hours (how fast coverage is arriving);
- views: reader views of its posts in the last RECENT hours (the regrouping job samples
  their totals: Story.view_samples);
- age: hours since its first post. The gravity (1.2, + 2 hours) is Hacker News's form,
  softened: a story a day old needs about five times the coverage of a new one to lead.
Pinned stories come first, in pinned order of their scores.

Trending now (`trending`) drops the age and the total coverage: stories of the last day by
arrivals + 0.5 × ln(1 + views) (what is moving now, not what is biggest). Trending names
(`rising_names`) are tags on more posts in the last day than their usual rate (their
daily mean over the two weeks before), by (recent − usual) / √(usual + 1), seen on at
least two posts.
"""

import math
import time
from datetime import timedelta

from django.core.cache import cache
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils import timezone

from dramawired.news.generations import LAYOUT_KEY, generations
from dramawired.news.models import Post, Tag

from .models import Story

HORIZON = 48  # hours a story can lead Top stories after its last post
RECENT = 6  # hours of arrivals and views that count as "now"
GRAVITY = 1.2
POOL = 200  # stories scored at most: the most recently active
USUAL_DAYS = 14


def views_since(story: Story, since: float) -> int:
    """Views of the story's posts since `since` (unix seconds), from the job's samples."""
    samples = story.view_samples or []
    if len(samples) < 2:
        return 0
    before = next((total for at, total in reversed(samples) if at <= since), samples[0][1])
    return max(samples[-1][1] - before, 0)


def _pool(hours: int, now) -> list[Story]:
    """Stories active in the last `hours` that two outlets cover or an editor pinned, with
    their arrivals of the last RECENT hours: one query."""
    recent = Q(links__post__published_at__gte=now - timedelta(hours=RECENT))
    stories = list(Story.objects.filter(last_published_at__gte=now - timedelta(hours=hours),
                                        hidden=False)
                   .filter(Q(outlet_count__gte=2) | Q(pinned=True))
                   .annotate(arrivals=Count("links", filter=recent))
                   .order_by("-last_published_at")[:POOL])
    for story in stories:
        story.recent_views = views_since(story, time.time() - RECENT * 3600)
    return stories


def score(story: Story, now) -> float:
    age = max((now - story.first_published_at).total_seconds() / 3600, 0.0)
    return ((story.outlet_count + 0.5 * story.arrivals + 0.25 * math.log1p(story.recent_views))
            / (age + 2) ** GRAVITY)


def top(n: int = 5, now=None) -> list[Story]:
    now = now or timezone.now()
    stories = _pool(HORIZON, now)
    return sorted(stories, key=lambda s: (not s.pinned, -score(s, now)))[:n]


def trending(n: int = 5, now=None) -> list[Story]:
    now = now or timezone.now()
    stories = [s for s in _pool(24, now) if s.arrivals or s.recent_views]
    return sorted(stories, key=lambda s: -(s.arrivals + 0.5 * math.log1p(s.recent_views)))[:n]


def rising_names(n: int = 8, now=None) -> list[Tag]:
    now = now or timezone.now()
    day = now - timedelta(days=1)
    published = Post.objects.published()
    recent = dict(Tag.objects.filter(blocked=False, posts__in=published.filter(
        published_at__gte=day)).annotate(n=Count("posts")).filter(n__gte=2)
        .values_list("pk", "n").order_by("-n")[:100])
    if not recent:
        return []
    before = dict(Tag.objects.filter(pk__in=recent, posts__in=published.filter(
        published_at__gte=day - timedelta(days=USUAL_DAYS), published_at__lt=day))
        .annotate(n=Count("posts")).values_list("pk", "n").order_by())
    rise = {}
    for pk, count in recent.items():
        usual = before.get(pk, 0) / USUAL_DAYS
        if (value := (count - usual) / math.sqrt(usual + 1)) > 1:
            rise[pk] = value
    best = sorted(rise, key=lambda pk: -rise[pk])[:n]
    tags = Tag.objects.in_bulk(best)
    return [tags[pk] for pk in best]


TRENDING_TTL = 3600  # seconds: trending the worker has not redrawn for this long is gone


def trending_key() -> str:
    """Where the sidebar finds Trending now and Trending names: keyed by the layout's
    generation, so a tag renamed or blocked is never shown."""
    return f"stories:trending:{generations([LAYOUT_KEY])}"


def draw_trending() -> None:
    """What the worker runs every few minutes (jobs.py): pages never count trending."""
    cache.set(trending_key(), render_to_string("stories/_trending.html", {
        "stories": trending(), "names": rising_names()}), TRENDING_TTL)
