"""Posts made directly, without the pipeline: each test states the words it searches."""

import hashlib
import itertools

from django.utils import timezone

from dramawired.news.models import Author, Post, Tag

_numbers = itertools.count(1)


def make_post(title: str, body: str = "", *, days_ago: float = 1, tags=(), author=None,
              status=Post.Status.PUBLISHED, excerpt: str = "") -> Post:
    """Created as the pipeline does it: the post first, then its tags."""
    n = next(_numbers)
    url = f"https://example.com/story-{n}/"
    post = Post.objects.create(
        title=title, slug=f"story-{n}", body=f"<p>{body}</p>", excerpt=excerpt,
        original_url=url, url_key=hashlib.sha256(url.encode()).hexdigest(),
        published_at=timezone.now() - timezone.timedelta(days=days_ago), status=status,
        author=Author.for_name(author) if author else None)
    if tags:
        post.tags.set(Tag.for_names(list(tags)))
    return post
