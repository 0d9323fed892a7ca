"""Keep the items a source wants (include/exclude keywords, maximum age)."""

import html
import re
from datetime import datetime, timedelta

from .items import FeedItem
from .text import strip_tags


def _pattern(keywords: list[str]) -> re.Pattern | None:
    """Whole-word, case-insensitive: "art" must not match "party"."""
    if not keywords:
        return None
    alternatives = "|".join(re.escape(k) for k in sorted(keywords, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def item_text(item: FeedItem) -> str:
    # Unescaped, so "Tom & Jerry" matches "Tom &amp; Jerry" and "amp"/"quot" match nothing.
    body = html.unescape(strip_tags(f"{item.summary_html} {item.content_html}"))
    return f"{item.title} {' '.join(item.tags)} {body}"


def filter_items(
    items: list[FeedItem],
    *,
    include: list[str] = (),
    exclude: list[str] = (),
    max_age: timedelta | None = None,
    now: datetime,
) -> tuple[list[FeedItem], list[tuple[FeedItem, str]]]:
    """Split items into (kept, [(dropped, reason)])."""
    inc, exc = _pattern(list(include)), _pattern(list(exclude))
    kept, dropped = [], []
    for item in items:
        text = item_text(item) if (inc or exc) else ""
        if max_age and item.published and item.published < now - max_age:
            dropped.append((item, f"older than {max_age.days} days"))
        elif inc and not inc.search(text):
            dropped.append((item, "no include keyword"))
        elif exc and (m := exc.search(text)):
            dropped.append((item, f"exclude keyword {m.group(0)!r}"))
        else:
            kept.append(item)
    return kept, dropped
