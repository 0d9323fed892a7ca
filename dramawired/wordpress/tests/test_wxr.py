"""The WXR reader: every version's namespaces, dates, a file cut short, bytes XML cannot
carry, and memory that does not grow with the file."""

import io
from pathlib import Path

import pytest

from dramawired.wordpress.wxr import (
    Author,
    ByteStream,
    Item,
    Site,
    Term,
    WxrError,
    clean_title,
    read_wxr,
)

TESTDATA = Path(__file__).parent / "testdata"

WXR10 = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.0/"
 xmlns:excerpt="http://wordpress.org/export/1.0/excerpt/">
<channel><title>Old Stage</title><link>http://stage.test</link>
<wp:wxr_version>1.0</wp:wxr_version>
<item><title>Curtain &amp;amp; call</title><link>http://stage.test/?p=7</link>
<dc:creator>admin</dc:creator><category><![CDATA[News]]></category>
<category domain="tag"><![CDATA[Encore]]></category>
<content:encoded><![CDATA[Bravo.]]></content:encoded>
<wp:post_id>7</wp:post_id><wp:post_date>2009-03-01 12:00:00</wp:post_date>
<wp:post_date_gmt>2009-03-01 17:00:00</wp:post_date_gmt><wp:status>publish</wp:status>
<wp:post_type>post</wp:post_type></item>
</channel></rss>"""


def records(data: bytes) -> list:
    return list(read_wxr(ByteStream(io.BytesIO(data))))


def test_classic_export_reads_in_file_order():
    found = list(read_wxr(ByteStream((TESTDATA / "classic.xml").open("rb"))))
    assert isinstance(found[0], Site) and found[0].wxr_version == "1.2"
    assert [a.login for a in found if isinstance(a, Author)] == ["pennyw", "desk"]
    terms = [t for t in found if isinstance(t, Term)]
    assert ("category", "trailers", "screen") in [(t.taxonomy, t.slug, t.parent) for t in terms]
    items = {i.wp_id: i for i in found if isinstance(i, Item)}
    post = items[101]
    assert post.title == "Odile Brancato & The Glass Harbour: “We’re back” 🎭"
    assert post.date.isoformat() == "2024-05-16T18:30:00+00:00"  # the GMT date
    assert post.local_date == "2024-05-16" and post.sticky
    assert post.meta["_thumbnail_id"] == "201"
    assert [c.wp_id for c in post.comments] == [11, 13, 12, 14, 15, 16]
    assert items[102].date is None  # a draft's "0000-00-00" and year -1 pubDate
    assert items[201].attachment_url.endswith("harbour-cast.jpg")


def test_wxr_1_0_without_domains_or_authors():
    site, item = records(WXR10)
    assert site.wxr_version == "1.0"
    # Stored as "Curtain &amp; call": shown on the old site as "Curtain & call".
    assert item.title == "Curtain & call"
    assert [(t.domain, t.name) for t in item.terms] == [("category", "News"),
                                                         ("post_tag", "Encore")]
    assert item.date.hour == 17


def test_entities_are_decoded_once():
    assert clean_title("Tom &amp;amp; Jerry") == "Tom &amp; Jerry"
    assert clean_title("Invest $640M &#8211; now") == "Invest $640M – now"
    assert clean_title("AT&T <3 Q&A") == "AT&T <3 Q&A"
    assert clean_title("Title <em>With</em> <b>Mark<sup>up</sup></b>") == "Title With Markup"


def test_a_file_cut_short_keeps_what_was_read():
    data = (TESTDATA / "classic.xml").read_bytes()
    cut = data[: data.index(b"<title><![CDATA[Pending")]
    got = []
    with pytest.raises(WxrError, match=r"breaks off or is malformed at line \d+"):
        for record in read_wxr(ByteStream(io.BytesIO(cut))):
            got.append(record)
    assert [r.wp_id for r in got if isinstance(r, Item)] == [101, 102]


def test_not_an_export():
    with pytest.raises(WxrError):
        records(b"<html><body>Hello</body></html>")
    with pytest.raises(WxrError):
        records(b"\x00\x01 not xml at all")


def test_control_characters_are_dropped():
    data = WXR10.replace(b"Bravo.", b"Bra\x0bvo\x01.")
    assert records(data)[1].content == "Bravo."


class Generated:
    """An export of `count` large items, made as it is read (never held whole)."""

    def __init__(self, count: int):
        head, _, tail = WXR10.partition(b"<item>")
        body = b"<p>" + b"Gossip travels fast. " * 2000 + b"</p>"  # ~42 kB per item
        item = b"<item>" + tail.split(b"</item>")[0].replace(b"Bravo.", body) + b"</item>"
        self.chunks = iter([head, *([item] * count), b"</channel></rss>"])

    def read(self, size: int) -> bytes:
        return next(self.chunks, b"")


def _rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096


def test_memory_stays_flat_on_a_large_export():
    before, grown, count = _rss(), 0, 0
    for record in read_wxr(ByteStream(Generated(2000))):  # an 85 MB export
        if isinstance(record, Item):
            count += 1
            grown = max(grown, _rss() - before)
    assert count == 2000
    # A tree kept whole would hold the 85 MB of text and more; cleared, a few items.
    assert grown < 25_000_000, grown
