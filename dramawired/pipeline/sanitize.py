"""Make foreign HTML safe to serve.

An allowlist (nh3) decides what survives: no scripts, styles, forms or event handlers;
every link and image made absolute against the article's URL; iframes only for video
hosts we trust; every link rel="nofollow noopener" (we vouch for none of them) and every
image lazy-loaded. This runs last on every body, whatever produced it.
"""

import re
from urllib.parse import urljoin, urlsplit

import nh3

from . import quirks
from .nesting import flatten_nesting

TAGS = {
    "p", "br", "h2", "h3", "h4", "h5", "h6", "blockquote", "q", "cite", "pre", "code",
    "ul", "ol", "li", "dl", "dt", "dd", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "small", "mark", "abbr", "a", "img", "figure", "figcaption", "picture", "hr",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "iframe", "video",
    "audio", "source",
}
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "iframe": {"src", "width", "height", "title", "allowfullscreen"},
    "video": {"src", "poster", "controls", "width", "height"},
    "audio": {"src", "controls"},
    "source": {"src", "type"},
    "abbr": {"title"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
}
URL_ATTRIBUTES = {"href", "src", "poster"}
SCHEMES = {"http", "https", "mailto"}
# Removed with everything inside them, not just unwrapped.
DROP_WITH_CONTENT = {"script", "style", "noscript", "template", "form", "button", "select",
                     "textarea", "object", "embed", "svg", "math", "head", "title"}
_EMPTY_IFRAME = re.compile(r"<iframe(?![^>]*\ssrc=)[^>]*>\s*</iframe>")
# nh3 writes an iframe's raw-text content back verbatim, so "<iframe><script>" would
# come out as literal markup; browsers ignore that content anyway, so it goes.
# ([^>]* is safe: nh3 escapes < and > inside attribute values.)
_IFRAME_CONTENT = re.compile(r"(<iframe\b[^>]*>).*?(</iframe>)", re.S)


def sanitize_html(fragment: str, base_url: str) -> str:
    def attribute_filter(tag: str, attr: str, value: str) -> str | None:
        if attr not in URL_ATTRIBUTES:
            return value
        url = urljoin(base_url, value.strip())
        if urlsplit(url).scheme not in SCHEMES:
            return None
        if tag == "iframe" and not quirks.is_video_embed(url):
            return None
        return url

    cleaner = nh3.Cleaner(
        tags=TAGS,
        clean_content_tags=DROP_WITH_CONTENT,
        attributes=ATTRIBUTES,
        attribute_filter=attribute_filter,
        url_schemes=SCHEMES,
        link_rel="nofollow noopener",
    )
    # html5ever's time grows with length times depth: absurd nesting is unwrapped first.
    cleaned = cleaner.clean(flatten_nesting(fragment))
    cleaned = _IFRAME_CONTENT.sub(lambda m: m.group(1) + m.group(2), cleaned)
    # An untrusted iframe lost its src above; drop the empty shell too.
    cleaned = _EMPTY_IFRAME.sub("", cleaned)
    # Lazy loading, added here rather than by nh3 so attribute order is stable.
    cleaned = cleaned.replace("<img ", '<img loading="lazy" decoding="async" ')
    cleaned = cleaned.replace(
        "<iframe ", '<iframe loading="lazy" referrerpolicy="strict-origin-when-cross-origin" ')
    return cleaned.strip()
