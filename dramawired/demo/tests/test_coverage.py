"""Events the demo outlets cover in their own words (issue 15, "Demo"): each is told by three
to six outlets, no two of whose takes are near-copies under the pipeline's own fingerprint
(so each is published as a post of its own, not linked as "Also reported by"), dated close
together, and held back at the start of release mode so the stories form while the demo
runs. Two of them are about the same star and must stay apart."""

from itertools import combinations

import pytest
from django.conf import settings

from dramawired.demo.catalog import find
from dramawired.demo.events import EVENTS, SAME_STAR
from dramawired.demo.release import Release
from dramawired.pipeline.article import plain
from dramawired.pipeline.dedupe import distance, fingerprint

MAX_SPREAD_HOURS = 48


def takes(event):
    found = [find(*ref.split("/")) for ref in EVENTS[event]]
    assert None not in found, [r for r, a in zip(EVENTS[event], found, strict=True) if not a]
    return found


def story_fingerprint(article) -> int:
    """As the pipeline takes it (run.build_article): the title, then the story's text."""
    return fingerprint(f"{article.title}\n{plain(article.body)}")


@pytest.mark.parametrize("event", EVENTS)
def test_event_is_covered_by_three_to_six_outlets_within_two_days(event):
    articles = takes(event)
    outlets = [a.outlet.slug for a in articles]
    assert 3 <= len(articles) <= 6
    assert len(set(outlets)) == len(outlets), outlets
    assert all(a.original is None and not a.link and not a.video for a in articles)
    dates = sorted(a.published for a in articles)
    assert (dates[-1] - dates[0]).total_seconds() <= MAX_SPREAD_HOURS * 3600
    titles = [a.title for a in articles]
    assert len(set(titles)) == len(titles)


@pytest.mark.parametrize("event", EVENTS)
def test_no_two_takes_are_near_duplicates(event):
    """Each take is its own post: further apart than the distance that makes a twin, with
    a margin (twice it), since the text the pipeline extracts from a page may differ from
    the file's by a few words."""
    twin = settings.DRAMAWIRED_DUPLICATE_DISTANCE
    prints = {f"{a.outlet.slug}/{a.slug}": story_fingerprint(a) for a in takes(event)}
    close = [(x, y, distance(prints[x], prints[y])) for x, y in combinations(prints, 2)
             if distance(prints[x], prints[y]) <= 2 * twin]
    assert close == []


def test_the_same_stars_two_stories_both_name_him_in_every_headline():
    """Two events about one person: a name in common is not enough to join them."""
    engaged, cast = (takes(e) for e in SAME_STAR)
    assert all("Jasper Okonkwo" in a.title for a in [*engaged, *cast])
    # Told within 72 hours of each other, as a time window alone would join them.
    assert (min(a.published for a in cast) - max(a.published for a in engaged)
            ).total_seconds() < 72 * 3600


def test_every_take_comes_out_while_the_demo_runs():
    """In release mode (release.py) each outlet starts with the oldest two-thirds of its
    catalogue out: every take is held back and released later, so the stories form on the
    running site, one outlet's take at a time."""
    release = Release(start=0, every=60)
    for event in EVENTS:
        for a in takes(event):
            plan = release.plans[a.outlet.slug]
            when = release.time(a.outlet.slug, plan.index[a.slug])
            assert when is not None and when > 0, (event, a.slug)
