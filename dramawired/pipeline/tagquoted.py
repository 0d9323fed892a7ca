"""Titles of works a story puts in quotes ("'Sound of Freedom'", "Full House,"): the
tagger (tag.py) takes them whole."""

import re

from .tagmerge import MAX_CHARS
from .tagtext import (
    SMALL,
    TOKEN,
    WORD_RE,
    Evidence,
    capitalised,
    split_lines,
    title_case,
)
from .tagwords import CONNECTORS, SECTIONS, SPEECH, STOP

MAX_WORDS = 5  # words not counting small ones ("of", "the", "&"); tag.py's limit too

# A title in quotes: ‘Sound of Freedom’, "Full House," (a comma inside, US style).
_QUOTED = re.compile(r"(?:^|(?<=[\s(\[—–-]))[‘'\"“]((?:[^‘’'\"“”\n]|['’]s\b){2,80}?)[,.]?"
                     r"[’'\"”](?=[\s,.;:!?)\]—–-]|$)")  # "Speak Now (Taylor’s Version)"


# Words after a title in quotes that say it is one: "'Arthur' Series Finale".
_OF_A_WORK = SECTIONS | {"star", "stars", "cast", "creator", "director", "box", "actor",
                         "actress", "writer", "producer", "sequel", "spinoff"}


def quoted(text: str, ev: Evidence, headline: bool = False, body: str = "") -> list[str]:
    """Titles of works the story puts in quotes, whole: every word capitalised but the
    small ones, and not only small words ("Like To"). One capitalised word in quotes is
    a title in a sentence-case headline ("…kissing Ryan Gosling in 'Barbie'"); elsewhere
    it may be a quotation ("Devastated"), so it must be a name anyway. In a Title Case
    headline, words someone says ("'We Are So Thrilled'") are no title unless the `body`
    gives them too."""
    titles = []
    title_cased = headline and title_case(split_lines(text)[0], headline)
    sentence_case = headline and not title_cased
    said = body.casefold()
    for m in _QUOTED.finditer(text):
        span = " ".join(m.group(1).split())
        words = [t for t in TOKEN.findall(span) if WORD_RE.match(t)]
        big = [w for w in words if w.casefold() not in SMALL | CONNECTORS]
        if not big or len(big) > MAX_WORDS + 2 or len(span) > MAX_CHARS:
            continue
        if not all(map(capitalised, big)) or all(w.casefold() in STOP for w in big):
            continue
        after = text[m.end():m.end() + 20].split()[:1]
        work = after and after[0].casefold().strip(",.:;’'") in _OF_A_WORK
        if len(words) == 1 and not ((sentence_case or work) and words[0].casefold()
                                    not in STOP or ev.single_name(words[0])):
            continue
        if (title_cased and (SPEECH & {w.casefold() for w in words} or span[-1] in "!?")
                and span.casefold() not in said):
            continue
        titles.append(span)
    return titles


