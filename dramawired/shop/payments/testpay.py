"""The test provider: no money moves. It walks the path Stripe Checkout does: the buyer
leaves for the provider's page (ours, at /shop/pay/test/…, marked as a test payment),
pays or cancels, comes back to the site, and the provider sends a signed webhook (the same
handler a real one reaches). Its sessions live in the cache, as a provider's own state."""

import hashlib
import hmac
import json
import secrets
from decimal import Decimal

from django.core.cache import cache
from django.urls import reverse
from django.utils.crypto import salted_hmac

from .base import BadSignature, Provider, WebhookEvent

KEEP = 24 * 3600  # seconds a test session is remembered
HEADER = "X-Test-Signature"


def _key() -> bytes:
    return salted_hmac("dramawired.shop.testpay", "webhook", algorithm="sha256").digest()


def sign(body: bytes) -> str:
    return hmac.new(_key(), body, hashlib.sha256).hexdigest()


def session(ref: str) -> dict | None:
    return cache.get(f"shop:testpay:{ref}")


def _save(ref: str, state: dict) -> None:
    cache.set(f"shop:testpay:{ref}", state, KEEP)


class TestProvider(Provider):
    name = "test"
    label = "Test payment (no money moves)"
    test = True

    def start(self, order, success_url: str, cancel_url: str) -> str:
        ref = f"tp_{secrets.token_urlsafe(12)}"
        _save(ref, {"order": order.number, "amount": str(order.total),
                    "currency": order.currency, "status": "open",
                    "success_url": success_url, "cancel_url": cancel_url})
        order.provider_ref = ref
        return reverse("shop:test-pay", args=[ref])

    def pay(self, ref: str) -> bytes:
        """The buyer paid: the session is paid, and the webhook it sends (signed body)."""
        state = session(ref)
        state["status"] = "paid"
        state["payment"] = f"tpi_{secrets.token_urlsafe(8)}"
        _save(ref, state)
        return json.dumps({"id": f"evt_{secrets.token_urlsafe(12)}", "type": "payment.paid",
                           "session": ref, "amount": state["amount"],
                           "currency": state["currency"], "payment": state["payment"]}).encode()

    def is_paid(self, order) -> tuple[bool, str]:
        state = session(order.provider_ref) or {}
        return state.get("status") == "paid", state.get("payment", "")

    def verify(self, body: bytes, headers) -> WebhookEvent:
        given = headers.get(HEADER, "")
        if not given or not hmac.compare_digest(given, sign(body)):
            raise BadSignature("the test webhook's signature does not match")
        try:
            data = json.loads(body)
            return WebhookEvent(event_id=str(data["id"]),
                                kind="paid" if data["type"] == "payment.paid" else data["type"],
                                reference=str(data.get("session", "")),
                                amount=Decimal(str(data["amount"])) if "amount" in data else None,
                                currency=str(data.get("currency", "")),
                                payment_ref=str(data.get("payment", "")))
        except (ValueError, KeyError, TypeError, ArithmeticError) as exc:
            raise BadSignature(f"signed, but not an event: {exc}") from exc

    def refund(self, order) -> None:
        state = session(order.provider_ref)
        if state:
            state["status"] = "refunded"
            _save(order.provider_ref, state)
