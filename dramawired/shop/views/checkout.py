"""Checkout: the buyer's details and shipping, a summary with every amount computed here,
then off to the payment provider and back."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from dramawired.ops import headers as csp

from .. import cart, payments
from ..access import remember, signed_url, token, visible_order
from ..checkout import totals
from ..forms import CheckoutForm
from ..models import Order, ShippingMethod
from ..orders import mark_paid, place, short_lines


def _short(lines) -> list[str]:
    return [f"{line.variant}: only {line.variant.stock} left" for line in lines
            if line.quantity > line.variant.stock or not line.variant.available]


@never_cache
@require_http_methods(["GET", "POST"])
def checkout(request):
    lines = cart.lines(request)
    if not lines:
        return redirect("shop:cart")
    providers = payments.available()
    methods = list(ShippingMethod.objects.all())
    initial = {"email": request.user.email} if request.user.is_authenticated else {}
    form = CheckoutForm(methods, request.POST or None, initial=initial)
    problems = []
    if request.method == "POST" and form.is_valid():
        changed = [line for line in lines if line.price_changed]
        problems = _short(lines)
        if changed:
            cart.accept_prices(request, lines)
            problems += [f"The price of {line.variant} changed from {line.seen_price} to "
                         f"{line.variant.price}: check the new total." for line in changed]
        if not providers:
            problems.append("Payments are not set up on this site.")
        if not problems:
            provider = providers.get(request.POST.get("provider", "")) or \
                next(iter(providers.values()))
            order = place(lines, form.cleaned_data, form.methods[form.cleaned_data["shipping"]],
                          provider, request.user)
            remember(request, order)
            return redirect("shop:review", order.number)
    return render(request, "shop/checkout.html", {
        "form": form, "lines": lines, "totals": totals(lines), "problems": problems,
        "providers": providers}, status=409 if problems else 200)


@never_cache
@require_http_methods(["GET", "POST"])
def review(request, number: str):
    """The summary, every amount as the server computed it; paying leaves for the
    provider's page."""
    order = visible_order(request, number)
    if order.status != Order.Status.PENDING:
        return redirect(signed_url(order))
    provider = payments.get(order.provider)
    problems = short_lines(order)
    if request.method == "POST" and provider and not problems:
        back = request.build_absolute_uri(reverse("shop:paid", args=[order.number]))
        cancel = request.build_absolute_uri(reverse("shop:review", args=[order.number]))
        try:
            target = provider.start(order, f"{back}?k={token(order)}", cancel)
        except payments.PaymentError as exc:
            problems = [f"The payment could not start: {exc}"]
        else:
            order.save(update_fields=["provider_ref"])
            return HttpResponseRedirect(target)
    response = render(request, "shop/review.html", {
        "order": order, "lines": order.lines.all(), "provider": provider,
        "problems": problems + ([] if provider else ["This payment method is not available."])},
        status=409 if problems else 200)
    if provider and provider.form_action:
        _allow_form_action(response, provider.form_action)
    return response


def _allow_form_action(response, origin: str) -> None:
    """This page's policy (ops/headers.py's, which leaves a header already set alone),
    with the provider's checkout among the places its form may lead."""
    name = f"{csp.HEADER}-Report-Only" if settings.DEBUG else csp.HEADER
    response[name] = csp.policy({**csp.DIRECTIVES,
                                 "form-action": f"{csp.DIRECTIVES['form-action']} {origin}"})


@never_cache
def paid(request, number: str):
    """Back from the provider: its word asked now (the webhook may be later)."""
    order = visible_order(request, number)
    provider = payments.get(order.provider)
    if order.status == Order.Status.PENDING and provider and order.provider_ref:
        is_paid, ref = provider.is_paid(order)
        if is_paid:
            mark_paid(order, ref)
    order.refresh_from_db()
    if order.status == Order.Status.PAID:
        cart.clear(request)
    return redirect(signed_url(order))


@require_POST
def cancel(request, number: str):
    order = visible_order(request, number)
    Order.objects.filter(pk=order.pk, status=Order.Status.PENDING).update(
        status=Order.Status.CANCELLED, note="cancelled by the buyer before paying")
    messages.info(request, "Order cancelled: nothing was charged.")
    return redirect("shop:cart")
