"""What every listing page shares: the post cards' query, pagination, the sidebar."""

from django.core.paginator import Paginator
from django.http import Http404

from dramawired.news.models import Category, Post
from dramawired.siteconfig.models import current


def cards():
    """Published posts as cards: what a card shows, in one query, without bodies."""
    return (Post.objects.published().select_related("category", "author")
            .defer("body", "guid", "fingerprint"))


def paginate(request, queryset):
    per_page = current()[0].posts_per_page
    try:
        number = int(request.GET.get("page", 1))
    except ValueError:
        raise Http404("no such page") from None
    paginator = Paginator(queryset, per_page)
    if number < 1 or number > max(paginator.num_pages, 1):
        raise Http404("no such page")
    return paginator.page(number)


def sidebar() -> dict:
    return {
        "recent_news": list(cards()[:6]),
        "categories": list(Category.objects.exclude(slug="uncategorized")),
    }
