"""Addresses of posts, categories, tags and authors without a reverse() each.

A page draws dozens of them (every card links its post twice and its category once), and
reverse() walks the URL patterns for each: 40 of them cost about 2 ms of a cold article.
For a slug of ASCII letters, digits, "-" and "_" (what every converter accepts and
quote() leaves alone) the address is the one reverse() gives for a stand-in slug, with the
slug put in its place; any other slug goes through reverse() itself."""

import re

from django.urls import get_script_prefix, reverse

PLAIN = re.compile(r"[-a-zA-Z0-9_]+")
STAND_IN = "dw-slug-stand-in"
_forms: dict[tuple[str, str], tuple[str, str]] = {}  # (route, script prefix): around it


def slug_url(route: str, slug: str) -> str:
    """reverse(route, args=[slug]), for a route whose only argument is a slug."""
    if not PLAIN.fullmatch(slug):
        return reverse(route, args=[slug])
    key = (route, get_script_prefix())
    form = _forms.get(key)
    if form is None:
        before, _, after = reverse(route, args=[STAND_IN]).partition(STAND_IN)
        form = _forms[key] = (before, after)
    return form[0] + slug + form[1]
