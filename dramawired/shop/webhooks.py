"""A provider's webhook: verified by its signature, acted on once per event (PaymentEvent),
then the order it names is marked paid. Each answer says what happened: a bad signature
400, an unknown order 404 (the provider retries, in case it raced the order's commit),
an amount that is not the order's 400 and the order left unpaid for staff."""

import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from . import payments
from .models import Order, PaymentEvent
from .orders import mark_paid

log = logging.getLogger("dramawired.shop")


@dataclass
class Answer:
    status: int
    message: str


def receive(provider: payments.Provider, body: bytes, headers) -> Answer:
    try:
        event = provider.verify(body, headers)
    except payments.BadSignature as exc:
        log.warning("webhook provider=%s refused: %s", provider.name, exc)
        return Answer(400, "bad signature")
    if event.kind != "paid":
        return Answer(200, f"ignored: {event.kind}")
    order = Order.objects.filter(provider=provider.name, provider_ref=event.reference).first()
    if order is None:
        return Answer(404, "unknown order")
    try:
        with transaction.atomic():
            PaymentEvent.objects.create(provider=provider.name, event_id=event.event_id,
                                        kind=event.kind, order=order)
    except IntegrityError:
        return Answer(200, "already handled")
    if event.amount is not None and (event.amount != order.total or
                                     (event.currency and event.currency != order.currency)):
        Order.objects.filter(pk=order.pk).update(
            note=f"paid {event.amount} {event.currency}, not {order.total} {order.currency}")
        log.error("order=%s webhook amount %s %s differs", order.number, event.amount,
                  event.currency)
        return Answer(400, "amount does not match the order")
    return Answer(200, mark_paid(order, event.payment_ref))
