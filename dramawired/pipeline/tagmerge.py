"""How the names a story gives add up: a surname alone counts for the full name it ends,
an acronym for the name it stands for, a headline's plain word for the name it ends. The
tagger (tag.py) ranks what is left."""

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .tagtext import SMALL, WORD_RE, fold, is_first_name, is_surname, person
from .tagwords import SECTIONS, STOP

MAX_CHARS = 50  # the longest tag


def name_key(phrase: str) -> str:
    """One name with or without its article ("The Beatles", "Beatles")."""
    key = phrase.casefold()
    for article in ("the ", "a ", "an "):
        rest = key[len(article):]
        if key.startswith(article) and (article == "the " or " " in rest):  # not "A Star"
            return rest
    return key


@dataclass
class Found:
    counts: Counter = field(default_factory=Counter)
    forms: dict = field(default_factory=lambda: defaultdict(Counter))
    # Words no tag alone that may still be a surname ("Smith plays…" for Will Smith).
    loose: Counter = field(default_factory=Counter)
    credited: Counter = field(default_factory=Counter)  # an acronym's mentions so far

    def add(self, phrase: str, n: int = 1, weight: int = 1) -> None:
        self.counts[name_key(phrase)] += n
        self.forms[name_key(phrase)][phrase] += weight


def _index(keys) -> tuple[dict, dict, dict]:
    """Each name of two words or more under its endings ("de niro", "niro" for "robert
    de niro"), its words and its first word: merging stays linear on any page."""
    ends, has, starts = defaultdict(list), defaultdict(list), defaultdict(list)
    for key in keys:
        words = key.split()
        if len(words) > 1:
            for i in range(1, len(words)):
                ends[" ".join(words[i:])].append(key)
            for word in set(words):
                has[word].append(key)
            starts[words[0]].append(key)
    return ends, has, starts


def _stage_name(word: str, full: str, counts: Counter, first_seen: dict) -> bool:
    """"Jamelia" again and again, "full name Jamelia Davis" once: the star goes by one
    name, which is no everyday first name ("Alan" alone is nobody); "BBC One" and "Doja
    Cat" are no first name and surname. A story that gives the full name before the one
    word calls her by her first name: "Dua Lipa arrived… Dua smiled"."""
    first, _, last = full.partition(" ")
    return (first == word and " " not in last and is_surname(last)
            and not is_first_name(word) and counts[word] > counts[full]
            and first_seen.get(word, 0) < first_seen.get(full, 0))


def _own_name(word: str, longer: str, found: Found) -> bool:
    """A word the story uses alone again and again, opening a longer name given once or
    twice that is no person's: "Mumbai", and "Mumbai High Court" once."""
    counts = found.counts
    return (counts[word] >= 3 and counts[word] > 2 * counts[longer]
            and longer.startswith(word + " ") and not is_first_name(word)
            and not person(found.forms[longer].most_common(1)[0][0].split()))


_AND = re.compile(r" (?:&|and) ", re.I)


def merge_parts(found: Found, title_keys: set[str]) -> None:
    """A surname alone ("Vale said") counts for the one full name it ends; "Oscar" for
    "Oscars"; two names joined by "&" whose parts the story also names alone are two."""
    counts = found.counts
    first_seen = {k: i for i, k in enumerate(counts)}  # the order the story names them
    words = Counter(w for k in counts for w in set(k.split()))
    for key in [k for k in counts if " & " in k or " and " in k]:
        parts = _AND.split(key)
        if all(p in counts or words[p] > key.split().count(p) for p in parts):
            n = counts.pop(key)  # "Reading and Leeds" and "Reading" alone: two places
            for form in _AND.split(found.forms.pop(key).most_common(1)[0][0]):
                found.add(form, n)
    for key in [k for k in counts if " of " in k]:
        head, _, tail = key.partition(" of ")
        if head in counts and name_key(tail) in counts:  # "Callum Ashby of The Gilded Foxes"
            n = counts.pop(key)
            counts[head] += n
            counts[name_key(tail)] += n
    ends, has, starts = _index(list(counts))

    def alive(keys, other=""):
        return [m for m in keys if m in counts and m != other]

    def form(k):
        return found.forms[k].most_common(1)[0][0].split()

    # A person's name holds no small words before its last: "Supervolcano" is no surname
    # of "The Science Behind Supervolcano", nor is Alicia Keys of "The Diary of Alicia Keys".
    personal = {k for k in counts if not STOP & set(k.split()[:-1])
                or person(form(k))}  # "Will Smith"
    for key in sorted((k for k in counts if " " in k), key=len):
        if len(longer := alive(ends[key], key)) != 1:
            continue
        if (key in title_keys and longer[0] not in title_keys and counts[longer[0]] == 1
                and not person(form(longer[0]))):  # "at a Waffle House" in the headline,
            counts[key] += counts.pop(longer[0])  # "an Alabama Waffle House" once
        elif longer[0] in personal or not person(form(key)):  # "De Niro": "Robert De Niro"
            counts[longer[0]] += counts.pop(key)
    for key in [k for k in counts if " " not in k]:
        if key + "s" in counts:
            counts[key + "s"] += counts.pop(key)
            continue
        if key[-1:].isdigit() and (channel := key.rstrip("0123456789")) in counts:
            counts[channel] += counts.pop(key)  # "ITV1" is a channel of ITV
            continue
        owners = [m for m in alive(ends[key]) or alive(has[key], key) if m in personal]
        if len(people := [m for m in owners if m.count(" ") == 1]) == 1:
            owners = people  # "Keys": Alicia Keys, not The Diary of Alicia Keys
        owners.sort(key=lambda m: (-counts.get(m, 0), m not in title_keys))
        if len(owners) == 1 and _stage_name(key, owners[0], counts, first_seen):
            counts[key] += counts.pop(owners[0])
        elif len(owners) == 1 and _own_name(key, owners[0], found):
            continue
        elif len(owners) == 1 or (owners and counts[owners[0]] > counts[owners[1]]):
            counts[owners[0]] += counts.pop(key)
        elif (not owners and key in title_keys
              and len(works := alive(starts[key + "'s"] + starts[key + "’s"])) == 1):
            counts[works[0]] += counts.pop(key)  # "…role in Hitchhiker's": the whole title
    for word, n in found.loose.items():
        # "Johnny and Denise lose…": a surname, or failing that a first name
        owners = [m for m in alive(ends[word]) if m in personal] or alive(starts[word])
        if len(owners) == 1:
            counts[owners[0]] += n
    found.loose.clear()


