"""filter.py: include/exclude keywords match whole words, case-insensitively, in the title,
tags and text (not markup) of an item; items older than the maximum age are dropped, items
without a date are kept; every dropped item says why."""

from datetime import UTC, datetime, timedelta

import pytest

from dramawired.pipeline.filter import filter_items
from dramawired.pipeline.items import FeedItem

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def _item(title, summary="", *, tags=(), content="", age_days=None):
    published = NOW - timedelta(days=age_days) if age_days is not None else None
    return FeedItem(guid=title, url=f"https://x.test/{len(title)}", title=title,
                    summary_html=summary, content_html=content, tags=tags,
                    published=published)


def _titles(items):
    return [i.title for i in items]


def test_no_rules_keep_everything():
    items = [_item("A"), _item("B", age_days=9000)]
    assert filter_items(items, now=NOW) == (items, [])


@pytest.mark.parametrize(("keyword", "text", "matches"), [
    ("art", "Art Basel after-party", True),
    ("art", "The party of the year", False),  # whole words only
    ("art", "Start of the season", False),
    ("ART", "street art, reviewed", True),
    ("K-Drama", "A new k-drama lands", True),
    ("$640M", "Alibaba invests $640M in Hong Kong", True),
    ("$640M", "Alibaba invests $6400M", False),
    ("Café", "CAFÉ society returns", True),
    ("Harbor Lights", "harbor lights tour dates", True),
    ("Harbor Lights", "Harbor of Lights", False),
    ("星のかけら", "「星のかけら」 passes 100M streams", True),
    ("星", "「星のかけら」 passes", False),  # CJK has no spaces: a "word" is the whole run
])
def test_whole_word_case_insensitive(keyword, text, matches):
    kept, _ = filter_items([_item(text)], include=[keyword], now=NOW)
    assert bool(kept) is matches


def test_include_searches_title_tags_summary_and_content_not_markup():
    items = [
        _item("In the title: Gossip"),
        _item("In a tag", tags=("Gossip",)),
        _item("In the summary", "<p>Latest <b>gossip</b> here</p>"),
        _item("In the content", content="<p>More gossip.</p>"),
        _item("Only in markup", '<a href="https://x.test/gossip" title="gossip">link</a>'),
    ]
    kept, dropped = filter_items(items, include=["gossip"], now=NOW)
    assert _titles(kept) == ["In the title: Gossip", "In a tag", "In the summary",
                             "In the content"]
    assert [(i.title, why) for i, why in dropped] == [("Only in markup", "no include keyword")]


def test_entities_are_text_not_words():
    items = [_item("Cartoon news", "<p>Tom &amp; Jerry &quot;return&quot;</p>"),
             _item("Plain", "<p>Tom and Jerry</p>")]
    kept, _ = filter_items(items, include=["Tom & Jerry"], now=NOW)
    assert _titles(kept) == ["Cartoon news"]
    kept, _ = filter_items(items, include=["return"], now=NOW)
    assert _titles(kept) == ["Cartoon news"]
    kept, _ = filter_items(items, exclude=["amp", "quot"], now=NOW)
    assert len(kept) == 2


def test_exclude_names_the_keyword():
    items = [_item("Harbor Lights announce tour"), _item("Sponsored: win a car"),
             _item("Box office report")]
    kept, dropped = filter_items(items, exclude=["Harbor", "Harbor Lights", "sponsored"],
                                 now=NOW)
    assert _titles(kept) == ["Box office report"]
    # The longest keyword is tried first, and the words are quoted as the item wrote them.
    assert [why for _, why in dropped] == ["exclude keyword 'Harbor Lights'",
                                           "exclude keyword 'Sponsored'"]


def test_include_and_exclude_together():
    items = [_item("Nova Reyes tour"), _item("Nova Reyes sponsored post"), _item("Other")]
    kept, dropped = filter_items(items, include=["Nova Reyes"], exclude=["sponsored"],
                                 now=NOW)
    assert _titles(kept) == ["Nova Reyes tour"]
    assert sorted(why for _, why in dropped) == ["exclude keyword 'sponsored'",
                                                 "no include keyword"]


def test_keywords_with_regex_characters_are_literal():
    items = [_item("C++ (and more)"), _item("Cxx and more")]
    kept, _ = filter_items(items, include=["C++", "(and"], now=NOW)
    assert _titles(kept) == ["C++ (and more)"]
    kept, _ = filter_items(items, include=["C.."], now=NOW)
    assert kept == []


def test_max_age():
    items = [_item("Fresh", age_days=1), _item("Old", age_days=8), _item("Undated"),
             _item("Edge", age_days=7)]
    kept, dropped = filter_items(items, max_age=timedelta(days=7), now=NOW)
    assert _titles(kept) == ["Fresh", "Undated", "Edge"]
    assert [(i.title, why) for i, why in dropped] == [("Old", "older than 7 days")]


def test_age_is_checked_before_keywords():
    kept, dropped = filter_items([_item("Gossip", age_days=30)], include=["gossip"],
                                 max_age=timedelta(days=7), now=NOW)
    assert kept == [] and dropped[0][1] == "older than 7 days"
