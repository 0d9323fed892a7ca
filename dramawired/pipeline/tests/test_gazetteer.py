"""Known names in a text: whole words, longest first, capitals as the name has them."""

from dramawired.pipeline import classify, gazetteer
from dramawired.pipeline.gazetteer import Gazetteer

NAMES = Gazetteer([("Glass Orchard", "music"), ("Glass", "tv"), ("Blink-182", "music"),
                   ("Disney+", "tv"), ("Dancing with the Stars", "tv"),
                   ("Big Brother", "tv"), ("I'm a Celebrity... Get Me Out of Here!", "tv")])


def names(text: str) -> list[str]:
    return [name for name, _ in NAMES.find(text)]


def test_whole_words_longest_first_case_folded():
    assert names("GLASS ORCHARD and Blink-182 tour; Glass returns") == [
        "Glass Orchard", "Blink-182", "Glass"]
    assert names("Glassy Orchards, Blink-18, Disney bought a studio") == []
    assert names("Disney+ renewed it") == ["Disney+"]


def test_only_where_the_text_capitalises_what_the_name_does():
    assert names("Adam Rippon Wins 'Dancing With The Stars'") == ["Dancing with the Stars"]
    assert names("the glass orchard; his big brother; Big brother is watching") == []
    assert names("Big Brother evictions") == ["Big Brother"]


def test_punctuation_between_words_does_not_count():
    assert names("I'm A Celebrity Get Me Out Of Here starts") == [
        "I'm a Celebrity... Get Me Out of Here!"]


def test_the_names_table_is_well_formed():
    rows = gazetteer.entries()
    general = [name for name, slug in gazetteer._rows() if slug == gazetteer.ANY_BEAT]
    assert len(rows) > 3000 and len(general) > 100
    assert len(gazetteer.table()) == len(rows) + len(general)  # one category a name
    assert {slug for _, slug in rows} <= {e.label for e in classify.seed() if e.label}
