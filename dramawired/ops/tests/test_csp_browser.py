"""The Content-Security-Policy against the site's real pages, in Chromium: the home page and
articles (the demo ingested, one with its YouTube player made youtube-nocookie by the
pipeline, one with a Vimeo player, a video and images from other hosts) load, run their script
(live search, view beacon, reply form) and break no rule of the policy. A policy the pages
break under would be worse than none.

Nothing leaves the machine: requests to other hosts are aborted, after the policy allowed
them (a refused request is reported as a violation before it would reach the network)."""

from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from playwright.sync_api import expect, sync_playwright

from dramawired.conftest import CHROMIUM, CHROMIUM_ARGS
from dramawired.news.models import Post
from dramawired.pipeline.sanitize import sanitize_html
from dramawired.search.tests.factories import make_post

HEADER = "content-security-policy"  # as Playwright names response headers

# The live server reads what the test wrote; serialized_rollback restores the migrations'
# seed (categories, menu, site settings) for the tests after this one.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Every violation the page sees, reported to the page itself (and so to the test).
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", e => window.__violations.push(
    `${e.effectiveDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}`));
"""
EMBED_BODY = """<p>The trailer, below.</p>
<iframe src="https://player.vimeo.com/video/76979871" width="560" height="315"
 allowfullscreen></iframe>
<p><img src="https://images.pub.example/still.jpg" alt="A still"></p>
<video src="https://media.pub.example/clip.mp4" controls></video>"""


@pytest.fixture(scope="module", autouse=True)
def _empty_tables(django_db_setup, django_db_blocker):
    """Start from empty tables, as news/tests/test_browser.py does: an earlier transactional
    test without serialized_rollback left content types under other ids, which the seed
    restored before each test here would collide with."""
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, inhibit_post_migrate=True,
                     reset_sequences=False, verbosity=0)


@pytest.fixture
def pages(site) -> dict[str, str]:
    """The pages to load: the home page and three kinds of article."""
    video = make_post("Trailer day", days_ago=0)
    Post.objects.filter(pk=video.pk).update(
        body=sanitize_html(EMBED_BODY, "https://pub.example/trailer/"),
        lead_image="https://images.pub.example/lead.jpg")
    player = Post.objects.filter(body__contains="https://www.youtube-nocookie.com/").first()
    assert player is not None, "a demo article with a YouTube player"
    return {"home": "/", "article": site.get_absolute_url(),
            "vimeo, video and images": video.get_absolute_url(),
            "youtube": player.get_absolute_url()}


def test_home_and_articles_load_with_no_policy_violation(live_server, pages):
    offsite, console, seen = [], [], {}

    def route(route):
        if urlsplit(route.request.url).hostname in ("127.0.0.1", "localhost"):
            return route.continue_()
        offsite.append(route.request.url)
        return route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context()
        context.route("**/*", route)
        context.add_init_script(RECORD_VIOLATIONS)
        page = context.new_page()
        page.on("console", lambda m: console.append(m.text))
        for name, path in pages.items():
            response = page.goto(live_server.url + path, wait_until="load")
            assert response.status == 200, name
            assert "script-src 'self'" in response.headers[HEADER], name
            expect(page.locator("html")).to_have_class("js")  # site.js ran
            if name == "home":  # the live search: a fetch to our own address
                page.get_by_role("searchbox", name="Search news").fill("Alibaba")
                expect(page.locator("#search-live a").first).to_be_visible()
            else:
                expect(page.locator(".story-body")).to_be_visible()
                # Lazy players and images load once near the screen.
                page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
            page.wait_for_load_state("networkidle")
            seen[name] = page.evaluate("window.__violations")
        browser.close()

    assert seen == {name: [] for name in pages}
    assert [m for m in console if "Content Security Policy" in m] == []
    # The policy let the players and foreign images through; the test aborted them here.
    for host in ("www.youtube-nocookie.com", "player.vimeo.com", "images.pub.example",
                 "media.pub.example"):
        assert any(urlsplit(url).hostname == host for url in offsite), "\n".join([host, *offsite])
