"""A buyer in a real browser (the system's Chromium, driven by Playwright): from the
menu's Shop to a product, a variant in the cart, checkout with the test provider, the
confirmation, the mail, and the order and its stock in the admin; an affiliate product
leads to its merchant. The shop is filled as `make demo` fills it, from the demo
publishers' product feeds. Nothing leaves the machine: other hosts are refused."""

import os
import re
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from playwright.sync_api import expect, sync_playwright

from dramawired.conftest import CHROMIUM, CHROMIUM_ARGS
from dramawired.news.tests.test_browser import django_turn
from dramawired.shop import demo
from dramawired.shop.models import Order, Variant

# The live server reads what the test wrote: a transactional database, whose seed (menu,
# categories, store pages) serialized_rollback brings back before each test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
TEE = "Harbor Lights “Beacon” Tour Tee"


@pytest.fixture(scope="module", autouse=True)
def _empty_tables(django_db_setup, django_db_blocker):
    """As the news browser tests do: start from empty tables, whatever ran before."""
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, inhibit_post_migrate=True,
                     reset_sequences=False, verbosity=0)


@pytest.fixture
def page(live_server, publishers, settings):
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: `make` installs it (apt-get install chromium)")
    settings.DRAMAWIRED_SHOP_STAFF_EMAILS = ["orders@example.com"]
    demo.setup(publishers.base_url)
    offsite = []

    def route(route):
        if urlsplit(route.request.url).hostname in ("127.0.0.1", "localhost"):
            return route.continue_()
        offsite.append(route.request.url)
        return route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(base_url=live_server.url)
        context.route("**/*", route)
        yield context.new_page()
        context.close()
        browser.close()
    assert offsite == []


def test_a_buyer_checks_out_with_the_test_provider(page, run_jobs, mailoutbox,
                                                  django_user_model):
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Shop",
                                                            exact=True).click()
    expect(page).to_have_url(re.compile(r"^http://[^/]+/shop/$"))
    expect(page.get_by_role("heading", name="Shop", exact=True)).to_be_visible()
    page.get_by_role("link", name=TEE).click()
    expect(page.get_by_role("heading", name=TEE)).to_be_visible()
    page.get_by_label("Option").select_option(label="M / Navy")
    page.get_by_label("Quantity").fill("2")
    page.get_by_role("button", name="Add to cart").click()
    expect(page.get_by_role("heading", name="Your cart")).to_be_visible()
    expect(page.locator(".messages")).to_contain_text(f"Added {TEE} — M / Navy")
    expect(page.locator(".cart-table")).to_contain_text("M / Navy")
    page.get_by_role("link", name="Check out").click()
    for field, value in (("email", "reader@example.com"), ("name", "Rosa Lind"),
                         ("address", "12 Harbor Street"), ("city", "Salem"),
                         ("postcode", "01970"), ("country", "US")):
        page.locator(f"#id_{field}").fill(value)
    page.get_by_label("Standard (US)").check()
    page.get_by_role("button", name="Continue to the summary").click()
    # 2 × 28.00 = 56.00, shipping 5.00, tax 7.25% of 61.00 = 4.4225 → 4.42.
    expect(page.locator(".totals")).to_contain_text("$65.42")
    expect(page.get_by_text("Test payment: no money moves")).to_be_visible()
    page.get_by_role("button", name="Pay 65.42 USD").click()
    expect(page.get_by_text("This is a test payment page.")).to_be_visible()
    page.get_by_role("button", name="Pay (test)").click()
    expect(page.get_by_text("Thank you! Your order is confirmed.")).to_be_visible()
    expect(page.get_by_text("Paid with a test payment")).to_be_visible()

    with django_turn():
        order = Order.objects.get()
        assert order.status == "paid" and str(order.total) == "65.42"
        assert Variant.objects.get(sku="DW-BEACON-TEE-M").stock == 2
        run_jobs()
        [mail] = [m for m in mailoutbox if m.to == ["reader@example.com"]]
        assert mail.subject == f"[TEST] Your order {order.number} is confirmed"
        assert f"2 × {TEE} — M / Navy" in mail.body
        link = mail.body.split("Your order, at any time: ")[1].split()[0]
        django_user_model.objects.create_superuser("boss", "boss@example.com", "pw-for-boss")

    # The mail's link opens the order in another browser (no session of the buyer's).
    other = page.context.browser.new_context()
    mailed = other.new_page()
    here = urlsplit(page.url)
    mailed.goto(link.replace("http://127.0.0.1:8000", f"{here.scheme}://{here.netloc}"))
    expect(mailed.get_by_role("heading", name=f"Order {order.number}")).to_be_visible()
    other.close()

    page.goto("/admin/login/?next=/admin/shop/order/")
    page.get_by_label("Username").fill("boss")
    page.get_by_label("Password").fill("pw-for-boss")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Paid", exact=True).click()  # the status filter
    expect(page.get_by_role("link", name=order.number)).to_be_visible()
    page.goto("/admin/shop/product/?q=DW-BEACON-TEE")
    page.get_by_role("link", name=TEE).click()
    expect(page.locator('input[value="DW-BEACON-TEE-M"]')).to_be_visible()
    row = page.locator("tr", has=page.locator('input[value="DW-BEACON-TEE-M"]'))
    expect(row.locator('input[name$="-stock"]')).to_have_value("2")


def test_an_affiliate_product_leads_to_its_merchant(page, publishers):
    page.goto("/shop/?q=Glasshouse")
    page.get_by_role("link", name="Nova Reyes — Glasshouse (Clear Vinyl)").click()
    expect(page.get_by_text("Affiliate link.")).to_be_visible()
    link = page.get_by_role("link", name="Buy at Groove Records")
    expect(link).to_have_attribute("rel", "sponsored nofollow")
    link.click()
    expect(page).to_have_url(f"{publishers.base_url}/merch/item/GR-GLASSHOUSE-LP")
    expect(page.get_by_text("Sold by Groove Records")).to_be_visible()


def test_a_sold_out_product_cannot_be_added(page):
    page.goto("/shop/?q=Crown")
    page.get_by_role("link", name="Crown of Ash Dragon Enamel Pin").click()
    expect(page.get_by_text("Sold out.")).to_be_visible()
    expect(page.get_by_role("button", name="Add to cart")).to_have_count(0)
