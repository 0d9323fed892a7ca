"""The cart: in the session for guests, in the database for readers (CartLine), merged
into the reader's when a guest logs in. Each line keeps the price the buyer saw when
adding it, so a price changed since is shown before they pay (stale()).

Stock is checked when adding and again at checkout (checkout.py); a cart never holds
more of a variant than MAX_QUANTITY, nor an affiliate product (bought at its merchant)."""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.dispatch import receiver

from .forms import MAX_QUANTITY
from .models import CartLine, Variant

SESSION_KEY = "shop:cart"


class CartError(Exception):
    """What the buyer asked for cannot be in the cart; the message says why."""


@dataclass
class Line:
    variant: Variant
    quantity: int
    seen_price: Decimal

    @property
    def total(self) -> Decimal:
        return self.variant.price * self.quantity

    @property
    def price_changed(self) -> bool:
        return self.seen_price != self.variant.price


def _stored(request) -> dict[int, tuple[int, Decimal]]:
    if request.user.is_authenticated:
        return {line.variant_id: (line.quantity, line.seen_price)
                for line in CartLine.objects.filter(user=request.user)}
    return {int(pk): (qty, Decimal(price))
            for pk, (qty, price) in request.session.get(SESSION_KEY, {}).items()}


def _store(request, variant_id: int, quantity: int, price: Decimal) -> None:
    if request.user.is_authenticated:
        if quantity:
            CartLine.objects.update_or_create(user=request.user, variant_id=variant_id,
                                              defaults={"quantity": quantity,
                                                        "seen_price": price})
        else:
            CartLine.objects.filter(user=request.user, variant_id=variant_id).delete()
        return
    cart = dict(request.session.get(SESSION_KEY, {}))
    if quantity:
        cart[str(variant_id)] = [quantity, str(price)]
    else:
        cart.pop(str(variant_id), None)
    request.session[SESSION_KEY] = cart


def lines(request) -> list[Line]:
    """The cart's lines with their variants as they are now (gone or unpublished ones
    dropped)."""
    stored = _stored(request)
    variants = Variant.objects.filter(pk__in=stored, product__published=True,
                                      product__kind="own").select_related("product")
    return [Line(v, *stored[v.pk]) for v in variants]


def count(request) -> int:
    return sum(qty for qty, _price in _stored(request).values())


def _check(variant: Variant, quantity: int) -> None:
    if variant.product.is_affiliate or not variant.product.published:
        raise CartError("This product is sold by its merchant, not here.")
    if quantity > MAX_QUANTITY:
        raise CartError(f"At most {MAX_QUANTITY} of one item per order.")
    if not variant.buyable:
        raise CartError(f"{variant} is sold out.")
    if quantity > variant.stock:
        raise CartError(f"Only {variant.stock} of {variant} left.")


def add(request, variant: Variant, quantity: int) -> None:
    held = _stored(request).get(variant.pk, (0, variant.price))[0]
    _check(variant, held + quantity)
    _store(request, variant.pk, held + quantity, variant.price)


def set_quantity(request, variant: Variant, quantity: int) -> None:
    """A new quantity for a line (0 removes it)."""
    if quantity:
        _check(variant, quantity)
    _store(request, variant.pk, quantity, variant.price)


def accept_prices(request, cart: list[Line]) -> None:
    """The buyer has seen the current prices: they become the ones seen."""
    for line in cart:
        _store(request, line.variant.pk, line.quantity, line.variant.price)


def clear(request) -> None:
    if request.user.is_authenticated:
        CartLine.objects.filter(user=request.user).delete()
    request.session.pop(SESSION_KEY, None)


@receiver(user_logged_in)
def merge_on_login(sender, request, user, **kwargs):
    """A guest's cart joins the reader's saved one (quantities added, up to the limit)."""
    if request is None or not hasattr(request, "session"):
        return
    guest = request.session.pop(SESSION_KEY, None)
    if not guest:
        return
    with transaction.atomic():
        saved = {line.variant_id: line for line in CartLine.objects.filter(user=user)}
        for pk, (qty, price) in guest.items():
            line = saved.get(int(pk))
            if line:
                line.quantity = min(line.quantity + qty, MAX_QUANTITY)
                line.seen_price = Decimal(price)
                line.save(update_fields=["quantity", "seen_price"])
            elif Variant.objects.filter(pk=int(pk)).exists():
                CartLine.objects.create(user=user, variant_id=int(pk), quantity=qty,
                                        seen_price=Decimal(price))
