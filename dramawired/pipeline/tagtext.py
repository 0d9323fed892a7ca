"""How a story writes its words: tokens, Title Case lines, and the evidence a name
leaves (capitalised mid-sentence, never in lower case). The tagger (tag.py) reads it."""

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from .tagwords import (
    ADJECTIVE,
    CONNECTORS,
    NOT_NAMES,
    PREFIXES,
    STOP,
    SURNAME_PARTICLES,
    family,
    is_common,
    is_first_name,
    is_surname,
    zipf,
)

# A word may hold apostrophes, hyphens, digits after its first letter and inner dots,
# ampersands and dollars ("Min-jun", "O’Brien", "Blink-182", "J.K", "AT&T", "A$AP"); a
# trailing dot ends the sentence instead.
_WORD = r"[^\W\d_][\w'’\-]*(?:[.&$][^\W\d_][\w'’\-]*)*"
TOKEN = re.compile(rf"{_WORD}|&|\n|[.!?:;\"“”«»()\[\]—–|]|\d[\w$%]*(?:[.,]\d[\w$%]*)*|\S",
                   re.UNICODE)  # a number keeps its inner dots and commas, not a trailing one
WORD_RE = re.compile(_WORD)
# After these a capital may open a sentence; not after a bracket ("Muriel Spark (UK)").
SENTENCE_END = set(".!?:;\"“”«»—–|\n")
_CONTRACTION = re.compile(r"['’](d|re|ll|ve|m|t)$", re.I)  # "He'd", "You're"
# Words that look like names and are not: "Lovin'" (loving), "TikToker" and "YouTubers"
# (someone who posts on one); "McAllister" is a name.
_DROPPED_G = re.compile(r"in['’]$")
_AGENT = re.compile(r"(?!Ma?c[A-Z])[A-Z][a-z]+[A-Z]\w*?ers?$")
_LOWER_PART = re.compile(r"-[a-z]{3,}")  # "R&B-soul", "Pop-rock": a kind of music
_LOWER_CAMEL = re.compile(r"[a-z][A-Z][a-z]")  # "iPhone", "eBay": a name in lower case


def _agent(tok: str) -> bool:
    """Someone who posts on a platform: "TikToker", "YouTubers" (the platform is the
    more frequent word); "EastEnders" is a name."""
    if not _AGENT.fullmatch(tok):
        return False
    return zipf(max(re.sub(r"rs?$", "", tok), re.sub(r"ers?$", "", tok), key=zipf)) > zipf(tok)


def capitalised(tok: str) -> bool:
    return tok[:1].isupper() or _LOWER_CAMEL.match(tok) is not None
SMALL = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on",
         "or", "the", "to", "vs", "with", "&", "is", "are", "be", "but", "over", "up"}


# Words repeat within a story and across stories: the per-word checks are cached (the
# tagger calls them ~1,000 times an article).
@lru_cache(maxsize=1 << 16)
def is_name_word(tok: str) -> bool:
    return (capitalised(tok) and WORD_RE.match(tok) is not None
            and not _CONTRACTION.search(tok) and not ADJECTIVE.search(tok)
            and not _agent(tok) and not _LOWER_PART.search(tok)
            and not (_DROPPED_G.search(tok) and is_common(tok[:-1] + "g")))


def person(words: list[str], k: int = 0) -> bool:
    """A first name and a surname: "Hugh Grant", "Will Smith", though both are words;
    the surname may open with a particle ("Robert De Niro", "Vincent van Gogh") or be
    missing from the census but no word at all ("Gene LeBell", "John Leguizamo")."""
    j = k + 1
    if j + 1 < len(words) and len(words[j]) == 2 and words[j][1] == "." and words[j][0].isupper():
        j += 1  # a middle initial: "George W. Bush"
    if j + 1 < len(words) and words[j].casefold() in SURNAME_PARTICLES:
        j += 1
    if not (j < len(words) and is_first_name(words[k]) and zipf(words[k]) < 6.5
            and is_name_word(words[j])):
        return False
    last = clean(words[j])
    if last.casefold() in STOP:  # "Will Be Banned"
        return False
    return is_surname(last) or zipf(last) < 3 and not is_common(last)


