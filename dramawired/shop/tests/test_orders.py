"""Orders after payment: the admin's filters, refund action (through the provider), CSV
export and shipping with a tracking number; and the race for the last unit, fought over
real concurrent requests against a live server."""

import csv
import io
import re
import threading
from decimal import Decimal

import httpx
import pytest
from django.test import Client

from dramawired.shop.access import signed_url
from dramawired.shop.models import Order, ShippingMethod, Variant
from dramawired.shop.orders import mark_paid
from dramawired.shop.payments.testpay import session

from .shopping import add, checkout, pay_with_test_provider


@pytest.fixture
def paid_order(client, poster, shipping):
    add(client, poster, poster.variants.get(), 2)
    summary = checkout(client, ShippingMethod.objects.get(name="Standard (US)"),
                       name="=HYPERLINK(\"http://evil\")")["Location"]
    pay_with_test_provider(client, summary)
    return Order.objects.get()


def test_admin_filters_by_status(admin_client, paid_order):
    page = admin_client.get("/admin/shop/order/?status__exact=paid").content.decode()
    assert paid_order.number in page
    page = admin_client.get("/admin/shop/order/?status__exact=refunded").content.decode()
    assert paid_order.number not in page


def test_refund_action_calls_the_provider_and_restocks(admin_client, paid_order):
    assert Variant.objects.get(sku="NM-POSTER-0").stock == 8
    admin_client.post("/admin/shop/order/", {"action": "refund_orders",
                                             "_selected_action": [paid_order.pk]})
    paid_order.refresh_from_db()
    assert paid_order.status == "refunded"
    assert session(paid_order.provider_ref)["status"] == "refunded"
    assert Variant.objects.get(sku="NM-POSTER-0").stock == 10


def test_csv_export_defuses_formulas(admin_client, paid_order):
    answer = admin_client.post("/admin/shop/order/", {"action": "export_csv",
                                                      "_selected_action": [paid_order.pk]})
    assert answer["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.content.decode())))
    assert rows[0]["number"] == paid_order.number and rows[0]["total"] == "31.39"
    assert rows[0]["name"].startswith("'=HYPERLINK") and rows[0]["lines"] == "2 x NM-POSTER-0"


def test_shipping_with_a_tracking_number_mails_the_buyer(admin_client, paid_order, run_jobs,
                                                         mailoutbox):
    form = {f: getattr(paid_order, f) for f in ("tracking_number", "note")}
    form.update({"tracking_number": "1Z999AA10123456784", "lines-TOTAL_FORMS": 1,
                 "lines-INITIAL_FORMS": 1, "lines-0-id": paid_order.lines.get().pk,
                 "lines-0-order": paid_order.pk})
    answer = admin_client.post(f"/admin/shop/order/{paid_order.pk}/change/", form)
    assert answer.status_code == 302, answer.content.decode()[:2000]
    paid_order.refresh_from_db()
    assert paid_order.status == "shipped" and paid_order.shipped_at
    run_jobs()
    [mail] = [m for m in mailoutbox if "on its way" in m.subject]
    assert "Tracking number: 1Z999AA10123456784" in mail.body
    page = Client().get(signed_url(paid_order)).content.decode()  # the buyer's link
    assert "tracking number <strong>1Z999AA10123456784</strong>" in page


def test_paying_twice_takes_stock_once(paid_order):
    assert mark_paid(paid_order, "again") == "already"
    assert Variant.objects.get(sku="NM-POSTER-0").stock == 8


def _token(page: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def _buyer_at_the_payment_page(base: str, product, variant, method) -> tuple[httpx.Client, str]:
    """A buyer with the last unit in their cart, on the test provider's page."""
    buyer = httpx.Client(base_url=base, follow_redirects=False, timeout=30)
    page = buyer.get(product.get_absolute_url()).text
    buyer.post(f"/shop/product/{product.slug}/add/", data={
        "csrfmiddlewaretoken": _token(page), "variant": variant.pk, "quantity": 1})
    form = buyer.get("/shop/checkout/").text
    summary = buyer.post("/shop/checkout/", data={
        "csrfmiddlewaretoken": _token(form), "email": "racer@example.com", "name": "Racer",
        "address": "2 Quay", "city": "Hull", "postcode": "HU1", "country": "GB",
        "shipping": method.pk}).headers["location"]
    away = buyer.post(summary, data={"csrfmiddlewaretoken": _token(buyer.get(summary).text)})
    pay_page = away.headers["location"]
    return buyer, pay_page


@pytest.mark.django_db(transaction=True)
def test_two_buyers_race_for_the_last_unit(live_server, shipping):
    from .conftest import make_product

    product = make_product("Last Signed Script", sku="SCRIPT", variants=(("", "", "80.00", 1),))
    variant = product.variants.get()
    method = ShippingMethod.objects.get(name="International")
    buyers = [_buyer_at_the_payment_page(live_server.url, product, variant, method)
              for _ in range(2)]
    tokens = [_token(buyer.get(page).text) for buyer, page in buyers]
    start = threading.Barrier(2)
    answers = []

    def pay(buyer, page, token):
        start.wait()
        answers.append(buyer.post(page, data={"csrfmiddlewaretoken": token,
                                              "action": "pay"}).status_code)

    threads = [threading.Thread(target=pay, args=(*b, t)) for b, t in zip(buyers, tokens,
                                                                          strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert answers == [302, 302]
    statuses = sorted(Order.objects.values_list("status", flat=True))
    assert statuses == ["cancelled", "paid"]
    assert Variant.objects.get(pk=variant.pk).stock == 0
    loser = Order.objects.get(status="cancelled")
    assert "sold out before the payment arrived; refunded" in loser.note
    assert session(loser.provider_ref)["status"] == "refunded"
    winner = Order.objects.get(status="paid")
    assert winner.total == Decimal("95.00")
    for buyer, _ in buyers:
        buyer.close()


def test_unpaid_orders_are_cancelled_after_a_day(client, poster, shipping, admin_client):
    from django.utils import timezone

    from dramawired.shop.jobs import cancel_unpaid_orders

    add(client, poster, poster.variants.get(), 1)
    checkout(client, ShippingMethod.objects.get(name="Standard (US)"))
    checkout(client, ShippingMethod.objects.get(name="Standard (US)"))
    old, fresh = Order.objects.order_by("pk")
    Order.objects.filter(pk=old.pk).update(created_at=timezone.now() - timezone.timedelta(2))
    assert cancel_unpaid_orders.call_local() == 1
    assert Order.objects.get(pk=old.pk).status == "cancelled"
    admin_client.post("/admin/shop/order/", {"action": "cancel_unpaid",
                                             "_selected_action": [fresh.pk]})
    assert Order.objects.get(pk=fresh.pk).status == "cancelled"
    assert Variant.objects.get(sku="NM-POSTER-0").stock == 10  # nothing was taken
