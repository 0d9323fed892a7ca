"""extract_article and sanitize_html on pages written to burn a core.

Pins: absurd nesting is unwrapped before lxml, trafilatura and nh3 see it, and the story at
its bottom survives; the page scans of extract.py (challenge markers, publication date,
text length) stay linear on unclosed <script>, <title>, <meta>, <time> and bare "<a".
Times are CPU seconds of this process, so other work on the machine does not count.
"""

import time

import pytest

from dramawired.pipeline.extract import ExtractError, blocked_reason, extract_article
from dramawired.pipeline.items import FeedItem
from dramawired.pipeline.sanitize import sanitize_html

URL = "https://pub.example/deep"
STORY = "The story at the bottom of the well, told in full and kept. " * 8


def _item(**fields) -> FeedItem:
    return FeedItem(guid=URL, url=URL, title="Deep", **fields)


def _cpu(call):
    started = time.process_time()
    result = call()
    return result, time.process_time() - started


def test_200k_nested_divs_are_quick_and_keep_the_story():
    n = 200_000  # 2.2 MB; before the guard nh3 alone held a core for minutes
    page = ("<html><head><title>Deep</title></head><body>" + "<div>" * n
            + f"<p>{STORY}</p>" + "</div>" * n + "</body></html>")
    extracted, seconds = _cpu(lambda: extract_article(page, URL, _item()))
    assert seconds < 2, f"extract took {seconds:.1f}s"
    assert extracted.from_page and STORY.strip() in extracted.body_html
    fragment = "<div>" * n + f"<p>{STORY}</p>" + "</div>" * n
    clean, seconds = _cpu(lambda: sanitize_html(fragment, URL))
    assert seconds < 2, f"sanitize took {seconds:.1f}s"
    assert clean == f"<p>{STORY.strip()}</p>" or STORY.strip() in clean


@pytest.mark.parametrize("unit", ["<script>", "<style>", "<title>", "<meta ", "<time ", "<a",
                                  "<meta property=article:published_time ", "<!--"])
def test_unclosed_markup_is_scanned_in_linear_time(unit):
    # 600 KB: quadratic scans took ~10 s per 100 KB here, so minutes for this page.
    page = "<html><head></head><body>" + unit * (600_000 // len(unit))
    feed = f"<p>{STORY}</p>"
    extracted, seconds = _cpu(lambda: extract_article(page, URL, _item(summary_html=feed)))
    assert seconds < 2, f"{unit!r}: extract took {seconds:.1f}s"
    # (<title> in a body is text, which trafilatura may take for the story.)
    assert extracted.body_html == feed or unit == "<title>"
    assert blocked_reason(page) is None


def test_a_challenge_page_is_still_recognised_past_an_unclosed_script():
    page = ("<html><head><title>Just a moment...</title><script>var x = 1;"
            + "<p>Checking your browser before accessing</p>")
    assert blocked_reason(page) == "bot challenge (Cloudflare)"
    with pytest.raises(ExtractError, match="bot challenge"):
        extract_article(page, URL, _item(summary_html="<p>teaser</p>"))
