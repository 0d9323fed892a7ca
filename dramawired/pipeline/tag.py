"""Choose 3 to 8 tags that name things: people, shows, companies, places, works.

Tags are the proper-noun phrases the story keeps coming back to ("Hong Kong", "Alibaba
Pictures", "Filmart"), whole: numbers inside a name stay ("50 Cent", "Maroon 5"), titles
of works keep their small words and colons ("The Lord of the Rings", "Star Wars: Revenge
of the Sith", "Howl's Moving Castle"), an award its lower-case word ("the Brit awards" is
"Brit Awards"); job titles and section words never glue on ("Broadcaster Chris Evans" is
"Chris Evans"). A common English word (tagwords.is_common) is a name only where the
story capitalises it mid-sentence; in a Title Case headline or subheading, capitals prove
nothing, so there a word is a name only if the story confirms it or it is no common word
("Alibaba Set to Invest $640M Into Hong Kong…" names Alibaba and Hong Kong). How the
mentions of one name add up is tagmerge.py's work.
"""

import re
from collections import Counter

from . import gazetteer
from .tagmerge import (
    MAX_CHARS,
    Found,
    echo_headline,
    expand_acronyms,
    join_possessives,
    merge_parts,
    name_key,
)
from .tagquoted import MAX_WORDS, quoted
from .tagtext import (
    SENTENCE_END,
    SMALL,
    WORD_RE,
    Evidence,
    capitalised,
    clean,
    decap,
    evidence,
    fold,
    is_name_word,
    person,
    split_lines,
    title_case,
)
from .tagwords import (
    CALENDAR,
    CONNECTORS,
    HONORIFICS,
    PAIRS,
    PARTICLES,
    PREFIXES,
    ROLES,
    SECTIONS,
    STOP,
    TITLE_SMALL,
    demonym,
    family,
    is_common,
    is_first_name,
    zipf,
)

MAX_TAGS, MIN_TAGS = 8, 3

_NUMBER = re.compile(r"\d{1,3}$")  # inside a name; a year or a sum is no part of one
EVENTS = {"awards", "award", "prize"}  # written in lower case after their name
# Initials and acronyms with dots, the last one cut off by the tokenizer: "J.K", "R.E.M";
# alone, two letters are a place or a word ("U.S"), three a name.
_DOTTED = re.compile(r"(?:[A-Z]\.)+[A-Z]")
_ACRONYM3 = re.compile(r"(?:[A-Z]\.){2,}[A-Z]")
_INITIAL = re.compile(r"[A-Z]\.")  # a middle initial, as _runs joins it: "L."
_ODDS = {"/", ":", "-", "–"}  # "The Aviator 4/1": a number that is no part of the name
# "… spotted in Kelowna - Kelowna News": the publisher's name after the headline.
_BYLINE = re.compile(r"\s[-|]\s+[A-Z][\w.'’&]*(?:\s+[A-Z][\w.'’&]*){0,3}\s*$")
# A summary cut off mid-word ("…on Bollywood Hung…"): the last word is a fragment.
_CUT_OFF = re.compile(r"\w[\w'’\-]{0,40}(?:…|\.\.\.)\s*$")


def _initial(words: list[str], tokens: list[str], j: int) -> bool:
    """A middle initial after a first name, then the surname: "Samuel L. Jackson"; not
    "Plan B. The…" (a common word, no first name) nor "Malcolm X. Then…"."""
    nxt = tokens[j]
    return (len(words) == 1 and len(nxt) == 1 and "A" <= nxt <= "Z" and j + 2 < len(tokens)
            and tokens[j + 1] == "." and is_name_word(tokens[j + 2])
            and tokens[j + 2].casefold() not in STOP
            and (is_first_name(words[0]) or not is_common(clean(words[0]))))


