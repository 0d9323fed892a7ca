"""The whole pipeline against the demo publishers over real HTTP."""

import pytest

from dramawired.demo.catalog import articles
from dramawired.news.models import Post, Syndication
from dramawired.pipeline.run import ingest

ALIBABA = "Alibaba Set to Invest $640M Into Hong Kong Entertainment Industry"


def _originals():
    """Every demo article as its own outlet published it (wire copies left out)."""
    return [a for items in articles().values() for a in items if a.original is None]


@pytest.mark.django_db
def test_demo_ingest_publishes_every_story_once(demo_sources):
    reports = ingest()
    assert all(not r.error for r in reports), [r.error for r in reports if r.error]
    stories = [a for a in _originals() if not a.link]  # link posts point at other stories
    assert Post.objects.count() == len(stories)
    # Wire copies republished by a second outlet are linked, not published twice.
    assert Syndication.objects.count() == 2


@pytest.mark.django_db
def test_titles_keep_every_character(demo_sources):
    ingest()
    published = set(Post.objects.values_list("title", flat=True))
    expected = {a.title for a in _originals() if not a.link}
    assert published == expected
    post = Post.objects.get(title=ALIBABA)
    assert post.slug == "alibaba-set-to-invest-640m-into-hong-kong-entertainment-industry"
    assert "$640M" in post.body
    assert {"Hong Kong", "Alibaba Pictures", "Filmart"} <= set(
        post.tags.values_list("name", flat=True))
