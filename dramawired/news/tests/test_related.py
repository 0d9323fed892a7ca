"""You might also like: shared names first, then the same category around the post's time;
never empty while the site has other posts in that category."""

from datetime import timedelta

import pytest
from django.utils import timezone

from dramawired.news.models import Category, Post, Tag
from dramawired.news.views.article import RELATED, related


def _post(n: int, *, category=None, hours_ago: float = 0, tags=()) -> Post:
    post = Post.objects.create(
        title=f"Story {n}", slug=f"story-{n}", original_url=f"https://example.com/{n}",
        url_key=f"k{n}", category=category,
        published_at=timezone.now() - timedelta(hours=hours_ago))
    post.tags.set(Tag.for_names(list(tags)))
    return post


def _titles(post: Post) -> list[str]:
    return [p.title for p in related(post, list(post.tags.values_list("pk", flat=True)))]


@pytest.mark.django_db
def test_untagged_story_gets_its_category_neighbours_nearest_in_time():
    music, tv = Category.objects.get(slug="music"), Category.objects.get(slug="tv")
    for n in range(1, 8):
        _post(n, category=music, hours_ago=n * 10)
    _post(20, category=tv, hours_ago=41)  # another category, nearest of all: not taken
    post = _post(0, category=music, hours_ago=45)
    # The three just before it (50, 60, 70 h ago), then the nearest after it (40 h ago).
    assert _titles(post) == ["Story 5", "Story 6", "Story 7", "Story 4"]


@pytest.mark.django_db
def test_shared_names_come_first_then_the_category_fills():
    movie = Category.objects.get(slug="movie")
    _post(1, category=movie, hours_ago=1)
    _post(2, category=movie, hours_ago=2, tags=["Zendaya"])
    _post(3, hours_ago=3, tags=["Zendaya", "Dune"])  # no category, two names shared
    post = _post(0, category=movie, hours_ago=0.5, tags=["Zendaya", "Dune"])
    assert _titles(post) == ["Story 3", "Story 2", "Story 1"]


@pytest.mark.django_db
def test_a_story_filed_nowhere_still_gets_the_posts_of_its_time():
    for n in range(1, RELATED + 2):
        _post(n, category=Category.objects.get(slug="gossip"), hours_ago=n)
    post = _post(0, hours_ago=0)
    assert len(_titles(post)) == RELATED


@pytest.mark.django_db
def test_alone_in_the_site_is_empty_and_drafts_never_show():
    post = _post(0, category=Category.objects.get(slug="tv"))
    draft = _post(1, category=post.category)
    Post.objects.filter(pk=draft.pk).update(status=Post.Status.DRAFT)
    assert _titles(post) == []
