"""Choose 3 to 8 tags that name things: people, shows, companies, places, works.

Tags are the proper-noun phrases the story keeps coming back to ("Hong Kong", "Alibaba
Pictures", "Filmart"), whole: numbers inside a name stay ("50 Cent", "Maroon 5"), titles
of works keep their small words and colons ("The Lord of the Rings", "Star Wars: Revenge
of the Sith"); job titles and section words never glue on ("Broadcaster Chris Evans" is
"Chris Evans"). A common English word (tagwords.is_common) is a name only where the story
capitalises it mid-sentence; in a Title Case headline or subheading, capitals prove
nothing, so there a word is a name only if the story confirms it or it is no common word
("Alibaba Set to Invest $640M Into Hong Kong…" names Alibaba and Hong Kong).
"""

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .tagwords import (
    ADJECTIVE,
    CONNECTORS,
    HONORIFICS,
    PAIRS,
    PARTICLES,
    ROLES,
    SECTIONS,
    STOP,
    TITLE_SMALL,
    family,
    is_common,
    is_first_name,
    is_surname,
    zipf,
)

MAX_TAGS, MIN_TAGS = 8, 3
MAX_WORDS, MAX_CHARS = 5, 50  # words not counting small ones ("of", "the", "&")

# A word may hold apostrophes, hyphens, digits after its first letter and inner dots
# ("Min-jun", "O’Brien", "Blink-182", "J.K"); a trailing dot ends the sentence instead.
_WORD = r"[^\W\d_][\w'’\-]*(?:\.[^\W\d_][\w'’\-]*)*"
_TOKEN = re.compile(rf"{_WORD}|&|\n|[.!?:;\"“”«»()\[\]—–|]|\d[\w.,$%]*|\S", re.UNICODE)
_WORD_RE = re.compile(_WORD)
_SENTENCE_END = set(".!?:;\"“”«»()[]—–|\n")
_NUMBER = re.compile(r"\d{1,3}$")  # inside a name; a year or a sum is no part of one
_ODDS = {"/", ":", "-", "–"}  # "The Aviator 4/1": a number that is no part of the name
_CONTRACTION = re.compile(r"['’](d|re|ll|ve|m|t)$", re.I)  # "He'd", "You're"
_SMALL = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on",
          "or", "the", "to", "vs", "with", "&", "is", "are", "be", "but", "over", "up"}


def _is_name_word(tok: str) -> bool:
    return (tok[:1].isupper() and _WORD_RE.match(tok) is not None
            and not _CONTRACTION.search(tok) and not ADJECTIVE.search(tok))


def _person(words: list[str], k: int = 0) -> bool:
    """A first name and a surname: "Hugh Grant", "Will Smith", though both are words."""
    return (k + 1 < len(words) and is_first_name(words[k]) and zipf(words[k]) < 6.5
            and _is_name_word(words[k + 1]) and is_surname(_clean(words[k + 1])))


def _clean(word: str) -> str:
    word = re.sub(r"['’]s?$", "", word)  # possessive: Alibaba's -> Alibaba, Foxes’ -> Foxes
    return word.strip(".'’-")


def _fold(word: str) -> str:
    return _clean(word).casefold()


def _title_case(tokens: list[str]) -> bool:
    """A headline or subheading With Every Word Capitalised."""
    words = [t for t in tokens if _WORD_RE.match(t) and t.casefold() not in _SMALL]
    caps = sum(1 for t in words if t[:1].isupper())
    return len(words) >= 3 and caps >= 0.75 * len(words)


@dataclass
class _Evidence:
    """How the story writes its words outside headings."""

    mid: Counter = field(default_factory=Counter)  # capitalised mid-sentence
    lower: Counter = field(default_factory=Counter)  # written in lower case
    phrases: set = field(default_factory=set)  # whole runs seen mid-sentence

    def name_like(self, word: str) -> bool:
        """Could stand in a name: the story capitalises it mid-sentence more often than
        it writes it in lower case, or it is no common English word at all."""
        w = _fold(word)
        if not w or w in STOP:
            return False
        if word.isupper() and len(w) > 1:  # "BBC" always; "DJ", "UK", "US" are words
            return not is_common(w)
        if self.mid[w] > self.lower[w]:
            return True
        return not self.lower[w] and not is_common(w)

    def single_name(self, word: str, again: int = 2) -> bool:
        """A word alone as a tag: a common word only if the story capitalises it
        mid-sentence again and again and never writes it in lower case ("Prince"); a
        headline's word needs one mid-sentence capital fewer."""
        w = _fold(word)
        if not self.name_like(word) or ADJECTIVE.search(word):
            return False
        if is_first_name(w) and not word.isupper():
            return self.mid[w] > again  # "Alan" alone is nobody; "Madonna" again and again
        if word.isupper() or not is_common(w):
            return True
        return not self.lower[w] and self.mid[w] >= again + (zipf(w) >= 4.5)


