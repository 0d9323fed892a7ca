"""The results page and the header box's live results. Neither is in the page cache:
queries are too many and too varied to be worth storing."""

from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import dateformat
from django.utils.http import urlencode
from django.utils.timezone import localtime

from dramawired.news.views.listing import cards, paginate, sidebar

from .highlight import highlight, pattern
from .index import MAX_RESULTS, search
from .terms import clean, terms

LIVE_RESULTS = 6


def _posts(ids: list[int]) -> list:
    """The cards for `ids`, in that order, in one query."""
    found = cards().in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def results(request):
    query = clean(request.GET.get("q", ""))
    ids = search(query)
    page = paginate(request, ids)
    words = pattern(terms(query))
    page.object_list = _posts(page.object_list)
    for post in page.object_list:
        post.title_html = highlight(post.title, words)
        post.excerpt_html = highlight(post.excerpt, words)
    context = {"query": query, "page": page, "capped": len(ids) >= MAX_RESULTS, **sidebar()}
    return render(request, "search/search.html", context)


def live(request):
    """JSON for the header box: at most LIVE_RESULTS posts, and where "View All Result"
    leads. Titles are plain text: the script puts them in the page as text, never HTML."""
    query = clean(request.GET.get("q", ""))
    ids = search(query, limit=LIVE_RESULTS + 1)
    posts = _posts(ids[:LIVE_RESULTS])
    response = JsonResponse({
        "query": query,
        "results": [{
            "title": post.title,
            "url": post.get_absolute_url(),
            "date": dateformat.format(localtime(post.published_at), "M j, Y"),
            "category": post.category.name if post.category else "",
        } for post in posts],
        "more": len(ids) > LIVE_RESULTS,
        "all": f"{reverse('search')}?{urlencode({'q': query})}",
    })
    # The browser may reuse an answer briefly (typing back over a word); no shared cache.
    response["Cache-Control"] = "private, max-age=30"
    return response
