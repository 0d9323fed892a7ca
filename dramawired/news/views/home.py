from django.shortcuts import render
from django.template.loader import render_to_string

from dramawired.news import fragments
from dramawired.news.pagecache import cached_page

from .listing import cards, menu_categories, paginate, sidebar


def category_blocks() -> str:
    """The home page's block per category, the same for every reader: drawn once per site
    generation (fragments.py). One small indexed query per category (category, status,
    published_at)."""
    blocks = [(category, list(cards().filter(category=category)[:4]))
              for category in menu_categories()]
    return render_to_string("news/_home_blocks.html", {"blocks": blocks})


@cached_page
def home(request):
    page = paginate(request, cards(), name="home")
    context = {"page": page, **sidebar()}
    if page.number == 1:
        posts = list(page.object_list)
        lead = next((p for p in posts if p.lead_image), posts[0] if posts else None)
        context["lead"] = lead
        context["latest"] = [p for p in posts if p is not lead]
        context["blocks"] = fragments.html("home-blocks", category_blocks)
    else:
        context["latest"] = page.object_list
    return render(request, "news/home.html", context)
