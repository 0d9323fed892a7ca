"""Who may see an order: its buyer (the reader who placed it, or the guest session that
did), staff, or anyone holding the signed link from the order's mail."""

from django.contrib.auth.models import User
from django.core import signing
from django.http import Http404
from django.shortcuts import get_object_or_404

SALT = "dramawired.shop.order"
SESSION_KEY = "shop:orders"


def token(order) -> str:
    return signing.dumps(order.number, salt=SALT)


def signed_url(order) -> str:
    return f"{order.get_absolute_url()}?k={token(order)}"


def remember(request, order) -> None:
    """This browser placed `order` (a guest's way back to it)."""
    numbers = request.session.get(SESSION_KEY, [])
    request.session[SESSION_KEY] = [*numbers[-19:], order.number]


def may_see(request, order) -> bool:
    user: User = request.user
    if user.is_authenticated and (user.is_staff or order.user_id == user.pk):
        return True
    if order.number in request.session.get(SESSION_KEY, []):
        return True
    try:
        return signing.loads(request.GET.get("k", ""), salt=SALT) == order.number
    except signing.BadSignature:
        return False


def visible_order(request, number: str):
    """The order, if this request may see it; 404 otherwise (whether it exists or not)."""
    from .models import Order

    order = get_object_or_404(Order, number=number)
    if not may_see(request, order):
        raise Http404("No such order")
    return order
