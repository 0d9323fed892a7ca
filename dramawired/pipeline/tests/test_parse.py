"""parse.py: every demo feed format (fetched over real HTTP) and small inline documents.

Pins: titles come out exactly as the publisher wrote them ($, &, quotes, emoji, CJK,
accents; entities decoded exactly once), YouTube entries carry a player, Reddit self posts
keep their body and link posts point at the article, a truncated feed recovers entries with
a warning, and what is no feed (HTML, malformed XML or JSON, empty) is a clear ParseError.
"""

import json

import httpx
import pytest

from dramawired.demo.catalog import OUTLETS, articles, find
from dramawired.pipeline.parse import ParseError, parse_feed


def _parse(publishers, path):
    r = httpx.get(publishers.base_url + path)
    return parse_feed(r.content, str(r.url), r.headers.get("content-type", ""))


@pytest.mark.parametrize("outlet", OUTLETS, ids=lambda o: f"{o.feed_format}-{o.slug}")
def test_demo_feed_items(publishers, outlet):
    feed = _parse(publishers, f"/{outlet.slug}/feed")
    expected = articles()[outlet.slug]
    assert feed.title == outlet.name
    assert not feed.warning and feed.skipped == 0
    assert [i.title for i in feed.items] == [a.title for a in expected]
    assert [i.published for i in feed.items] == [a.published for a in expected]
    assert all(i.guid and i.url.startswith("http") for i in feed.items)
    assert len({i.guid for i in feed.items}) == len(expected)


def test_rss2_in_windows_1252(publishers):
    feed = _parse(publishers, "/starlight-daily/feed")
    titles = {i.title for i in feed.items}
    # é and “ ” are cp1252 bytes; 감사합니다 and ✨ arrive as numeric character references.
    assert "Min-jun Park Says “감사합니다” to 10,000 Fans in Seoul" in titles
    assert "Aiko Tanabe Named Tokyo Culture Ambassador ✨" in titles
    first = feed.items[0]
    assert first.url.endswith("?utm_source=rss&utm_medium=feed&utm_campaign=starlight")
    assert first.author and first.tags == ("Gossip",)
    assert first.image.endswith(".svg")


def test_atom_full_content(publishers):
    items = _parse(publishers, "/reel-report/feed").items
    item = next(i for i in items if "/alibaba-set-to-invest-640m-" in i.url)
    assert item.title == "Alibaba Set to Invest $640M Into Hong Kong Entertainment Industry"
    assert "$640M (HK$5 billion)" in item.content_html
    assert item.content_html.startswith("<p><img")
    # A type="text" summary is escaped into paragraphs, never trusted as markup.
    assert item.summary_html.startswith("<p>") and "&#x27;" in item.summary_html


def test_json_feed(publishers):
    item = _parse(publishers, "/channel-surf/feed").items[0]
    article = articles()["channel-surf"][0]
    assert item.guid == f"channel-surf/{article.slug}"
    assert item.author == article.author and item.tags == (article.category,)
    assert item.image == f"{publishers.base_url}{article.image_path}"


def test_youtube_entries_get_a_player(publishers):
    feed = _parse(publishers, "/dramacam/feed")
    for item, article in zip(feed.items, articles()["dramacam"], strict=True):
        assert item.video_url == f"https://www.youtube-nocookie.com/embed/{article.video}"
        assert item.url == f"{publishers.base_url}/dramacam/watch?v={article.video}"
        assert item.content_html == ""
        assert item.summary_html.startswith("<p>") and item.summary_html.endswith("</p>")
    assert "(田辺愛子)" in feed.items[0].summary_html


def test_reddit_self_and_link_posts(publishers):
    feed = _parse(publishers, "/r-popdrama/feed")
    for item, article in zip(feed.items, articles()["r-popdrama"], strict=True):
        if article.link:  # a link post is the article it links to, without tracking
            target = find(*article.link.split("/"))
            assert item.url == publishers.base_url + target.path
            assert item.content_html == ""
        else:  # a self post keeps its own text and its comments page
            assert item.url.startswith("https://www.reddit.com/r/PopDrama/comments/")
            first_paragraph = article.body.split("</p>")[0] + "</p>"
            assert item.content_html.startswith(first_paragraph)
            assert "submitted by" not in item.content_html
    assert sum(not i.content_html for i in feed.items) == 2


def test_truncated_feed_recovers_entries_with_a_warning(publishers):
    feed = _parse(publishers, "/_broken/truncated.xml")
    titles = [a.title for a in articles()["backbeat-wire"]]
    assert 0 < len(feed.items) < 6
    assert [i.title for i in feed.items] == titles[: len(feed.items)]
    assert feed.warning.startswith("malformed feed (")
    assert feed.warning.endswith(f"{len(feed.items)} entries recovered")


@pytest.mark.parametrize(("path", "message"), [
    ("/_broken/malformed.xml", "malformed feed: .*no element found"),
    ("/_broken/html-instead", "not a feed: the address returned an HTML page"),
])
def test_broken_documents_are_parse_errors(publishers, path, message):
    with pytest.raises(ParseError, match=message):
        _parse(publishers, path)


@pytest.mark.parametrize("body", [b"", b"   ", b"hello", b"<foo/>", b"\x00\xff"])
def test_no_feed_at_all(body):
    with pytest.raises(ParseError, match="not a feed"):
        parse_feed(body, "http://example.com/feed")


