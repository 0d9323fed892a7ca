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


def split(content: bytes) -> list[bytes]:
    """`content` cut at its holes: text, hole name, text, … (what a stored page keeps, so
    serving it joins parts instead of searching 50 kB for markers)."""
    return _HOLE.split(content) if HOLE in content else [content]


# Blocks by key, in this process: a key names one generation's block, which never changes,
# so keeping it saves a cache read on every page served. Bounded: cleared when full.
_memo: dict[str, bytes] = {}
MEMO_SIZE = 32


def _block(name: str, generation: str) -> bytes:
    key = f"fragment:{name}:{generation}"
    if (block := _memo.get(key)) is None:
        if len(_memo) >= MEMO_SIZE:
            _memo.clear()
        block = _memo[key] = html(name, import_string(HOLES[name]), generation).encode()
    return block


def fill(parts: list[bytes], generation: str | None = None) -> bytes:
    """A page from split()'s parts, each hole filled with its block at the site's
    generation (the current one if not given); a block missing is drawn, once per
    generation."""
    if len(parts) == 1:
        return parts[0]
    generation = generation or site_generation()
    filled = list(parts)
    for i in range(1, len(parts), 2):
        name = parts[i].decode()
        filled[i] = _block(name, generation) if name in HOLES else b""
    return b"".join(filled)