@lru_cache(maxsize=1 << 16)
def clean(word: str) -> str:
    word = re.sub(r"['’]s?$", "", word)  # possessive: Alibaba's -> Alibaba, Foxes’ -> Foxes
    return word.strip(".'’-")


@lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    return clean(word).casefold()


def title_case(tokens: list[str], headline: bool = False) -> bool:
    """A headline or subheading With Every Word Capitalised: one sentence at most (a
    paragraph thick with names is no heading), unless it is the story's headline ("Is
    It True? Here's What We Know")."""
    if not headline and any(t in ".!?" and nxt[:1].isupper()
           for t, nxt in zip(tokens, tokens[1:], strict=False)):
        return False  # two sentences (but "No. 1" is one)
    words = [t for t in tokens if WORD_RE.match(t) and t.casefold() not in SMALL]
    caps = sum(1 for t in words if capitalised(t))
    return len(words) >= 3 and caps > 0.75 * len(words)


@dataclass
class Evidence:
    """How the story writes its words outside headings."""

    mid: Counter = field(default_factory=Counter)  # capitalised mid-sentence
    lower: Counter = field(default_factory=Counter)  # written in lower case
    phrases: set = field(default_factory=set)  # whole runs seen mid-sentence

    def name_like(self, word: str) -> bool:
        """Could stand in a name: the story capitalises it mid-sentence more often than
        it writes it in lower case, or it is no common English word at all."""
        w = fold(word)
        if not w or w in STOP:
            return False
        if word.isupper() and len(w) > 1:  # "BBC" always; "DJ", "UK", "US" are words
            return not is_common(w)
        if self.mid[w] > self.lower[w]:
            return True
        # no English word: a name if capitalised as often as not ("Supervolcano")
        return not is_common(w) and self.mid[w] >= self.lower[w]

    def single_name(self, word: str, again: int = 2) -> bool:
        """A word alone as a tag: a common word only if the story capitalises it
        mid-sentence again and again and never writes it in lower case ("Prince"); a
        headline's word needs one mid-sentence capital fewer."""
        w = fold(word)
        if not self.name_like(word) or ADJECTIVE.search(word) or w in NOT_NAMES:
            return False
        if is_first_name(w) and not word.isupper():
            return self.mid[w] > again  # "Alan" alone is nobody; "Madonna" again and again
        if word.isupper() or not is_common(w):
            return True
        return self.mid[w] > self.lower[w] and self.mid[w] >= again + (zipf(w) >= 4.5)


def _pair(tok: str, nxt: str) -> list[str]:
    """Two people joined by a hyphen: "Aamir Khan-Kareena Kapoor starrer" is "Khan", "-",
    "Kareena" (a first name or no word, then a surname); "Crabtree-Ireland", "Jean-Luc"
    and "Spider-Man" are one."""
    head, _, tail = tok.rpartition("-")
    first = not is_common(tail) and (is_first_name(tail) or zipf(tail) < 3)
    if (head[:1].isupper() and tail[:1].isupper() and first and not is_first_name(head)
            and nxt[:1].isupper() and is_surname(nxt)):
        return [head, "-", tail]
    return [tok]


def split_lines(text: str) -> list[list[str]]:
    """Each line's tokens; a name before a hyphenated adjective stands apart from it:
    "Academy Award-winning" is "Academy Award" and "-winning"."""
    lines = []
    for line in text.split("\n"):
        tokens = []
        found = TOKEN.findall(line)
        for k, tok in enumerate(found):
            m = ADJECTIVE.search(tok)
            if m and tok[:1].isupper() and m.start():
                tokens += [tok[:m.start()], tok[m.start():]]
            elif "-" in tok and k + 1 < len(found):
                tokens += _pair(tok, found[k + 1])
            else:
                tokens.append(tok)
        lines.append(_hushed(tokens))
    return lines


_SHOUTED = re.compile(r"[A-Z]{2,}(?:S|ED|ING)")


def _hushed(tokens: list[str]) -> list[str]:
    """A tabloid's shouted word is a word, not an acronym glued to a name: "Michelle
    Bridges SLAMS…", "the first EVER Emmy"; a shouted phrase stays as it is."""
    def caps(k):
        return 0 <= k < len(tokens) and tokens[k].isupper() and len(tokens[k]) > 1

    return [t.lower() if caps(k) and not caps(k - 1) and not caps(k + 1) and t.isalpha()
            and len(t) > 2 and (t.casefold() in STOP or zipf(t) >= 5.5 and t != "WHO"
                                or _SHOUTED.fullmatch(t) and is_common(t)) else t
            for k, t in enumerate(tokens)]


