"""The page cache's key: one entry per page a view can actually draw (a query parameter the
page does not read, or another spelling of the same page number, is the same entry), and
per host (validated first, so a host not allowed gets 400 and never a cached page)."""

import pytest

from dramawired.news.models import Category, Post
from dramawired.siteconfig.models import SiteSettings

# Every spelling Python's int() (the view's parser) takes for 1 and 2, and some it refuses.
ONE = ["1", "01", "+1", "0001", " 1", "1 ", "١", "۱", "１", "१"]
TWO = ["2", "02", "+2", "٢", "２"]
REFUSED = ["x", "", "1.0", "0", "-1", "99", "1e0"]


@pytest.fixture
def posts(db):
    """Five movie posts, two to a page: home and the category have pages 1 to 3."""
    SiteSettings.objects.update_or_create(pk=1, defaults={"posts_per_page": 2})
    movie = Category.objects.get(slug="movie")
    return [Post.objects.create(title=f"Story {n}", slug=f"story-{n}", url_key=f"k{n}",
                                category=movie, original_url=f"https://pub.example/{n}")
            for n in range(5)]


def test_four_hundred_spellings_make_a_handful_of_entries(client, posts):
    pages, misses = {}, 0
    for n in range(400):
        path = ["/", "/category/movie/", "/story-0/"][n % 3]
        spelling = (ONE + TWO + REFUSED)[n % 22]
        response = client.get(path, {"page": spelling, "q": f"q{n}", f"utm_{n}": "x"})
        number = {**dict.fromkeys(ONE, 1), **dict.fromkeys(TWO, 2)}.get(spelling)
        if path == "/story-0/":  # an article reads no parameter
            number = 0
        if number is None:
            assert response.status_code == 404, (path, spelling)
            continue
        assert response.status_code == 200, (path, spelling)
        misses += response["X-Cache"] == "miss"
        # Every spelling gets the page it names, the same bytes from the same entry.
        assert pages.setdefault((path, number), response.content) == response.content
    assert misses == len(pages) == 5  # home 1, 2; category 1, 2; the article


def test_the_canonical_page_number_is_what_the_page_shows(client, posts):
    assert client.get("/?page=٢")["X-Cache"] == "miss"
    page = client.get("/?page=2").content.decode()
    assert '<link rel="canonical" href="http://testserver/?page=2">' in page
    assert client.get("/")["X-Cache"] == "miss"
    assert client.get("/?page=01")["X-Cache"] == "hit"  # page 1 with or without ?page=


def test_a_host_not_allowed_gets_400_even_when_the_page_is_cached(client, posts):
    for path in ["/", "/story-0/", "/category/movie/"]:
        assert client.get(path)["X-Cache"] == "miss"
        assert client.get(path)["X-Cache"] == "hit"
        response = client.get(path, HTTP_HOST="evil.example")
        assert response.status_code == 400 and "X-Cache" not in response
        assert b"Story" not in response.content


def test_a_page_cached_under_one_host_is_not_served_under_another(client, posts):
    links = 'data-copy="http://{}/story-0/"'
    page = client.get("/story-0/", HTTP_HOST="localhost")
    assert page["X-Cache"] == "miss" and links.format("localhost") in page.content.decode()
    page = client.get("/story-0/", HTTP_HOST="127.0.0.1")
    assert page["X-Cache"] == "miss"
    assert links.format("127.0.0.1") in page.content.decode()
    assert "localhost" not in page.content.decode()
    assert client.get("/story-0/", HTTP_HOST="localhost")["X-Cache"] == "hit"
    secure = client.get("/story-0/", HTTP_HOST="localhost", secure=True)
    assert secure["X-Cache"] == "miss"
    assert 'data-copy="https://localhost/story-0/"' in secure.content.decode()
