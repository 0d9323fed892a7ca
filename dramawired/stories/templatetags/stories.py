"""A story's blocks on the site's pages: Also covered by (article), Top stories (home),
Trending now and Trending names (sidebar), and the story page's structured data."""

import json

from django import template
from django.core.cache import cache
from django.db.models import F
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from dramawired.news.models import Post
from dramawired.news.templatetags.seo import _ESCAPES
from dramawired.stories import ranking
from dramawired.stories.models import Story

register = template.Library()

SHOWN = 8  # other takes listed under an article; the story page has them all


@register.simple_tag
def also_covered(post: Post) -> str:
    """The other outlets' takes on the post's story, oldest first, and a link to it: one
    query, nothing when the post is alone in its story."""
    others = list(Post.objects.published().filter(story_link__story__links__post=post)
                  .exclude(pk=post.pk).select_related("source")
                  .only("title", "slug", "published_at", "source__name")
                  .annotate(story_pk=F("story_link__story_id"),
                            story_slug=F("story_link__story__slug"),
                            story_posts=F("story_link__story__post_count"))
                  .order_by("published_at")[:SHOWN])
    if not others:
        return ""
    first = others[0]
    url = Story(pk=first.story_pk, slug=first.story_slug).get_absolute_url()
    return render_to_string("stories/_also_covered.html", {"coverage": {
        "others": others, "url": url, "count": first.story_posts}})


@register.simple_tag
def top_stories() -> str:
    return mark_safe(render_to_string("stories/_top_stories.html",
                                      {"stories": ranking.top()}))


@register.simple_tag
def trending() -> str:
    """Trending now and Trending names, as the worker last worked them out (jobs.py): no
    page ever counts them. None until it has, or after a name changed (the layout's
    generation moved: a blocked tag is never shown)."""
    return mark_safe(cache.get(ranking.trending_key()) or "")


@register.simple_tag(takes_context=True)
def story_ld(context, story, posts) -> str:
    request = context["request"]
    data = {
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "name": story.title,
        "url": request.build_absolute_uri(story.get_absolute_url()),
        "datePublished": story.first_published_at.isoformat(),
        "dateModified": story.last_published_at.isoformat(),
        "mainEntity": {"@type": "ItemList", "numberOfItems": len(posts), "itemListElement": [
            {"@type": "ListItem", "position": n,
             "url": request.build_absolute_uri(p.get_absolute_url()), "name": p.title}
            for n, p in enumerate(posts, 1)]},
    }
    text = json.dumps(data, ensure_ascii=False)
    return mark_safe(f'<script type="application/ld+json">{text.translate(_ESCAPES)}</script>')
