"""The public site in a real browser (the system's Chromium, driven by Playwright) at a
phone's width and a desktop's: what a reader sees and can use on every page type, with
JavaScript on and off; views and shares counted once, behind the page cache too; keyboard
access; and screenshots of every page under var/screenshots/ for a person to look at.

Nothing leaves the machine: every request to another host is recorded and aborted (the
share networks get a stub page), and the tests assert that the pages asked for none."""

import asyncio
import json
import os
import re
from contextlib import contextmanager
from urllib.parse import quote, urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect, sync_playwright

from dramawired.conftest import ALIBABA, CHROMIUM, CHROMIUM_ARGS, load_demo
from dramawired.news.models import Post

# The live server reads what the test wrote, so the database is transactional, and emptied
# after each test: serialized_rollback brings back the migrations' seed (categories, menu,
# site settings) before each one.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
# A reader's browser. Headless Chromium's own agent says "HeadlessChrome": a bot, not counted.
READER_UA = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
             "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36")
MENU = ["Home", "Celebrity", "DramaAlert", "Gossip", "Movie", "TV", "Music", "Comics", "Shop"]
DISCLAIMER = ("DramaWired is a content aggregator and not responsible for the content of "
              "external sites.")
SHARE_HOSTS = {"www.facebook.com", "twitter.com"}
SCREENSHOTS = settings.VAR_DIR / "screenshots"


@contextmanager
def django_turn():
    """Django runs here as in any sync thread: no event loop marked as running.

    Between calls, Playwright's sync API marks its asyncio loop as running on this thread.
    Django then takes the thread for async code: it refuses ORM calls, and its per-thread
    connections (asgiref's Local) become per-context ones, so the ORM would open a second
    connection instead of the test database's, the one the live server shares: the seed
    would not be restored between tests, and the two connections could lock each other."""
    loop = asyncio._get_running_loop()
    asyncio._set_running_loop(None)
    try:
        yield
    finally:
        asyncio._set_running_loop(loop)


@pytest.fixture(scope="module")
def chromium():
    """The browser and its event loop: one Chromium for the module, a context per page."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: `make` installs it (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        loop = asyncio._get_running_loop()
        with django_turn():  # between tests pytest-django restores and empties the database
            yield browser, loop
        browser.close()


@pytest.fixture(scope="module", autouse=True)
def _empty_tables(django_db_setup, django_db_blocker):
    """Each test here restores the migrations' seed into empty tables (serialized_rollback)
    and empties them afterwards. A transactional test without serialized_rollback that ran
    before this module left its own rows (content types recreated under other ids): start
    from empty tables too."""
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, inhibit_post_migrate=True,
                     reset_sequences=False, verbosity=0)


@pytest.fixture
def live_site(live_server, publishers, demo_dump):
    """The live server's address, its database holding the ingested demo (~89 posts),
    loaded from the session's dump (conftest.py): the database is emptied after every test.
    Lead images stay valid: they point at the demo publishers, which run for the whole
    session."""
    with django_turn():
        load_demo(demo_dump)
    return live_server.url


@pytest.fixture
def offsite():
    """Every address beyond this machine that a page asked for."""
    return []


@pytest.fixture
def open_page(chromium, live_site, offsite):
    """open_page(width, **context options): a page in a fresh browser context. The test
    runs in Playwright's turn; its database calls go through django_turn()."""
    browser, loop = chromium
    contexts = []

    def route(route):
        url = route.request.url
        host = urlsplit(url).hostname
        if host in ("localhost", "127.0.0.1"):
            return route.continue_()
        offsite.append(url)
        if host in SHARE_HOSTS:  # where the share buttons lead: a stub, not the network
            return route.fulfill(content_type="text/html", body="<title>stub</title>")
        return route.abort()

    def open_(width: str = "desktop", **options):
        phone = width == "phone"
        context = browser.new_context(viewport=WIDTHS[width], is_mobile=phone, has_touch=phone,
                                      **options)
        contexts.append(context)
        context.route("**/*", route)
        return context.new_page()

    asyncio._set_running_loop(loop)
    yield open_
    for context in contexts:
        context.close()
    asyncio._set_running_loop(None)  # pytest-django empties the database next


