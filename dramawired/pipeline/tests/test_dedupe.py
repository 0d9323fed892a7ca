"""dedupe.py: the cheap keys known before a page is fetched (GUID per source, canonical URL
without tracking), and the 64-bit simhash that finds the same story told elsewhere."""

import html
import re

import pytest

from dramawired.demo.catalog import articles, find
from dramawired.pipeline.dedupe import (
    canonical_url,
    cheap_keys,
    distance,
    find_near_duplicate,
    fingerprint,
)
from dramawired.pipeline.items import FeedItem


@pytest.mark.parametrize(("url", "canonical"), [
    ("https://www.Example.com/a/story/?utm_source=rss&utm_medium=feed#comments",
     "https://example.com/a/story"),
    ("http://example.com/a/story", "https://example.com/a/story"),
    ("https://example.com/a/story?fbclid=IwAR0x&gclid=1&ref=tw&_ga=2.1",
     "https://example.com/a/story"),
    ("https://example.com/watch?v=qR5s_Tn8Vw2&utm_campaign=x",
     "https://example.com/watch?v=qR5s_Tn8Vw2"),
    ("https://example.com/s?page=2&id=7&UTM_Source=x", "https://example.com/s?id=7&page=2"),
    ("https://example.com/s?q=a+b&empty=", "https://example.com/s?empty=&q=a+b"),
    ("https://example.com", "https://example.com/"),
    ("https://example.com/", "https://example.com/"),
    ("http://example.com:80/a", "https://example.com/a"),
    ("http://127.0.0.1:8765/tea-kettle/x/", "https://127.0.0.1:8765/tea-kettle/x"),
    ("  https://example.com/Case/Matters  ", "https://example.com/Case/Matters"),
    ("http://[::1]:8080/a/", "https://[::1]:8080/a"),
])
def test_canonical_url(url, canonical):
    assert canonical_url(url) == canonical


def test_canonical_url_of_a_demo_tracking_link():
    base = "http://127.0.0.1:8765/starlight-daily/is-kiki-blaze-feuding-with-gemma-starr/"
    tracked = base + "?utm_source=rss&utm_medium=feed&utm_campaign=starlight"
    assert canonical_url(tracked) == canonical_url(base) == canonical_url(base.rstrip("/"))


def _item(guid="g1", url="https://example.com/a"):
    return FeedItem(guid=guid, url=url, title="T")


def test_cheap_keys():
    keys = cheap_keys(_item(url="https://www.example.com/a/?utm_source=x"), source_id=1)
    assert keys.canonical_url == "https://example.com/a"
    assert len(keys.guid_key) == len(keys.url_key) == 64
    # The URL key ignores tracking and the source; the GUID key is per source.
    same_story = cheap_keys(_item(url="http://example.com/a#top"), source_id=2)
    assert same_story.url_key == keys.url_key
    assert same_story.guid_key != keys.guid_key
    assert cheap_keys(_item(), 1).guid_key == cheap_keys(_item(url="https://x.test/"), 1).guid_key
    assert cheap_keys(_item(guid="g2"), 1).guid_key != keys.guid_key
    assert cheap_keys(_item(url="https://example.com/a?id=2"), 1).url_key != keys.url_key


def test_cheap_keys_without_guid():
    assert cheap_keys(_item(guid=""), 1).guid_key == ""


def _text(outlet, slug):
    article = find(outlet, slug)
    body = html.unescape(re.sub(r"<[^>]+>", " ", article.body))
    return f"{article.title}\n{body}"


ALIBABA = _text("reel-report", "alibaba-set-to-invest-640m-into-hong-kong-entertainment")


@pytest.mark.parametrize("edited", [
    ALIBABA.upper(),
    " ".join(ALIBABA.replace(",", "").replace(".", " ").split()),
    ALIBABA.replace("$640M", "$640M!"),
])
def test_case_spacing_and_punctuation_do_not_count(edited):
    assert fingerprint(edited) == fingerprint(ALIBABA)


@pytest.mark.parametrize("edited", [
    ALIBABA + "\n(Updated 10:40 GMT.)",
    "By Mei-Lin Chow, The Reel Report.\n" + ALIBABA,
])
def test_lightly_edited_story_is_within_3_bits(edited):
    assert 0 < distance(fingerprint(ALIBABA), fingerprint(edited)) <= 3


def _one_word_edit(text):
    words = text.split(" ")
    middle = len(words) // 2
    return " ".join([*words[:middle], "reportedly", *words[middle:]])


def test_edits_land_closer_than_any_unrelated_story():
    """Over every demo story: a one-word edit is usually within 3 bits, and always closer
    than any two different stories are to each other, so a threshold can tell them apart."""
    texts = [_text(a.outlet.slug, a.slug) for items in articles().values() for a in items
             if a.original is None and not a.link]
    fps = [fingerprint(t) for t in texts]
    edits = sorted(distance(fp, fingerprint(_one_word_edit(t)))
                   for t, fp in zip(texts, fps, strict=True))
    unrelated = [distance(a, b) for i, a in enumerate(fps) for b in fps[i + 1:]]
    assert edits[len(edits) // 2] <= 3
    assert max(edits) < min(unrelated)
    assert min(unrelated) >= 12
    assert 28 <= sum(unrelated) / len(unrelated) <= 36  # about half of 64 bits


def test_fingerprint_is_stable_64_bits():
    fp = fingerprint(ALIBABA)
    assert 0 < fp < 2**64 and fp == fingerprint(ALIBABA)
    assert distance(fp, fp) == 0 and distance(0, 2**64 - 1) == 64


def test_syndicated_copy_is_a_near_duplicate():
    copy = next(a for a in articles()["tea-kettle"] if a.original is not None)
    original = fingerprint(_text(copy.original.outlet.slug, copy.slug))
    others = [(i, fingerprint(_text("tea-kettle", a.slug)))
              for i, a in enumerate(articles()["tea-kettle"]) if a.original is None]
    edited = fingerprint(_text(copy.original.outlet.slug, copy.slug) + "\nVia Starlight Daily.")
    assert find_near_duplicate(edited, [*others, (99, original)], max_distance=3) == 99
    assert find_near_duplicate(edited, others, max_distance=3) is None


def test_find_near_duplicate_picks_the_closest_within_range():
    fp = 0b1111_0000
    candidates = [(1, fp ^ 0b111), (2, fp ^ 0b1), (3, fp ^ 0b11), (4, fp ^ 0b1)]
    assert find_near_duplicate(fp, candidates, max_distance=3) == 2  # first of the closest
    assert find_near_duplicate(fp, [(1, fp ^ 0b111)], max_distance=3) == 1  # 3 is in range
    assert find_near_duplicate(fp, [(1, fp ^ 0b1111)], max_distance=3) is None
    assert find_near_duplicate(fp, [], max_distance=3) is None
    assert find_near_duplicate(fp, iter([(7, fp)]), max_distance=0) == 7
