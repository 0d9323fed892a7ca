"""The content classifier: features, confidence, JSON round trip. Every text here is our
own writing, none of it in the seed set."""

import json
import math

import numpy as np
import pytest

from dramawired.pipeline import classify

STORIES = {
    "Movie": ("Heist caper 'Velvet Hour' steals the weekend box office",
              "The caper opened to $41 million in North American cinemas, ahead of the "
              "animated sequel. Its director thanked audiences for seeing it on the big "
              "screen."),
    "TV": ("Hospital drama renewed for a fifth season after record finale",
           "The network ordered thirteen new episodes of the series, whose season finale "
           "drew its biggest audience. The showrunner promised new cast members."),
    "Comics": ("New Batman ongoing series announced with a debut issue in June",
               "The publisher's new comic pairs a veteran writer with a rising artist; the "
               "first issue has ten variant covers."),
    "DramaAlert": ("Streamer banned on Twitch after viewers clip a heated rant",
                   "The streamer's channel went offline mid-broadcast, and fellow YouTubers "
                   "posted reaction videos within the hour."),
}


def test_features_are_words_and_word_pairs_with_numbers_as_one_token():
    assert classify.features("Box office: $48M in 2026!") == [
        "box", "office", "#", "m", "in", "#",
        "box office", "office #", "# m", "m in", "in #"]
    assert "don't" in classify.features("Don’t stop")  # curly and straight apostrophes


@pytest.mark.parametrize("label", sorted(STORIES))
def test_unseen_stories_get_their_category(seed_classifier, label):
    assert seed_classifier.predict(*STORIES[label]) == label


def test_off_topic_stories_fall_below_the_threshold_or_to_none(seed_classifier):
    assert seed_classifier.predict(
        "Treasury unveils plan to cut borrowing", "The finance minister told parliament "
        "that borrowing would fall by £20bn over five years, with spending on roads "
        "delayed.") is None
    assert seed_classifier.predict("", "") is None


def test_the_best_category_is_weighed_against_none_of_these():
    # Split between two neighbouring categories, but clearly about one of them.
    assert classify.decide([("Gossip", 0.3), ("Celebrity", 0.28), (None, 0.12)],
                           threshold=0.25, margin=1.5) == "Gossip"
    # As likely off-topic as filed: not sure enough.
    assert classify.decide([("Gossip", 0.3), (None, 0.25), ("Celebrity", 0.2)],
                           threshold=0.25, margin=1.5) is None
    assert classify.decide([(None, 0.7), ("Movie", 0.2)], threshold=0.1, margin=0) == "Movie"
    assert classify.decide([("Movie", 0.2), ("TV", 0.19)], threshold=0.25, margin=0) is None
    assert classify.decide([(None, 1.0)]) is None


def test_nothing_is_sure_enough_at_a_threshold_of_one(seed_classifier):
    assert seed_classifier.predict(*STORIES["Movie"], threshold=1.0) is None


def test_json_round_trip_predicts_the_same(seed_classifier):
    stored = json.loads(json.dumps(seed_classifier.to_json()))
    loaded = classify.Classifier.from_json(stored)
    for title, text in STORIES.values():
        doc = classify.document(title, text)
        before, after = seed_classifier.probabilities(doc), loaded.probabilities(doc)
        assert [label for label, _ in before] == [label for label, _ in after]
        assert np.allclose([p for _, p in before], [p for _, p in after], atol=1e-3)


@pytest.mark.parametrize("damage", [
    lambda d: d.update(format=0),
    lambda d: d.pop("idf"),
    lambda d: d.update(idf=d["idf"][:-1]),
    lambda d: d.update(labels=[{"__class__": "os.system"}] * len(d["labels"])),
    lambda d: d.update(coef="rm -rf /"),
    lambda d: d.update(names=[["glass orchard", 99]]),
    lambda d: d.pop("names"),
])
def test_a_damaged_or_foreign_row_is_refused(seed_classifier, damage):
    data = seed_classifier.to_json()
    damage(data)
    with pytest.raises(ValueError):
        classify.Classifier.from_json(data)


def test_relabel_maps_labels_and_drops_unknown_ones(seed_classifier):
    renamed = seed_classifier.relabel({"Movie": "Films"})
    assert set(renamed.labels) == {"Films", None}
    assert renamed.predict(*STORIES["Movie"]) == "Films"


def test_two_labels_train_a_usable_classifier():
    examples = [classify.Example(f"Album number {i}", "the band's new album and tour", "Music")
                for i in range(3)] + [
        classify.Example(f"Budget vote {i}", "parliament votes on the budget", None)
        for i in range(3)]
    model = classify.train(examples)
    assert model.predict("New album", "The band's album and tour", threshold=0.5) == "Music"
    assert model.predict("Budget", "Parliament votes on the budget", threshold=0.5) is None


def test_names_from_the_table_say_what_a_bare_headline_is_about():
    examples = classify.seed()
    names = [("Glass Orchard", "music"), ("Lantern Choir", "music")]
    plain, named = classify.train(examples), classify.train(examples, names)
    headline = ("Glass Orchard and Lantern Choir surprise fans", "")
    assert plain.predict(*headline) != "music"
    assert named.predict(*headline) == "music"
    stored = classify.Classifier.from_json(json.loads(json.dumps(named.to_json())))
    assert stored.predict(*headline) == "music"
    # Each name adds NAME_BOOST to its beat's log-odds against any other category, and
    # NOT_NONE more against "none of these"; a name alone is evidence, not a verdict.
    for doc, n in (("Glass Orchard: what we know", 1), ("Lantern Choir, Glass Orchard", 2)):
        before = dict(plain.probabilities(classify.document(doc, "")))
        after = dict(named.probabilities(classify.document(doc, "")))
        lift = {k: math.log(after["music"] / after[k]) - math.log(before["music"] / before[k])
                for k in ("movie", None)}
        assert lift["movie"] == pytest.approx(n * classify.NAME_BOOST, abs=1e-6)
        assert lift[None] == pytest.approx(n * (classify.NAME_BOOST + classify.NOT_NONE),
                                           abs=1e-6)
