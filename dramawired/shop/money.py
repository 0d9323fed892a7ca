"""Money: Decimal amounts with a currency, never floats. Amounts are kept to the
currency's minor unit (cents); rounding is half-up, as shop receipts and tax tables do."""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.conf import settings

CENT = Decimal("0.01")
# The largest price a product or an order line may have: anything above is a typo or an
# attack on a total's digits (the fields hold 10 digits, 2 after the point).
MAX_AMOUNT = Decimal("99999999.99")
SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CAD": "CA$", "AUD": "A$"}
# Commas only as thousands separators ("1,299.00"): "15,00" (a decimal comma) is refused,
# never read as 1500.
_AMOUNT = re.compile(r"^\s*(?:([A-Z]{3})\s+)?((?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?)"
                     r"\s*(?:([A-Z]{3}))?\s*$")


class MoneyError(ValueError):
    """Text that is no price; the message is fit to show an editor."""


def shop_currency() -> str:
    return settings.DRAMAWIRED_SHOP_CURRENCY


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def parse_price(text: str) -> tuple[Decimal, str]:
    """"15.00 USD", "USD 15.00", "1,299.00 USD" → (Decimal, currency). A currency is
    required: a feed's number alone says nothing about what it is worth."""
    found = _AMOUNT.match(text or "")
    if not found or bool(found.group(1)) == bool(found.group(3)):
        raise MoneyError(f"price {text!r} is not an amount with a currency, like '15.00 USD'")
    try:
        amount = Decimal(found.group(2).replace(",", ""))
    except InvalidOperation as exc:
        raise MoneyError(f"price {text!r} is not a number") from exc
    if amount > MAX_AMOUNT:
        raise MoneyError(f"price {text!r} is over {MAX_AMOUNT}")
    return cents(amount), found.group(1) or found.group(3)


def format_money(amount: Decimal | None, currency: str | None = None) -> str:
    if amount is None:
        return ""
    currency = currency or shop_currency()
    symbol = SYMBOLS.get(currency)
    text = f"{cents(amount):,.2f}"
    return f"{symbol}{text}" if symbol else f"{text} {currency}"