@django_turn()
def alibaba() -> Post:
    return Post.objects.select_related("author", "category").get(title=ALIBABA)


@django_turn()
def counts(post: Post) -> tuple[int, int]:
    """(views, shares) as the database has them now."""
    return tuple(Post.objects.filter(pk=post.pk).values_list("view_count", "share_count")[0])


@django_turn()
def set_views(post: Post, views: int) -> None:
    Post.objects.filter(pk=post.pk).update(view_count=views)


def page_types(post: Post) -> dict[str, str]:
    return {
        "home": "/",
        "article": post.get_absolute_url(),
        "category": post.category.get_absolute_url(),
        "tag": "/tag/hong-kong/",
        "author": post.author.get_absolute_url(),
        "search": "/search/?q=%24640M",
        "404": "/no-such-story/",
        "login": "/accounts/login/",
    }


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    # A full-page capture never scrolls, so lazy images below the fold would stay blank.
    page.evaluate("""() => Promise.all([...document.images].map(img => {
        img.loading = "eager";
        return img.complete ? null : new Promise(done => { img.onload = img.onerror = done; });
    }))""")
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def overlapping(boxes: dict) -> list[tuple[str, str]]:
    names = list(boxes)
    return [(a, b) for i, a in enumerate(names) for b in names[i + 1:]
            if boxes[a]["x"] < boxes[b]["x"] + boxes[b]["width"]
            and boxes[b]["x"] < boxes[a]["x"] + boxes[a]["width"]
            and boxes[a]["y"] < boxes[b]["y"] + boxes[b]["height"]
            and boxes[b]["y"] < boxes[a]["y"] + boxes[a]["height"]]


def check_site_name(page) -> None:
    """The site's name as the logo, and the footer's year and disclaimer."""
    logo = page.get_by_role("banner").locator(".logo")
    assert logo.inner_text() == "DramaWired" and logo.get_attribute("href") == "/"
    footer = page.get_by_role("contentinfo").inner_text()
    assert f"© {timezone.now().year} DramaWired" in footer and DISCLAIMER in footer


def check_site_chrome(page, width: str, js: bool = True) -> None:
    """Header (logo, search, login, menu), landmarks, one <h1>, alt texts, footer."""
    for role in ("banner", "main", "contentinfo"):
        expect(page.get_by_role(role)).to_have_count(1)
    expect(page.get_by_role("navigation", name="Main", include_hidden=True)).to_have_count(1)
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("img:not([alt])")).to_have_count(0)
    header = page.get_by_role("banner")
    expect(header.locator(".logo")).to_be_visible()
    expect(header.get_by_role("searchbox", name="Search news")).to_be_visible()
    expect(header.get_by_role("button", name="Search")).to_be_visible()
    expect(header.get_by_role("link", name="Login")).to_have_attribute("href", "/accounts/login/")
    expect(header.get_by_role("link", name="Login")).to_be_visible()

    nav = page.get_by_role("navigation", name="Main")
    links = [nav.get_by_role("link", name=label, exact=True) for label in MENU]
    toggle = page.locator(".menu-toggle")
    if width == "phone" and js:
        # Folded behind its button; the button says whether it is open.
        expect(toggle).to_be_visible()
        expect(toggle).to_have_text("Menu")
        expect(toggle).to_have_attribute("aria-expanded", "false")
        expect(links[0]).to_be_hidden()
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "true")
        for link in links:
            expect(link).to_be_visible()
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "false")
        expect(links[-1]).to_be_hidden()
    else:
        # Desktop, or a phone without JavaScript (the button could not open it): all shown.
        expect(toggle).to_be_hidden()
        for link in links:
            expect(link).to_be_visible()

    boxes = {name: page.locator(selector).bounding_box() for name, selector in
             [("logo", ".logo"), ("search", ".site-header .search-form"),
              ("login", ".login-link"), ("menu", ".menu-toggle")]
             if page.locator(selector).is_visible()}
    assert not overlapping(boxes), overlapping(boxes)

    for widget in page.locator(".sidebar .widget").all():  # no heading over an empty list
        expect(widget.get_by_role("link")).not_to_have_count(0)
    expect(page.get_by_role("contentinfo")).to_be_visible()
    # Nothing sticks out sideways: a phone reader never scrolls horizontally.
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTHS[width]["width"]


