"""A buyer's path with the test provider, and every bad input on the way."""

import os
import secrets
import subprocess
import sys
from decimal import Decimal

import pytest
from django.test import Client, override_settings

from dramawired.shop.models import CartLine, Order, ShippingMethod, Variant

from .shopping import ADDRESS, add, checkout, pay_with_test_provider


@pytest.fixture
def standard(shipping):
    return ShippingMethod.objects.get(name="Standard (US)")


def test_guest_buys_a_variant_with_the_test_provider(client, tee, standard, run_jobs,
                                                     mailoutbox,
                                                     django_capture_on_commit_callbacks,
                                                     settings):
    settings.DRAMAWIRED_SHOP_STAFF_EMAILS = ["orders@example.com"]
    small = tee.variants.get(size="S")
    assert add(client, tee, small, 2).status_code == 302
    cart = client.get("/shop/cart/").content.decode()
    assert "S / Navy" in cart and "$50.00" in cart
    summary = checkout(client, standard)
    assert summary.status_code == 302
    page = client.get(summary["Location"]).content.decode()
    # 2 × 25.00 + 5.00 shipping; 8.25% tax on 55.00 = 4.5375 → 4.54.
    for amount in ("$50.00", "$5.00", "$4.54", "$59.54"):
        assert amount in page
    assert "Test payment:" in page
    with django_capture_on_commit_callbacks(execute=True):
        order_url = pay_with_test_provider(client, summary["Location"])
    order = Order.objects.get()
    assert order.status == "paid" and order.total == Decimal("59.54") and order.test
    assert Variant.objects.get(pk=small.pk).stock == 1
    assert "Thank you! Your order is confirmed." in client.get(order_url).content.decode()
    assert client.get("/shop/cart/").content.decode().count("SKU") == 0  # emptied
    assert run_jobs() == 2
    to_buyer, to_staff = sorted(mailoutbox, key=lambda m: m.to != ["ada@example.com"])
    assert to_buyer.subject == f"[TEST] Your order {order.number} is confirmed"
    assert "2 × Harbor Lights “Lantern” Tee — $25 & up — S / Navy" in to_buyer.body
    assert "?k=" in to_buyer.body and "$59.54" in to_buyer.body
    assert f"New order {order.number}" in to_staff.subject and to_staff.to == [
        "orders@example.com"]


def test_free_shipping_and_other_countries(client, poster, shipping):
    add(client, poster, poster.variants.get(), 9)  # 108.00: over the free threshold
    summary = checkout(client, ShippingMethod.objects.get(name="Standard (US)"))
    order = Order.objects.get()
    assert (order.shipping, order.tax, order.total) == (
        Decimal("0.00"), Decimal("8.91"), Decimal("116.91"))
    assert summary.status_code == 302
    wrong = checkout(client, ShippingMethod.objects.get(name="Standard (US)"), country="FR")
    assert "Standard (US) does not ship to FR." in wrong.content.decode()


@pytest.mark.parametrize("quantity, message", [
    (-1, "Choose at least 1."), (0, "Choose at least 1."),
    (1000, "At most 10 of one item per order."), ("2.5", "Enter a whole number"),
    ("", "This field is required."),
])
def test_bad_quantities_change_nothing(client, tee, quantity, message):
    answer = add(client, tee, tee.variants.get(size="S"), quantity)
    assert answer.status_code == 400 and message in answer.content.decode()
    assert "SKU" not in client.get("/shop/cart/").content.decode()


def test_cart_quantity_updates_are_checked(client, tee):
    small = tee.variants.get(size="S")
    add(client, tee, small, 1)
    client.post(f"/shop/cart/{small.pk}/", {"quantity": -3})
    page = client.get("/shop/cart/").content.decode()
    assert "A quantity cannot be negative." in page and 'value="1"' in page
    client.post(f"/shop/cart/{small.pk}/", {"quantity": 4})
    assert "Only 3 of" in client.get("/shop/cart/").content.decode()
    client.post(f"/shop/cart/{small.pk}/", {"quantity": 0})
    assert "SKU" not in client.get("/shop/cart/").content.decode()


def test_a_variant_of_another_product_is_refused(client, tee, poster):
    answer = add(client, tee, poster.variants.get(), 1)
    assert answer.status_code == 400
    assert "That option is not one of this product" in answer.content.decode()


def test_stock_is_checked_when_adding(client, tee, vinyl):
    answer = add(client, tee, tee.variants.get(size="L"), 1)
    assert answer.status_code == 409 and "is sold out" in answer.content.decode()
    add(client, tee, tee.variants.get(size="M"), 1)
    answer = add(client, tee, tee.variants.get(size="M"), 1)  # one left, already held
    assert answer.status_code == 409 and "Only 1 of" in answer.content.decode()
    vinyl.variants.update(available=True, stock=5)
    answer = add(client, vinyl, vinyl.variants.get(), 1)
    assert answer.status_code == 409 and "sold by its merchant" in answer.content.decode()


