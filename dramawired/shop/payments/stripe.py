"""Stripe Checkout, through Stripe's official library: a Checkout Session per order (its
lines priced by us, on the server), the buyer pays on Stripe's page, and Stripe's webhook
(checkout.session.completed), verified by its signature, marks the order paid. Keys come
from the environment (STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET)."""

from decimal import Decimal

import stripe as stripe_lib
from django.conf import settings

from ..money import cents
from .base import BadSignature, PaymentError, Provider, WebhookEvent

TIMEOUT = 20  # seconds: every network call has one (the library's default is 80)
# Currencies Stripe counts in whole units (no cents); the rest in hundredths.
ZERO_DECIMAL = {"JPY", "KRW", "VND", "CLP", "ISK", "UGX", "XAF", "XOF"}


def minor_units(amount: Decimal, currency: str) -> int:
    return int(amount if currency.upper() in ZERO_DECIMAL else cents(amount) * 100)


def from_minor_units(amount: int, currency: str) -> Decimal:
    return Decimal(amount) if currency.upper() in ZERO_DECIMAL else Decimal(amount) / 100


def client() -> stripe_lib.StripeClient:
    # STRIPE_API_BASE: only the tests set it, to a Stripe stand-in on loopback.
    base = getattr(settings, "STRIPE_API_BASE", "")
    return stripe_lib.StripeClient(
        settings.STRIPE_SECRET_KEY, max_network_retries=1,
        base_addresses={"api": base} if base else None,
        http_client=stripe_lib.HTTPXClient(timeout=TIMEOUT, allow_sync_methods=True))


def _line(name: str, amount: Decimal, quantity: int, currency: str) -> dict:
    return {"quantity": quantity, "price_data": {
        "currency": currency.lower(), "unit_amount": minor_units(amount, currency),
        "product_data": {"name": name[:250]}}}


class StripeProvider(Provider):
    name = "stripe"
    label = "Card (Stripe)"
    form_action = "https://checkout.stripe.com"

    def start(self, order, success_url: str, cancel_url: str) -> str:
        lines = [_line(f"{line.title} {line.variant_label}".strip(), line.unit_price,
                       line.quantity, order.currency) for line in order.lines.all()]
        for label, amount in (("Shipping", order.shipping), ("Tax", order.tax)):
            if amount:
                lines.append(_line(label, amount, 1, order.currency))
        try:
            found = client().v1.checkout.sessions.create(params={
                "mode": "payment", "line_items": lines, "customer_email": order.email,
                "client_reference_id": order.number, "metadata": {"order": order.number},
                "success_url": success_url, "cancel_url": cancel_url},
                options={"idempotency_key": f"order-{order.number}"})
        except stripe_lib.StripeError as exc:
            raise PaymentError(f"Stripe: {exc.user_message or exc}") from exc
        order.provider_ref = found.id
        return found.url

    def is_paid(self, order) -> tuple[bool, str]:
        try:
            found = client().v1.checkout.sessions.retrieve(order.provider_ref)
        except stripe_lib.StripeError:
            return False, ""  # the webhook will tell
        return found.payment_status == "paid", found.payment_intent or ""

    def verify(self, body: bytes, headers) -> WebhookEvent:
        try:
            event = stripe_lib.Webhook.construct_event(
                body, headers.get("Stripe-Signature", ""), settings.STRIPE_WEBHOOK_SECRET)
        except (stripe_lib.SignatureVerificationError, ValueError) as exc:
            raise BadSignature(str(exc)) from exc
        if event.type not in ("checkout.session.completed",
                              "checkout.session.async_payment_succeeded"):
            return WebhookEvent(event_id=event.id, kind=event.type)
        session = event.data.object.to_dict()
        paid = session.get("payment_status") == "paid"
        currency = (session.get("currency") or "").upper()
        return WebhookEvent(
            event_id=event.id, kind="paid" if paid else event.type, reference=session["id"],
            amount=from_minor_units(session.get("amount_total") or 0, currency),
            currency=currency, payment_ref=session.get("payment_intent") or "")

    def refund(self, order) -> None:
        try:
            client().v1.refunds.create(params={"payment_intent": order.payment_ref},
                                       options={"idempotency_key": f"refund-{order.number}"})
        except stripe_lib.StripeError as exc:
            raise PaymentError(f"Stripe: {exc.user_message or exc}") from exc
