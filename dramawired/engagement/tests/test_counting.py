"""Views and shares: counted behind the page cache, never for bots, never lost under
concurrency; the cached article page is refreshed when the number it shows changes."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.cache import cache
from django.db import connection

from dramawired.engagement.humanize import compact
from dramawired.news.models import Post

from .conftest import counts, reader


@pytest.mark.parametrize("n, shown", [(0, "0"), (74, "74"), (999, "999"), (1000, "1k"),
                                      (1234, "1.2k"), (12_345, "12k"), (999_999, "1M"),
                                      (3_400_000, "3.4M"), (2_000_000_000, "2B")])
def test_compact_counts_read_as_the_seed_shows_them(n, shown):
    assert compact(n) == shown


def test_view_beacon_and_pixel_count_readers_not_bots(post):
    assert reader("203.0.113.1").post(f"/e/view/{post.pk}/").status_code == 204
    pixel = reader("203.0.113.2").get(f"/e/view/{post.pk}.gif")
    assert pixel.status_code == 200 and pixel["Content-Type"] == "image/gif"
    for n, bot in enumerate(["Googlebot/2.1", "curl/8.0", "", "Mozilla/5.0 HeadlessChrome/130",
                             "python-httpx/0.28"]):
        reader(f"198.51.100.{n}", agent=bot).post(f"/e/view/{post.pk}/")
    assert counts(post) == (2, 0)
    assert reader().get(f"/e/view/{post.pk}/").status_code == 405
    assert reader().post("/e/view/999999/").status_code == 404


def test_share_redirects_to_the_network_and_counts(post):
    browser = reader()
    response = browser.get(f"/share/{post.pk}/facebook/")
    assert response.status_code == 302
    assert response["Location"] == ("https://www.facebook.com/sharer/sharer.php?u="
                                    "http%3A%2F%2Ftestserver%2Fcounted%2F")
    assert browser.get(f"/share/{post.pk}/x/")["Location"].startswith(
        "https://twitter.com/intent/tweet?url=http%3A%2F%2Ftestserver%2Fcounted%2F&text=Counted")
    browser.post(f"/e/share/{post.pk}/")  # copy link
    assert browser.get(f"/share/{post.pk}/myspace/").status_code == 404
    assert counts(post) == (0, 3)  # one reader, one share on each network


def test_the_cached_page_is_refreshed_only_when_the_shown_number_changes(post):
    page_reader = reader("203.0.113.1")
    assert page_reader.get("/counted/")["X-Cache"] == "miss"
    assert page_reader.get("/counted/")["X-Cache"] == "hit"
    page_reader.post(f"/e/view/{post.pk}/")  # 0 → 1: the page shows "1 VIEWS" now
    page = page_reader.get("/counted/")
    assert page["X-Cache"] == "miss" and "<strong>1</strong> VIEWS" in page.content.decode()
    reader("203.0.113.2").post(f"/e/view/{post.pk}/")  # 1 → 2 within COUNTS_REFRESH: no redraw
    assert page_reader.get("/counted/")["X-Cache"] == "hit"
    cache.delete(f"pagecache:counts:{post.slug}")  # COUNTS_REFRESH seconds later
    Post.objects.filter(pk=post.pk).update(view_count=1000)  # shows "1k"
    reader("203.0.113.3").post(f"/e/view/{post.pk}/")  # 1000 → 1001 still reads "1k"
    assert page_reader.get("/counted/")["X-Cache"] == "hit"
    reader("203.0.113.4").post(f"/e/view/{post.pk}/")  # … → 1002, and a share: 0 → 1 is shown
    reader("203.0.113.4").post(f"/e/share/{post.pk}/")
    page = page_reader.get("/counted/")
    assert page["X-Cache"] == "miss" and "<strong>1</strong> SHARES" in page.content.decode()


def test_tracking_and_unread_parameters_share_the_cached_page(post):
    browser = reader()
    assert browser.get("/counted/?utm_source=x")["X-Cache"] == "miss"
    assert browser.get("/counted/?fbclid=y")["X-Cache"] == "hit"
    # The article reads no query parameter: ?page= and ?q= are the same page.
    assert browser.get("/counted/?page=2&q=z")["X-Cache"] == "hit"
    member = reader()
    member.cookies["sessionid"] = "z"  # a reader with a session gets a page of their own
    assert member.get("/counted/").get("X-Cache") is None


@pytest.mark.django_db(transaction=True)
def test_no_increment_is_lost_when_many_readers_arrive_at_once():
    """1,000 hits at once: 250 readers, each beaconing 4 times (reloads). Every reader
    counts once: no increment lost (one UPDATE … + 1), none counted twice (one cache add).
    250 readers stay under the test cache's 300 entries, so none is culled mid-test."""
    post = Post.objects.create(title="Busy", slug="busy", url_key="b",
                               original_url="https://pub.example/busy")

    def read(n):
        try:
            return reader(f"10.0.{n}.1").post(f"/e/view/{post.pk}/").status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(read, [n % 250 for n in range(1000)]))
    assert statuses == [204] * 1000
    assert counts(post) == (250, 0)
