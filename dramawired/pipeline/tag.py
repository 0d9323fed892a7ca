"""Choose 3 to 8 tags that name things: people, shows, companies, places.

Tags are the proper-noun phrases the story keeps coming back to ("Hong Kong", "Alibaba
Pictures", "Filmart"). Words are never glued together, and bare numbers, stop words,
weekdays and months never become tags. A capitalised word at the start of a sentence only
counts when the story also capitalises it mid-sentence; title-case headlines capitalise
everything, so the headline only adds weight to names the body confirms.
"""

import re
from collections import Counter, defaultdict

MAX_TAGS, MIN_TAGS = 8, 3
MAX_WORDS, MAX_CHARS = 4, 40

# Capitalised words that are not names. Sentence starters, pronouns, calendar words,
# honorifics and newsroom vocabulary.
STOP = set("""
a about after again against all also although an and another any are as at be because
been before being but by can could did do does during each either even every few for from
had has have he her here hers him his how however i if in into is it its just last later
like many may me meanwhile might more most much must my neither never new next no nor not
now of off on once one only or other our out over per perhaps since so some still such
than that the their them then there these they this those though through thus to too
under until up upon us very was we were what when where whether which while who whom
whose why will with within without would yet you your yes okay oh
monday tuesday wednesday thursday friday saturday sunday january february march april may
june july august september october november december today tomorrow yesterday tonight
mr mrs ms dr sir madam miss
according update updated exclusive breaking photos photo video watch read click share
season episode chapter part volume vol issue act scene report reports source sources
insider insiders fan finalist star stars host singer actor actress director rapper
she it's i'm we're they're he's she's that's there's let's don't didn't can't won't
american british english french spanish german italian japanese korean chinese canadian
australian mexican brazilian indian irish scottish nigerian european asian african latin
""".split())
# Lower-case words allowed inside a name: "Crown of Ash", "Panel & Page", "Niña de Sal".
# "&" only joins two single words ("Panel & Page"); after a full name it separates two
# names ("Sienna Vale & Theo Marchetti").
CONNECTORS = {"of", "the", "&", "de", "la", "le", "du", "da", "von", "van", "del", "y"}

# A word may hold apostrophes, hyphens and inner dots ("Min-jun", "O’Brien", "J.K");
# a trailing dot ends the sentence instead. A line break ends a paragraph or heading.
_WORD = r"[^\W\d_][\w'’\-]*(?:\.[^\W\d_][\w'’\-]*)*"
_TOKEN = re.compile(rf"{_WORD}|&|\n|[.!?:;\"“”«»()\[\]—–|]|\d[\w.,$%]*|\S", re.UNICODE)
_SENTENCE_END = set(".!?:;\"“”«»()[]—–|\n")


def _is_cap(word: str) -> bool:
    return word[:1].isupper() and not word.isdigit()


def _clean(word: str) -> str:
    word = re.sub(r"['’]s?$", "", word)  # possessive: Alibaba's -> Alibaba, Foxes’ -> Foxes
    return word.strip(".'’-")


def _is_word(token: str) -> bool:
    return re.match(_WORD, token) is not None


def _stop(word: str) -> bool:
    w = _clean(word).casefold()
    return w in STOP or (w.endswith("s") and w[:-1] in STOP)


def _runs(tokens: list[str]):
    """Yield (words, at_sentence_start) for each run of capitalised words."""
    at_start, i = True, 0
    while i < len(tokens):
        tok = tokens[i]
        if not (_is_cap(tok) and _is_word(tok)):
            at_start = tok in _SENTENCE_END or (at_start and not _is_word(tok))
            i += 1
            continue
        words, j = [tok], i + 1
        # A possessive ends a name: "Silverlake Pictures’ Glass Tower" is no one name.
        while j < len(tokens) and not words[-1].endswith(("'s", "’s", "'", "’")):
            nxt = tokens[j]
            if _is_cap(nxt) and _is_word(nxt):
                words.append(nxt)
                j += 1
            elif (nxt.lower() in CONNECTORS and (nxt != "&" or len(words) == 1)
                  and j + 1 < len(tokens) and _is_cap(tokens[j + 1])
                  and _is_word(tokens[j + 1])):
                words += [nxt, tokens[j + 1]]
                j += 2
            else:
                break
        yield words, at_start
        at_start = False
        i = j


