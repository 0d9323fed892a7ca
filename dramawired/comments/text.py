"""Comment text: typed as plain text, shown as HTML. Nothing a reader types can become
markup: every character is escaped, then web addresses become nofollow links and blank
lines paragraphs. urlize only links http(s)://, www. and e-mail addresses, so a
"javascript:" address stays text."""

import re

from django.utils.html import linebreaks, urlize
from django.utils.safestring import SafeString, mark_safe

# What a reader would count as a link (urlize links the same shapes).
LINK = re.compile(r"(?:https?://|\bwww\.)\S+", re.IGNORECASE)


def render(body: str) -> SafeString:
    # urlize(autoescape=True) escapes the text around and inside each address.
    html = urlize(body, nofollow=True, autoescape=True)
    return mark_safe(linebreaks(html, autoescape=False))


def count_links(body: str) -> int:
    return len(LINK.findall(body))
