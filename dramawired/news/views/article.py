"""The article page: the story and everything around it."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render

from dramawired.news.models import Post
from dramawired.news.pagecache import cached_page

from .listing import cards, sidebar

RELATED = 4


def related(post: Post, tag_ids: list[int]) -> list[Post]:
    """You might also like: posts sharing the most tags with this one (what the stories
    are about), newest first among equals; the same category fills any gap."""
    found = []
    if tag_ids:
        found = list(cards().filter(tags__in=tag_ids).exclude(pk=post.pk)
                     .annotate(shared=Count("tags", filter=Q(tags__in=tag_ids)))
                     .order_by("-shared", "-published_at")[:RELATED])
    if len(found) < RELATED and post.category_id:
        found += cards().filter(category_id=post.category_id).exclude(
            pk__in=[post.pk, *(p.pk for p in found)])[: RELATED - len(found)]
    return found


@cached_page
def article(request, slug: str):
    post = get_object_or_404(
        Post.objects.published().select_related("category", "author", "source"), slug=slug)
    tags = list(post.tags.all())
    newer = cards().filter(published_at__gt=post.published_at).order_by("published_at")
    older = cards().filter(published_at__lt=post.published_at)
    more_by_author = (cards().filter(author_id=post.author_id).exclude(pk=post.pk)[:3]
                      if post.author_id else [])
    context = {
        "post": post,
        "tags": tags,
        "related": related(post, [t.pk for t in tags]),
        "recommended": list(more_by_author),
        "next_post": newer.first(),
        "previous_post": older.first(),
        "also_reported": list(post.syndications.select_related("source")),
        **sidebar(),
    }
    return render(request, "news/article.html", context)
