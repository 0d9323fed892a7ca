"""Webhooks: verified by signature, acted on once, for known orders and amounts only;
Stripe's as its library checks them, and Stripe Checkout sessions opened against a
Stripe stand-in on loopback; order pages only for their buyer, staff or a signed link."""

import hashlib
import hmac
import json
import time
from decimal import Decimal
from urllib.parse import parse_qs

import pytest
from django.test import Client

from dramawired.shop.access import signed_url
from dramawired.shop.models import Order, PaymentEvent, ShippingMethod, Variant
from dramawired.shop.payments.testpay import HEADER, sign

from .loopback import Loopback
from .shopping import add, checkout

STRIPE_SECRET = "whsec_test_secret_for_the_tests"


@pytest.fixture
def order(client, poster, shipping):
    add(client, poster, poster.variants.get(), 2)
    summary = checkout(client, ShippingMethod.objects.get(name="Standard (US)"))["Location"]
    away = client.post(summary)["Location"]
    return Order.objects.get(), away


def event(order, **fields) -> bytes:
    return json.dumps({"id": "evt_1", "type": "payment.paid", "session": order.provider_ref,
                       "amount": str(order.total), "currency": "USD", "payment": "tpi_1",
                       **fields}).encode()


def deliver(client, body: bytes, signature: str | None = None):
    return client.post("/shop/webhooks/test/", body, content_type="application/json",
                       **{f"HTTP_{HEADER.upper().replace('-', '_')}": signature or sign(body)})


def test_webhook_pays_once_however_often_delivered(client, order, poster):
    found, _ = order
    body = event(found)
    first = deliver(Client(), body)
    assert (first.status_code, first.content) == (200, b"paid")
    again = deliver(Client(), body)
    assert (again.status_code, again.content) == (200, b"already handled")
    other = deliver(Client(), event(found, id="evt_2"))  # another event for the same order
    assert (other.status_code, other.content) == (200, b"already")
    assert Variant.objects.get(sku="NM-POSTER-0").stock == 8
    assert Order.objects.get().status == "paid" and PaymentEvent.objects.count() == 2


def test_bad_signature_changes_nothing(client, order):
    found, _ = order
    answer = deliver(Client(), event(found), signature="0" * 64)
    assert (answer.status_code, answer.content) == (400, b"bad signature")
    tampered = deliver(Client(), event(found), signature=sign(event(found, amount="0.01")))
    assert tampered.status_code == 400
    assert Order.objects.get().status == "pending" and not PaymentEvent.objects.exists()


def test_unknown_order_and_wrong_amount(client, order):
    found, _ = order
    answer = deliver(Client(), event(found, session="tp_nobody"))
    assert (answer.status_code, answer.content) == (404, b"unknown order")
    answer = deliver(Client(), event(found, amount="0.01"))
    assert (answer.status_code, answer.content) == (400, b"amount does not match the order")
    found.refresh_from_db()
    assert found.status == "pending" and "paid 0.01 USD" in found.note
    assert Variant.objects.get(sku="NM-POSTER-0").stock == 10


def test_order_pages_only_for_their_buyer_staff_or_signed_link(client, order, admin_client):
    found, _ = order
    stranger = Client()
    assert stranger.get(found.get_absolute_url()).status_code == 404
    assert stranger.get(found.get_absolute_url() + "?k=forged").status_code == 404
    assert stranger.get(f"/shop/checkout/{found.number}/").status_code == 404
    assert stranger.get(signed_url(found)).status_code == 200
    assert client.get(found.get_absolute_url()).status_code == 200  # the buyer's session
    assert admin_client.get(found.get_absolute_url()).status_code == 200


def test_a_readers_orders_in_their_account(client, poster, shipping, django_user_model):
    reader = django_user_model.objects.create_user("ivy", "ivy@example.com", "pw-long-2")
    client.force_login(reader)
    add(client, poster, poster.variants.get(), 1)
    checkout(client, ShippingMethod.objects.get(name="International"), country="GB")
    page = client.get("/shop/orders/").content.decode()
    assert Order.objects.get().number in page and Order.objects.get().user == reader
    assert Client().get("/shop/orders/")["Location"].startswith("/accounts/login/")


