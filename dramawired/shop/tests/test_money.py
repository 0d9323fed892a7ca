"""Prices read from feeds: an amount and its currency, exactly, or a clear refusal."""

from decimal import Decimal

import pytest

from dramawired.shop.money import MoneyError, format_money, parse_price


@pytest.mark.parametrize("text, amount, currency", [
    ("15.00 USD", "15.00", "USD"), ("USD 15", "15.00", "USD"), ("1,299.00 USD", "1299.00", "USD"),
    ("0.10 EUR", "0.10", "EUR"), (" 7.5 GBP ", "7.50", "GBP"), ("2.345 USD", "2.35", "USD"),
])
def test_prices(text, amount, currency):
    assert parse_price(text) == (Decimal(amount), currency)


@pytest.mark.parametrize("text", ["15,00 EUR", "1.299,00 EUR", "15.00", "USD", "", "-5 USD",
                                  "15 USD EUR", "NaN USD", "1e3 USD", "15.00 usd",
                                  "100000000.00 USD"])
def test_refused(text):
    with pytest.raises(MoneyError):
        parse_price(text)


def test_format():
    assert format_money(Decimal("1299.5"), "USD") == "$1,299.50"
    assert format_money(Decimal("3"), "CHF") == "3.00 CHF"
