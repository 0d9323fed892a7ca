"""Fixtures of the pipeline's tests."""

import pytest

from dramawired.pipeline import classify, gazetteer

# The seed's category slugs as the seeded site names them.
NAMES = {"celebrity": "Celebrity", "dramaalert": "DramaAlert", "gossip": "Gossip",
         "movie": "Movie", "tv": "TV", "music": "Music", "comics": "Comics", "shop": "Shop"}


@pytest.fixture(scope="session")
def seed_classifier() -> classify.Classifier:
    """A classifier trained on the seed set and names table once per session, labelled by
    category name."""
    return classify.train(classify.seed(), gazetteer.entries()).relabel(NAMES)
