"""Where articles are built (building.py): a large poll's builds in another process give
the very articles the poll's own threads would, a refused page and a story-less item
included; a small poll never starts a process."""

import threading
from pathlib import Path

import pytest

from dramawired.pipeline import building
from dramawired.pipeline.article import BuildPlan
from dramawired.pipeline.dedupe import cheap_keys
from dramawired.pipeline.extract import ExtractError
from dramawired.pipeline.items import FeedItem
from dramawired.pipeline.run import build_from_page

from .conftest import NAMES

PAGES = Path(__file__).parent.parent / "testdata" / "pages"
CHALLENGE = ("<html><head><title>Just a moment...</title></head>"
             "<body>Checking your browser before accessing the site.</body></html>")


@pytest.fixture
def processes():
    yield 1
    building.shutdown()


def _jobs() -> list[tuple]:
    """(item, keys, page html, page url, page error) of a few kinds of item."""
    jobs = []
    for i, page in enumerate(sorted(PAGES.glob("*.html"))):
        if page.name.endswith(".expected.html"):
            continue
        item = FeedItem(guid=f"g{i}", url=f"https://example.com/{page.stem}",
                        title=f"Story {i}", summary_html="<p>What the feed says.</p>")
        jobs.append((item, cheap_keys(item, 1), page.read_text(), item.url, ""))
    refused = FeedItem(guid="r", url="https://example.com/r", title="Refused",
                       summary_html="<p>The feed's own text, " + "long " * 50 + "</p>")
    jobs.append((refused, cheap_keys(refused, 1), CHALLENGE, refused.url, ""))
    missed = FeedItem(guid="m", url="https://example.com/m", title="Missed",
                      summary_html="<p>Only the feed's text.</p>")
    jobs.append((missed, cheap_keys(missed, 1), None, missed.url, "timed out"))
    return jobs


def _plan(seed_classifier) -> BuildPlan:
    return BuildPlan(known=tuple(NAMES.values()), classifier=seed_classifier,
                     boilerplate=frozenset({"what the feed says"}))


def test_a_build_process_gives_the_articles_threads_give(seed_classifier, processes):
    plan, jobs = _plan(seed_classifier), _jobs()
    here = building.builder(build_from_page, plan, len(jobs), threading.Semaphore(2), 0)
    there = building.builder(build_from_page, plan, building.MIN_ITEMS,
                             threading.Semaphore(2), processes)
    assert not here.remote and there.remote
    for job in jobs:
        expected, got = here(*job), there(*job)
        assert got == expected
        assert got.item is job[0]  # this side's own item, not a copy
    refused = there(*jobs[-2])
    assert refused.page_html is None and "bot challenge" in refused.page_error
    assert building.process_ids()


def test_an_item_without_a_story_fails_there_as_here(seed_classifier, processes):
    empty = FeedItem(guid="e", url="https://example.com/e", title="")
    there = building.builder(build_from_page, _plan(seed_classifier), building.MIN_ITEMS,
                             threading.Semaphore(2), processes)
    with pytest.raises(ExtractError, match="no story found"):
        there(empty, cheap_keys(empty, 1), None, empty.url, "")


def test_each_poll_sends_its_own_plan(seed_classifier, processes):
    """A second poll's plan (another source's boilerplate) reaches the build process,
    not the plan it kept from the first poll."""
    item, keys, page, url, error = _jobs()[0]
    plans = [_plan(seed_classifier), BuildPlan(known=tuple(NAMES.values()),
                                               classifier=seed_classifier)]
    built = [building.builder(build_from_page, plan, building.MIN_ITEMS,
                              threading.Semaphore(2), processes)(item, keys, page, url, error)
             for plan in plans]
    expected = [build_from_page(item, keys, page, url, error, plan) for plan in plans]
    assert built == expected


def test_a_small_poll_or_one_core_builds_in_threads(seed_classifier):
    plan = _plan(seed_classifier)
    assert not building.builder(build_from_page, plan, building.MIN_ITEMS - 1,
                                threading.Semaphore(2), 1).remote
    assert not building.builder(build_from_page, plan, 10_000, threading.Semaphore(2),
                                0).remote
    assert building.process_ids() == []
