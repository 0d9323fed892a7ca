"""Structured data for search engines and link previews."""

import json

from django import template
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

register = template.Library()

# As django.utils.html.json_script does: nothing in the data can close the <script>.
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def news_article_ld(context, post):
    request, site = context["request"], context["site_settings"]
    url = request.build_absolute_uri(post.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "headline": post.title[:110],
        "description": post.excerpt,
        "datePublished": post.published_at.isoformat(),
        "dateModified": post.updated_at.isoformat(),
        "articleSection": post.category.name if post.category_id else None,
        "author": ({"@type": "Person", "name": post.author.name,
                    "url": request.build_absolute_uri(post.author.get_absolute_url())}
                   if post.author_id else {"@type": "Organization", "name": site.name}),
        "publisher": {"@type": "Organization", "name": site.name,
                      "url": request.build_absolute_uri("/")},
        "isBasedOn": post.original_url,
        "wordCount": len(strip_tags(post.body).split()),
    }
    if post.lead_image:
        data["image"] = [post.lead_image]
    text = json.dumps({k: v for k, v in data.items() if v is not None}, ensure_ascii=False)
    return mark_safe(f'<script type="application/ld+json">{text.translate(_ESCAPES)}</script>')
