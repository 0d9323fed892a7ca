"""The store front (collections, sorting, paging, search), product pages and the counted
way out to an affiliate merchant."""

from django.core.paginator import Paginator
from django.db.models import F, Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from dramawired.engagement.bots import is_bot
from dramawired.engagement.origin import same_origin
from dramawired.engagement.readers import first_time

from ..forms import AddToCartForm
from ..models import Collection, Product

PER_PAGE = 24
SORTS = {
    "new": ("-created_at", "-id"),
    "price": ("price", "id"),
    "-price": ("-price", "id"),
    "title": ("title", "id"),
}
MAX_QUERY = 100  # characters of a search kept


def _listing(request, products, context: dict, template="shop/store.html"):
    sort = request.GET.get("sort", "new")
    if sort not in SORTS:
        sort = "new"
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    if query:
        products = products.filter(Q(title__icontains=query) | Q(brand__name__icontains=query)
                                   | Q(story_names__icontains=query))
    paginator = Paginator(products.select_related("brand").prefetch_related("images")
                          .order_by(*SORTS[sort]), PER_PAGE)
    try:
        number = int(request.GET.get("page", 1))
    except ValueError:
        raise Http404("no such page") from None
    if number < 1 or number > max(paginator.num_pages, 1):
        raise Http404("no such page")
    return render(request, template, {
        **context, "page": paginator.page(number), "sort": sort, "query": query,
        "sorts": [("new", "Newest"), ("price", "Price: low to high"),
                  ("-price", "Price: high to low"), ("title", "Name")],
        "collections": Collection.objects.all(),
    })


@require_GET
def store(request):
    return _listing(request, Product.objects.visible(), {"heading": "Shop"})


@require_GET
def collection(request, slug: str):
    found = get_object_or_404(Collection, slug=slug)
    return _listing(request, found.products.visible(),
                    {"heading": found.name, "collection": found})


@require_GET
def product(request, slug: str):
    found = get_object_or_404(Product.objects.visible().select_related("brand"), slug=slug)
    variants = list(found.variants.all())
    images = list(found.images.all())
    return render(request, "shop/product.html", {
        "product": found, "variants": variants, "images": images,
        "form": AddToCartForm(found, variants),
        "permalink": request.build_absolute_uri(found.get_absolute_url()),
    })


@never_cache
@require_GET
def go(request, slug: str):
    """An affiliate product's merchant, the click counted once per reader a day (as
    shares are: only from our own pages, never a bot)."""
    found = get_object_or_404(Product.objects.visible(), slug=slug, kind=Product.Kind.AFFILIATE)
    if not found.affiliate_url:
        raise Http404("no merchant link")
    if same_origin(request) and not is_bot(request.headers.get("User-Agent")) and \
            first_time(request, found.pk, "shop:click"):
        Product.objects.filter(pk=found.pk).update(click_count=F("click_count") + 1)
    return HttpResponseRedirect(found.affiliate_url)
