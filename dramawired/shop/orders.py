"""An order's life: placed from the cart with totals computed here, paid (stock taken in
one transaction, or the order cancelled and refunded when the last unit went to someone
else first), shipped, refunded.

Stock is taken by a conditional UPDATE per line (stock = stock - n WHERE stock >= n),
inside one transaction with the order's own change from pending to paid: of two buyers
racing for the last unit, the database lets exactly one UPDATE match, and the other's
transaction takes nothing at all."""

import logging

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from . import mails, payments, story
from .checkout import totals
from .models import Order, OrderLine, Product, Variant

log = logging.getLogger("dramawired.shop")


class SoldOut(Exception):
    pass


def place(lines, data: dict, method, provider, user=None) -> Order:
    """A pending order for the cart's lines at today's prices."""
    summary = totals(lines, method, data["country"])
    with transaction.atomic():
        order = Order.objects.create(
            user=user if user is not None and user.is_authenticated else None,
            email=data["email"], name=data["name"], address=data["address"],
            address2=data.get("address2", ""), city=data["city"], postcode=data["postcode"],
            country=data["country"], shipping_method=method.name, currency=summary.currency,
            subtotal=summary.subtotal, shipping=summary.shipping, tax=summary.tax,
            total=summary.total, provider=provider.name, test=provider.test)
        OrderLine.objects.bulk_create(OrderLine(
            order=order, variant=line.variant, title=line.variant.product.title,
            variant_label=line.variant.label, sku=line.variant.sku,
            unit_price=line.variant.price, quantity=line.quantity, line_total=line.total)
            for line in lines)
    return order


def short_lines(order: Order) -> list[str]:
    """The order's lines the stock cannot cover now (checked before leaving for payment)."""
    short = []
    for line in order.lines.select_related("variant"):
        if line.variant is None or line.variant.stock < line.quantity:
            short.append(line.title + (f" — {line.variant_label}" if line.variant_label else ""))
    return short


def _take_stock(order: Order) -> None:
    for line in order.lines.all():
        if not Variant.objects.filter(pk=line.variant_id, stock__gte=line.quantity).update(
                stock=F("stock") - line.quantity):
            raise SoldOut(line.sku)


def mark_paid(order: Order, payment_ref: str = "") -> str:
    """"paid", "already" (paid before: a second webhook, or the buyer back after it) or
    "sold out" (cancelled and refunded). Safe to call any number of times."""
    try:
        with transaction.atomic():
            locked = Order.objects.select_for_update().get(pk=order.pk)
            if locked.status != Order.Status.PENDING:
                return "already"
            _take_stock(locked)
            Order.objects.filter(pk=order.pk).update(
                status=Order.Status.PAID, paid_at=timezone.now(),
                payment_ref=payment_ref or locked.payment_ref)
            transaction.on_commit(lambda: _after_paid(order.pk))
        return "paid"
    except SoldOut as exc:
        cancel_sold_out(order, payment_ref, str(exc))
        return "sold out"


def _after_paid(order_id: int) -> None:
    for product in Product.objects.filter(variants__orderline__order_id=order_id).distinct():
        product.refresh_summary()
    story.changed()  # a product may be sold out now
    mails.queue(order_id, "confirmation")
    mails.queue(order_id, "staff")


def cancel_sold_out(order: Order, payment_ref: str, sku: str) -> None:
    """Paid for, but the stock went to another buyer first: the money goes back."""
    if not Order.objects.filter(pk=order.pk, status=Order.Status.PENDING).update(
            status=Order.Status.CANCELLED, payment_ref=payment_ref,
            note=f"{sku} sold out before the payment arrived; refunded"):
        return
    order.refresh_from_db()
    try:
        refund(order, status=Order.Status.CANCELLED)
    except payments.PaymentError:
        log.exception("order=%s sold out, and the refund failed", order.number)
        Order.objects.filter(pk=order.pk).update(note=f"{sku} sold out; REFUND FAILED")
    mails.queue(order.pk, "sold_out")


def refund(order: Order, status: str = Order.Status.REFUNDED) -> None:
    """Give the money back through the provider; the order's stock returns to the shelf
    if it had been taken."""
    provider = payments.get(order.provider)
    if provider is None:
        raise payments.PaymentError(f"the {order.provider} provider is not set up here")
    provider.refund(order)
    with transaction.atomic():
        if Order.objects.filter(pk=order.pk, status__in=[Order.Status.PAID,
                                                         Order.Status.SHIPPED]
                                ).update(status=status):
            for line in order.lines.all():
                Variant.objects.filter(pk=line.variant_id).update(
                    stock=F("stock") + line.quantity)
        else:
            Order.objects.filter(pk=order.pk).update(status=status)
    order.refresh_from_db()


def ship(order: Order, tracking_number: str) -> bool:
    """A paid order on its way: the buyer is told, with the tracking number."""
    if not Order.objects.filter(pk=order.pk, status=Order.Status.PAID).update(
            status=Order.Status.SHIPPED, tracking_number=tracking_number,
            shipped_at=timezone.now()):
        return False
    mails.queue(order.pk, "shipped")
    return True
