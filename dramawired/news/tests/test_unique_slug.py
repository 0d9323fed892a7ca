"""unique_slug: the first free name of title, title-2, title-3…, asked for by name."""

import hashlib

import pytest

from dramawired.news.models import Post, unique_slug


def _post(slug: str) -> Post:
    # url_key is 64 characters at most (PostgreSQL enforces it): a digest, as publish keys.
    return Post.objects.create(title=slug, slug=slug, original_url=f"https://x.example/{slug}",
                               url_key=hashlib.sha256(slug.encode()).hexdigest())


@pytest.mark.django_db
def test_first_free_name_past_many_taken():
    assert unique_slug(Post, "Big News!") == "big-news"
    _post("big-news")
    _post("big-news-3")
    _post("big-news-extra")  # shares the prefix, takes no number
    assert unique_slug(Post, "Big News") == "big-news-2"
    for n in [2, *range(4, 31)]:  # past the first few names asked for, and the next batch
        _post(f"big-news-{n}")
    assert unique_slug(Post, "Big News") == "big-news-31"
    assert unique_slug(Post, "Big News", exclude_pk=Post.objects.get(slug="big-news-7").pk) \
        == "big-news-7"


@pytest.mark.django_db
def test_reserved_and_long_names():
    assert unique_slug(Post, "Admin") == "admin-news"
    long = "word " * 60
    _post(unique_slug(Post, long))
    second = unique_slug(Post, long)
    assert len(second) <= 200 and second.endswith("-2")
    _post(second)
    assert unique_slug(Post, long).endswith("-3")
