from django.shortcuts import render

from dramawired.news.models import Category
from dramawired.news.pagecache import cached_page

from .listing import cards, paginate, sidebar


@cached_page
def home(request):
    page = paginate(request, cards())
    context = {"page": page, **sidebar()}
    if page.number == 1:
        posts = list(page.object_list)
        lead = next((p for p in posts if p.lead_image), posts[0] if posts else None)
        context["lead"] = lead
        context["latest"] = [p for p in posts if p is not lead]
        # One small indexed query per category (category, status, published_at).
        context["blocks"] = [
            (category, list(cards().filter(category=category)[:4]))
            for category in Category.objects.exclude(slug="uncategorized")
        ]
    else:
        context["latest"] = page.object_list
    return render(request, "news/home.html", context)
