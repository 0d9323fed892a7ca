"""Large feeds parsed once (feedmemo.py): the same bytes give the same parse without
parsing again, and their repeated lines are found once; other bytes, or a small feed,
are parsed as usual."""

import pytest

from dramawired.pipeline import feedmemo

URL = "https://example.com/feed.xml"


def _feed(items: int, marker: str = "") -> bytes:
    entries = "".join(
        f"<item><title>Story {i}{marker}</title><link>https://example.com/{i}</link>"
        f"<description>&lt;p&gt;Story {i} in full, {'words ' * 600}&lt;/p&gt;"
        "&lt;p&gt;Subscribe to our newsletter.&lt;/p&gt;</description></item>"
        for i in range(items))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>'
            f"<link>https://example.com/</link>{entries}</channel></rss>").encode()


@pytest.fixture(autouse=True)
def _forget():
    feedmemo.clear()
    yield
    feedmemo.clear()


@pytest.fixture
def parses(monkeypatch):
    calls = []
    real = feedmemo.parse_feed

    def counting(*args):
        calls.append(args[1])
        return real(*args)

    monkeypatch.setattr(feedmemo, "parse_feed", counting)
    return calls


def test_a_large_feed_polled_again_is_not_parsed_again(parses):
    body = _feed(300)
    assert len(body) > feedmemo.MIN_BYTES
    first = feedmemo.parse(body, URL, "application/rss+xml")
    again = feedmemo.parse(bytes(body), URL, "application/rss+xml")
    assert again is first and len(first.items) == 300
    assert parses == [URL]
    other = feedmemo.parse(_feed(300, marker="!"), URL, "application/rss+xml")
    assert other.items[0].title == "Story 0!" and len(parses) == 2


def test_its_repeated_lines_are_found_once(monkeypatch):
    feed = feedmemo.parse(_feed(300), URL)
    lines = feedmemo.boilerplate(feed.items)
    assert lines == {"subscribe to our newsletter"}
    monkeypatch.setattr(feedmemo, "repeated_lines", lambda texts: pytest.fail("again"))
    assert feedmemo.boilerplate(feed.items) is lines


def test_a_small_feed_is_parsed_each_time(parses):
    body = _feed(3)
    assert feedmemo.parse(body, URL) is not feedmemo.parse(body, URL)
    assert len(parses) == 2
    assert feedmemo.boilerplate(feedmemo.parse(body, URL).items) == {
        "subscribe to our newsletter"}
