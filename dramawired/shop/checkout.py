"""What an order costs, computed on the server from the catalog as it is now: the goods,
the shipping method's flat rate (free over its threshold), and the taxes configured for
the buyer's country, each rounded to the cent."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from .models import ShippingMethod, TaxRate
from .money import cents, shop_currency


@dataclass
class Totals:
    subtotal: Decimal
    shipping: Decimal = Decimal("0.00")
    tax: Decimal = Decimal("0.00")
    currency: str = ""

    @property
    def total(self) -> Decimal:
        return self.subtotal + self.shipping + self.tax


def tax_percent(country: str) -> Decimal:
    """The rates for the country and for everyone, added (a state and a federal tax)."""
    rates = TaxRate.objects.filter(Q(country="") | Q(country__iexact=country))
    return sum((r.percent for r in rates), Decimal("0"))


def totals(lines, method: ShippingMethod | None = None, country: str = "") -> Totals:
    subtotal = cents(sum((line.total for line in lines), Decimal("0")))
    result = Totals(subtotal=subtotal, currency=shop_currency())
    if method is not None:
        free = method.free_over is not None and subtotal >= method.free_over
        result.shipping = Decimal("0.00") if free else cents(method.rate)
    if country:
        result.tax = cents((result.subtotal + result.shipping) * tax_percent(country) / 100)
    return result
