"""Category, tag and author pages: one paginated list of cards each."""

from django.shortcuts import get_object_or_404, redirect, render

from dramawired.news.models import Author, Category, Tag, TagAlias
from dramawired.news.pagecache import cached_page

from .listing import cards, kept_blocks, paginate, sidebar


def _archive(request, kind: str, obj, posts):
    page = paginate(request, posts, name=f"{kind}:{obj.pk}")
    context = {"kind": kind, "object": obj, "page": page, **kept_blocks(), **sidebar()}
    return render(request, "news/archive.html", context)


@cached_page
def category(request, slug: str):
    obj = get_object_or_404(Category, slug=slug)
    return _archive(request, "category", obj, cards().filter(category=obj))


@cached_page
def tag(request, slug: str):
    """A blocked tag has no page; an alias's (or a merged tag's old) address moves for
    good to its tag's page."""
    obj = Tag.objects.filter(slug=slug, blocked=False).first()
    if obj is None:
        alias = get_object_or_404(TagAlias.objects.select_related("tag"), slug=slug,
                                  tag__blocked=False)
        return redirect(alias.tag, permanent=True)
    return _archive(request, "tag", obj, cards().filter(tags=obj))


@cached_page
def author(request, slug: str):
    obj = get_object_or_404(Author, slug=slug)
    return _archive(request, "author", obj, cards().filter(author=obj))
