"""Category, tag and author pages: one paginated list of cards each."""

from django.shortcuts import get_object_or_404, render

from dramawired.news.models import Author, Category, Tag
from dramawired.news.pagecache import cached_page

from .listing import cards, paginate, sidebar


def _archive(request, kind: str, obj, posts):
    context = {"kind": kind, "object": obj, "page": paginate(request, posts), **sidebar()}
    return render(request, "news/archive.html", context)


@cached_page
def category(request, slug: str):
    obj = get_object_or_404(Category, slug=slug)
    return _archive(request, "category", obj, cards().filter(category=obj))


@cached_page
def tag(request, slug: str):
    obj = get_object_or_404(Tag, slug=slug)
    return _archive(request, "tag", obj, cards().filter(tags=obj))


@cached_page
def author(request, slug: str):
    obj = get_object_or_404(Author, slug=slug)
    return _archive(request, "author", obj, cards().filter(author=obj))
