"""What many pages show alike, kept once per site generation (pagecache.py): the sidebar's
HTML, the home page's category blocks, a listing's post count.

A page that misses the page cache (a reader with a session, or the first reader after a
publish) then costs its own parts only: at 100,000 posts the home page's COUNT(*) alone
took 5 ms and its eight category blocks eight queries and ~40 cards to draw. Any change
to a post or the taxonomy moves the generation, so nothing kept here outlives what it
shows; TTL bounds what a missed bump could leave (a post scheduled for later appears within
it, as it does on cached pages).
"""

from collections.abc import Callable

from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe

from .pagecache import TTL, site_generation


def kept(name: str, compute: Callable[[], object]):
    """`compute()`'s value, computed once per site generation (it must pickle)."""
    key = f"fragment:{name}:{site_generation()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TTL)
    return value


def html(name: str, render: Callable[[], str]) -> SafeString:
    """A block's HTML, rendered once per site generation."""
    return mark_safe(kept(name, lambda: str(render())))
