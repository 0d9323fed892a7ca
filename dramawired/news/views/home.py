from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject

from dramawired.news import fragments
from dramawired.news.pagecache import cached_page

from .listing import cards, kept_blocks, menu_categories, paginate, sidebar


def category_blocks() -> str:
    """The home page's block per category, the same for every reader: drawn once per site
    generation (fragments.py). One small indexed query per category (category, status,
    published_at)."""
    blocks = [(category, list(cards().filter(category=category)[:4]))
              for category in menu_categories()]
    return render_to_string("news/_home_blocks.html", {"blocks": blocks})


def front(page) -> dict:
    """Page 1's lead story (the newest with a picture) and the rest; other pages' cards."""
    if page.number > 1:
        return {"latest": page.object_list}
    posts = list(page.object_list)
    lead = next((p for p in posts if p.lead_image), posts[0] if posts else None)
    return {"lead": lead, "latest": [p for p in posts if p is not lead],
            "blocks": fragments.html("home-blocks", category_blocks)}


@cached_page
def home(request):
    """The cards are drawn once per site generation and page (the template's cache tag),
    for every reader: what they need is read only if they are drawn."""
    page = paginate(request, cards(), name="home")
    context = {"page": page, "front": SimpleLazyObject(lambda: front(page)),
               **kept_blocks(), **sidebar()}
    return render(request, "news/home.html", context)
