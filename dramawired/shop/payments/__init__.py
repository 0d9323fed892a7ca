"""Payment providers behind one interface (base.py): Stripe Checkout in production, and an
offline test provider that walks the same path for the demo and the tests."""

from django.conf import settings

from .base import BadSignature, PaymentError, Provider, WebhookEvent

__all__ = ["BadSignature", "PaymentError", "Provider", "WebhookEvent", "available", "get"]


def available() -> dict[str, Provider]:
    """The providers a buyer may pay with here, by name: Stripe when its key is set, the
    test provider when test payments are enabled (never by default in production)."""
    from .stripe import StripeProvider
    from .testpay import TestProvider

    found = {}
    if settings.STRIPE_SECRET_KEY:
        found["stripe"] = StripeProvider()
    if settings.DRAMAWIRED_SHOP_TEST_PAYMENTS:
        found["test"] = TestProvider()
    return found


def get(name: str) -> Provider | None:
    return available().get(name)
