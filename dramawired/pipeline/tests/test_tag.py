"""Tags name things the story is about: never glued words, numbers or stop words."""

import re
from html import unescape

import pytest

from dramawired.demo.catalog import articles
from dramawired.pipeline.tag import MAX_TAGS, MAX_WORDS, pick_tags
from dramawired.pipeline.tagwords import STOP

ALIBABA_TITLE = "Alibaba Set to Invest $640M Into Hong Kong Entertainment Industry"


def _text(body: str) -> str:
    return unescape(re.sub(r"</(p|h\d|li|blockquote)>", "\n", body).replace("<", " <")
                    ).replace("\n ", "\n")


def _plain(body: str) -> str:
    return re.sub(r"<[^>]+>", "", _text(body))


def test_the_seed_sites_story_gets_tags_that_name_things():
    story = next(a for a in articles()["reel-report"] if a.title == ALIBABA_TITLE)
    tags = pick_tags(story.title, _plain(story.body))
    assert tags[:3] == ["Hong Kong", "Alibaba Pictures", "Filmart"]
    assert not any(re.search(r"\d", t) for t in tags)
    assert "640MAlibabaEntertainmentHONG" not in "".join(tags)


def test_every_demo_story_gets_three_to_eight_real_tags():
    stories = [a for items in articles().values() for a in items
               if a.original is None and not a.link and not a.video]
    for a in stories:
        text = _plain(a.body)
        tags = pick_tags(a.title, text)
        assert 3 <= len(tags) <= MAX_TAGS, (a.slug, tags)
        for tag in tags:
            # Each tag is a phrase the story really contains, word for word.
            assert tag in f"{a.title}\n{text}", (a.slug, tag)
            assert not tag.isdigit() and tag.casefold() not in STOP, (a.slug, tag)
            # Small words and colons inside titles of works do not count.
            assert len([w for w in tag.split() if w[0].isupper()]) <= MAX_WORDS, (a.slug, tag)


@pytest.mark.parametrize("text, absent", [
    ("The show returns in January. On Monday, Netflix said so. Netflix confirmed it.",
     {"The", "January", "On", "Monday"}),
    ("Kiki Blaze spoke. She said Blaze would tour. Blaze confirmed.", {"She"}),
    ("Atlanta-born rapper Kiki Blaze signed. Kiki Blaze is happy.", {"Atlanta-born"}),
])
def test_stop_words_calendar_words_and_adjectives_are_not_tags(text, absent):
    assert not absent & set(pick_tags("", text))


def test_surname_counts_for_the_full_name():
    text = ("Sienna Vale arrived early. Later, Vale told reporters she was thrilled. "
            "Vale smiled. Theo Marchetti waved.")
    tags = pick_tags("Sienna Vale Wows", text)
    assert tags[0] == "Sienna Vale" and "Vale" not in tags


def test_names_joined_by_ampersand_stay_two_names():
    text = ("Sienna Vale & Theo Marchetti arrived. Sienna Vale smiled. "
            "Theo Marchetti waved. Panel & Page reported it, and the news site Panel & Page "
            "ran a second story.")
    tags = pick_tags("", text)
    assert {"Sienna Vale", "Theo Marchetti", "Panel & Page"} <= set(tags)
    assert not any("Vale & Theo" in t for t in tags)


def test_feed_categories_add_weight_but_title_case_headlines_do_not_invent_tags():
    text = "Streamline+ renewed the show. Streamline+ is spending big on Midnight Harbor."
    tags = pick_tags("Streamline+ Commits $180M To Midnight Harbor", text,
                     feed_tags=("Streaming",))
    assert "Commits" not in tags and "Midnight Harbor" in tags and "Streaming" in tags
