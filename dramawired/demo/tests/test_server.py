"""The demo publishers over real HTTP: every feed and article page answers 200 with the
content type of its format, pages wear real chrome (nav, ads, share bar, comments,
footer), /opml.xml lists every outlet, feeds answer conditional GETs with 304, unknown
paths 404, and the windows-1252 outlet declares and really uses that encoding."""

import json
import xml.etree.ElementTree as ET
from html import unescape

import feedparser
import httpx
import pytest

from dramawired.demo.catalog import BY_SLUG, OUTLETS, articles

FEED_TYPES = {"rss2": "application/rss+xml", "atom": "application/atom+xml",
              "youtube": "application/atom+xml", "reddit": "application/atom+xml",
              "rss1": "application/rdf+xml", "json": "application/feed+json"}
PAGES = [a for items in articles().values() for a in items if not a.link]
CHROME = ['<nav class="main-nav"', "Advertisement", 'class="share-bar"',
          'id="comments"', '<li class="comment">', '<footer class="site-footer"']


@pytest.fixture(scope="module")
def http(publishers):
    with httpx.Client(base_url=publishers.base_url, timeout=10) as client:
        yield client


@pytest.mark.parametrize("outlet", OUTLETS, ids=lambda o: o.slug)
def test_every_feed_answers_with_its_format(http, outlet):
    r = http.get(f"/{outlet.slug}/feed")
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == FEED_TYPES[outlet.feed_format]
    items = articles()[outlet.slug]
    if outlet.feed_format == "json":
        feed = json.loads(r.content)
        assert feed["version"] == "https://jsonfeed.org/version/1.1"
        assert [i["title"] for i in feed["items"]] == [a.title for a in items]
    else:
        feed = feedparser.parse(r.content)
        assert not feed.bozo, feed.get("bozo_exception")
        assert [e.title for e in feed.entries] == [a.title for a in items]


@pytest.mark.parametrize("article", PAGES, ids=lambda a: f"{a.outlet.slug}/{a.slug}")
def test_every_article_page_answers_with_chrome(http, publishers, article):
    r = http.get(article.path)
    assert r.status_code == 200
    assert r.headers["content-type"] == f"text/html; charset={article.outlet.encoding}"
    page = r.content.decode(article.outlet.encoding)
    assert f">{article.title}</h1>" in unescape(page)  # references where 1252 has no glyph
    missing = [mark for mark in CHROME if mark not in page]
    assert missing == []
    canonical = (article.original or article).path
    assert f'<link rel="canonical" href="{publishers.base_url}{canonical}">' in page
    image = http.get(article.image_path)
    assert (image.status_code, image.headers["content-type"]) == (200, "image/svg+xml")


def test_index_and_outlet_homes(http, publishers):
    index = http.get("/")
    assert index.status_code == 200
    for outlet in OUTLETS:
        assert f'href="{publishers.base_url}/{outlet.slug}/feed"' in index.text
        home = http.get(f"/{outlet.slug}/")
        assert home.status_code == 200
        assert 'rel="alternate" type="application/rss+xml"' in home.text


def test_opml_lists_every_outlet_in_its_category(http, publishers):
    r = http.get("/opml.xml")
    assert (r.status_code, r.headers["content-type"]) == (200, "text/x-opml; charset=utf-8")
    body = ET.fromstring(r.content).find("body")
    listed = {o.get("xmlUrl"): folder.get("text") for folder in body for o in folder}
    assert listed == {f"{publishers.base_url}/{o.slug}/feed": o.category for o in OUTLETS}


def test_feeds_answer_conditional_gets_with_304(http):
    first = http.get("/tea-kettle/feed")
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    again = http.get("/tea-kettle/feed", headers={"If-None-Match": etag})
    assert (again.status_code, again.content) == (304, b"")
    assert again.headers["etag"] == etag
    stale = http.get("/tea-kettle/feed", headers={"If-None-Match": '"other"'})
    assert stale.status_code == 200 and stale.content == first.content
    # Last-Modified alone works too, and a stale ETag beats a matching date.
    assert http.get("/tea-kettle/feed", headers={"If-Modified-Since": modified}
                    ).status_code == 304
    assert http.get("/tea-kettle/feed", headers={
        "If-Modified-Since": "Thu, 01 Jan 2026 00:00:00 GMT"}).status_code == 200
    assert http.get("/tea-kettle/feed", headers={
        "If-None-Match": '"other"', "If-Modified-Since": modified}).status_code == 200
    assert http.get("/tea-kettle/feed", headers={
        "If-Modified-Since": "yesterday-ish"}).status_code == 200


@pytest.mark.parametrize("path", [
    "/nope", "/tea-kettle/no-such-story/", "/tea-kettle/watch?v=xxxxxxxxxxx",
    "/dramacam/watch?v=xxxxxxxxxxx", "/images/tea-kettle/nope.svg", "/_broken/nope",
])
def test_unknown_paths_are_404(http, path):
    assert http.get(path).status_code == 404


def test_windows_1252_outlet_declares_and_uses_it(http):
    outlet = BY_SLUG["starlight-daily"]
    assert outlet.encoding == "windows-1252"
    r = http.get("/starlight-daily/feed")
    assert r.headers["content-type"] == "application/rss+xml; charset=windows-1252"
    assert r.content.startswith(b'<?xml version="1.0" encoding="windows-1252"?>')
    assert "Crème Brûlée".encode("cp1252") in r.content  # one byte per accent
    with pytest.raises(UnicodeDecodeError):
        r.content.decode("utf-8")
    # Korean is beyond windows-1252: written as character references, as real feeds do.
    assert "감사합니다".encode("ascii", "xmlcharrefreplace") in r.content
    titles = [e.title for e in feedparser.parse(r.content).entries]
    assert titles == [a.title for a in articles()["starlight-daily"]]
    page = http.get(next(a for a in PAGES if a.outlet is outlet and "é" in a.title).path)
    assert page.headers["content-type"] == "text/html; charset=windows-1252"
    assert b'<meta charset="windows-1252">' in page.content
    assert "é".encode("cp1252") in page.content
