"""A reader's cart, kept in the database so it follows them from device to device; a
guest's lives in the session (cart.py) and is merged into this on log-in."""

from django.conf import settings
from django.db import models

from .catalog import PRICE, Variant


class CartLine(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="cart_lines")
    variant = models.ForeignKey(Variant, on_delete=models.CASCADE)
    quantity = models.PositiveIntegerField()
    # The price the reader saw when adding: a change is shown before they pay.
    seen_price = models.DecimalField(**PRICE)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "variant"],
                                               name="shop_cartline_one_per_variant")]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.variant_id}"
