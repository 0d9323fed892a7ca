"""How alike two takes on an event are: the rare words of their headlines and openings.

A word weighs what it says about the event: its rarity in English (wordfreq's Zipf scale,
shipped inside the wheel: "the" weighs nothing, "Keibler" the most), so two outlets'
headlines about one event meet on its names and its key words whatever the rest of their
wording. A name the tagger found ("Jasper Okonkwo", "NorthStar TV") counts as one when
deciding whether two headlines share more than a name (`residual`): a star's engagement
and casting share two words of his, and are still two events. A post is compared on its
headline and, when both have a story, on its opening too (`alike`). Pure functions:
grouping.py, repair.py and bench/stories.py share them.
"""

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from wordfreq import zipf_frequency

RARE = 7.0  # a word wordfreq has never seen weighs this (Zipf 0)
COMMON = 5.6  # at or above this Zipf frequency a word says nothing of an event ("said")
OPENING_WORDS = 80  # how much of the story beside its headline describes the event
KEYS = 6  # index keys kept per post: its rarest headline words

_POSSESSIVE = re.compile(r"['’]s\b")
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


# Headline words that say how a story is told, not what happened: rare enough in English
# to weigh, common to every event ("Confirms", "Slams", "Lands"), so they weigh a quarter.
TELLING = {stem_ for stem_ in """
confirm confirms confirmed slam slams slammed land lands landed reveal reveals revealed say
says said share shares shared tease teases teased spark sparks sparked respond responds
responded react reacts reacted claim claims claimed insist insists insisted admit admits
admitted open opens opened speak speaks spoke break breaks broke fans fan star stars
official report reports reportedly rumor rumors rumour rumours exclusive watch video photos
""".split()}


@lru_cache(maxsize=65536)
def weight(word: str) -> float:
    zipf = zipf_frequency(word, "en")
    value = 0.0 if zipf >= COMMON else RARE - zipf
    return value / 4 if word in TELLING else value


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Crude English suffixes off, so "weds"/"wed", "cancels"/"cancelled" meet."""
    if word.isdigit() or len(word) <= 3:
        return word
    for suffix, keep in (("ies", "y"), ("ing", ""), ("led", "l"), ("ed", ""), ("es", ""),
                         ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and \
                not word.endswith("ss"):
            return word[: -len(suffix)] + keep
    return word


def words(text: str) -> list[str]:
    return [w.replace("’", "'") for w in _WORD.findall(_POSSESSIVE.sub("", text.casefold()))]


def _vector(tokens: list[str], scale: float) -> dict[str, float]:
    counts: dict[str, int] = {}
    weights: dict[str, float] = {}
    for word in tokens:
        if (w := weight(word)) > 0:
            key = stem(word)
            counts[key] = counts.get(key, 0) + 1
            weights[key] = max(weights.get(key, 0.0), w)
    return {key: scale * (1 + math.log(n)) * weights[key] for key, n in counts.items()}


@dataclass(frozen=True)
class Terms:
    """A post as the grouping sees it: its headline's weighted words, and those of the
    headline and opening together."""

    title: dict[str, float]
    opening: dict[str, float]  # the story's first words, without its headline
    names: tuple[tuple[str, ...], ...] = ()  # the headline's names of 2+ words, as stems

    def keys(self, n: int = KEYS) -> list[str]:
        """The headline's rarest words: where a take on the same event is looked for."""
        ranked = sorted(self.title.items(), key=lambda kv: (-kv[1], kv[0]))
        return [key for key, _ in ranked[:n]]

    def to_json(self) -> dict:
        return {"t": self.title, "o": self.opening, "n": [list(n) for n in self.names]}

    @classmethod
    def from_json(cls, data: dict) -> "Terms":
        return cls(data.get("t", {}), data.get("o", {}),
                   tuple(tuple(n) for n in data.get("n", ())))


def terms(title: str, text: str = "", names: tuple[str, ...] = ()) -> Terms:
    """A post's terms; `names` are its tags (those of 2+ words are kept, for `residual`)."""
    head = _vector(words(title), 1.0)
    opening = words(text)[:OPENING_WORDS]
    spelt = tuple(n for n in (tuple(stem(w) for w in words(name) if weight(w) > 0)
                              for name in names) if len(n) > 1)
    return Terms({k: round(v, 3) for k, v in head.items()},
                 {k: round(v, 3) for k, v in _vector(opening, 1.0).items()}, spelt)


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b[k] for k, v in a.items() if k in b)
    if not dot:
        return 0.0
    return dot / (math.sqrt(sum(v * v for v in a.values())) *
                  math.sqrt(sum(v * v for v in b.values())))