def check_article(page, post: Post, js: bool = True) -> None:
    """Everything around the story, as a reader finds it."""
    expect(page).to_have_title(f"{ALIBABA} — DramaWired")
    crumbs = page.get_by_role("navigation", name="Breadcrumb").get_by_role("link")
    expect(crumbs).to_have_text(["Home", "Movie"])
    assert [crumbs.nth(i).get_attribute("href") for i in range(2)] == ["/", "/category/movie/"]

    header = page.locator(".story-header")
    expect(header.locator("h1")).to_have_text(ALIBABA)  # "$640M" whole, exactly
    expect(header.locator("a.kicker")).to_have_text("Movie")
    author = header.locator('a[rel="author"]')
    expect(author).to_have_text(post.author.name)
    expect(author).to_have_attribute("href", post.author.get_absolute_url())
    expect(header.locator("time")).to_have_text("November 20, 2026")
    expect(header.locator("time")).to_have_attribute("datetime", re.compile("^2026-11-20T"))
    expect(header.locator(".count")).to_have_text([re.compile(r"^\d+(\.\d)?[kMB]? SHARES$"),
                                                   re.compile(r"^\d+(\.\d)?[kMB]? VIEWS$")])

    share = header.get_by_role("group", name="Share this story")
    expect(share.get_by_role("link", name="Share on Facebook")).to_have_attribute(
        "href", f"/share/{post.pk}/facebook/")
    expect(share.get_by_role("link", name="Share on X")).to_have_attribute(
        "href", f"/share/{post.pk}/x/")
    copy = share.get_by_role("button", name="Copy link", include_hidden=True)
    if js:
        expect(copy).to_be_visible()
    else:
        expect(copy).to_be_hidden()  # it needs JavaScript; the share links do not

    lead = page.locator("figure.lead-image img")
    expect(lead).to_be_visible()
    expect(lead).to_have_attribute("width", "1200")
    expect(lead).to_have_attribute("height", "675")
    expect(lead).to_have_attribute("loading", "eager")  # above the fold: never lazy
    expect(lead).to_have_attribute("alt", ALIBABA)
    expect(lead).to_have_js_property("complete", True)
    assert lead.evaluate("img => img.naturalWidth") > 0  # the image itself arrived
    for card_image in page.locator(".related img").all():
        expect(card_image).to_have_attribute("loading", "lazy")  # below the fold

    body = page.locator(".story-body")
    expect(body).to_contain_text("Alibaba Pictures has announced that it will invest about "
                                 "$640M (HK$5 billion)")
    expect(body.locator("h2").first).to_have_text("Co-productions with local studios")
    source = page.locator(".source-link a")
    expect(page.locator(".source-link")).to_contain_text("Source link:")
    expect(source).to_have_attribute("href", post.original_url)
    expect(source).to_be_visible()

    tags = page.get_by_role("list", name="Tags").get_by_role("link")
    expect(tags).to_have_text(["Alibaba Pictures", "Filmart", "Hong Kong"])
    expect(tags.last).to_have_attribute("href", "/tag/hong-kong/")

    related = page.locator("section.related")
    expect(related.get_by_role("heading", name="You might also like")).to_be_visible()
    expect(related.locator(".card-title a")).to_have_count(4)

    recommended = page.locator("section.recommended")
    expect(recommended.get_by_role("heading", name="Recommended For You")).to_be_visible()
    first = recommended.locator("article.recommend").first
    expect(first.locator("h3 a")).to_be_visible()
    expect(first.locator("time")).to_have_text(re.compile(r"^[A-Z][a-z]+ \d{1,2}, \d{4}$"))
    expect(first.locator("p:not(.meta)")).not_to_be_empty()
    expect(first.get_by_role("link", name="Read more")).to_have_attribute(
        "href", first.locator("h3 a").get_attribute("href"))

    post_nav = page.get_by_role("navigation", name="More stories")
    for label in ("Previous Post", "Next Post"):
        link = post_nav.get_by_role("link", name=label)
        expect(link).to_be_visible()
        assert link.get_attribute("href") not in ("", post.get_absolute_url())

    comments = page.locator("#comments")
    expect(comments.get_by_role("heading", name="Comments")).to_be_visible()
    sidebar = page.get_by_role("complementary", name="More news")
    expect(sidebar.get_by_role("heading", name="Recent News")).to_be_visible()
    expect(sidebar.locator(".recent a")).to_have_count(6)
    expect(sidebar.get_by_role("heading", name="Browse by Category")).to_be_visible()
    expect(sidebar.locator(".chips a")).to_have_text(MENU[1:-1])  # the menu's Shop: the store

    [ld] = page.locator('script[type="application/ld+json"]').all_text_contents()
    data = json.loads(ld)
    assert data["@type"] == "NewsArticle" and data["headline"] == ALIBABA
    assert page.locator('meta[property="og:title"]').get_attribute("content") == ALIBABA


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_type_has_header_menu_and_footer(live_site, open_page, offsite, width):
    post = alibaba()
    page = open_page(width, color_scheme="light")
    for name, path in page_types(post).items():
        response = page.goto(live_site + path)
        assert response.status == (404 if name == "404" else 200), path
        check_site_chrome(page, width)
        check_site_name(page)
        screenshot(page, f"{name}-{width}-light")
    assert offsite == []


