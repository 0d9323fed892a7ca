"""Matches marked in titles and excerpts, everything else escaped."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def pattern(terms: list[str]) -> re.Pattern | None:
    """Words starting with any of `terms` (the index stems and matches prefixes, so
    "nomination" also finds "nominations")."""
    if not terms:
        return None
    alternatives = "|".join(re.escape(t) for t in sorted(set(terms), key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{alternatives})[^\W_]*", re.IGNORECASE)


def highlight(text: str, words: re.Pattern | None) -> SafeString:
    """`text` escaped, with each match of `words` in <mark>. The raw text is cut at the
    matches and every piece escaped on its own, so a match can never split an entity."""
    if words is None:
        return escape(text)
    pieces, end = [], 0
    for found in words.finditer(text):
        pieces += [escape(text[end:found.start()]), "<mark>", escape(found.group()), "</mark>"]
        end = found.end()
    pieces.append(escape(text[end:]))
    return mark_safe("".join(pieces))  # every piece of text was escaped above