_ACRONYM = re.compile(r"\(([A-Z][A-Z0-9]{1,7})\)")


def _spelled_out(before: str, acronym: str) -> str:
    """The words before "(TGWU)" that it stands for, small words too: "Transport and
    General Workers Union"."""
    words = before.split()[-2 * len(acronym):]
    for k in range(len(acronym), len(words) + 1):
        phrase = words[-k:]
        caps = [w for w in phrase if w[:1].isupper()]
        if (phrase[0][:1].isupper() and "".join(w[0] for w in caps) == acronym
                and all(w in SMALL for w in phrase if not w[:1].isupper())):
            return " ".join(phrase)
    return ""


def _lengthen(found: Found, phrase: str) -> None:
    """The name a story spells out once, instead of the part of it a run kept
    ("General Workers Union")."""
    words = phrase.split()
    for i in range(1, len(words)):
        part = name_key(" ".join(words[i:]))
        if found.counts[part] > 0:
            found.counts[part] -= 1
            if not found.counts[part]:
                del found.counts[part]
            break
    found.add(phrase, weight=2)


def expand_acronyms(found: Found, text: str) -> None:
    """"the Federal Communications Commission (FCC)": later mentions of the FCC count for
    the name it stands for too; so does "the BNP" for the British National Party the story
    names once without defining it. Both stay tags: readers know the agency by either."""
    by_initials = defaultdict(list)
    for key, forms in found.forms.items():
        form = forms.most_common(1)[0][0]
        initials = "".join(w[0] for w in form.split() if w[:1].isupper()).casefold()
        if len(initials) > 1 and " " in key:
            by_initials[initials].append((key, form))
    stands = {}
    for m in _ACRONYM.finditer(text):
        short = m.group(1).casefold()
        before = text[max(0, m.start() - MAX_CHARS - 2):m.start()].rstrip()
        for key, form in by_initials.get(short, ()):
            if key in found.counts and before.endswith(form):
                stands.setdefault(short, key)
                break
        else:
            if phrase := _spelled_out(before, m.group(1)):
                _lengthen(found, phrase)
                stands.setdefault(short, name_key(phrase))
    for short, forms in found.forms.items():
        named = [k for k, _ in by_initials.get(short, ()) if k in found.counts]
        if short not in stands and len(short) > 2 and len(named) == 1 and all(
                f.isupper() for f in forms):
            stands[short] = named[0]
    for short, key in stands.items():
        if short in found.counts and key in found.counts:
            found.counts[key] += found.counts[short] - found.credited[short]
            found.credited[short] = found.counts[short]


def echo_headline(found: Found, head: list[list[str]]) -> None:
    """A headline's word in lower case that ends a longer name the story writes
    mid-sentence points at that name: "Singer ready for awards" and "the Brit awards"."""
    words = {fold(t) for tokens in head for t in tokens if WORD_RE.match(t) and t.islower()}
    words -= STOP | SMALL | SECTIONS
    for key in list(found.counts):
        mid = sum(found.forms[key].values()) > found.counts[key]  # weight 2 mid-sentence
        if mid and " " in key and key.rsplit(" ", 1)[1] in words:
            found.counts[key] += 1


_POSSESSIVE = ("'s", "’s")


def join_possessives(found: Found, lines: list[list[str]]) -> None:
    """A title that opens with a possessive, given whole twice or more ("Howl's Moving
    Castle", "Charlotte's Web"), is one name, not the owner and the rest; once, it may
    be an owner's work ("Verdi's La Traviata")."""
    joins = Counter()
    for tokens in lines:
        for i, tok in enumerate(tokens):
            if not (tok.endswith(_POSSESSIVE) and tok[:1].isupper() and WORD_RE.match(tok)
                    and fold(tok) not in STOP):  # "It's"
                continue
            after = tokens[i + 1:i + 9]
            for end in range(len(after), 0, -1):  # the longest name that follows
                rest = " ".join(after[:end]).replace(" :", ":")
                if name_key(rest) in found.counts or (  # a word no tag alone: "Web"
                        end == 1 and rest[:1].isupper() and fold(rest) in found.loose):
                    joins[(tok, rest)] += 1
                    break
    for (owner, rest), n in joins.items():
        if n < 2:
            continue
        for part in (fold(owner), name_key(rest)):
            if found.counts[part] > n:
                found.counts[part] -= n
            else:
                found.counts.pop(part, None)
            found.loose.pop(part, None)
        found.add(f"{owner} {rest}", n, weight=2)
