"""The cart page: add a variant, change a quantity, remove a line."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from .. import cart
from ..checkout import totals
from ..forms import AddToCartForm, QuantityForm
from ..models import Product, Variant


@never_cache
@require_GET
def show(request):
    lines = cart.lines(request)
    changed = [line for line in lines if line.price_changed]
    return render(request, "shop/cart.html",
                  {"lines": lines, "totals": totals(lines), "changed": changed})


def _errors(form) -> str:
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


@require_POST
def add(request, slug: str):
    product = get_object_or_404(Product.objects.visible(), slug=slug)
    variants = list(product.variants.all())
    form = AddToCartForm(product, variants, request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form))
        return render(request, "shop/product_error.html",
                      {"product": product, "errors": _errors(form)}, status=400)
    try:
        cart.add(request, form.chosen(), form.cleaned_data["quantity"])
    except cart.CartError as exc:
        return render(request, "shop/product_error.html",
                      {"product": product, "errors": str(exc)}, status=409)
    messages.success(request, f"Added {form.chosen()} to your cart.")
    return redirect("shop:cart")


@require_POST
def update(request, variant_id: int):
    variant = get_object_or_404(Variant.objects.select_related("product"), pk=variant_id)
    form = QuantityForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form))
        return redirect("shop:cart")
    try:
        cart.set_quantity(request, variant, form.cleaned_data["quantity"])
    except cart.CartError as exc:
        messages.error(request, str(exc))
    return redirect("shop:cart")
