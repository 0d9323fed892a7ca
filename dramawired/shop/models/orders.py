"""Orders, how they ship, their taxes and what the payment providers told us."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from .catalog import PRICE, Variant


class ShippingMethod(models.Model):
    """A flat rate for a zone: the countries it serves (blank: everywhere else)."""

    name = models.CharField(max_length=120)
    countries = models.CharField(
        max_length=500, blank=True,
        help_text="Two-letter codes, comma-separated (US, CA). Blank: every other country.")
    rate = models.DecimalField(**PRICE)
    free_over = models.DecimalField(**PRICE, null=True, blank=True,
                                    help_text="Free when the goods cost at least this.")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "rate", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def country_list(self) -> list[str]:
        return [c.strip().upper() for c in self.countries.split(",") if c.strip()]

    def serves(self, country: str) -> bool:
        return not self.country_list or country.upper() in self.country_list


class TaxRate(models.Model):
    """Tax added to goods and shipping for buyers in a country (blank: all countries)."""

    name = models.CharField(max_length=120)
    country = models.CharField(max_length=2, blank=True)
    percent = models.DecimalField(max_digits=5, decimal_places=3)

    class Meta:
        ordering = ["country", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.percent}%)"


def order_number() -> str:
    return secrets.token_hex(5).upper()


class Order(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending payment"
        PAID = "paid", "Paid"
        SHIPPED = "shipped", "Shipped"
        CANCELLED = "cancelled", "Cancelled"
        REFUNDED = "refunded", "Refunded"

    number = models.CharField(max_length=12, unique=True, default=order_number, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="orders")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING,
                              db_index=True)
    email = models.EmailField()
    name = models.CharField(max_length=200)
    address = models.CharField(max_length=300)
    address2 = models.CharField(max_length=300, blank=True)
    city = models.CharField(max_length=120)
    postcode = models.CharField(max_length=20)
    country = models.CharField(max_length=2)
    shipping_method = models.CharField(max_length=120)
    currency = models.CharField(max_length=3)
    subtotal = models.DecimalField(**PRICE)
    shipping = models.DecimalField(**PRICE)
    tax = models.DecimalField(**PRICE)
    total = models.DecimalField(**PRICE)
    provider = models.CharField(max_length=20)
    provider_ref = models.CharField(max_length=200, blank=True, db_index=True,
                                    help_text="The provider's checkout session.")
    payment_ref = models.CharField(max_length=200, blank=True,
                                   help_text="The provider's payment (what a refund names).")
    test = models.BooleanField(default=False, help_text="Paid with the test provider.")
    tracking_number = models.CharField(max_length=100, blank=True)
    note = models.CharField(max_length=300, blank=True, help_text="What happened, if unusual.")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    paid_at = models.DateTimeField(null=True, blank=True)
    shipped_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Order {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("shop:order", args=[self.number])


class OrderLine(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    variant = models.ForeignKey(Variant, null=True, on_delete=models.SET_NULL)
    title = models.CharField(max_length=300)
    variant_label = models.CharField(max_length=130, blank=True)
    sku = models.CharField(max_length=100)
    unit_price = models.DecimalField(**PRICE)
    quantity = models.PositiveIntegerField()
    line_total = models.DecimalField(**PRICE)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.title}"


class PaymentEvent(models.Model):
    """A webhook delivery we acted on: the same event delivered twice is acted on once."""

    provider = models.CharField(max_length=20)
    event_id = models.CharField(max_length=200)
    kind = models.CharField(max_length=100)
    order = models.ForeignKey(Order, null=True, on_delete=models.SET_NULL)
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["provider", "event_id"],
                                               name="shop_paymentevent_once")]

    def __str__(self) -> str:
        return f"{self.provider} {self.kind} {self.event_id}"
