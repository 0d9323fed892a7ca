"""Duplicates, found twice: by cheap keys before any page is fetched, by content after.

Cheap keys first (before any page is fetched): the GUID and the canonical URL, with
tracking parameters, fragments and host case removed. After extraction, a 64-bit simhash
of the story's words finds the same story told by another source or under another URL.
"""

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import lru_cache
from itertools import pairwise
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import numpy as np

from .items import FeedItem, Keys

# Query parameters that only say where a click came from (as stripped by Miniflux's
# urlcleaner and the ClearURLs lists): the article is the same without them.
TRACKING_PARAMS = {
    "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid",
    "_ga", "_gl", "ref", "ref_src", "ref_url", "cmpid", "ito", "ncid", "sr_share",
    "mbid", "spm", "share", "via", "smid", "cid",
}
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "at_", "oly_", "hsa_", "__hs", "vero_")


@lru_cache(maxsize=32768)  # a long feed's addresses, asked for again by each poll
def canonical_url(url: str) -> str:
    parts = urlsplit(url.strip())
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in TRACKING_PARAMS and not k.lower().startswith(TRACKING_PREFIXES)
    ]
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    if ":" in host:  # hostname drops an IPv6 literal's brackets; without them the URL breaks
        host = f"[{host}]"
    if parts.port and (parts.scheme, parts.port) not in (("http", 80), ("https", 443)):
        host = f"{host}:{parts.port}"
    path = parts.path or "/"
    if len(path) > 1:
        path = path.rstrip("/")
    # The scheme is left out of the key: http and https addresses are one article.
    return urlunsplit(("https" if parts.scheme in ("http", "https") else parts.scheme,
                       host, path, urlencode(sorted(query)), ""))


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def cheap_keys(item: FeedItem, source_id: int, shared: frozenset[str] = frozenset()) -> Keys:
    """The keys of an item. `shared` are canonical addresses several items of this feed
    link to with ids of their own (a podcast's episodes all linking to the show's page,
    release notes linking to one page with #fragments): for those the address names no
    one story, so the item's id is part of its address key."""
    url = canonical_url(item.url)
    guid_key = _hash(f"{source_id}\n{item.guid}") if item.guid else ""
    is_shared = url in shared or not item.own_page
    url_key = _hash(f"{url}\n{source_id}\n{item.guid}") if is_shared else _hash(url)
    return Keys(guid_key=guid_key, url_key=url_key, canonical_url=url, shared_url=is_shared)


def shared_urls(items: Iterable[FeedItem]) -> frozenset[str]:
    """Canonical addresses that two or more items with different ids link to."""
    ids: dict[str, set[str]] = {}
    for item in items:
        ids.setdefault(canonical_url(item.url), set()).add(item.guid or item.url)
    return frozenset(url for url, guids in ids.items() if len(guids) > 1)


_WORD = re.compile(r"\w+", re.UNICODE)


def _line_key(line: str) -> str:
    return " ".join(_WORD.findall(line.casefold()))


def repeated_lines(texts: Iterable[str]) -> frozenset[str]:
    """Lines (paragraphs) that one source repeats on two or more of its items: sponsor
    blurbs, "subscribe" boxes, sign-offs. They say nothing about which story an item
    tells, and left in they make a channel's different videos look like copies."""
    counts = Counter(key for text in texts
                     for key in {_line_key(line) for line in text.split("\n")} if key)
    return frozenset(key for key, n in counts.items() if n >= 2)


# Fewer words than this (a headline, a one-line summary) give no fingerprint: a simhash of
# two or three shingles leaves most bits tied at 0, and unrelated headlines land within
# a few bits of each other (seen on real feeds whose pages could not be fetched).
MIN_WORDS = 20
NONE = 0  # "no fingerprint": never compared


def fingerprint(text: str, ignore: frozenset[str] = frozenset()) -> int:
    """64-bit simhash over word 3-shingles: stories that share most of their sentences land
    a few bits apart, unrelated stories about 32 bits apart. Lines in `ignore` (a source's
    boilerplate) are left out; too short a text gets NONE."""
    if ignore:
        text = "\n".join(line for line in text.split("\n") if _line_key(line) not in ignore)
    words = [w.casefold() for w in _WORD.findall(text)]
    if len(words) < MIN_WORDS:
        return NONE
    shingles = [" ".join(words[i:i + 3]) for i in range(max(len(words) - 2, 1))]
    # Each shingle's 8-byte digest, big-endian, as a row of 64 bits (the hash's top bit
    # first); a bit of the fingerprint is set where most shingles set it (weight > 0: more
    # ones than zeros). numpy counts them: a Python loop over 64 bits per shingle was a
    # third of a full-text item's build.
    digests = b"".join(hashlib.blake2b(s.encode(), digest_size=8).digest() for s in shingles)
    bits = np.unpackbits(np.frombuffer(digests, dtype=np.uint8).reshape(-1, 8), axis=1)
    majority = 2 * bits.sum(axis=0, dtype=np.int64) > len(shingles)
    return int.from_bytes(np.packbits(majority).tobytes(), "big")


def distance(a: int, b: int) -> int:
    return (a ^ b).bit_count()


def find_near_duplicate(
    fp: int, candidates: Iterable[tuple[int, int]], max_distance: int
) -> int | None:
    """The id of the closest candidate (id, fingerprint) within max_distance bits, if any;
    of two equally close, the first."""
    index = NearIndex(max_distance)
    for cid, cfp in candidates:
        index.add(cid, cfp)
    return index.nearest(fp)


class NearIndex:
    """Fingerprints to compare new stories with, found without comparing every one: two
    fingerprints at most d bits apart agree exactly on at least one of d + 1 blocks of
    their bits (pigeonhole), so a look-up compares a story only with those that share one
    of its blocks: (d + 1) / 2**(64 / (d + 1)) of them if bits were evenly spread, 1 in 15
    for d = 8 (Manku, Jain and Das Sarma, "Detecting near-duplicates for web crawling",
    WWW 2007). The answer is a full scan's: the closest within range, of equals the first
    added."""

    def __init__(self, max_distance: int):
        self.max_distance = max_distance
        blocks = max_distance + 1
        cuts = [64 * i // blocks for i in range(blocks + 1)] if 0 < blocks <= 64 else []
        # (shift, mask) of each block; with no blocks (64 bits or more apart is in range),
        # every fingerprint is compared
        self._blocks = [(low, (1 << high - low) - 1) for low, high in pairwise(cuts)]
        self._tables: list[dict[int, list[int]]] = [{} for _ in self._blocks]
        self._entries: list[tuple[Any, int]] = []  # (id, fingerprint), in the order added

    def add(self, cid: Any, fp: int) -> None:
        position = len(self._entries)
        self._entries.append((cid, fp))
        for (shift, mask), table in zip(self._blocks, self._tables, strict=True):
            table.setdefault(fp >> shift & mask, []).append(position)

    def nearest(self, fp: int, skip: Callable[[Any], bool] = lambda cid: False) -> Any:
        """The id of the closest fingerprint within range (None if none is), leaving out
        ids `skip` names. An id is any value: the caller's."""
        if fp == NONE or self.max_distance < 0:
            return None
        if self._blocks:
            positions = set()
            for (shift, mask), table in zip(self._blocks, self._tables, strict=True):
                positions.update(table.get(fp >> shift & mask, ()))
        else:
            positions = range(len(self._entries))
        best, best_key = None, (self.max_distance + 1, 0)
        for position in positions:
            cid, cfp = self._entries[position]
            key = (distance(fp, cfp), position)
            if key < best_key and not skip(cid):
                best, best_key = cid, key
        return best
