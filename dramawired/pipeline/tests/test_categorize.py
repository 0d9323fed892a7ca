"""Categories, first that decides wins: source rules, the feed's category, the source's
default, what the story is about, Uncategorized; each answer says which one decided."""

from dramawired.pipeline.categorize import UNCATEGORIZED, categorize

KNOWN = ["Celebrity", "DramaAlert", "Gossip", "Movie", "TV", "Music", "Comics", "Shop"]
# Our own story; every word of it says Music.
ALBUM = ("Quiet Harbour announce a new album and a UK tour",
         "The band's fourth album, recorded in a Cornish chapel, is out in May. They will "
         "play twelve dates, finishing with two nights at a London arena; tickets go on "
         "sale on Friday.")


def test_first_matching_rule_wins_over_feed_category_and_default():
    rules = [("box office", "Movie"), ("album", "Music")]
    got = categorize("Ember Road tops the box office", "Album news too.",
                     feed_tags=("TV",), default="Gossip", rules=rules, known=KNOWN)
    assert got == ("Movie", "rule")


def test_rule_keywords_match_whole_words_only():
    rules = [("art", "Comics")]
    assert categorize("A party in Malibu", "", default="Gossip", rules=rules,
                      known=KNOWN) == ("Gossip", "default")


def test_rule_naming_an_unknown_category_is_ignored():
    assert categorize("x", "album", rules=[("album", "Podcasts")], default="Music",
                      known=KNOWN) == ("Music", "default")


def test_feed_category_matching_ours_case_insensitively():
    assert categorize("x", "", feed_tags=("movie",), default="Gossip",
                      known=KNOWN) == ("Movie", "feed")


def test_fallbacks():
    assert categorize("x", "", default="Shop", known=KNOWN) == ("Shop", "default")
    assert categorize("x", "", known=KNOWN) == (UNCATEGORIZED, "")


def test_content_comes_after_rules_feed_and_default(seed_classifier):
    title, text = ALBUM
    ask = dict(known=KNOWN, model=seed_classifier)
    assert categorize(title, text, rules=[("tour", "TV")], feed_tags=("Comics",),
                      default="Gossip", **ask) == ("TV", "rule")
    assert categorize(title, text, feed_tags=("Comics",), default="Gossip",
                      **ask) == ("Comics", "feed")
    assert categorize(title, text, feed_tags=("Weekend",), default="Gossip",
                      **ask) == ("Gossip", "default")
    assert categorize(title, text, feed_tags=("Weekend",), **ask) == ("Music", "content")
    assert categorize(title, text, known=KNOWN) == (UNCATEGORIZED, "")  # no model


def test_off_topic_or_empty_stories_stay_uncategorized(seed_classifier):
    council = ("Council approves budget for bin collections",
               "Councillors voted 31 to 12 for a budget that keeps weekly bin collections "
               "and raises parking charges in the town centre from April.")
    for title, text in [council, ("", ""), ("Update", "")]:
        assert categorize(title, text, known=KNOWN, model=seed_classifier) == \
            (UNCATEGORIZED, ""), title


def test_a_guess_naming_a_category_the_site_lacks_is_no_filing(seed_classifier):
    title, text = ALBUM
    got = categorize(title, text, known=[k for k in KNOWN if k != "Music"],
                     model=seed_classifier)
    assert got == (UNCATEGORIZED, "")


def test_the_guess_takes_the_sites_spelling(seed_classifier):
    title, text = ALBUM
    known = [k.upper() for k in KNOWN]
    assert categorize(title, text, known=known, model=seed_classifier) == ("MUSIC", "content")


def test_a_feed_section_that_is_none_of_ours_still_tells_the_classifier(seed_classifier):
    title, text = "Friday briefing", "Our pick of the stories you may have missed."
    assert categorize(title, text, known=KNOWN, model=seed_classifier) == (UNCATEGORIZED, "")
    assert categorize(title, text, feed_tags=("Film", "Box office"), known=KNOWN,
                      model=seed_classifier) == ("Movie", "content")