def _runs(tokens: list[str]):
    """Yield (tokens, at_sentence_start) for each run of name words, with the numbers and
    small words that sit inside names."""
    at_start, i, n = True, 0, len(tokens)

    def cap(j):
        return j < n and is_name_word(tokens[j])

    while i < n:
        tok = tokens[i]
        # "50 Cent", "24 Hour Party People"; but "10 Grammys" is a count.
        opens = cap(i) or (_NUMBER.match(tok) and cap(i + 1)  # not a score: "19-47 New…"
                           and not tokens[i + 1].endswith("s") and tokens[i - 1:i] != ["-"]
                           and not person(tokens, i + 1))  # a count: "34 John Wayne films"
        if not opens:
            at_start = tok in SENTENCE_END or (at_start and not WORD_RE.match(tok))
            i += 1
            continue
        words, j, small, low0 = [tok], i + 1, at_start, tok.casefold()
        if (_DOTTED.fullmatch(tok) and j + 1 < n and tokens[j] == "." and cap(j + 1)
                and tokens[j + 1].casefold() not in STOP):  # initials: "J.K. Rowling"
            words, j = [tok + ".", tokens[j + 1]], j + 2
        # A possessive ends a name: "Silverlake Pictures’ Glass Tower" is no one name;
        # but a plural word's opens one: "Critics' Circle", "Writers’ Guild".
        while j < n and (not words[-1].endswith(("'s", "’s", "'", "’")) or (
                words[-1].endswith(("s'", "s’")) and cap(j) and is_common(words[-1][:-1])
                and all(w in ("The", "the") for w in words[:-1])) or (
                len(words) == 2 and words[0] in ("The", "the") and cap(j)  # a title:
                and is_common(clean(words[1])) and is_common(tokens[j])) or (  # "The King's
                len(words) == 1 and _NUMBER.match(tokens[j]) and is_common(clean(words[0]))
                and (j + 1 == n or not cap(j + 1)))):  # Speech", "Ocean's 8"
            nxt = tokens[j]
            low = nxt.lower()
            if _initial(words, tokens, j):  # "Taraji P. Henson", "Mary J. Blige"
                words += [nxt + ".", tokens[j + 2]]
                j += 3
            elif cap(j) or (_NUMBER.match(nxt) and WORD_RE.match(words[-1])
                          and (j + 1 == n or tokens[j + 1] not in _ODDS)):
                words.append(nxt)
                j += 1
                if nxt.isdigit() and person(tokens, j):
                    break  # "Hocus Pocus 2 Bette Midler Says…": a title, then a person
            elif (low in CONNECTORS and low != "the" and (nxt != "&" or len(words) == 1)
                  and cap(j + 1) and tokens[j + 1] != "The"):
                words += [nxt, tokens[j + 1]]
                j += 2
            elif (j + 2 < n and tokens[j + 1].islower() and cap(j + 2) and (
                    (low, tokens[j + 1]) in PAIRS
                    # "The Hitchhiker's Guide to the Galaxy", "The Boys in the Band";
                    # not "Brits in the O2", "Golden Bear at the Berlin Film Festival"
                    or low in ("to", "in", "on") and tokens[j + 1] == "the"
                    and is_common(clean(words[-1])) and is_common(clean(tokens[j + 2]))
                    # "Harry Potter and the Prisoner of Azkaban"; not "Netflix and the BBC"
                    or (low, tokens[j + 1]) == ("and", "the") and j + 4 < n
                    and is_common(tokens[j + 2]) and tokens[j + 3] == "of" and cap(j + 4))):
                words += tokens[j:j + 3]
                j += 3
            elif (not small and len(words) == 1 and low in TITLE_SMALL and nxt.islower()
                  and cap(j + 1) and (is_common(clean(words[0])) or low0 in STOP)
                  and (j + 2 >= n or not (cap(j + 2) and (cap(j + 3) or low == "and")
                                          or tokens[j + 2] in CONNECTORS))  # two names:
                  # "Closer and Hotel Rwanda"
                  and tokens[j + 1] not in ("The", "A", "An")
                  and not is_first_name(tokens[j + 1])  # "Aviator for Oscar glory"
                  and tokens[j + 1].casefold() not in CALENDAR  # "Brits on Tuesday"
                  and (low in ("the", "a") or is_common(clean(tokens[j + 1])))):
                words += [nxt, tokens[j + 1]]  # "Meet the Fockers", "Hide and Seek"
                j, small = j + 2, True
            elif (nxt == ":" and not at_start and sum(map(is_name_word, words)) >= 2
                  and cap(j + 1)):  # not "Golden Pier: Niña de Sal", a list's label
                words += [":", tokens[j + 1]]  # "Star Wars: Revenge of the Sith"
                j += 2
            else:
                break
        if (j < n and tokens[j] in EVENTS and not words[-1].endswith(("s", "’", "'"))
                and not person(words)):  # "the Brit awards": the prize is named
            words.append(tokens[j].capitalize())
            j += 1
        yield words, at_start and WORD_RE.match(tok) is not None
        at_start = False
        i = j