def _lines(text: str) -> list[list[str]]:
    return [_TOKEN.findall(line) for line in text.split("\n")]


def _evidence(lines: list[list[str]]) -> _Evidence:
    ev = _Evidence()
    for tokens in lines:
        if _title_case(tokens):
            continue
        # A run of capitals that opens a sentence proves nothing ("Snow Patrol said").
        at_start, opening = True, False
        for tok in tokens:
            if _WORD_RE.match(tok):
                if tok[:1].islower():
                    ev.lower[_fold(tok)] += 1
                    opening = False
                elif not (at_start or opening):
                    ev.mid[_fold(tok)] += 1
                else:
                    opening = True
                at_start = False
            else:
                at_start = tok in _SENTENCE_END or at_start
                opening = opening and (tok.isdigit() or tok == "&")
    return ev


def _decap(tokens: list[str], ev: _Evidence) -> list[str]:
    """A Title Case line with its capitals kept only on words that may be names."""
    keep = [ev.name_like(t) for t in tokens]
    for k in range(len(tokens) - 1):
        if _person(tokens, k):
            keep[k] = keep[k + 1] = True
    # A rare word beside a name is part of it: "Salma Hayek" ("salma" is in Webster's).
    for k, t in enumerate(tokens):
        if not keep[k] and _is_name_word(t) and max(zipf(t), family(t)) < 3 and (
                t.casefold() not in STOP) and (
                (k and keep[k - 1] and _is_name_word(tokens[k - 1]))
                or (k + 1 < len(tokens) and keep[k + 1] and _is_name_word(tokens[k + 1]))):
            keep[k] = True
    return [t if not _is_name_word(t) or keep[k] else t.lower()
            for k, t in enumerate(tokens)]


def _runs(tokens: list[str]):
    """Yield (tokens, at_sentence_start) for each run of name words, with the numbers and
    small words that sit inside names."""
    at_start, i, n = True, 0, len(tokens)

    def cap(j):
        return j < n and _is_name_word(tokens[j])

    while i < n:
        tok = tokens[i]
        # "50 Cent", "24 Hour Party People"; but "10 Grammys" is a count.
        opens = cap(i) or (_NUMBER.match(tok) and cap(i + 1)
                           and not tokens[i + 1].endswith("s"))
        if not opens:
            at_start = tok in _SENTENCE_END or (at_start and not _WORD_RE.match(tok))
            i += 1
            continue
        words, j, small = [tok], i + 1, at_start
        # A possessive ends a name: "Silverlake Pictures’ Glass Tower" is no one name.
        while j < n and not words[-1].endswith(("'s", "’s", "'", "’")):
            nxt = tokens[j]
            low = nxt.lower()
            if cap(j) or (_NUMBER.match(nxt) and _WORD_RE.match(words[-1])
                          and (j + 1 == n or tokens[j + 1] not in _ODDS)):
                words.append(nxt)
                j += 1
            elif (low in CONNECTORS and low != "the" and (nxt != "&" or len(words) == 1)
                  and cap(j + 1) and tokens[j + 1] != "The"):
                words += [nxt, tokens[j + 1]]
                j += 2
            elif (j + 2 < n and (low, tokens[j + 1].lower()) in PAIRS
                  and tokens[j + 1].islower() and cap(j + 2)):
                words += tokens[j:j + 3]
                j += 3
            elif (not small and len(words) == 1 and low in TITLE_SMALL and nxt.islower()
                  and cap(j + 1) and is_common(_clean(words[0]))
                  and (j + 2 >= n or not cap(j + 2))
                  and tokens[j + 1] not in ("The", "A", "An")
                  and (low in ("the", "a") or is_common(_clean(tokens[j + 1])))):
                words += [nxt, tokens[j + 1]]  # "Meet the Fockers", "Hide and Seek"
                j, small = j + 2, True
            elif nxt == ":" and sum(map(_is_name_word, words)) >= 2 and cap(j + 1) \
                    and cap(j + 2):
                words += [":", tokens[j + 1]]  # "Star Wars: Revenge of the Sith"
                j += 2
            else:
                break
        yield words, at_start and _WORD_RE.match(tok) is not None
        at_start = False
        i = j


