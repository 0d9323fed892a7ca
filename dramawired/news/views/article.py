"""The article page: the story and everything around it."""

import functools
from collections import Counter

from django.db import connection
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from dramawired.news.generations import TTL, post_generation
from dramawired.news.models import Post
from dramawired.news.pagecache import cached_page

from .listing import cards, sidebar

RELATED = 4
# Related stories are counted among each tag's posts nearest this one in the order they
# came in (ids: the order of publishing), this many on each side: news about the same
# people is mostly recent, and a popular tag's thousands of posts are never all read.
PER_TAG = 40


def _sharing(post: Post, tag_ids: list[int]) -> Counter:
    """Posts near this one under its tags, with how many of its tags each shares. Two
    short reads of the (tag, post) index per tag, in one statement: counting every post of
    every tag in a time window joined the posts table (15 ms at 100,000 posts)."""
    table = Post.tags.through._meta.db_table
    side = (f"SELECT post_id FROM (SELECT post_id FROM {table} WHERE tag_id = %s AND post_id "
            f"{{}} %s ORDER BY post_id {{}} LIMIT {PER_TAG}) AS side{{}}")
    sides = [(op, order) for _ in tag_ids for op, order in (("<", "DESC"), (">", "ASC"))]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(side.format(op, order, n)
                                          for n, (op, order) in enumerate(sides)),
                       [value for tag in tag_ids for value in (tag, post.pk) * 2])
        return Counter(row[0] for row in cursor.fetchall())


def related(post: Post, tag_ids: list[int]) -> list[Post]:
    """You might also like: posts sharing the most tags with this one (what the stories
    are about), newest first among equals; then the same category's posts nearest in time;
    a post filed nowhere falls back to the posts of its time. Never empty while the site
    has other posts around it."""
    found = []
    if tag_ids:
        shared = _sharing(post, tag_ids)
        # A few more than shown: drafts and scheduled posts are left out by cards().
        best = sorted(shared, key=lambda pk: (-shared[pk], abs(pk - post.pk)))[:RELATED * 3]
        found = sorted(cards().filter(pk__in=best),
                       key=lambda p: (-shared[p.pk], -p.published_at.timestamp()))[:RELATED]
    if len(found) < RELATED:
        same = {"category_id": post.category_id} if post.category_id else {}
        nearby = cards().filter(**same).exclude(pk__in=[post.pk, *(p.pk for p in found)])
        # What was news at the post's time first: the posts just before it, then after it.
        found += nearby.filter(published_at__lte=post.published_at)[: RELATED - len(found)]
        if len(found) < RELATED:
            found += nearby.filter(published_at__gt=post.published_at).order_by(
                "published_at")[: RELATED - len(found)]
    return found


def around(post: Post, tag_ids: list[int]) -> str:
    """Next/previous post, You might also like and Recommended For You, kept with the story
    (drawn once per post generation). Publishing a post moves its neighbours' generations
    (their Next/Previous links); the other lists catch up within the TTL, rather than
    every article being redrawn on every publish."""
    # Links, not cards: what they show, without the joins and deferrals cards() compiles
    # (0.5 instead of 1.1 ms a query).
    published = Post.objects.published()
    link = published.only("title", "slug")
    newer = link.filter(published_at__gt=post.published_at).order_by("published_at")
    older = link.filter(published_at__lt=post.published_at)
    more_by_author = (published.filter(author_id=post.author_id).exclude(pk=post.pk)
                      .only("title", "slug", "published_at", "excerpt")[:3]
                      if post.author_id else [])
    return render_to_string("news/_article_around.html", {
        "post": post,
        "related": related(post, tag_ids),
        "recommended": list(more_by_author),
        "next_post": newer.first(),
        "previous_post": older.first(),
    })


@functools.cache
def _published_sql() -> str:
    columns = ", ".join(connection.ops.quote_name(f.column) for f in Post._meta.concrete_fields)
    return (f"SELECT {columns} FROM {Post._meta.db_table} "
            "WHERE slug = %s AND status = %s AND published_at <= %s")


def _published(slug: str) -> Post:
    """Post.objects.published().get(slug=slug), written out: the one query every article
    page runs, whose compiling was a quarter of a page with its blocks kept (0.56 → 0.21
    ms; the ORM's converters still apply)."""
    found = list(Post.objects.raw(_published_sql(), [
        slug, Post.Status.PUBLISHED, connection.ops.adapt_datetimefield_value(timezone.now())]))
    if not found:
        raise Http404("No post here")
    return found[0]


@cached_page(post=True)
def article(request, slug: str):
    """The story and its blocks are drawn once per post generation (the page's own key in
    the page cache) and kept for every reader, anonymous or not (the template's cache
    tags): a page-cache miss then costs the post's query and the reader's own parts, the
    header and the comment form. What the kept blocks need is fetched only if drawn."""
    # The post's row alone: its category, author and source are read only if the story
    # is drawn (joining them cost more to compile than the kept blocks cost to read).
    post = _published(slug)
    # A blocked tag has no page. Fetched once, if the head or the story is drawn.
    tags = SimpleLazyObject(lambda: list(post.tags.filter(blocked=False)))
    context = {
        "post": post,
        "generation": post_generation(post.slug),
        "kept_for": TTL,
        # Built from the post, not the request: the page is cached and served to everyone.
        "permalink": request.build_absolute_uri(post.get_absolute_url()),
        "tags": tags,
        "around": lambda: around(post, [t.pk for t in tags]),
        # Other outlets only: a source's own repost of a story is remembered (so it is not
        # fetched again) but is no second report of it.
        "also_reported": SimpleLazyObject(lambda: list(
            post.syndications.exclude(source_id=post.source_id).select_related("source"))),
        **sidebar(hole=True),
    }
    return render(request, "news/article.html", context)
