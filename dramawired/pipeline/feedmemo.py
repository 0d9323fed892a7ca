"""Large feeds parsed once: the last few this process parsed, kept by a digest of their
bytes, with the lines each repeats (what BuildPlan.boilerplate is made of).

A feed longer than a poll's cap is read again, whole, by each poll that takes the next
part of it; a publisher that ignores conditional GET sends it again unchanged. Parsing
is a function of the bytes alone, so the same bytes need not be parsed twice: a
10,000-item feed (34 MB of full text) took ~10 s to parse and ~3 s to find its repeated
lines, for each of its 50 polls of 200 items (bench/bigfeed.py --mode polls).

Callers treat what they get as read-only: two polls may hold one feed.
"""

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Iterable

from .article import plain
from .dedupe import repeated_lines
from .items import FeedItem
from .parse import ParsedFeed, parse_feed

# Smaller feeds parse in milliseconds: kept, they would only hold memory.
MIN_BYTES = 1024 * 1024
KEEP = 2  # feeds kept: bounds the memory held (a feed of 10,000 full stories is ~34 MB)

_lock = threading.Lock()
# digest → [feed, its repeated lines once asked for]
_kept: OrderedDict[bytes, list] = OrderedDict()


def parse(content: bytes, url: str, content_type: str = "") -> ParsedFeed:
    """parse_feed, answered from the kept feeds when these bytes were parsed lately."""
    if len(content) < MIN_BYTES:
        return parse_feed(content, url, content_type)
    key = hashlib.blake2b(content, digest_size=32)
    key.update(f"\n{url}\n{content_type}".encode())
    digest = key.digest()
    with _lock:
        if (entry := _kept.get(digest)) is not None:
            _kept.move_to_end(digest)
            return entry[0]
    feed = parse_feed(content, url, content_type)  # unlocked: other polls go on meanwhile
    with _lock:
        _kept[digest] = [feed, None]
        while len(_kept) > KEEP:
            _kept.popitem(last=False)
    return feed


def boilerplate(items: Iterable[FeedItem]) -> frozenset[str]:
    """The lines the items repeat (dedupe.repeated_lines of their text); for a kept
    feed's own item list, found once."""
    with _lock:
        entry = next((e for e in _kept.values() if e[0].items is items), None)
        if entry is not None and entry[1] is not None:
            return entry[1]
    found = repeated_lines(plain(i.content_html or i.summary_html) for i in items)
    if entry is not None:
        with _lock:
            entry[1] = found
    return found


def clear() -> None:
    """Forget every kept feed (tests)."""
    with _lock:
        _kept.clear()