def test_login_page_names_the_site(live_site, open_page):
    page = open_page("desktop")
    page.goto(live_site + "/accounts/login/")
    check_site_name(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_search_box_finds_the_story(live_site, open_page, width):
    page = open_page(width)
    page.goto(live_site + "/")
    page.get_by_role("banner").get_by_role("searchbox", name="Search news").fill("$640M")
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_site + "/search/?q=%24640M")
    expect(page.locator("h1")).to_have_text("Results for “$640M”")
    expect(page.get_by_text("1 result", exact=True)).to_be_visible()
    page.get_by_role("link", name=ALIBABA).click()
    expect(page.locator("h1")).to_have_text(ALIBABA)


@pytest.mark.parametrize("width", WIDTHS)
def test_article_page_has_everything_around_the_story(live_site, open_page, offsite, width):
    post = alibaba()
    page = open_page(width)
    page.goto(live_site + post.get_absolute_url())
    check_article(page, post)
    page.locator('.story-header a[rel="author"]').click()
    expect(page.locator("h1")).to_have_text(post.author.name)
    expect(page.get_by_role("link", name=ALIBABA)).to_be_visible()
    assert offsite == []


@pytest.mark.parametrize("width", WIDTHS)
def test_article_and_home_work_without_javascript(live_site, open_page, offsite, width):
    post = alibaba()
    page = open_page(width, java_script_enabled=False)
    page.goto(live_site + post.get_absolute_url())
    check_site_chrome(page, width, js=False)
    check_article(page, post, js=False)
    # The share buttons are plain links to a counting redirect.
    href = page.get_by_role("link", name="Share on Facebook").first.get_attribute("href")
    response = page.request.get(live_site + href, max_redirects=0)
    assert response.status == 302
    assert response.headers["location"].startswith("https://www.facebook.com/sharer/sharer.php")

    page.goto(live_site + "/")
    check_site_chrome(page, width, js=False)
    expect(page.get_by_role("region", name="Top story").locator("h2 a")).to_be_visible()
    expect(page.locator("#latest-heading")).to_have_text("Latest")
    expect(page.locator("section.category-block")).not_to_have_count(0)
    expect(page.locator(".card-lead img")).to_have_attribute("loading", "eager")
    assert offsite == []


