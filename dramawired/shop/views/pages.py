"""The store's own pages (terms, returns, privacy, contact), edited in the admin."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from ..models import StorePage


@require_GET
def page(request, slug: str):
    found = get_object_or_404(StorePage, slug=slug)
    return render(request, "shop/page.html", {
        "page": found, "permalink": request.build_absolute_uri(found.get_absolute_url())})
