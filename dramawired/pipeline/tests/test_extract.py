"""Extraction: the story, all of it, and nothing of the page around it.

Measured over every demo article page (real chrome: navigation, ads, share bars,
comments, related links, newsletter box, footer); the golden page pairs are pinned in
test_golden.py."""

import re
from collections import Counter
from html import unescape

import httpx
import pytest

from dramawired.demo.broken import CHALLENGE_PAGE
from dramawired.demo.catalog import articles
from dramawired.pipeline.extract import ExtractError, blocked_reason, extract_article
from dramawired.pipeline.items import FeedItem
from dramawired.pipeline.sanitize import sanitize_html

# Strings that only the page chrome carries, never a story.
CHROME = ["Advertisement", "Leave a Reply", "glitterbomb88", "popcorn_prophet",
          "Sponsored Stories", "Share on Facebook", "All rights reserved", "Story continues",
          "Popular Posts", "Get the "]


def _words(fragment: str) -> Counter:
    return Counter(re.findall(r"\w+", unescape(re.sub(r"<[^>]+>", " ", fragment)).lower()))


def _item(url: str, **fields) -> FeedItem:
    return FeedItem(guid=url, url=url, **{"title": "", **fields})


def test_demo_pages_give_the_whole_story_and_no_chrome(publishers):
    recalls, precisions = [], []
    for items in articles().values():
        for a in items:
            if a.video or a.link or a.outlet.layout == "forum":
                continue
            url = publishers.base_url + a.path
            page = httpx.get(url).text
            body = sanitize_html(extract_article(page, url, _item(url)).body_html, url)
            original, got = _words(a.body), _words(body)
            shared = sum((original & got).values())
            recalls.append(shared / sum(original.values()))
            precisions.append(shared / sum(got.values()))
            leaked = [c for c in CHROME if c in body]
            assert not leaked, f"{a.path}: chrome in story: {leaked}"
    assert len(recalls) >= 80
    assert min(recalls) > 0.95 and sum(recalls) / len(recalls) > 0.99
    assert min(precisions) > 0.95 and sum(precisions) / len(precisions) > 0.99


@pytest.mark.parametrize("page, reason", [
    (CHALLENGE_PAGE, "bot challenge"),
    ("<html><head><title>Access Denied</title></head><body>You don't have permission."
     "</body></html>", "access denied"),
    ("<html><head><title>404 Not Found</title></head><body>Gone</body></html>", "error page"),
    ("<html><head><title>Attention Required! | Cloudflare</title></head><body>x</body></html>",
     "bot challenge"),
])
def test_challenge_and_error_pages_are_refused(page, reason):
    assert reason in blocked_reason(page)
    url = "https://pub.example/story"
    with pytest.raises(ExtractError, match=reason):
        extract_article(page, url, _item(url, summary_html="<p>Teaser.</p>"))


def test_story_about_captchas_is_not_a_challenge():
    page = ("<html><head><title>Why Every Ticket Site Now Has a Captcha</title></head><body>"
            + "<p>Fans complain about the new queue system. " * 30 + "</p></body></html>")
    assert blocked_reason(page) is None


def test_feed_content_is_the_fallback_when_the_page_has_no_story():
    url = "https://pub.example/story"
    page = "<html><head><title>Story</title></head><body><nav>Home</nav></body></html>"
    feed = "<p>The feed carries this story in full, with $640M and “quotes” intact.</p>"
    extracted = extract_article(page, url, _item(url, title="Story", content_html=feed))
    assert extracted.body_html == feed and not extracted.from_page


def test_no_story_anywhere_is_an_error():
    url = "https://pub.example/story"
    with pytest.raises(ExtractError, match="no story"):
        extract_article("<html><body></body></html>", url, _item(url))


def test_video_entry_is_the_player_and_its_description():
    item = _item("https://video.example/watch?v=abc", title="Clip",
                 video_url="https://www.youtube-nocookie.com/embed/abc",
                 summary_html="<p>What happened.</p>")
    extracted = extract_article(None, item.url, item)
    assert extracted.body_html.startswith(
        '<iframe src="https://www.youtube-nocookie.com/embed/abc"')
    assert extracted.body_html.endswith("<p>What happened.</p>")


def test_a_page_that_yields_far_less_than_the_feed_loses_to_the_feed():
    url = "https://pub.example/story"
    feed = "<p>" + "The full story from the feed, every word of it. " * 40 + "</p>"
    page = ("<html><head><title>Story</title></head><body><article><p>"
            + "A teaser paragraph that the extractor found on the page. " * 5
            + "</p></article></body></html>")
    extracted = extract_article(page, url, _item(url, title="Story", content_html=feed))
    assert extracted.body_html == feed and not extracted.from_page