def test_bad_items_and_wrong_charset(publishers):
    feed = _parse(publishers, "/_broken/bad-items.xml")
    assert feed.skipped == 0 and len(feed.items) == 4
    # No link and no id: the channel's address stands in (never fetched as its page), and
    # its headline tells it from the others.
    orphan = feed.items[0]
    assert (orphan.url, orphan.own_page, orphan.guid) == (
        "http://x/", False, "title:No link, no guid")
    feed = _parse(publishers, "/_broken/wrong-charset.xml")
    assert [i.title for i in feed.items] == ["Café Society Returns"]


def _rss(title: str, extra: str = "") -> bytes:
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T'
            f"</title><item><title>{title}</title><link>http://x.test/a</link>{extra}</item>"
            "</channel></rss>").encode()


def _atom(title: str, kind: str) -> bytes:
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            "<title>A</title><id>urn:a</id><updated>2026-01-01T00:00:00Z</updated><entry>"
            f'<id>urn:e</id><link href="http://x.test/e"/><title type="{kind}">{title}</title>'
            "<updated>2026-01-01T00:00:00Z</updated></entry></feed>").encode()


@pytest.mark.parametrize(("xml", "title"), [
    ("Tom &amp;amp; Jerry", "Tom &amp; Jerry"),  # RSS titles are text: one decode
    ("Tom &amp; Jerry", "Tom & Jerry"),
    ("&#36;640M", "$640M"),
    ("<![CDATA[$5 & up, \\1 \\g<0>]]>", "$5 & up, \\1 \\g<0>"),
    ("&quot;Hi&quot; &#39;yo&#39; Caf&#233; &#x1F3AC; 星", "\"Hi\" 'yo' Café 🎬 星"),
    ("  Split\n   over lines ", "Split over lines"),
])
def test_rss_title_entities_decoded_once(xml, title):
    assert parse_feed(_rss(xml), "http://x.test/feed").items[0].title == title


@pytest.mark.parametrize(("xml", "kind", "title"), [
    ("Tom &amp;amp; Jerry", "html", "Tom & Jerry"),  # markup: its entities decode once more
    ("Tom &amp;amp; Jerry", "text", "Tom &amp; Jerry"),
    ("&lt;b&gt;Bold&lt;/b&gt; &amp;amp; $5", "html", "Bold & $5"),
    ("<b>Hi</b> &amp; yo", "xhtml", "Hi & yo"),
    ("&#36;640M 🎬", "text", "$640M 🎬"),
])
def test_atom_title_by_type(xml, kind, title):
    assert parse_feed(_atom(xml, kind), "http://x.test/feed").items[0].title == title


@pytest.mark.parametrize(("extra", "byline"), [
    ("<author>jane@example.com (Jane Doe)</author>", "Jane Doe"),  # RSS 2.0's own form
    ("<author>jane@example.com</author>", ""),  # an address is no byline
    ('<dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/">Zoë &amp; Ana</dc:creator>',
     "Zoë & Ana"),
])
def test_rss_byline_is_names_never_addresses(extra, byline):
    assert parse_feed(_rss("T", extra), "http://x.test/feed").items[0].author == byline


def test_entry_without_link_or_id_is_skipped():
    doc = _rss("Has a link").replace(b"</channel>", b"<item><title>None</title></item></channel>")
    feed = parse_feed(doc, "http://x.test/feed")
    assert [i.title for i in feed.items] == ["Has a link"] and feed.skipped == 1


def _json(**doc) -> bytes:
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", **doc}).encode()


def test_json_feed_items_and_bad_items():
    feed = parse_feed(_json(title="J", items=[
        {"id": "1", "url": "http://x.test/1", "title": "Tom &amp; Jerry $5 ✨",
         "content_text": "One <two>\n\nThree", "summary": "A & B",
         "date_published": "2026-01-02T03:04:05Z", "author": {"name": "Zoë"}},
        {"title": "no id, no url"},
        "not an object",
        {"id": "3", "url": "http://x.test/3", "date_published": "not a date"},
    ]), "http://x.test/feed.json", "application/feed+json")
    item, undated = feed.items
    assert feed.skipped == 2
    assert undated.guid == "3" and undated.published is None  # kept, not lost
    assert item.title == "Tom &amp; Jerry $5 ✨"  # JSON strings are text, never decoded
    assert item.content_html == "<p>One &lt;two&gt;</p><p>Three</p>"
    assert item.summary_html == "<p>A &amp; B</p>" and item.author == "Zoë"
    assert item.published.isoformat() == "2026-01-02T03:04:05+00:00"


@pytest.mark.parametrize(("body", "message"), [
    (b"{not json", "malformed JSON Feed"),
    (b'{"title": "no version"}', "JSON without a jsonfeed.org version"),
    (b"[1, 2]", "JSON without a jsonfeed.org version"),
    (_json(items=5), "items is not a list"),
])
def test_json_feed_errors(body, message):
    with pytest.raises(ParseError, match=message):
        parse_feed(body, "http://x.test/feed.json", "application/json")


def test_empty_json_feed():
    feed = parse_feed(_json(title="Empty", items=None), "http://x.test/f.json")
    assert feed.title == "Empty" and feed.items == []
