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