def _trim_edges(words: list[str], ev: Evidence, keep_the: bool) -> list[str]:
    words = [w if w in ("&", ":") or w.isdigit() or _INITIAL.fullmatch(w) or w.endswith(
        ("'", "’", "'s", "’s")) and k < len(words) - 1 else clean(w)  # "Writers' Guild"
        for k, w in enumerate(words)]

    def edge(w, first):
        f = w.casefold()
        if first and f in ("the", "a", "an") and (keep_the and len(words) > 1 or any(
                x in CONNECTORS for x in words[2:])):
            return False  # a title's own: "The Lord of the Rings", "A Series of …"
        if keep_the and len(words) > 1 and not first and f in PARTICLES | {"one"} \
                and w[:1].isupper():
            return False  # mid-sentence capitals: "Carry On", "BBC One"
        if not first and f in CALENDAR and len(words) > 1 and all(
                is_common(x) and x.casefold() not in STOP
                for x in words[:-1] if is_name_word(x)):
            return False  # "the film Black Friday"; but "Sienna Vale Monday", "Last Friday"
        if keep_the and first and f in STOP and f not in CALENDAR and w[:1].isupper() \
                and (any(x.islower() for x in words[1:]) or w[1:].islower()) \
                and any(map(is_name_word, words[1:])):  # but "Rs 50"
            return False  # a title opening with a small word: "Beyond the Sea", "Like Toy…"
        if f in CONNECTORS and w[:1].isupper() and f not in ("the", "&"):
            return False  # "De Niro", "La Fenice"
        return f in STOP or f in CONNECTORS or f == ":" or (first and f in HONORIFICS)

    while words and not person(words) and edge(words[0], True):
        words = words[1:]
    if len(words) > 2 and (words[0].casefold() in SECTIONS and words[1].isdigit()
                           or words[0].isdigit() and words[1].islower()):
        return _trim_edges(words[2:], ev, keep_the)  # "Season 3 of Midnight Harbor"
    if len(words) > 2 and words[-1].isdigit() and words[-2].casefold() in SECTIONS:
        words = words[:-1]  # "Koffee with Karan Season 7"
    while words and (edge(words[-1], False) or words[-1].casefold() in SECTIONS
                     or words[-1].isupper() and words[-1].casefold() in ROLES  # "Tesla CEO"
                     or [w.casefold() for w in words[-2:]] == ["box", "office"]):
        words = words[:-2] if words[-1].casefold() == "office" else words[:-1]
    if len(words) > 2 and words[-1].isdigit() and person(words[:-1]):
        words = words[:-1]  # "Jeremy Bechtel 21 Years Later": an age, a count
    # "Broadcaster Chris Evans", "Rapper 50 Cent"; but "Star Wars", "Comic Relief".
    # "Culture Minister Renaud Donnedieu de Vabres": a role within the first words.
    # "New Zealander Peter Jackson", "Texan Renée Zellweger": where they are from.
    role = next((i for i, w in enumerate(words[:3])
                 if w.casefold() in ROLES or demonym(w) and person(words[i + 1:])), None)
    if role is not None and len(words) > role + 1:
        rest = words[role + 1:]
        if (person(rest) or rest[0].isdigit() or rest[0].islower()  # "Fans of X"
                or len(rest) == 1 and is_first_name(rest[0])  # "Directors Joe and …"
                or name_key(" ".join(rest)) in ev.phrases  # named alone elsewhere
                or gazetteer.table().whole(" ".join(rest))  # "Fellow Marvel star…"
                or any(is_name_word(w) and ev.name_like(w) and not is_common(w)
                       for w in rest)):
            words = _trim_edges(rest, ev, keep_the)
    return words


