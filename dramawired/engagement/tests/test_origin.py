"""Only our own pages count: a view or share counts for a same-origin request (the
browser's Sec-Fetch-Site, or without it Origin / Referer naming this site), never for
another site's <img>, link or form, and never for a request that says nothing."""

import pytest

from .conftest import counts, reader

OWN = {"HTTP_ORIGIN": "http://testserver"}
EVIL = {"HTTP_ORIGIN": "https://evil.example"}


@pytest.mark.parametrize("site, headers, counted", [
    ("same-origin", {}, True),
    (None, OWN, True),
    (None, {"HTTP_REFERER": "http://testserver/counted/"}, True),
    (None, {}, False),  # a script: no Sec-Fetch-Site, no Origin, no Referer
    (None, EVIL, False),
    (None, {"HTTP_REFERER": "https://evil.example/page"}, False),
    (None, {"HTTP_ORIGIN": "null"}, False),  # a sandboxed frame, a data: page
    (None, {"HTTP_ORIGIN": "https://testserver"}, False),  # another scheme: another origin
    (None, {**EVIL, "HTTP_REFERER": "http://testserver/counted/"}, False),
    ("cross-site", OWN, False),  # the browser's word wins over what a page can spoof
    ("same-site", {}, False),
    ("none", {}, False),  # typed into the address bar: not a page of ours
])
def test_views_and_shares_count_only_from_our_own_pages(post, site, headers, counted):
    browser = reader(site=site, **headers)
    assert browser.post(f"/e/view/{post.pk}/").status_code == 204
    assert browser.post(f"/e/share/{post.pk}/").status_code == 204
    assert browser.get(f"/share/{post.pk}/x/").status_code == 302  # the share still opens
    assert counts(post) == ((1, 2) if counted else (0, 0))


def test_another_sites_image_counts_no_view_and_no_share(post):
    """<img src="https://ours/share/1/facebook/"> on another site: the browser says
    cross-site; an older one sends that site as Referer, or nothing."""
    for headers in [{"site": "cross-site"},
                    {"site": None, "HTTP_REFERER": "https://evil.example/"},
                    {"site": None}]:
        image = reader(**headers)
        assert image.get(f"/share/{post.pk}/facebook/").status_code == 302
        assert image.get(f"/e/view/{post.pk}.gif")["Content-Type"] == "image/gif"
    assert counts(post) == (0, 0)

