"""Every old address answers a permanent redirect to ours; unknown ones keep our 404; the
home page and its cache are untouched by it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dramawired.news.models import Post

ARTICLE = "/odile-brancato-glass-harbour-return/"


@pytest.mark.parametrize("old, ours", [
    ("/2024/05/16/odile-brancato-glass-harbour-return/", ARTICLE),
    ("/2024/05/odile-brancato-glass-harbour-return/", ARTICLE),
    ("/2024/05/16/odile-brancato-glass-harbour-return", ARTICLE),
    ("/?p=101", ARTICLE),
    ("/?page_id=2", "/about/"),
    ("/?p=3", "/about/team/"),
    ("/category/screen/trailers/", "/category/screen/"),
    ("/category/backstage/", "/category/backstage-whispers/"),
    ("/category/backstage/feed/", "/category/backstage-whispers/feed/"),
    ("/category/backstage/page/2/", "/category/backstage-whispers/?page=2"),
    ("/author/pennyw/", "/author/penny-wexford/"),
    ("/page/3/", "/?page=3"),
    ("/feed/rss2/", "/feed/"),
    ("/?s=harbour+cast", "/search/?q=harbour+cast"),
    ("/2024/05/16/odile-brancato-glass-harbour-return/feed/", ARTICLE),
])
def test_old_addresses_move_for_good(client, imported, old, ours):
    response = client.get(old)
    assert response.status_code == 301, old
    assert response["Location"] == ours


def test_our_own_addresses_answer_themselves(client, imported):
    assert client.get(ARTICLE).status_code == 200
    assert client.get("/feed/").status_code == 200
    assert client.get("/tag/odile-brancato/").status_code == 200  # the same slug: ours
    page = client.get("/about/")
    assert page.status_code == 200 and b"About Marquee Gossip" in page.content
    assert client.get("/about/team/").status_code == 200


def test_unknown_old_addresses_keep_our_404(client, imported):
    for path in ("/2024/05/16/no-such-story/", "/category/nothing/",
                 "/wp-content/uploads/2024/05/none.jpg"):
        assert client.get(path).status_code == 404, path
    # /?p=999 is no old address we know: the home page, as before.
    assert client.get("/?p=999").status_code == 200


def test_drafts_and_private_posts_leave_no_old_address(client, imported):
    assert client.get("/2024/05/14/costume-fitting-notes/").status_code == 404


def test_home_cache_is_not_served_for_an_old_post_query(client, imported):
    assert client.get("/").status_code == 200
    assert client.get("/")["X-Cache"] == "hit"
    assert client.get("/?p=101").status_code == 301  # not the cached home page
    assert client.get("/?page=1")["X-Cache"] == "hit"


def test_a_cached_page_costs_no_lookup(client, imported):
    client.get(ARTICLE)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(ARTICLE)["X-Cache"] == "hit"
    assert not [q for q in queries if "wordpress_" in q["sql"]]


def test_a_404_costs_one_lookup(client, imported):
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/2024/05/16/odile-brancato-glass-harbour-return/").status_code == 301
    assert len([q for q in queries if "wordpress_oldaddress" in q["sql"]]) == 1


def test_the_redirect_follows_a_renamed_post(client, imported):
    Post.objects.filter(slug="odile-brancato-glass-harbour-return").update(slug="harbour-back")
    assert client.get("/?p=101")["Location"] == "/harbour-back/"


def test_doubled_slashes_are_one_address(client, imported):
    assert client.get("/about//team/").status_code == 200
    assert client.get("/2024//05/16/odile-brancato-glass-harbour-return/")["Location"] == ARTICLE
