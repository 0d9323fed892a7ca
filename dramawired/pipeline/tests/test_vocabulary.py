"""The site's vocabulary decides among the tagger's names: aliases, blocked tags, the
site's own spelling, spare candidates when the vocabulary takes some away."""

import pytest

from dramawired.news.models import Tag, TagAlias
from dramawired.pipeline.vocabulary import resolve


@pytest.fixture
def vocabulary(db):
    warner = Tag.objects.create(name="Warner Bros", slug="warner-bros")
    TagAlias.objects.create(name="Warner Brothers", slug="warner-brothers", tag=warner)
    Tag.objects.create(name="DC Comics", slug="dc-comics")
    Tag.objects.create(name="Streaming Wars", slug="streaming-wars", blocked=True)
    return warner


def test_an_alias_files_its_name_under_the_tag(vocabulary):
    tags = resolve(["Warner Brothers", "Sienna Vale", "Warner Bros"])
    assert [t.name for t in tags] == ["Warner Bros", "Sienna Vale"]
    assert tags[0].pk == vocabulary.pk
    assert not Tag.objects.filter(slug="warner-brothers").exists()


def test_the_sites_spelling_wins_and_new_names_become_tags(vocabulary):
    tags = resolve(["Dc Comics", "Theo Marchetti"])
    assert [t.name for t in tags] == ["DC Comics", "Theo Marchetti"]
    assert Tag.objects.get(slug="theo-marchetti").name == "Theo Marchetti"


def test_a_blocked_tag_is_never_given_and_a_spare_takes_its_place(vocabulary):
    asked = []

    def more():
        asked.append(True)
        return ["Streaming Wars", "Sienna Vale", "Midnight Harbor", "Glass Tower", "Lisbon"]

    tags = resolve(["Streaming Wars", "Sienna Vale", "Midnight Harbor"], more=more)
    assert [t.name for t in tags] == ["Sienna Vale", "Midnight Harbor", "Glass Tower"]
    assert asked == [True]


def test_among_spares_a_name_the_site_has_comes_first(vocabulary):
    tags = resolve(["Streaming Wars", "Sienna Vale", "Glass Tower"],
                   more=lambda: ["Streaming Wars", "Sienna Vale", "Glass Tower", "Lisbon",
                                 "DC Comics"])
    assert [t.name for t in tags] == ["Sienna Vale", "Glass Tower", "DC Comics"]


def test_spares_are_not_asked_for_when_nothing_was_taken_away(vocabulary):
    def more():
        raise AssertionError("the tagger ran twice")

    tags = resolve(["Sienna Vale", "Midnight Harbor", "Warner Brothers"], more=more)
    assert [t.name for t in tags] == ["Sienna Vale", "Midnight Harbor", "Warner Bros"]


def test_known_names_cost_two_queries_and_new_ones_two_more(vocabulary,
                                                           django_assert_num_queries):
    with django_assert_num_queries(2):
        tags = resolve(["Warner Brothers", "DC Comics"])
    assert [t.slug for t in tags] == ["warner-bros", "dc-comics"]
    with django_assert_num_queries(4):
        tags = resolve(["Warner Brothers", "Sienna Vale", "Theo Marchetti"])
    assert [t.slug for t in tags] == ["warner-bros", "sienna-vale", "theo-marchetti"]