def normalised(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    return {k: v / norm for k, v in vector.items()}


EMPTY_TERMS = Terms({}, {})


def _add(centroid: dict[str, float], vector: dict[str, float], sign: int) -> dict:
    out = dict(centroid)
    for key, value in normalised(vector).items():
        total = out.get(key, 0.0) + sign * value
        if total > 1e-3:  # rounding leaves crumbs of a post taken out
            out[key] = round(total, 4)
        else:
            out.pop(key, None)
    return out


def add(centroid: Terms, post: Terms, sign: int = 1) -> Terms:
    """A story's centroid (the sum of its posts' normalised vectors, and their names) with
    a post's added, or taken out (sign -1)."""
    names = tuple(dict.fromkeys(centroid.names + post.names))[-MAX_NAMES:] if sign > 0 \
        else centroid.names
    return Terms(_add(centroid.title, post.title, sign),
                 _add(centroid.opening, post.opening, sign) if post.opening
                 else centroid.opening, names)


MAX_NAMES = 24  # names a story's centroid remembers

# A take joins the story it is most like when its headline is at least JOIN alike to the
# story's centroid and, without the one name or word they share most, still share some
# (RESIDUAL): a shared star ("Jasper Okonkwo") does not make his engagement and his casting
# one event. A headline STRONG alike needs no more. When both have a story, their openings
# must agree too (OPENING_RESIDUAL), and very alike openings (OPENING_STRONG) do without
# alike headlines. Chosen on the "tune" half of UCI's Google News clusters (the full
# 2014 set, four 3-day slices; bench/stories.py --split tune), reported on the other half;
# the demo's events (our own writing, with their stories) must stay whole and apart.
JOIN, RESIDUAL = 0.07, 1e-4
STRONG = 0.25
OPENING_RESIDUAL, OPENING_STRONG = 0.1, 0.5


def residual(post: dict[str, float], centroid: dict[str, float],
             names: tuple[tuple[str, ...], ...]) -> float:
    """cosine(post, centroid) without the term that adds most to it: the whole name when
    that term is part of one of `names`."""
    shared = post.keys() & centroid.keys()
    if len(shared) < 2:
        return 0.0
    top = max(shared, key=lambda k: post[k] * centroid[k])
    out = {top}.union(*(n for n in names if top in n))
    return cosine({k: v for k, v in post.items() if k not in out},
                  {k: v for k, v in centroid.items() if k not in out})


def _clashes(post: Terms, story: Terms) -> set[str]:
    """Words that are parts of different names in the two: "lantern" of the post's
    "Lantern Street" and of the story's "Paper Lanterns" says nothing of one event. A name
    inside another ("Lantern Street", "Lantern Street Cancellation") is the same one."""
    def nested(a: tuple, b: tuple) -> bool:
        return set(a) <= set(b) or set(b) <= set(a)

    out = set()
    for mine in post.names:
        if any(nested(mine, theirs) for theirs in story.names):
            continue
        out |= {w for theirs in story.names for w in mine if w in theirs}
    return out


def _without(vector: dict[str, float], words: set[str]) -> dict[str, float]:
    return {k: v for k, v in vector.items() if k not in words} if words else vector


# A story cools: its takes come within hours of the event, and a headline that arrives
# after the story has been quiet for hours is more often the next development ("cancels
# her tour" a day after "hospitalised") than one more take. Within GRACE hours of a
# story's posts the thresholds are as above; after, they rise by their own value every
# RAMP hours. A headline alone joins no story quiet for HEADLINE_QUIET hours: real
# aggregators start a new one (in UCI's Google News clusters, 2014, most wrong merges
# joined clusters 15-48 hours apart, and their headlines were as alike as one cluster's).
# Takes with a story, whose openings can agree, are looked for up to QUIET hours.
GRACE, RAMP = 6.0, 12.0
HEADLINE_QUIET, QUIET = 12.0, 36.0


def cooling(hours: float) -> float:
    """How many times JOIN and STRONG a take `hours` from a story's posts must reach."""
    return 1.0 + max(0.0, hours - GRACE) / RAMP


def quiet(post: "Terms") -> float:
    """Hours after a story's last post (or before its first) that `post` may still join it."""
    return QUIET if post.opening else HEADLINE_QUIET


def alike(post: Terms, story: Terms, hours: float = 0.0) -> float:
    """How alike a post is to a story's centroid, 0 when it is not a take on it; `hours`
    between the post and the story's nearest post (cooling)."""
    if hours > (quiet(post) if story.opening else HEADLINE_QUIET):
        return 0.0
    clash = _clashes(post, story)
    head, theirs = _without(post.title, clash), _without(story.title, clash)
    score = cosine(head, theirs)
    cool = cooling(hours)
    heads = score >= JOIN * cool and (score >= STRONG * cool or
                                      residual(head, theirs, post.names) >= RESIDUAL)
    if not (post.opening and story.opening):
        return score if heads else 0.0
    start, their_start = _without(post.opening, clash), _without(story.opening, clash)
    if residual(start, their_start, post.names) < OPENING_RESIDUAL:
        return 0.0
    opening = cosine(start, their_start)
    # Between two stories a take could join, the one its whole story is more like.
    return (score + opening) / 2 if heads or opening >= OPENING_STRONG * cool else 0.0


def choose(post: Terms, stories: list[tuple]) -> tuple[int | None, float]:
    """The story `post` reports, with how alike; (None, 0) for a new one. `stories`:
    (id, centroid) or (id, centroid, hours from the post: see alike)."""
    best, best_score = None, 0.0
    for story_id, centroid, *hours in stories:
        if (score := alike(post, centroid, *hours)) > best_score:
            best, best_score = story_id, score
    return best, best_score
