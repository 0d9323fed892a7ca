"""Search results: posts whose title or excerpt holds the words asked for."""

from django.db.models import Q
from django.shortcuts import render

from .listing import cards, paginate, sidebar

MAX_QUERY = 200


def search(request):
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY]
    posts = cards().none()
    if query:
        condition = Q()
        for word in query.split()[:10]:
            condition &= Q(title__icontains=word) | Q(excerpt__icontains=word)
        posts = cards().filter(condition)
    context = {"query": query, "page": paginate(request, posts), **sidebar()}
    return render(request, "news/search.html", context)
