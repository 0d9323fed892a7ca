"""When two takes are one event: the rule grouping.py applies, on headlines we wrote."""

from dramawired.stories import similarity
from dramawired.stories.similarity import EMPTY_TERMS as EMPTY
from dramawired.stories.similarity import add, alike, choose, terms

ENGAGED = [("Jasper Okonkwo and Marisol Ide Are Engaged!", ["Jasper Okonkwo", "Marisol Ide"]),
           ("Jasper Okonkwo engaged to ceramicist Marisol Ide", ["Jasper Okonkwo",
                                                                 "Marisol Ide"])]
CAST = ("Jasper Okonkwo Lands Captain Comet Lead in Streamline's Series",
        ["Jasper Okonkwo", "Captain Comet", "Streamline"])


def story_of(*takes) -> similarity.Terms:
    centroid = EMPTY
    for title, names in takes:
        centroid = add(centroid, terms(title, "", tuple(names)))
    return centroid


def test_the_same_event_in_other_words_joins():
    story = story_of(*ENGAGED)
    take = terms("Okonkwo, Ide engaged after kiln proposal", "", ("Marisol Ide",))
    assert alike(take, story) >= similarity.JOIN


ENGAGED_TEXT = ("The actor proposed to the ceramicist at her studio in Santa Fe on Sunday; "
                "the ring was made from kiln-fired clay, a friend of the couple said.")
CAST_TEXT = ("The streaming service confirmed the casting on Monday: filming on the superhero "
             "series starts in March in Vancouver, with the costume already fitted.")


def test_one_shared_star_is_not_one_event():
    """His engagement and his casting share "Jasper Okonkwo" (two rare words) and little
    else: the casting starts a story of its own, and its next take joins that one."""
    engaged = add(EMPTY, terms(ENGAGED[0][0], ENGAGED_TEXT, tuple(ENGAGED[0][1])))
    take = terms(CAST[0], CAST_TEXT, tuple(CAST[1]))
    assert similarity.cosine(take.title, engaged.title) > similarity.JOIN
    assert alike(take, engaged) == 0
    cast = add(EMPTY, take)
    again = terms("Streamline confirms Okonkwo as Captain Comet", "Filming on the series "
                  "starts in March; the costume was fitted last week.", tuple(CAST[1]))
    assert choose(again, [(1, engaged), (2, cast)])[0] == 2


def test_headlines_sharing_a_name_and_nothing_else_stay_apart():
    """Unless they are STRONG alike: short headlines about one star are, and real
    aggregators' clusters (bench/stories.py) are mostly those; their openings, when they
    have one, then decide."""
    story = story_of(("Nova Reyes wins Pacifica songwriter award for Afterglass single",
                      ["Nova Reyes"]))
    take = terms("Nova Reyes adopts rescue greyhound named Biscuit from Harbor shelter", "",
                 ("Nova Reyes",))
    assert similarity.JOIN < similarity.cosine(take.title, story.title) < similarity.STRONG
    assert alike(take, story) == 0


def test_the_opening_must_agree_when_both_have_a_story():
    """Headlines alike enough, stories about different things: two events."""
    story = add(EMPTY, terms("Nova Reyes drops surprise album Afterglass",
                             "The singer released eleven songs at midnight without warning, "
                             "her label confirmed the record was made in a month.",
                             ("Nova Reyes",)))
    same = terms("Nova Reyes surprise album Afterglass tops charts",
                 "Eleven songs released at midnight without warning: the surprise record "
                 "went straight to the top of the charts.", ("Nova Reyes",))
    other = terms("Nova Reyes surprise album Afterglass tour dates",
                  "Tickets for forty arenas in Europe go on sale Friday; presale codes went "
                  "to the fan club.", ("Nova Reyes",))
    assert alike(same, story) > 0
    assert alike(other, story) == 0


def test_telling_words_weigh_a_quarter():
    assert similarity.weight("confirms") * 4 == similarity.RARE - similarity.zipf_frequency(
        "confirms", "en")
    assert similarity.weight("the") == 0
    assert similarity.weight("qzxvbnk") == similarity.RARE


def test_a_post_taken_out_leaves_the_centroid_as_before():
    one, two = (terms(t, "", tuple(n)) for t, n in ENGAGED)
    both = add(add(EMPTY, one), two)
    back = add(both, two, -1)
    assert back.title.keys() == add(EMPTY, one).title.keys()
    assert all(abs(back.title[k] - v) < 1e-3 for k, v in add(EMPTY, one).title.items())


def test_keys_are_the_rarest_headline_words_and_round_trip():
    take = terms(CAST[0], "Filming starts in March.", tuple(CAST[1]))
    assert "okonkwo" in take.keys() and "in" not in take.keys()
    assert similarity.Terms.from_json(take.to_json()) == take


MISSED = ("Miley Cyrus hospitalised, cancels Kansas City concert", ["Miley Cyrus"])
FOLLOW = terms("Miley Cyrus hospitalised, cancels second concert in St. Louis", "",
               ("Miley Cyrus",))


def test_a_headline_alone_joins_no_story_quiet_for_hours():
    """The same words an hour later are one more take; half a day after the story's last
    post, a headline alone is the next development (a real aggregator's new cluster)."""
    story = story_of(MISSED)
    assert alike(FOLLOW, story, hours=1) > 0
    assert alike(FOLLOW, story, hours=similarity.HEADLINE_QUIET + 1) == 0
    assert choose(FOLLOW, [(1, story, similarity.HEADLINE_QUIET + 1)]) == (None, 0.0)


def test_a_quiet_story_asks_more_of_a_headline():
    """Past GRACE hours the thresholds rise: a take alike enough at once is not later,
    while a closer one still is."""
    story = story_of(MISSED)
    take = terms("Miley Cyrus still unwell, more Bangerz tour dates cancelled", "",
                 ("Miley Cyrus",))
    later = similarity.GRACE + 4
    assert similarity.cooling(similarity.GRACE) == 1.0 < similarity.cooling(later)
    assert later < similarity.HEADLINE_QUIET
    assert alike(take, story, hours=similarity.GRACE) > 0
    assert alike(take, story, hours=later) == 0
    assert alike(FOLLOW, story, hours=later) > 0


def test_openings_that_agree_bridge_a_longer_silence():
    """Takes with a story are looked for up to QUIET hours (a weekly's take the next day),
    and still only when their openings agree."""
    story = add(EMPTY, terms(ENGAGED[0][0], ENGAGED_TEXT, tuple(ENGAGED[0][1])))
    late = terms(ENGAGED[1][0], "The ceramicist said yes at her studio in Santa Fe; the "
                 "actor proposed with a ring made from kiln-fired clay.", tuple(ENGAGED[1][1]))
    hours = similarity.HEADLINE_QUIET + 6
    assert similarity.quiet(late) > hours > similarity.quiet(terms(ENGAGED[1][0]))
    assert alike(late, story, hours=hours) > 0
    assert alike(terms(ENGAGED[1][0], "", tuple(ENGAGED[1][1])), story, hours=hours) == 0
    assert alike(late, story, hours=similarity.QUIET + 1) == 0