def stripe_signature(body: bytes, secret: str = STRIPE_SECRET) -> str:
    stamp = int(time.time())
    mac = hmac.new(secret.encode(), f"{stamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={stamp},v1={mac}"


def stripe_event(order, event_id="evt_stripe_1") -> bytes:
    return json.dumps({"id": event_id, "object": "event", "type": "checkout.session.completed",
                       "data": {"object": {
                           "id": order.provider_ref, "object": "checkout.session",
                           "payment_status": "paid", "currency": "usd",
                           "amount_total": int(order.total * 100),
                           "payment_intent": "pi_test_1"}}}).encode()


@pytest.fixture
def stripe_order(db, poster, settings):
    settings.STRIPE_SECRET_KEY = "sk_test_for_the_tests"
    settings.STRIPE_WEBHOOK_SECRET = STRIPE_SECRET
    return Order.objects.create(
        email="a@example.com", name="A", address="1 Road", city="C", postcode="1",
        country="US", shipping_method="Standard", currency="USD", subtotal=Decimal("12.00"),
        shipping=Decimal("5.00"), tax=Decimal("1.40"), total=Decimal("18.40"),
        provider="stripe", provider_ref="cs_test_1")


def test_stripe_webhook_verified_by_its_signature(client, stripe_order, poster):
    stripe_order.lines.create(variant=poster.variants.get(), title=poster.title,
                              sku="NM-POSTER-0", unit_price=Decimal("12.00"), quantity=1,
                              line_total=Decimal("12.00"))
    body = stripe_event(stripe_order)
    post = lambda body, sig: client.post(  # noqa: E731
        "/shop/webhooks/stripe/", body, content_type="application/json",
        HTTP_STRIPE_SIGNATURE=sig)
    assert post(body, stripe_signature(body, "whsec_someone_else")).status_code == 400
    assert post(body, "t=1,v1=00").status_code == 400
    assert Order.objects.get().status == "pending"
    answer = post(body, stripe_signature(body))
    assert (answer.status_code, answer.content) == (200, b"paid")
    assert post(body, stripe_signature(body)).content == b"already handled"
    paid = Order.objects.get()
    assert paid.status == "paid" and paid.payment_ref == "pi_test_1"
    assert Variant.objects.get(sku="NM-POSTER-0").stock == 9


def stripe_stand_in() -> Loopback:
    """Answers the two calls the provider makes; its hits keep what it was sent."""
    def respond(method, path, body):
        answer = ({"id": "cs_test_new", "object": "checkout.session",
                   "url": "https://checkout.stripe.test/c/cs_test_new"}
                  if "sessions" in path else {"id": "re_1", "object": "refund"})
        return 200, "application/json", json.dumps(answer).encode()
    return Loopback(respond)


def test_stripe_checkout_session_and_refund(stripe_order, poster, settings):
    from dramawired.shop.payments.stripe import StripeProvider

    stand_in = stripe_stand_in()
    settings.STRIPE_API_BASE = stand_in.base_url
    try:
        stripe_order.lines.create(variant=poster.variants.get(), title="Poster “Night”",
                                  sku="NM-POSTER-0", unit_price=Decimal("12.00"), quantity=1,
                                  line_total=Decimal("12.00"))
        url = StripeProvider().start(stripe_order, "http://x/paid", "http://x/back")
        assert url == "https://checkout.stripe.test/c/cs_test_new"
        assert stripe_order.provider_ref == "cs_test_new"
        _method, path, body = stand_in.hits[0]
        form = parse_qs(body.decode())
        assert path == "/v1/checkout/sessions"
        assert form["line_items[0][price_data][unit_amount]"] == ["1200"]
        assert form["line_items[0][price_data][product_data][name]"] == ["Poster “Night”"]
        assert form["line_items[1][price_data][unit_amount]"] == ["500"]  # shipping
        assert form["line_items[2][price_data][unit_amount]"] == ["140"]  # tax
        assert form["client_reference_id"] == [stripe_order.number]
        stripe_order.payment_ref = "pi_test_1"
        StripeProvider().refund(stripe_order)
        assert stand_in.hits[1][1] == "/v1/refunds"
        assert parse_qs(stand_in.hits[1][2].decode()) == {"payment_intent": ["pi_test_1"]}
    finally:
        stand_in.shutdown()


def test_the_stripe_summary_may_send_its_form_to_stripe(client, poster, shipping, settings):
    settings.STRIPE_SECRET_KEY = "sk_test_for_the_tests"
    settings.DRAMAWIRED_SHOP_TEST_PAYMENTS = False
    add(client, poster, poster.variants.get(), 1)
    summary = checkout(client, ShippingMethod.objects.get(name="Standard (US)"))["Location"]
    policy = client.get(summary)["Content-Security-Policy"]
    assert "form-action 'self' https://checkout.stripe.com;" in policy
    assert "script-src 'self';" in policy  # the rest as everywhere
    assert "form-action 'self';" in client.get("/shop/")["Content-Security-Policy"]
