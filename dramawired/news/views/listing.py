"""What every listing page shares: the post cards' query, pagination, the sidebar."""

from functools import cached_property

from django.core.paginator import Paginator
from django.http import Http404
from django.template.loader import render_to_string

from dramawired.news import fragments
from dramawired.news.generations import TTL, site_generation
from dramawired.news.models import Category, Post
from dramawired.siteconfig.models import current


def cards():
    """Published posts as cards: what a card shows, in one query, without bodies."""
    return (Post.objects.published().select_related("category", "author")
            .defer("body", "guid", "fingerprint"))


class _KeptCountPaginator(Paginator):
    """A Paginator whose COUNT(*) is kept per site generation under `name`: counting a
    category's or the whole site's posts reads their index end to end (5 ms at 100,000
    posts on SQLite), the same answer for every reader until a post changes."""

    def __init__(self, object_list, per_page, name: str):
        super().__init__(object_list, per_page)
        self.name = name

    @cached_property
    def count(self) -> int:
        return fragments.kept(f"count:{self.name}", lambda: Paginator.count.func(self))


def paginate(request, queryset, name: str | None = None):
    """A page of `queryset`; with `name`, its total is counted once per site generation
    (the queryset must then depend on nothing but `name`)."""
    per_page = current()[0].posts_per_page
    try:
        number = int(request.GET.get("page", 1))
    except ValueError:
        raise Http404("no such page") from None
    paginator = (Paginator(queryset, per_page) if name is None
                 else _KeptCountPaginator(queryset, per_page, name))
    if number < 1 or number > max(paginator.num_pages, 1):
        raise Http404("no such page")
    return paginator.page(number)


def menu_categories() -> list[Category]:
    """The categories a reader browses (the sidebar's chips, the home page's blocks)."""
    return list(Category.objects.exclude(slug="uncategorized"))


def kept_blocks() -> dict:
    """What a listing's template keys its kept cards by ({% cache kept_for … generation %}):
    they change with any post, so with the site's generation."""
    return {"generation": site_generation(), "kept_for": TTL}


def sidebar_html() -> str:
    """Recent News and Browse by Category: the same on every page."""
    return render_to_string("news/_sidebar.html",
                            {"recent_news": list(cards()[:6]), "categories": menu_categories()})


def sidebar(hole: bool = False) -> dict:
    """The sidebar, drawn once per site generation (fragments.py), so a page's own render
    skips its queries and links. A page stored for longer than a site generation (an
    article) takes it as a hole, filled as the page is served."""
    return {"sidebar": fragments.hole("sidebar") if hole
            else fragments.html("sidebar", sidebar_html)}
