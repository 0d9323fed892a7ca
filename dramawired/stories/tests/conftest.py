from datetime import timedelta

import pytest
from django.utils import timezone

from dramawired.news.models import Post
from dramawired.sources.models import Source


@pytest.fixture
def make_post(db):
    """A published post of an outlet (created on first use), `minutes` ago."""
    outlets = {}

    def make(title, outlet="Starlight Daily", minutes=0, body="", **fields):
        if outlet not in outlets:
            outlets[outlet] = Source.objects.create(
                name=outlet, feed_url=f"https://{len(outlets)}.example.com/feed")
        n = Post.objects.count() + 1
        return Post.objects.create(
            title=title, slug=f"post-{n}", url_key=f"key-{n}", body=body,
            original_url=f"https://example.com/{n}", source=outlets[outlet],
            published_at=timezone.now() - timedelta(minutes=minutes), **fields)
    return make
