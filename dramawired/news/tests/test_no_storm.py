"""Publishing a post redraws the listings and the shared blocks, not every article: an
article's stored page survives, its sidebar (a hole filled on every serve) shows the new
post at once, and only the pages whose own links change are redrawn."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from dramawired.news import generations
from dramawired.news.models import Category, Post, Tag

HOLE = b"<!--dw:hole:"


def _post(n: int, **fields) -> Post:
    return Post.objects.create(**{
        "title": f"Story {n} & $640M", "slug": f"story-{n}", "url_key": f"k{n}",
        "category": Category.objects.get(slug="movie"),
        "original_url": f"https://pub.example/{n}",
        "published_at": timezone.now() - timedelta(hours=10 - n), **fields})


@pytest.fixture
def posts(db):
    return [_post(n) for n in range(5)]


def test_a_publish_keeps_articles_cached_and_their_sidebar_current(client, posts):
    for post in posts:
        assert client.get(f"/{post.slug}/")["X-Cache"] == "miss"
    _post(7)  # the newest: the sidebar of every page lists it
    for post in posts[:3]:  # not the newest ones, whose Next link names the new post
        page = client.get(f"/{post.slug}/")
        assert page["X-Cache"] == "hit"
        assert "Story 7 &amp; $640M" in page.content.decode()
        assert HOLE not in page.content
        assert int(page["Content-Length"]) == len(page.content)
    assert client.get("/")["X-Cache"] == "miss"  # listings list it: redrawn


def test_the_neighbours_are_redrawn_for_their_next_and_previous_links(client, posts):
    for post in posts:
        client.get(f"/{post.slug}/")
    _post(7)  # after story-4: story-4's Next link now names it
    page = client.get("/story-4/")
    assert page["X-Cache"] == "miss"
    assert 'href="/story-7/"' in page.content.decode()
    for post in posts:
        client.get(f"/{post.slug}/")
    # Published between story-2 and story-3: both are redrawn, the others are not.
    _post(2, slug="story-2b", url_key="k2b",
          published_at=posts[2].published_at + timedelta(minutes=1))
    misses = {p.slug for p in posts if client.get(f"/{p.slug}/")["X-Cache"] == "miss"}
    assert misses == {"story-2", "story-3"}


def test_a_renamed_category_redraws_every_article(client, posts):
    client.get("/story-1/")
    Category.objects.filter(slug="movie").get().save()
    assert client.get("/story-1/")["X-Cache"] == "miss"


def test_a_new_category_redraws_no_article(client, posts):
    client.get("/story-1/")
    Category.objects.create(name="Podcasts", slug="podcasts")
    page = client.get("/story-1/")
    assert page["X-Cache"] == "hit" and "Podcasts" in page.content.decode()  # the sidebar


def test_a_reader_with_a_session_gets_the_holes_filled(client, posts):
    client.cookies["sessionid"] = "x"
    page = client.get("/story-1/")
    assert "X-Cache" not in page and HOLE not in page.content
    assert "Story 4 &amp; $640M" in page.content.decode()


def test_a_bump_in_a_transaction_is_made_again_when_it_commits(
        posts, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        generations.bump_site()
        during = cache.get(generations.SITE_KEY)
    # A reader who drew the page before the commit stored it under `during`.
    for callback in callbacks:
        callback()
    assert cache.get(generations.SITE_KEY) != during


def test_bumps_made_inside_coalesced_are_made_once_on_leaving(posts):
    before = generations.post_generation("story-1"), generations.site_generation()
    writes = []
    real = cache.set_many
    cache.set_many = lambda data, *args: writes.append(sorted(data)) or real(data, *args)
    try:
        with generations.coalesced():
            generations.bump_site()
            generations.bump_post("story-1")
            generations.bump_site()
            assert (generations.post_generation("story-1"),
                    generations.site_generation()) == before
    finally:
        del cache.set_many
    assert writes == [sorted([generations.SITE_KEY, generations.post_key("story-1")])]
    after = generations.post_generation("story-1"), generations.site_generation()
    assert after[0] != before[0] and after[1] != before[1]


def test_a_post_created_and_tagged_inside_coalesced_moves_no_generation_of_its_own(db):
    before = generations.post_generation("story-9")
    with generations.coalesced():
        post = _post(9)
        post.tags.set(Tag.for_names(["Zorvane Quill"]))
    assert generations.post_generation("story-9") == before
    post.tags.set(Tag.for_names(["Hong Kong"]))  # later: its page may be stored by now
    assert generations.post_generation("story-9") != before