def _phrase(words: list[str]) -> str:
    counted = [w for w in words if (capitalised(w) or w[:1].isdigit())  # not "To The"
               and w.casefold() not in SMALL]
    if not counted or len(counted) > MAX_WORDS:
        return ""
    if len(words) == 1 and _DOTTED.fullmatch(words[0]) and not _ACRONYM3.fullmatch(words[0]):
        return ""
    words = [w + "." if _DOTTED.fullmatch(w) else w for w in words]  # "R.E.M."
    phrase = " ".join(words).replace(" :", ":")
    if len(phrase) > MAX_CHARS or not re.search(r"[^\W\d_]{2}|[^\W\d_]\.[^\W\d_]", phrase):
        return ""
    return phrase


def _accept(words: list[str], ev: Evidence, mid_sentence: bool, again: int) -> bool:
    """A single word must be a name; a longer phrase needs one word that may be a name,
    or to be written whole mid-sentence ("Top Gear")."""
    names = [w for w in words if is_name_word(w) and w not in ("The", "A", "An")]
    if len(words) == 1:
        return bool(names) and ev.single_name(words[0], again) and not demonym(words[0])
    # Two capitals opening a sentence are a name too, if the story never writes one of
    # them in lower case ("Sienna Vale smiled").
    return bool(names) and (mid_sentence or person(words) or len(names) > 1 and not any(
        ev.lower[fold(w)] for w in names) or any(ev.name_like(w) for w in names))


def _drop_openers(words: list[str], ev: Evidence) -> list[str]:
    while words and words[0].casefold() not in ROLES and not person(words):
        first = words[0].casefold()
        rest = [w for w in words[1:] if is_name_word(w)]
        if (first in CONNECTORS and first != "the" or first in PREFIXES) and len(words) > 1:
            break  # "De Niro", "La Fenice", "New Line Cinema"
        if first in ("the", "a", "an") and any(x in CONNECTORS for x in words[2:]):
            break  # "A Series of Unfortunate Events"
        if first in STOP or (ev.lower[fold(first)] or not ev.name_like(words[0])
                             and max(zipf(first), family(first)) >= 3) and any(
                map(ev.name_like, rest)):  # but "Tala Safwan", "Naga Chaitanya"
            words = words[1:]
        else:
            break
    return words


def _split_known(words: list[str]) -> list[list[str]]:
    """A name the table knows glued to a person or to another known name, as headlines
    write them: "Dancing With The Stars Chrishell Stause" is the show and the star."""
    if len(words) < 3:
        return [words]
    known = gazetteer.table().whole

    def someone(ws):  # "Chrishell Stause": a person, or two or three words none English
        return len(ws) <= 3 and (person(ws) or all(
            is_name_word(w) and not is_common(clean(w)) for w in ws))

    for k in range(len(words) - 1, 0, -1):
        head, tail = words[:k], words[k:]
        if (known(" ".join(head)) and (someone(tail) or known(" ".join(tail)))
                or someone(head) and known(" ".join(tail))):
            return [head, tail]
    return [words]


def _candidates(lines: list[list[str]], ev: Evidence, again: int = 2,
                headline: bool = False) -> Found:
    found = Found()
    for tokens in lines:
        heading = title_case(tokens, headline)
        if heading:
            tokens = decap(tokens, ev)
        for run, opening in _runs(tokens):
            for n, words in enumerate(_split_known(run)):
                _take(found, words, opening and not n, heading, ev, again)
    return found


