"""Shop the story: an article shows up to three products it names (tags or title), under
a label, nothing when none, at no query's cost; a product's change reaches kept pages."""

import hashlib

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dramawired.news.generations import bump_layout
from dramawired.news.models import Post, Tag
from dramawired.shop import story
from dramawired.shop.models import Product, Variant

from .conftest import make_product


def make_post(title: str, tags: list[str]) -> Post:
    post = Post.objects.create(
        title=title, slug=hashlib.md5(title.encode()).hexdigest()[:12], body="<p>Story.</p>",
        original_url=f"https://news.example/{title[:10]}",
        url_key=hashlib.sha256(title.encode()).hexdigest())
    post.tags.set(Tag.for_names(tags))
    return post


@pytest.fixture
def indexed(tee, vinyl, poster, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        story.changed()
    return tee, vinyl


def article(client, post) -> str:
    client.cookies.pop("sessionid", None)
    return client.get(post.get_absolute_url()).content.decode()


def test_an_article_shows_the_products_it_names(client, indexed):
    tee, vinyl = indexed
    post = make_post("Mara Quill returns for Harbor Lights season three", ["Mara Quill"])
    page = article(client, post)
    assert "Shop the story" in page and tee.get_absolute_url() in page
    assert "Harbor Lights “Lantern” Tee — $25 &amp; up" in page and "$25.00" in page
    assert "Night Moth Poster" not in page and "Glass Cathedral" not in page
    other = make_post("Nova Reyes adds a second night", ["Nova Reyes"])
    page = article(client, other)
    assert "Glass Cathedral on Vinyl" in page and "Sold by Groove Records (affiliate)" in page


def test_nothing_when_nothing_matches(client, indexed):
    page = article(client, make_post("A quiet week at the box office", ["Box Office"]))
    assert "Shop the story" not in page


def test_at_most_three_best_first(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(5):
            make_product(f"Ivy Castell item {n}", sku=f"IC{n}", story_names="Ivy Castell")
        make_product("Ivy Castell and Lantern Row bundle", sku="BUNDLE",
                     story_names="Ivy Castell, Lantern Row")
    found = story.matching("Ivy Castell joins Lantern Row", ["Ivy Castell"])
    assert len(found) == 3 and found[0].title == "Ivy Castell and Lantern Row bundle"
    assert story.matching("Lantern Rowing club", []) == []  # whole names only


def test_the_block_costs_the_article_no_query(client, tee, django_capture_on_commit_callbacks):
    post = make_post("Mara Quill on set", ["Mara Quill"])
    with django_capture_on_commit_callbacks(execute=True):
        story.changed()
    article(client, post)  # what every page keeps is kept
    bump_layout()  # the article drawn again, as after a product change
    with CaptureQueriesContext(connection) as with_block:
        assert "Shop the story" in article(client, post)
    Product.objects.all().delete()
    story.write()  # moves the layout's generation too
    with CaptureQueriesContext(connection) as without:
        assert "Shop the story" not in article(client, post)
    assert len(with_block) == len(without)


def test_a_price_change_reaches_a_kept_article(client, indexed, django_capture_on_commit_callbacks):
    tee, _ = indexed
    post = make_post("Mara Quill interview", ["Mara Quill"])
    assert "$25.00" in article(client, post)
    assert client.get(post.get_absolute_url())["X-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        for variant in Variant.objects.filter(product=tee):
            variant.price = "21.00"
            variant.save()
        tee.refresh_summary()
        story.changed()
    assert "$21.00" in article(client, post)


def test_a_lost_index_is_written_again_by_the_worker(client, tee, run_jobs):
    from django.core.cache import cache

    post = make_post("Mara Quill signs on", ["Mara Quill"])
    cache.delete(story.INDEX_KEY)
    assert "Shop the story" not in article(client, post)
    assert run_jobs() == 1
    assert "Shop the story" in article(client, post)
