"""The header box in a real browser (the system's Chromium, as news/tests/test_browser.py
drives it, whose fixtures this module shares): live results as the reader types, keyboard,
"No Result", then "View All Result"."""

import pytest
from playwright.sync_api import expect

from dramawired.conftest import ALIBABA
from dramawired.news.tests import test_browser as browser

# The browser, the live server with the demo ingested, and the offsite-request guard.
pytestmark = browser.pytestmark
WIDTHS = browser.WIDTHS
chromium, _empty_tables = browser.chromium, browser._empty_tables
live_site, offsite, open_page = browser.live_site, browser.offsite, browser.open_page


@pytest.mark.parametrize("width", WIDTHS)
def test_live_results_then_view_all(live_site, open_page, offsite, width):
    page = open_page(width)
    live = []
    page.on("request", lambda r: "/search/live/" in r.url and live.append(r.url))
    page.goto(live_site + "/")
    box = page.get_by_role("banner").get_by_role("searchbox", name="Search news")
    panel = page.locator("#search-live")

    box.press_sequentially("alibaba", delay=40)  # faster than the 200 ms debounce
    expect(panel.get_by_role("link", name=ALIBABA)).to_be_visible()
    expect(panel.get_by_role("listitem")).not_to_have_count(0)
    assert len(live) == 1  # one request for the whole word
    expect(page.locator("#search-status")).to_contain_text("result")

    box.press("ArrowDown")  # the keyboard walks the results; Escape closes them
    expect(panel.get_by_role("link").first).to_be_focused()
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(box).to_be_focused()

    box.fill("zzzqqqx")
    expect(panel).to_have_text("No Result")
    box.fill("$640")
    expect(panel.get_by_role("link", name=ALIBABA)).to_be_visible()
    panel.get_by_role("link", name="View All Result").click()
    expect(page).to_have_url(live_site + "/search/?q=%24640")
    expect(page.locator("h1")).to_have_text("Results for “$640”")
    expect(page.locator(".search-results mark").first).to_have_text("640M")
    page.wait_for_load_state("load")  # the stylesheet too, before measuring the layout
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTHS[width]["width"]
    assert offsite == []