def _trim_edges(words: list[str], ev: _Evidence, keep_the: bool) -> list[str]:
    words = [w if w in ("&", ":") or w.isdigit() else _clean(w) for w in words]

    def edge(w, first):
        f = w.casefold()
        if keep_the and len(words) > 1 and (  # mid-sentence capitals: a title's own
                (first and f in ("the", "a", "an")) or (not first and f in PARTICLES
                                                         and w[:1].isupper())):
            return False
        if f in CONNECTORS and w[:1].isupper() and f not in ("the", "&"):
            return False  # "De Niro", "La Fenice"
        return f in STOP or f in CONNECTORS or f == ":" or (first and f in HONORIFICS)

    while words and not _person(words) and edge(words[0], True):
        words = words[1:]
    if len(words) > 2 and (words[0].casefold() in SECTIONS and words[1].isdigit()
                           or words[0].isdigit() and words[1].islower()):
        return _trim_edges(words[2:], ev, keep_the)  # "Season 3 of Midnight Harbor"
    while words and (edge(words[-1], False) or words[-1].casefold() in SECTIONS):
        words = words[:-1]
    # "Broadcaster Chris Evans", "Rapper 50 Cent"; but "Star Wars", "Comic Relief".
    if len(words) > 1 and words[0].casefold() in ROLES:
        rest = words[1:]
        if len(rest) > 1 or ev.name_like(rest[0]):
            words = _trim_edges(rest, ev, keep_the)
    return words


def _phrase(words: list[str]) -> str:
    counted = [w for w in words if w[:1].isupper() or w[:1].isdigit()]
    if not counted or len(counted) > MAX_WORDS:
        return ""
    phrase = " ".join(words).replace(" :", ":")
    if len(phrase) > MAX_CHARS or not re.search(r"[^\W\d_]{2}", phrase):
        return ""
    return phrase


def _key(phrase: str) -> str:
    key = phrase.casefold()
    return key[4:] if key.startswith("the ") else key


def _accept(words: list[str], ev: _Evidence, mid_sentence: bool, again: int) -> bool:
    """A single word must be a name; a longer phrase needs one word that may be a name,
    or to be written whole mid-sentence ("Top Gear")."""
    names = [w for w in words if _is_name_word(w)]
    if len(words) == 1:
        return bool(names) and ev.single_name(words[0], again)
    # Two capitals opening a sentence are a name too, if the story never writes one of
    # them in lower case ("Sienna Vale smiled").
    return bool(names) and (mid_sentence or _person(words) or len(names) > 1 and not any(
        ev.lower[_fold(w)] for w in names) or any(ev.name_like(w) for w in names))


@dataclass
class _Found:
    counts: Counter = field(default_factory=Counter)
    forms: dict = field(default_factory=lambda: defaultdict(Counter))

    def add(self, phrase: str, n: int = 1, weight: int = 1) -> None:
        self.counts[_key(phrase)] += n
        self.forms[_key(phrase)][phrase] += weight


def _drop_openers(words: list[str], ev: _Evidence) -> list[str]:
    while words and words[0].casefold() not in ROLES and not _person(words):
        first = words[0].casefold()
        rest = [w for w in words[1:] if _is_name_word(w)]
        if first in CONNECTORS and first != "the" and len(words) > 1:
            break  # "De Niro", "La Fenice"
        if first in STOP or ev.lower[_fold(first)] or (
                not ev.name_like(words[0]) and any(map(ev.name_like, rest))):
            words = words[1:]
        else:
            break
    return words


def _candidates(lines: list[list[str]], ev: _Evidence, again: int = 2) -> _Found:
    found = _Found()
    for tokens in lines:
        heading = _title_case(tokens)
        if heading:
            tokens = _decap(tokens, ev)
        for words, start in _runs(tokens):
            if start and not heading:
                # "Yesterday Sienna Vale…", "Broadcaster Chris Evans…": sentence openers
                # that are no part of the name, unless the story writes the whole run
                # mid-sentence too ("New Line Cinema").
                if _key(" ".join(_clean(w) for w in words)) not in ev.phrases:
                    words = _drop_openers(words, ev)
            trimmed = _trim_edges(words, ev, keep_the=not start and not heading)
            if trimmed and _accept(trimmed, ev, not start and not heading, again):
                if phrase := _phrase(trimmed):
                    found.add(phrase, weight=1 if start or heading else 2)
    return found


