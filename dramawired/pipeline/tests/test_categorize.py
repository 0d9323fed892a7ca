"""Categories: source rules first, then the feed's category, then the source default."""

from dramawired.pipeline.categorize import UNCATEGORIZED, categorize

KNOWN = ["Celebrity", "DramaAlert", "Gossip", "Movie", "TV", "Music", "Comics", "Shop"]


def test_first_matching_rule_wins_over_feed_category_and_default():
    rules = [("box office", "Movie"), ("album", "Music")]
    got = categorize("Ember Road tops the box office", "Album news too.",
                     feed_tags=("TV",), default="Gossip", rules=rules, known=KNOWN)
    assert got == "Movie"


def test_rule_keywords_match_whole_words_only():
    rules = [("art", "Comics")]
    assert categorize("A party in Malibu", "", default="Gossip", rules=rules,
                      known=KNOWN) == "Gossip"


def test_rule_naming_an_unknown_category_is_ignored():
    assert categorize("x", "album", rules=[("album", "Podcasts")], default="Music",
                      known=KNOWN) == "Music"


def test_feed_category_matching_ours_case_insensitively():
    assert categorize("x", "", feed_tags=("movie",), default="Gossip", known=KNOWN) == "Movie"


def test_fallbacks():
    assert categorize("x", "", default="Shop", known=KNOWN) == "Shop"
    assert categorize("x", "", known=KNOWN) == UNCATEGORIZED
