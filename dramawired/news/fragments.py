"""What many pages show alike, kept once per generation (generations.py): the sidebar's
HTML, the home page's category blocks, a listing's post count, an article's "around" block.

A page that misses the page cache (a reader with a session, or the first reader after a
change) then costs its own parts only: at 100,000 posts the home page's COUNT(*) alone
took 5 ms and its eight category blocks eight queries and ~40 cards to draw. Nothing kept
here outlives what it shows: a block is keyed by the generation that moves when it changes.
TTL bounds what a missed bump could leave (a post scheduled for later appears within it, as
it does on cached pages).

A hole is a block a stored page leaves out (pagecache.py): a marker no foreign text can
carry (bodies are sanitised, comments stripped; everything else is escaped), replaced by
the block as it is now each time the page is served.
"""

import re
from collections.abc import Callable

from django.core.cache import cache
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString, mark_safe

from .generations import TTL, site_generation

# The blocks a page may leave as holes: each drawn by a function of no arguments, once per
# site generation.
HOLES = {"sidebar": "dramawired.news.views.listing.sidebar_html"}
HOLE = b"<!--dw:hole:"
_HOLE = re.compile(rb"<!--dw:hole:([a-z]+)-->")


def kept(name: str, compute: Callable[[], object], generation: str | None = None):
    """`compute()`'s value, computed once per `generation` (by default the site's; it
    must pickle)."""
    key = f"fragment:{name}:{generation or site_generation()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TTL)
    return value


def html(name: str, render: Callable[[], str], generation: str | None = None) -> SafeString:
    """A block's HTML, rendered once per generation (by default the site's)."""
    return mark_safe(kept(name, lambda: str(render()), generation))


def hole(name: str) -> SafeString:
    """Where block `name` (one of HOLES) goes in a page that is stored without it."""
    assert name in HOLES, name
    return mark_safe(f"<!--dw:hole:{name}-->")


def fill(content: bytes, generation: str | None = None) -> bytes:
    """`content` with each hole replaced by its block at the site's generation (the
    current one if not given): one cache read for all of them; a block missing is drawn
    (once per generation)."""
    names = set(_HOLE.findall(content)) & {n.encode() for n in HOLES}
    if not names:
        return content
    generation = generation or site_generation()
    keys = {name: f"fragment:{name.decode()}:{generation}" for name in names}
    found = cache.get_many(keys.values())
    for name, key in keys.items():
        block = found.get(key)
        if block is None:
            block = html(name.decode(), import_string(HOLES[name.decode()]), generation)
        content = content.replace(b"<!--dw:hole:%s-->" % name, block.encode())
    return content