def test_stock_is_checked_again_at_checkout(client, tee, standard):
    medium = tee.variants.get(size="M")
    add(client, tee, medium, 1)
    Variant.objects.filter(pk=medium.pk).update(stock=0)  # bought by someone else meanwhile
    answer = checkout(client, standard)
    assert answer.status_code == 409 and "only 0 left" in answer.content.decode()
    assert not Order.objects.exists()


def test_stock_is_checked_again_before_paying(client, tee, standard):
    medium = tee.variants.get(size="M")
    add(client, tee, medium, 1)
    summary = checkout(client, standard)["Location"]
    Variant.objects.filter(pk=medium.pk).update(stock=0)
    answer = client.post(summary)
    assert answer.status_code == 409 and "cannot be paid as it is" in answer.content.decode()


def test_a_price_posted_in_the_form_is_ignored(client, poster, standard):
    add(client, poster, poster.variants.get(), 1)
    client.post(f"/shop/product/{poster.slug}/add/",
                {"variant": poster.variants.get().pk, "quantity": 1, "price": "0.01"})
    checkout(client, standard, price="0.01", total="0.01", subtotal="0.01")
    order = Order.objects.get()
    assert order.subtotal == Decimal("24.00") and order.lines.get().unit_price == Decimal("12.00")


def test_a_stale_cart_shows_the_new_price_before_any_order(client, poster, standard):
    add(client, poster, poster.variants.get(), 1)
    poster.variants.update(price=Decimal("15.00"))
    assert "$12.00 → $15.00" in client.get("/shop/cart/").content.decode()
    answer = checkout(client, standard)
    assert answer.status_code == 409
    assert "changed from 12.00 to 15.00" in answer.content.decode()
    assert not Order.objects.exists()
    assert checkout(client, standard).status_code == 302  # seen now: goes on at 15.00
    assert Order.objects.get().subtotal == Decimal("15.00")


def test_every_form_needs_its_csrf_token(db, tee, standard):
    strict = Client(enforce_csrf_checks=True)
    small = tee.variants.get(size="S")
    assert strict.post(f"/shop/product/{tee.slug}/add/",
                       {"variant": small.pk, "quantity": 1}).status_code == 403
    assert strict.post(f"/shop/cart/{small.pk}/", {"quantity": 1}).status_code == 403
    assert strict.post("/shop/checkout/", {**ADDRESS, "shipping": standard.pk}
                       ).status_code == 403
    page = strict.get(tee.get_absolute_url()).content.decode()
    assert 'name="csrfmiddlewaretoken"' in page
    # The summary's pay and cancel buttons, and the test provider's page, too.
    buyer = Client()
    add(buyer, tee, small, 1)
    summary = checkout(buyer, standard)["Location"]
    away = buyer.post(summary)["Location"]
    strict.cookies = buyer.cookies
    number = Order.objects.get().number
    for url in (summary, f"/shop/checkout/{number}/cancel/", away):
        assert strict.post(url, {"action": "pay"}).status_code == 403, url
    assert Order.objects.get().status == "pending"


def test_a_readers_cart_survives_log_in(client, tee, django_user_model):
    reader = django_user_model.objects.create_user("mara", "mara@example.com", "pw-long-1")
    CartLine.objects.create(user=reader, variant=tee.variants.get(size="S"), quantity=1,
                            seen_price=Decimal("25.00"))
    add(client, tee, tee.variants.get(size="S"), 1)
    add(client, tee, tee.variants.get(size="M"), 1)
    assert client.post("/accounts/login/", {"username": "mara", "password": "pw-long-1"}
                       ).status_code == 302
    lines = {line.variant.size: line.quantity for line in CartLine.objects.filter(user=reader)}
    assert lines == {"S": 2, "M": 1}
    assert "M / Navy" in client.get("/shop/cart/").content.decode()


@override_settings(DRAMAWIRED_SHOP_TEST_PAYMENTS=False, STRIPE_SECRET_KEY="")
def test_no_provider_no_orders(client, poster, standard):
    add(client, poster, poster.variants.get(), 1)
    answer = checkout(client, standard)
    assert answer.status_code == 409 and "Payments are not set up" in answer.content.decode()
    assert client.get("/shop/pay/test/tp_x/").status_code == 404
    assert client.post("/shop/webhooks/test/", b"{}", content_type="application/json"
                       ).status_code == 404


@pytest.mark.parametrize("enabled, expected", [(None, "False"), ("1", "True")])
def test_test_payments_are_refused_in_production_unless_enabled(enabled, expected):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "dramawired.settings.production",
           "DRAMAWIRED_SECRET_KEY": secrets.token_urlsafe(50)}
    env.pop("DRAMAWIRED_SHOP_TEST_PAYMENTS", None)
    if enabled:
        env["DRAMAWIRED_SHOP_TEST_PAYMENTS"] = enabled
    code = "import django; django.setup(); from django.conf import settings; " \
           "print(settings.DRAMAWIRED_SHOP_TEST_PAYMENTS)"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, timeout=60)
    assert out.stdout.strip() == expected, out.stderr
