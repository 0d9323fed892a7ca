"""Prices as readers read them, and a product's structured data (schema.org Product and
its Offers) for search engines."""

import json

from django import template
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

from dramawired.pipeline.sanitize import sanitize_html
from dramawired.shop import story
from dramawired.shop.money import format_money

register = template.Library()

# As django.utils.html.json_script does: nothing in the data can close the <script>.
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
SCHEMA = "https://schema.org/"


@register.filter
def money(amount, currency=None):
    return format_money(amount, currency)


@register.filter
def clean_html(html: str, base_url: str = ""):
    """An editor's or a feed's HTML through the site's sanitizer (what the news gets)."""
    return mark_safe(sanitize_html(html or "", base_url))


def _availability(product, variant) -> str:
    if product.is_affiliate:
        return SCHEMA + ("InStock" if variant.available else "OutOfStock")
    return SCHEMA + ("InStock" if variant.buyable else "OutOfStock")


@register.simple_tag(takes_context=True)
def product_ld(context, product, variants, images):
    request = context["request"]
    url = request.build_absolute_uri(product.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.title,
        "url": url,
        "description": strip_tags(product.description)[:5000] or None,
        "image": [image.url for image in images] or None,
        "brand": {"@type": "Brand", "name": product.brand.name} if product.brand_id else None,
        "offers": [{
            "@type": "Offer",
            "sku": v.sku,
            "name": v.label or product.title,
            "price": str(v.price),
            "priceCurrency": product.currency,
            "availability": _availability(product, v),
            "url": product.affiliate_url if product.is_affiliate else url,
        } for v in variants],
    }
    text = json.dumps({k: v for k, v in data.items() if v is not None}, ensure_ascii=False)
    return mark_safe(f'<script type="application/ld+json">{text.translate(_ESCAPES)}</script>')


@register.inclusion_tag("shop/_story.html")
def shop_the_story(post, tags):
    """Up to three products the article names; nothing when none (no query: story.py)."""
    return {"products": story.matching(post.title, [t.name for t in tags])}
