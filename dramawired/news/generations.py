"""Generation numbers: what cached pages and blocks are keyed by, and the bumps that
retire them when what they show changes.

- The site's generation moves when any post is published, changed or deleted, and with the
  layout's: listings (home, category, tag, author) and the blocks every page shares
  (fragments.py) are keyed by it.
- The layout's moves when what every page shows besides its lists changes: site settings,
  the menu, a category, tag or author renamed or deleted (names every article shows).
- A post's own moves when the post, its tags, its comments or its counters' display
  change, or a neighbour is published (its Next/Previous links). An article page is keyed
  by the layout's and its post's: publishing a post redraws the listings and the shared
  blocks, not the thousands of articles being read (pagecache.py).

Bumping writes one key; what was keyed by the old value is never read again and expires on
its own (TTL). Generations are timestamps, not counters, so two processes bumping at once
cannot lose an update. A bump inside a transaction is made again when it commits: a reader
who drew a page between the first bump and the commit could not yet see the change, and
what it stored under the new generation must not be served.
"""

import threading
import time
from contextlib import contextmanager

from django.core.cache import cache
from django.db import transaction

TTL = 600  # seconds: a page or block is at most this old even if a bump were missed
COUNTS_REFRESH = 10  # seconds between redraws of one article for its counters
SITE_KEY = "pagecache:site"
LAYOUT_KEY = "pagecache:layout"


def generations(keys: list[str]) -> str:
    """The current generations of `keys`, read in one round trip."""
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, time.time_ns(), None)
            found[key] = cache.get(key)
    return ".".join(str(found[key]) for key in keys)


def post_key(slug: str) -> str:
    return f"pagecache:post:{slug}"


def site_generation() -> str:
    """The site's generation: what fragments.py keys the blocks many pages share by."""
    return generations([SITE_KEY])


def post_generation(slug: str) -> str:
    """What an article page is keyed by: the layout's generation and its post's."""
    return generations([LAYOUT_KEY, post_key(slug)])


_pending = threading.local()


@contextmanager
def coalesced():
    """Bumps made inside are made once each, on leaving: publishing one post moves the
    site's generation from three signals (the post, its tags, a new tag) and would
    otherwise write it three times, and again three times on commit."""
    if getattr(_pending, "keys", None) is not None:  # nested: the outer one bumps
        yield
        return
    _pending.keys, _pending.new = set(), set()
    try:
        yield
    finally:
        keys = _pending.keys - _pending.new
        _pending.keys = _pending.new = None
        if keys:
            _bump(*sorted(keys))


def created(slug: str) -> None:
    """A post was created inside coalesced(): no page of it was ever stored, so what moves
    its own generation there (its tags being set) need not."""
    if getattr(_pending, "new", None) is not None:
        _pending.new.add(post_key(slug))


def _bump(*keys: str) -> None:
    if getattr(_pending, "keys", None) is not None:
        _pending.keys.update(keys)
        return

    def bump():
        cache.set_many(dict.fromkeys(keys, time.time_ns()), None)
    bump()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(bump)


def bump_site() -> None:
    """Posts changed: every listing and shared block."""
    _bump(SITE_KEY)


def bump_layout() -> None:
    """What every page shows changed: every page."""
    _bump(LAYOUT_KEY, SITE_KEY)


def bump_post(slug: str) -> None:
    _bump(post_key(slug))


def bump_post_counts(slug: str) -> None:
    """The counts an article shows changed. Under 1,000 every view changes them; redrawing
    the page for each reader would defeat the cache, so a page is redrawn for its counts at
    most once per COUNTS_REFRESH seconds (later changes wait for the next view or the TTL)."""
    if cache.add(f"pagecache:counts:{slug}", 1, COUNTS_REFRESH):
        bump_post(slug)
