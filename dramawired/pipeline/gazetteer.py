"""Known names found in a text: the names table (seed/names.tsv) for the classifier and
the tagger.

A name matches whole words, compared case folded, longest first ("Dancing with the
Stars" before "Stars"), and only where the text capitalises every word the name
capitalises: "Big Brother" is a show, "his big brother" and "Big brother is watching"
are not. Punctuation between words does not count ("I'm a Celebrity... Get Me Out of
Here!" matches "I'm A Celebrity Get Me Out Of Here").
"""

import re
from collections.abc import Hashable, Iterable
from functools import cache
from pathlib import Path

TABLE = Path(__file__).parent / "seed" / "names.tsv"

# A name's words keep their digits, inner hyphens and apostrophes, and a trailing "+"
# ("Blink-182", "Guns N' Roses", "Disney+").
_WORD = re.compile(r"[^\W_](?:[\w'’-]*\w)?\+?", re.UNICODE)


def words(text: str) -> list[str]:
    # ’ and ' stand in the same places of a word, so swapping them first changes no match
    return _WORD.findall(text.replace("’", "'"))


def _big(word: str) -> bool:
    return word[0].isupper() or word[0].isdigit()


class Gazetteer:
    """Names (as written) with a value each, found in texts."""

    def __init__(self, entries: Iterable[tuple[str, Hashable]]):
        self._names: dict[tuple[str, ...], tuple[str, Hashable, tuple[bool, ...]]] = {}
        self._longest: dict[str, int] = {}  # first word → the most words such names have
        for name, value in entries:
            ws = words(name)
            if ws:
                key = tuple(w.casefold() for w in ws)
                self._names[key] = (name, value, tuple(map(_big, ws)))
                self._longest[key[0]] = max(self._longest.get(key[0], 0), len(key))

    def __len__(self) -> int:
        return len(self._names)

    def whole(self, text: str) -> bool:
        """Whether `text` is one name of the table, nothing more, capitalised as it is."""
        ws = words(text)
        hit = self._names.get(tuple(w.casefold() for w in ws))
        return bool(hit) and all(_big(w) for w, big in zip(ws, hit[2], strict=True) if big)

    def find(self, text: str) -> list[tuple[str, Hashable]]:
        """(name as the table writes it, its value) for each mention in `text`, in order."""
        found, ws = [], words(text)
        folded = [w.casefold() for w in ws]
        longest, after = self._longest, 0  # after: the end of the last name found
        # Only a word that opens some name can open a mention: the rest are passed over
        # here, not one by one below (most words of a story open none).
        for i in [i for i, w in enumerate(folded) if w in longest]:
            if i < after or not _big(ws[i]):
                continue
            for n in range(min(longest[folded[i]], len(ws) - i), 0, -1):
                hit = self._names.get(tuple(folded[i:i + n]))
                if hit and all(_big(w) for w, big in zip(ws[i:i + n], hit[2], strict=True)
                               if big):
                    found.append(hit[:2])
                    after = i + n
                    break
        return found


ANY_BEAT = "-"  # a name of no one beat (platforms, newsrooms, politicians): for the tagger


def _rows() -> list[tuple[str, str]]:
    with TABLE.open(encoding="utf-8") as lines:
        rows = [line.rstrip("\n").split("\t") for line in lines
                if line.strip() and not line.startswith("#")]
    return [(name, slug) for slug, name in rows]


def entries() -> list[tuple[str, str]]:
    """The names table's names of one beat: (name, category slug) pairs."""
    return [(name, slug) for name, slug in _rows() if slug != ANY_BEAT]


@cache
def table() -> Gazetteer:
    """Every name of the table, each name's value its category slug (or ANY_BEAT)."""
    return Gazetteer(_rows())