def _take(found: Found, words: list[str], start: bool, heading: bool, ev: Evidence,
          again: int) -> None:
    if start and not heading:
        # "Yesterday Sienna Vale…", "Broadcaster Chris Evans…": sentence openers that are
        # no part of the name, unless the story writes the whole run mid-sentence too
        # ("New Line Cinema").
        if name_key(" ".join(clean(w) for w in words)) not in ev.phrases:
            words = _drop_openers(words, ev)
    trimmed = _trim_edges(words, ev, keep_the=not start and not heading)
    if trimmed and _accept(trimmed, ev, not start and not heading, again):
        if phrase := _phrase(trimmed):
            found.add(phrase, weight=1 if start or heading else 2)
    elif len(trimmed) == 1 and is_name_word(trimmed[0]):
        found.loose[fold(trimmed[0])] += 1


def _known(found: Found, text: str) -> None:
    """Names the table knows (gazetteer.py) count whole, as the table writes them:
    "Dancing with the Stars", not "Dancing" and "Stars"; "I'm a Celebrity... Get Me Out
    of Here!" whatever its capitals and dots in the text."""
    mentions = Counter(name for name, _ in gazetteer.table().find(text))
    for name, n in mentions.items():
        key = name_key(name)
        broken = n - found.counts[key]  # mentions the runs broke into pieces
        if broken > 0:
            for part in [k for k in found.counts if f" {k} " in f" {key} " and k != key]:
                found.counts[part] -= broken
                if found.counts[part] <= 0:
                    del found.counts[part]
        found.add(name, n=max(broken, 0), weight=5)


def _note_phrases(lines: list[list[str]], ev: Evidence) -> None:
    for tokens in lines:
        if not title_case(tokens):
            for words, start in _runs(tokens):
                if not start:
                    ev.phrases.add(name_key(" ".join(clean(w) for w in words)))


def pick_tags(title: str, text: str, *, feed_tags: tuple[str, ...] = (),
              spares: int = 0) -> list[str]:
    """The story's tags, best first; with `spares`, that many more candidates after them
    (for the publish stage to fall back on when the site blocks or merges one)."""
    text = text[:-80] + _CUT_OFF.sub("…", text[-80:])
    body = split_lines(text)
    head = split_lines(title[:-100] + _BYLINE.sub("", title[-100:]))
    ev = evidence(body)
    _note_phrases(body, ev)
    found = _candidates(body, ev)
    in_title = _candidates(head, ev, again=1, headline=True)
    for span in quoted(text, ev):
        found.add(span, weight=2)
    for span in quoted(title, ev, headline=True, body=text):
        in_title.add(span, weight=4)
    _known(found, text)
    _known(in_title, title)
    join_possessives(found, body)
    expand_acronyms(found, text)
    merge_parts(found, set(in_title.counts))
    # The headline names what the story is about, even when the body says "the city".
    for forms in in_title.forms.values():
        found.add(forms.most_common(1)[0][0], 2)
    found.loose.update({word: 2 * n for word, n in in_title.loose.items()})
    echo_headline(found, head)
    for tag in feed_tags:
        if phrase := _phrase(tag.split()):
            found.add(phrase, 2)
    expand_acronyms(found, text)
    merge_parts(found, set(in_title.counts))
    # Ties go to the name the story gives first (a Counter keeps that order).
    ranked = [k for k, _ in sorted(found.counts.items(), key=lambda kv: -kv[1])]
    # A word alone that is part of a longer tag is that tag ("Impossible", "Doja"),
    # unless the story names it more often ("Supervolcano", "The Science Behind…").
    inside = Counter()
    for k in (k for k in ranked if " " in k):
        for w in k.replace(":", "").split():
            inside[w] = inside[clean(w)] = max(inside[w], inside[clean(w)], found.counts[k])
    ranked = [k for k in ranked if " " in k or found.counts[k] > inside[k]]
    chosen = [k for k in ranked if found.counts[k] >= 2][:MAX_TAGS]
    if len(chosen) < MIN_TAGS:
        chosen += [k for k in ranked if k not in chosen][: MIN_TAGS - len(chosen)]
    chosen += [k for k in ranked if k not in chosen][:spares]
    return [found.forms[k].most_common(1)[0][0] for k in chosen]