def test_a_reader_is_counted_once_also_from_the_page_cache(live_site, open_page):
    post = alibaba()
    # Past 1,000 the counter shows "5k" for a while, so counting does not drop the cached
    # page (below that every view changes the number shown, and the page is re-rendered).
    set_views(post, 5000)
    beacons = []
    url = live_site + post.get_absolute_url()
    edge = READER_UA + " Edg/131.0.0.0"  # a second reader (same address, another browser)
    # The second reader is served from the cache and counted; the first one's reload is not.
    for cache, agent, views in [("miss", READER_UA, 5001), ("hit", edge, 5002),
                                ("hit", READER_UA, 5002)]:
        page = open_page("desktop", user_agent=agent)
        page.on("request", lambda r: "/e/view/" in r.url and beacons.append(r.url))
        with page.expect_response(lambda r: "/e/view/" in r.url) as beacon:
            response = page.goto(url)
        assert response.headers["x-cache"] == cache
        assert beacon.value.status == 204
        assert counts(post) == (views, 0)
    assert beacons == [f"{live_site}/e/view/{post.pk}/"] * 3

    # Without JavaScript the <noscript> pixel counts instead (a third reader).
    page = open_page("desktop", user_agent=READER_UA + " Firefox/133.0",
                     java_script_enabled=False)
    with page.expect_response(lambda r: r.url.endswith(f"/e/view/{post.pk}.gif")) as pixel:
        page.goto(url)
    assert pixel.value.status == 200
    assert pixel.value.headers["content-type"] == "image/gif"
    assert counts(post) == (5003, 0)


def test_a_headless_browser_is_not_counted(live_site, open_page):
    post = alibaba()
    page = open_page("desktop")
    assert "HeadlessChrome" in page.evaluate("navigator.userAgent")
    for _ in range(2):
        with page.expect_response(lambda r: "/e/view/" in r.url) as beacon:
            page.goto(live_site + post.get_absolute_url())
        assert beacon.value.status == 204
    assert counts(post) == (0, 0)


def test_share_buttons_count_one_share_each(live_site, open_page, offsite):
    post = alibaba()
    page = open_page("desktop", user_agent=READER_UA)
    url = live_site + post.get_absolute_url()
    with page.expect_response(lambda r: "/e/view/" in r.url):
        page.goto(url)

    with page.context.expect_page() as opened:
        page.get_by_role("link", name="Share on Facebook").first.click()
    sharer = opened.value
    sharer.wait_for_url(re.compile(r"^https://www\.facebook\.com/"))
    assert sharer.url == f"https://www.facebook.com/sharer/sharer.php?u={quote(url, safe='')}"
    assert counts(post) == (1, 1)
    assert offsite[0] == sharer.url
    assert all(urlsplit(u).hostname == "www.facebook.com" for u in offsite), offsite

    # Copy link: the address on the clipboard, the button says so, one more share.
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    copy = page.locator(".story-header .share-btn.copy")
    with page.expect_response(lambda r: "/e/share/" in r.url) as beacon:
        copy.click()
    assert beacon.value.status == 204
    expect(copy).to_have_text("Link copied")
    assert page.evaluate("navigator.clipboard.readText()") == url
    assert counts(post) == (1, 2)

    # X gets the title whole, "$640M" included.
    href = page.get_by_role("link", name="Share on X").first.get_attribute("href")
    location = page.request.get(live_site + href, max_redirects=0).headers["location"]
    assert location.startswith(f"https://twitter.com/intent/tweet?url={quote(url, safe='')}")
    assert location.endswith("&text=" + quote(ALIBABA, safe=""))