# Hyphenated adjectives: "Atlanta-born", "English-language", "Oscar-winning".
_ADJECTIVE = re.compile(
    r"-(born|based|bred|language|style|era|themed|obsessed|winning|nominated|led|backed|"
    r"inspired|owned|made|bound|adjacent|centric|friendly|sized|like|ish)$", re.I)


def _candidates(text: str) -> tuple[Counter, dict]:
    """Counts and surface forms of the capitalised phrases in `text`."""
    tokens = _TOKEN.findall(text)
    # A word the story also writes in lower case is a common word ("industry", "version"),
    # capitalised here for a headline or a sentence start: it may not open a name.
    common = {t.casefold() for t in tokens if t[:1].islower()}
    runs = list(_runs(tokens))
    confirmed = {_clean(w).casefold() for words, start in runs if not start for w in words}
    # Words the story capitalises mid-sentence: a lone capitalised word opening a sentence
    # is a name only if it is one of these. Two or more capitalised words are a name.
    counts: Counter = Counter()
    forms: dict[str, Counter] = defaultdict(Counter)
    for words, start in runs:
        if start:
            # "Yesterday Sienna Vale…", "Considering Gemma Starr…": sentence openers that
            # are no part of the name.
            while words and (_stop(words[0]) or _clean(words[0]).casefold() in common or (
                    _clean(words[0]).casefold() not in confirmed
                    and re.search(r"(ing|ly|ed)$", words[0]))):
                words = words[1:]
            if len(words) == 1 and _clean(words[0]).casefold() not in confirmed:
                words = []
        if len(words) == 1 and (_clean(words[0]).casefold() in common
                                or _ADJECTIVE.search(words[0])):
            words = []
        if phrase := _phrase(words):
            counts[phrase.casefold()] += 1
            forms[phrase.casefold()][phrase] += 1
    return counts, forms


def _phrase(words: list[str]) -> str:
    words = [_clean(w) for w in words]
    while words and (_stop(words[0]) or words[0].casefold() in CONNECTORS):
        words = words[1:]
    while words and (_stop(words[-1]) or words[-1].casefold() in CONNECTORS):
        words = words[:-1]
    if not words or len(words) > MAX_WORDS:
        return ""
    phrase = " ".join(words)
    if len(phrase) > MAX_CHARS or len(phrase) < 2 or not re.search(r"[^\W\d_]{2}", phrase):
        return ""
    return phrase


def pick_tags(title: str, text: str, *, feed_tags: tuple[str, ...] = ()) -> list[str]:
    score, forms = _candidates(text)
    title_counts, title_forms = _candidates(title)
    # A surname alone ("Vale said") counts for the one full name it ends, found in the
    # body or, failing that, as "First Surname" in the headline.
    multi = [k for k in score if " " in k]
    for key in [k for k in score if " " not in k]:
        owners = [m for m in multi if m.split()[-1] == key] or [m for m in multi
                                                                 if key in m.split()]
        if not owners and (m := re.search(rf"\b([^\W\d_][\w-]*) {re.escape(key)}\b",
                                          title, re.I)) and _is_cap(m.group(1)):
            full = _phrase([m.group(1), title[m.end() - len(key):m.end()]])
            if full:
                owners = [full.casefold()]
                forms[owners[0]][full] += 1
        owners.sort(key=lambda m: -score.get(m, 0))
        if len(owners) == 1 or (owners and score[owners[0]] > score[owners[1]]):
            score[owners[0]] += score.pop(key)
    folded_title = title.casefold()
    for key in score:
        if key in title_counts or key in folded_title:
            score[key] += 2
    for tag in feed_tags:
        if phrase := _phrase(tag.split()):
            score[phrase.casefold()] += 2
            forms[phrase.casefold()][phrase] += 1
    if not score:  # no body text: the headline's names are all we have
        score, forms = title_counts, title_forms
    ranked = sorted(score.items(), key=lambda kv: (-kv[1], kv[0]))
    chosen = [k for k, n in ranked if n >= 2][:MAX_TAGS]
    if len(chosen) < MIN_TAGS:
        chosen += [k for k, _ in ranked if k not in chosen][: MIN_TAGS - len(chosen)]
    return [forms[k].most_common(1)[0][0] for k in chosen]
