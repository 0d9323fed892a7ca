"""The shop's mail: the buyer's confirmation, a note to staff about a new order, the
shipped notice with its tracking number, and the apology for an order whose last unit
went to someone else. Sent by the worker (as the accounts' mail is), never in a request."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from huey.contrib.djhuey import db_task

from dramawired.siteconfig.models import current

from .access import signed_url

log = logging.getLogger("dramawired.shop")
SUBJECTS = {
    "confirmation": "Your order {number} is confirmed",
    "staff": "New order {number}: {total}",
    "shipped": "Your order {number} is on its way",
    "sold_out": "Your order {number} could not be filled: refunded",
}


def queue(order_id: int, kind: str) -> None:
    try:
        send_order_mail(order_id, kind)
    except Exception as exc:  # the queue is down: the order stands; say so in the log
        log.warning("order mail %s for order id %s not queued: %s", kind, order_id, exc)


def _staff_addresses() -> list[str]:
    return settings.DRAMAWIRED_SHOP_STAFF_EMAILS or list(
        get_user_model().objects.filter(is_staff=True, is_active=True)
        .exclude(email="").values_list("email", flat=True))


@db_task(retries=3, retry_delay=60)
def send_order_mail(order_id: int, kind: str) -> None:
    from .models import Order
    from .money import format_money

    order = Order.objects.filter(pk=order_id).prefetch_related("lines").first()
    if order is None:
        return
    site = current()[0]
    context = {"order": order, "site": site, "lines": list(order.lines.all()),
               "link": site.base_url.rstrip("/") + signed_url(order),
               "admin_link": f"{site.base_url.rstrip('/')}/admin/shop/order/{order.pk}/change/"}
    to = _staff_addresses() if kind == "staff" else [order.email]
    if not to:
        return
    subject = SUBJECTS[kind].format(number=order.number,
                                    total=format_money(order.total, order.currency))
    if order.test:
        subject = f"[TEST] {subject}"
    send_mail(subject, render_to_string(f"shop/mail/{kind}.txt", context),
              settings.DEFAULT_FROM_EMAIL, to)