# A title in quotes: ‘Sound of Freedom’, "Full House," (a comma inside, US style).
_QUOTED = re.compile(r"(?:^|(?<=[\s(\[—–-]))[‘'\"“]([^‘’'\"“”\n]{2,80}?)[,.]?[’'\"”]"
                     r"(?=[\s,.;:!?)\]—–-]|$)")


def _quoted(text: str, ev: _Evidence) -> list[str]:
    """Titles of works the story puts in quotes, whole: every word capitalised but the
    small ones, and not only small words ("Like To")."""
    titles = []
    for m in _QUOTED.finditer(text):
        span = " ".join(m.group(1).split())
        words = [t for t in _TOKEN.findall(span) if _WORD_RE.match(t)]
        big = [w for w in words if w.casefold() not in _SMALL | CONNECTORS]
        if not big or len(big) > MAX_WORDS + 2 or len(span) > MAX_CHARS:
            continue
        if not all(w[:1].isupper() for w in big) or all(w.casefold() in STOP for w in big):
            continue
        if len(words) == 1 and not ev.single_name(words[0]):
            continue
        titles.append(span)
    return titles


def _note_phrases(lines: list[list[str]], ev: _Evidence) -> None:
    for tokens in lines:
        if not _title_case(tokens):
            for words, start in _runs(tokens):
                if not start:
                    ev.phrases.add(_key(" ".join(_clean(w) for w in words)))


def _merge_parts(found: _Found, title_keys: set[str]) -> None:
    """A surname alone ("Vale said") counts for the one full name it ends; "Oscar" for
    "Oscars"; two names joined by "&" whose parts the story also names alone are two."""
    counts = found.counts
    for key in [k for k in counts if " & " in k]:
        parts = key.split(" & ")
        if all(any(p in other.split() or p == other for other in counts if other != key)
               for p in parts):
            n = counts.pop(key)
            for form in found.forms.pop(key).most_common(1)[0][0].split(" & "):
                found.add(form, n)
    for key in [k for k in counts if " of " in k]:
        head, _, tail = key.partition(" of ")
        if head in counts and _key(tail) in counts:  # "Callum Ashby of The Gilded Foxes"
            n = counts.pop(key)
            counts[head] += n
            counts[_key(tail)] += n
    for key in sorted((k for k in counts if " " in k), key=len):
        longer = [m for m in counts if m.endswith(" " + key)]
        if len(longer) == 1:  # "De Niro" in "Robert De Niro"
            counts[longer[0]] += counts.pop(key)
    multi = [k for k in counts if " " in k]
    for key in [k for k in counts if " " not in k]:
        if key + "s" in counts:
            counts[key + "s"] += counts.pop(key)
            continue
        owners = [m for m in multi if m.endswith(" " + key)] or [
            m for m in multi if key in m.split()]
        owners.sort(key=lambda m: (-counts.get(m, 0), m not in title_keys))
        if len(owners) == 1 or (owners and counts[owners[0]] > counts[owners[1]]):
            counts[owners[0]] += counts.pop(key)


def pick_tags(title: str, text: str, *, feed_tags: tuple[str, ...] = (),
              spares: int = 0) -> list[str]:
    """The story's tags, best first; with `spares`, that many more candidates after them
    (for the publish stage to fall back on when the site blocks or merges one)."""
    body = _lines(text)
    head = _lines(title)
    ev = _evidence(body)
    _note_phrases(body, ev)
    found = _candidates(body, ev)
    in_title = _candidates(head, ev, again=1)
    for span in _quoted(text, ev):
        found.add(span, weight=2)
    for span in _quoted(title, ev):
        in_title.add(span, weight=4)
    _merge_parts(found, set(in_title.counts))
    # The headline names what the story is about, even when the body says "the city".
    for forms in in_title.forms.values():
        found.add(forms.most_common(1)[0][0], 2)
    for tag in feed_tags:
        if phrase := _phrase(tag.split()):
            found.add(phrase, 2)
    _merge_parts(found, set(in_title.counts))
    ranked = sorted(found.counts.items(), key=lambda kv: (-kv[1], kv[0]))
    chosen = [k for k, n in ranked if n >= 2][:MAX_TAGS]
    if len(chosen) < MIN_TAGS:
        chosen += [k for k, _ in ranked if k not in chosen][: MIN_TAGS - len(chosen)]
    chosen += [k for k, _ in ranked if k not in chosen][:spares]
    return [found.forms[k].most_common(1)[0][0] for k in chosen]