def evidence(lines: list[list[str]]) -> Evidence:
    ev = Evidence()
    for tokens in lines:
        if title_case(tokens):
            continue
        # A run of capitals that opens a sentence proves nothing ("Snow Patrol said").
        at_start, opening = True, False
        for tok in tokens:
            if WORD_RE.match(tok):
                if not capitalised(tok):
                    ev.lower[fold(tok)] += 1
                    opening = opening and tok in CONNECTORS  # "A Series of Unfortunate…"
                elif not (at_start or opening):
                    ev.mid[fold(tok)] += 1
                else:  # a possessive ends the opening run: "Michelle Paver's Wolf Brother"
                    opening = not tok.endswith(("'s", "’s", "s'", "s’"))
                at_start = False
            else:
                at_start = tok in SENTENCE_END or at_start
                opening = opening and (tok.isdigit() or tok == "&")
    return ev


@lru_cache(maxsize=1 << 16)
def _verb(tok: str) -> bool:
    """A rare verb in a headline's present tense: "Amazon Greenlights…" ("greenlighted",
    "greenlighting" are written); a name has no such forms."""
    w = tok.casefold()
    if len(w) < 4 or not w.endswith("s") or w.endswith(("ss", "'s", "’s")) or is_surname(
            w[:-1]):  # "Williams‘s" splits at its odd quote into "Williams", "‘", "s"
        return False
    forms = set()
    for stem in {w[:-1], w[:-2] if w.endswith("es") else w[:-1]}:
        forms |= {stem + "ed", stem + "ing", stem + stem[-1] + "ed", stem + stem[-1] + "ing"}
        if stem.endswith("e"):
            forms |= {stem + "d", stem[:-1] + "ing"}
    return max(map(zipf, forms)) >= 1.2


def decap(tokens: list[str], ev: Evidence) -> list[str]:
    """A Title Case line with its capitals kept only on words that may be names."""
    keep = [ev.name_like(t) for t in tokens]
    for k in range(1, len(tokens)):  # "Amazon Greenlights", unless the story says "Greenlights"
        keep[k] = keep[k] and not (keep[k - 1] and not ev.mid[fold(tokens[k])]
                                   and _verb(tokens[k]))
    for k in range(len(tokens) - 1):
        # "Robert De Niro Returns"; but "Marvel Went From": a word, then a frequent word
        # that is never inflected
        if person(tokens, k) and not (is_common(tokens[k]) and zipf(tokens[k + 1]) >= 5
                                      and family(tokens[k + 1]) < 3):
            j = k + 2 if tokens[k + 1].casefold() in SURNAME_PARTICLES else k + 1
            keep[k:j + 1] = [True] * (j + 1 - k)
    for k in range(len(tokens) - 2, -1, -1):  # "San Diego", "North Korea"
        if keep[k + 1] and tokens[k].casefold() in PREFIXES and is_name_word(tokens[k]):
            keep[k] = True
    # A rare word beside a name is part of it: "Salma Hayek" ("salma" is in Webster's),
    # and so is a rare surname after one: "Kuai Liang"; a surname as frequent as a word
    # only after a rare name, and with no inflections: "Ranveer Singh" (but "Netflix
    # Green Lights", "Rosalía Tease Duet").
    for k, t in enumerate(tokens):
        rare = max(zipf(t), family(t)) < 3 or (
            k and keep[k - 1] and is_surname(t) and (zipf(t) < 3.5 or zipf(t) < 4.5
                                                     and family(t) < 3
                                                     and zipf(tokens[k - 1]) < 3))
        if not keep[k] and is_name_word(t) and rare and t.casefold() not in STOP and (
                not _verb(t)) and (
                (k and keep[k - 1] and is_name_word(tokens[k - 1]))
                or (k + 1 < len(tokens) and keep[k + 1] and is_name_word(tokens[k + 1]))):
            keep[k] = True
    return [t if not is_name_word(t) or keep[k] else t.lower()
            for k, t in enumerate(tokens)]
