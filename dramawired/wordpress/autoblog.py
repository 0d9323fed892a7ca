"""What autoblog plugins (WP RSS Aggregator, Feedzy, FeedWordPress, WP Automatic) leave on
an imported post: the original article's address in their meta, or as a "Source link"
paragraph appended to the body. The address becomes the post's source link (our article
page draws its own "Source link" line, so the appended paragraph goes)."""

import re

from lxml import html as lxml_html

from dramawired.pipeline.parse import is_web_url

# Where each plugin keeps the original's address, in the order they are trusted.
PERMALINK_META = ("wprss_item_permalink", "feedzy_item_url", "syndication_permalink",
                  "wpematico_permalink", "original_link", "_wp_automatic_source_url")
# The words of an appended credit line ("Source link", "Source: Variety", "Read the full
# article at …", "The post … appeared first on …" is the feed's own, not a credit).
_CREDIT = re.compile(r"^\s*(?:(?:source(?:\s+link)?|original(?:\s+(?:article|source|post|story))?|"
                     r"read\s+(?:more|the\s+(?:full|original)\s+(?:article|story|post))|"
                     r"(?:full|original)\s+(?:article|story)|continue\s+reading)\b|via\s*:)",
                     re.I)
# Inspect at most this many blocks from the end: credits are appended, never inside.
TAIL = 3


def meta_permalink(meta: dict[str, str]) -> str:
    for key in PERMALINK_META:
        value = (meta.get(key) or "").strip()
        if is_web_url(value):
            return value
    return ""


def _credit_link(block) -> str:
    """The address a trailing credit block gives, or "" if it is no credit."""
    if block.tag not in ("p", "div") or len(block) > 3:
        return ""
    text = block.text_content().strip()
    if not text or len(text) > 200 or not _CREDIT.match(text):
        return ""
    anchors = [a for a in block.iter("a") if is_web_url(a.get("href", ""))]
    return anchors[0].get("href") if len(anchors) == 1 else ""


def split_credit(body: str) -> tuple[str, str]:
    """(body without its appended credit lines, the address they named or "")."""
    if "<a" not in body:
        return body, ""
    blocks = lxml_html.fragments_fromstring(body)
    if blocks and isinstance(blocks[0], str):  # text before the first element
        return body, ""
    found, cut = "", 0
    for block in reversed(blocks[-TAIL:]):
        if isinstance(block, str) or not (link := _credit_link(block)):
            break
        found, cut = found or link, cut + 1
    if not cut:
        return body, ""
    kept = blocks[:-cut]
    text = "".join(lxml_html.tostring(b, encoding="unicode") for b in kept)
    return text.strip(), found
