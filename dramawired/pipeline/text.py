"""Text helpers the stages share: markup to words, and the dates feeds and pages write."""

import re
from datetime import UTC, datetime

_TAGS = re.compile(r"<[^>]+>")


def strip_tags(fragment: str, sep: str = " ") -> str:
    """Tags replaced by `sep`. Past the last ">" no tag can end, and there "<[^>]+>" would
    scan to the end from every "<" (quadratic on hostile markup): that tail is kept as is."""
    cut = fragment.rfind(">") + 1
    return _TAGS.sub(sep, fragment[:cut]) + fragment[cut:]


def iso_date(value) -> datetime | None:
    """An ISO 8601 date (JSON Feed, article:published_time, JSON-LD), in UTC when it names
    no zone; None when unreadable: an item is left undated, never lost."""
    try:
        when = datetime.fromisoformat(str(value or "").replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)
