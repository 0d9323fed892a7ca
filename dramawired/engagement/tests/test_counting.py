"""Views and shares: counted behind the page cache, once per view, never for bots or
other sites, never lost under concurrency; the cached article page is refreshed when the
number it shows changes."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client

from dramawired.engagement.humanize import compact
from dramawired.news.models import Post

CHROME = ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
          "Chrome/130.0 Safari/537.36")


@pytest.fixture
def post(db):
    return Post.objects.create(title="Counted", slug="counted", url_key="k",
                               original_url="https://pub.example/counted")


def counts(post):
    post.refresh_from_db()
    return post.view_count, post.share_count


@pytest.mark.parametrize("n, shown", [(0, "0"), (74, "74"), (999, "999"), (1000, "1k"),
                                      (1234, "1.2k"), (12_345, "12k"), (999_999, "1M"),
                                      (3_400_000, "3.4M"), (2_000_000_000, "2B")])
def test_compact_counts_read_as_the_seed_shows_them(n, shown):
    assert compact(n) == shown


def test_view_beacon_and_pixel_count_readers_not_bots(client, post):
    assert client.post(f"/e/view/{post.pk}/", HTTP_USER_AGENT=CHROME).status_code == 204
    client.get(f"/e/view/{post.pk}.gif", HTTP_USER_AGENT=CHROME)
    for bot in ["Googlebot/2.1", "curl/8.0", "", "Mozilla/5.0 HeadlessChrome/130",
                "python-httpx/0.28"]:
        client.post(f"/e/view/{post.pk}/", HTTP_USER_AGENT=bot)
    client.post(f"/e/view/{post.pk}/", HTTP_USER_AGENT=CHROME, HTTP_SEC_FETCH_SITE="cross-site")
    assert counts(post) == (2, 0)
    assert client.get(f"/e/view/{post.pk}/").status_code == 405
    assert client.post("/e/view/999999/", HTTP_USER_AGENT=CHROME).status_code == 404


def test_share_redirects_to_the_network_and_counts(client, post):
    response = client.get(f"/share/{post.pk}/facebook/", HTTP_USER_AGENT=CHROME)
    assert response.status_code == 302
    assert response["Location"] == ("https://www.facebook.com/sharer/sharer.php?u="
                                    "http%3A%2F%2Ftestserver%2Fcounted%2F")
    assert client.get(f"/share/{post.pk}/x/", HTTP_USER_AGENT=CHROME)["Location"].startswith(
        "https://twitter.com/intent/tweet?url=http%3A%2F%2Ftestserver%2Fcounted%2F&text=Counted")
    client.post(f"/e/share/{post.pk}/", HTTP_USER_AGENT=CHROME)  # copy link
    assert client.get(f"/share/{post.pk}/myspace/").status_code == 404
    assert counts(post) == (0, 3)


def test_the_cached_page_is_refreshed_only_when_the_shown_number_changes(post):
    reader = Client(HTTP_USER_AGENT=CHROME)
    assert reader.get("/counted/")["X-Cache"] == "miss"
    assert reader.get("/counted/")["X-Cache"] == "hit"
    reader.post(f"/e/view/{post.pk}/")  # 0 → 1: the page shows "1 VIEWS" now
    page = reader.get("/counted/")
    assert page["X-Cache"] == "miss" and "<strong>1</strong> VIEWS" in page.content.decode()
    reader.post(f"/e/view/{post.pk}/")  # 1 → 2 within COUNTS_REFRESH: no redraw yet
    assert reader.get("/counted/")["X-Cache"] == "hit"
    cache.delete(f"pagecache:counts:{post.slug}")  # COUNTS_REFRESH seconds later
    Post.objects.filter(pk=post.pk).update(view_count=1000)  # shows "1k"
    reader.post(f"/e/view/{post.pk}/")  # 1000 → 1001 still reads "1k"
    assert reader.get("/counted/")["X-Cache"] == "hit"
    reader.post(f"/e/view/{post.pk}/")  # … → 1002, and a share: 0 → 1 is shown
    reader.post(f"/e/share/{post.pk}/")
    page = reader.get("/counted/")
    assert page["X-Cache"] == "miss" and "<strong>1</strong> SHARES" in page.content.decode()


def test_tracking_parameters_share_the_cached_page(post):
    reader = Client()
    assert reader.get("/counted/?utm_source=x")["X-Cache"] == "miss"
    assert reader.get("/counted/?fbclid=y")["X-Cache"] == "hit"
    assert reader.get("/counted/?page=2")["X-Cache"] == "miss"
    member = Client()
    member.cookies["sessionid"] = "z"  # a reader with a session gets a page of their own
    assert member.get("/counted/").get("X-Cache") is None


@pytest.mark.django_db(transaction=True)
def test_no_increment_is_lost_when_many_readers_arrive_at_once():
    post = Post.objects.create(title="Busy", slug="busy", url_key="b",
                               original_url="https://pub.example/busy")

    def read(_):
        try:
            return Client(HTTP_USER_AGENT=CHROME).post(f"/e/view/{post.pk}/").status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(read, range(200)))
    assert statuses == [204] * 200
    assert counts(post) == (200, 0)