def outline(page) -> float:
    """Width in pixels of the focused element's visible focus outline (0: none)."""
    return page.evaluate("""() => {
        const style = getComputedStyle(document.activeElement);
        const ok = document.activeElement.matches(':focus-visible') &&
                   style.outlineStyle !== 'none' && style.outlineColor !== style.backgroundColor;
        return ok ? parseFloat(style.outlineWidth) : 0;
    }""")


@pytest.mark.parametrize("width", WIDTHS)
def test_keyboard_reaches_skip_link_first_and_focus_is_visible(live_site, open_page, width):
    post = alibaba()
    page = open_page(width)
    for name, path in page_types(post).items():
        page.goto(live_site + path)
        if name == "login":
            # Django's login form puts the cursor in its first field, past the skip link.
            expect(page.locator("#id_username")).to_be_focused()
            continue
        page.keyboard.press("Tab")
        skip = page.get_by_role("link", name="Skip to content")
        expect(skip).to_be_focused()
        box = skip.bounding_box()
        assert box["x"] >= 0 and box["y"] >= 0, (name, box)  # on screen, not parked at -999px
        assert box["x"] + box["width"] <= WIDTHS[width]["width"]
        assert outline(page) >= 2, name
        page.keyboard.press("Enter")
        expect(page.locator("main")).to_be_focused()
        page.keyboard.press("Tab")  # the first link or field inside the content
        assert page.evaluate("document.activeElement.closest('main') !== null"), name
        assert outline(page) >= 2, name


# Every element with its own text, and the contrast of that text against the first opaque
# background behind it (WCAG 2: 4.5:1, or 3:1 for large text).
LOW_CONTRAST_JS = """() => {
    const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
    const lum = c => {
        const [r, g, b] = c.slice(0, 3).map(v => {
            v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const behind = el => {
        for (; el; el = el.parentElement) {
            const c = rgb(getComputedStyle(el).backgroundColor);
            if (c.length === 3 || c[3] > 0) return c;
        }
        return [255, 255, 255];
    };
    const low = [];
    for (const el of document.querySelectorAll('body *')) {
        const text = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
        const box = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        if (!text || box.width <= 1 || box.height <= 1 || style.visibility !== 'visible') {
            continue;
        }
        const [hi, lo] = [lum(rgb(style.color)), lum(behind(el))].sort((a, b) => b - a);
        const ratio = (hi + 0.05) / (lo + 0.05);
        const size = parseFloat(style.fontSize);
        const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
        if (ratio < (large ? 3 : 4.5)) {
            low.push(`${el.tagName}.${el.className} ${ratio.toFixed(2)}: ` +
                     el.textContent.trim().slice(0, 40));
        }
    }
    return low;
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS)
def test_home_and_article_are_readable_in_light_and_dark(live_site, open_page, width, scheme):
    post = alibaba()
    page = open_page(width, color_scheme=scheme)
    for name, path in [("home", "/"), ("article", post.get_absolute_url())]:
        page.goto(live_site + path)
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        red, green, blue = map(int, re.findall(r"\d+", background)[:3])
        assert (red + green + blue < 150) == (scheme == "dark"), background  # follows the device
        assert page.evaluate(LOW_CONTRAST_JS) == [], name
        if scheme == "dark":  # the light ones: test_every_page_type_has_header_menu_and_footer
            screenshot(page, f"{name}-{width}-{scheme}")
        if width == "phone":
            page.locator(".menu-toggle").click()
            assert page.evaluate(LOW_CONTRAST_JS) == [], f"{name}, menu open"
            page.screenshot(path=SCREENSHOTS / f"{name}-{width}-{scheme}-menu-open.png")
