"""The words the tagger knows: words that are never names, words that glue onto names
("Broadcaster Chris Evans", "Blackadder TV"), and whether a word is common English.

A name is told from a common word by wordfreq's frequencies (inside its wheel) and by the
word's family: an English word comes with its inflections ("set", "sets", "setting";
"tease", "teases", "teased"), a name does not ("hong", "alibaba", "netflix"), however
often it is written."""

import pickle
import re
from functools import cache, lru_cache
from importlib.resources import files

from wordfreq import zipf_frequency

# Capitalised words that are never a name nor its edge: sentence starters, pronouns,
# calendar words, nationalities.
STOP = set("""
a about after again against all also although an and another any are as at be because
been before being but by can could did do does during each either even every few for from
had has have he her here hers him his how however i if in into is it its just last later
like many may me meanwhile might more most much must my neither never next no nor not
now of off on once one only or other our out over per perhaps since so some still such
than that the their them then there these they this those though through thus to too
under until up upon us very was we were what when where whether which while who whom
whose why will with within without would yet you your yes okay oh
beyond despite among amongst across along alongside amid amidst around behind below
beneath beside besides between toward towards onto throughout unlike via inside outside
near except regarding concerning versus underneath whereas unless r&b ahead rs
today tomorrow yesterday tonight whilst according update updated exclusive breaking photos
photo video watch read click share
she it's i'm we're they're he's she's that's there's let's don't didn't can't won't
american british english french spanish german italian japanese korean chinese canadian
former first second third fourth fifth sixth seventh eighth ninth tenth
australian mexican brazilian indian irish scottish nigerian european asian african latin
dutch swedish norwegian danish finnish russian polish greek turkish egyptian israeli
iranian pakistani swiss austrian belgian portuguese argentine argentinian colombian
chilean cuban jamaican filipino thai vietnamese indonesian welsh ugandan kenyan ukrainian
""".split())
# Abbreviations that are common nouns, however they are written: "SSD", "NVMe", "IRL".
ABBREVIATIONS = set("""
ssd ssds hdd usb gpu gpus cpu cpus ram led leds oled lcd hdr hdmi nvme wifi vpn pc pcs
dvd dvds cd cds ai vr ar ev evs suv suvs irl lol omg diy faq fyi tbt ootd dm dms pr
ceo cfo cto coo dj djs mc vip vips nft nfts ipo gif gifs atm sms pdf rpg fps mmo dlc ui
ux api apis qa tv tvs hd uhd 4k 5g lgbt lgbtq psa psas dna mp mps msp msps mep meps
""".split())
# Never a tag alone, however often a story capitalises them: short months and days
# ("Dec. 5"), time zones, units, "Jr." ("Trump Jr." is no "Jr").
NOT_NAMES = ABBREVIATIONS | set("""
feb apr jun jul aug sep sept oct nov dec mon tue tues thu thur thurs fri
gmt bst est edt cst cdt pst pdt cet cest utc ist aest mw kw gw mph km kg jr jnr sr snr
""".split())
# Words of someone speaking: a quotation, not a title ("'Definitely His Type'", "'Is A
# Stupid Decision'").
SPEECH = set("""i i'm i've i'll me my we we're we've we'll us our you you're you've you'll
your he he's him his she she's her they they're they've them their it's that's here's
there's what's don't can't won't didn't isn't wasn't is are was were am has have had
will would should""".split())
SPEECH |= {w.replace("'", "’") for w in SPEECH}
# Calendar words are no names either, but one may end a name: "Black Friday".
CALENDAR = set("""monday tuesday wednesday thursday friday saturday sunday january february
march april may june july august september october november december""".split())
STOP |= CALENDAR
# Titles before a name: "Sir Elton John" is filed as "Elton John".
HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "dame", "madam", "miss", "prof", "professor",
              "rev", "reverend", "lady"}
# Job titles and descriptions that a sentence puts before a name: "Broadcaster Chris
# Evans", "Rapper 50 Cent". Dropped only before a person, a number or a word that is no
# common word: "Star Wars" and "Comic Relief" stay.
ROLES = set("""
actor actress singer rapper broadcaster songwriter singer-songwriter comic comedian
presenter director producer star superstar newcomer bookmaker bookmakers host model author
writer filmmaker chef boss chief ceo president judge veteran legend icon frontman
frontwoman drummer guitarist bassist dj band duo group showrunner creator youtuber cfo cto
streamer influencer designer photographer critic novelist playwright poet composer
conductor dancer choreographer executive exec insider fan fans finalist reporter
journalist anchor correspondent spokesperson spokesman spokeswoman pop rock fellow
minister secretary chancellor senator governor councillor congressman congresswoman
chairman chairwoman chair founder co-founder editor manager actors actresses singers
rappers directors producers writers hosts judges presenters
wife husband girlfriend boyfriend fiance fiancé fiancee fiancée bff bestie pal co-star costar
""".split())
# Words that follow a name and are no part of it: "Blackadder TV", "Netflix Series".
SECTIONS = {"tv", "series", "show", "film", "movie", "album", "tour", "trailer", "review",
            "season", "episode", "premiere", "finale", "interview", "podcast", "special",
            "comeback", "reboot", "remake", "sequel", "biopic", "documentary", "concert",
            "part"}
# Words that open a place's or a company's name before another name: "San Diego",
# "North Korea", "New Line Cinema".
PREFIXES = {"san", "santa", "los", "las", "el", "st", "saint", "mount", "lake", "fort",
            "port", "new", "north", "south", "east", "west", "upper", "lower", "great"}
# Lower-case words allowed inside a name: "Crown of Ash", "Panel & Page", "Niña de Sal".
CONNECTORS = {"of", "&", "de", "la", "le", "du", "da", "von", "van", "del", "y", "der",
              "di", "the"}
# Particles that open a surname: "Robert De Niro", "Vincent van Gogh".
SURNAME_PARTICLES = {"de", "van", "von", "del", "da", "di", "der", "du", "la", "le", "dos"}
# Two small words inside a title of a work: "The Lord of the Rings".
PAIRS = {("of", "the"), ("of", "a")}
# One small word inside a title of a work that opens with a common word, mid-sentence:
# "Meet the Fockers", "Hide and Seek", "Passport to Paradise".
TITLE_SMALL = {"the", "and", "to", "on", "in", "a", "at", "for", "from", "with", "of"}
# A capitalised particle that ends a title mid-sentence: "Carry On", "Inside Out".
PARTICLES = {"on", "up", "out", "off", "down", "over", "in", "back", "away"}

# Hyphenated adjectives: "Atlanta-born", "English-language", "Oscar-winning".
ADJECTIVE = re.compile(
    r"-(born|based|bred|language|style|era|themed|obsessed|winning|nominated|led|backed|"
    r"inspired|owned|made|bound|adjacent|centric|friendly|sized|like|ish)$", re.I)

# Zipf scale: 3 is once per million words. A word this frequent is common whatever its
# family ("west", "right").
_ALWAYS_COMMON = 5.0
_FAMILY = 3.0  # a relative this frequent makes the word an English word
# A dictionary word this frequent is an English word whatever its family ("cute", "worst",
# "everybody"), unless Webster's also lists it as a proper noun ("Canada", "Boston").
_FREQUENT = 4.5
_SUFFIXES = ("s", "es", "ed", "d", "ing", "er", "ers", "ly")
_STRIP = ("ing", "ed", "es", "s", "ment", "ly")


def _relatives(w: str) -> set[str]:
    out = {w + s for s in _SUFFIXES}
    if w.endswith("e"):
        out.add(w[:-1] + "ing")
    if w.endswith("y"):
        out |= {w[:-1] + "ies", w[:-1] + "ied"}
    if w.endswith(("ier", "iest")):
        out.add(w[: w.rindex("i")] + "y")  # "earlier" -> "early"
    if w.endswith(("ies", "ied")):
        out.add(w[:-3] + "y")  # "marries" -> "marry"
    if w.endswith("y"):
        out |= {w[:-1] + "ier", w[:-1] + "ily"}  # "angry" -> "angrily"
    for s in _STRIP:
        if w.endswith(s) and len(w) - len(s) >= 3:
            stem = w[: -len(s)]
            out |= {stem, stem + "e"}
            if s in ("ing", "ed") and len(stem) > 3 and stem[-1] == stem[-2]:
                out.add(stem[:-1])  # "nabbed" -> "nab"
            if s == "ed":
                out |= {stem + "ing", stem + "s"}  # "devastated" -> "devastating"
    out.discard(w)
    return out


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    return zipf_frequency(word.casefold(), "en")


@lru_cache(maxsize=65536)
def family(word: str) -> float:
    """How often the word's inflections and stems are written (Zipf)."""
    return max(zipf(r) for r in _relatives(word.casefold()))


@cache
def _webster() -> frozenset[str]:
    """Webster's word list (english-words, inside its wheel): proper nouns capitalised."""
    with files("english_words").joinpath("data/web2.pickle").open("rb") as f:
        return frozenset(pickle.load(f))


@cache
def _dictionary() -> frozenset[str]:
    """Webster's common words."""
    return frozenset(w for w in _webster() if w.islower())


@cache
def _proper() -> frozenset[str]:
    """Webster's proper nouns, case folded ("canada", "boston", "henry")."""
    return frozenset(w.casefold() for w in _webster() if w[:1].isupper())


@lru_cache(maxsize=65536)
def is_common(word: str) -> bool:
    """An English word (in any case), as opposed to a name: frequent, with a family, or a
    dictionary word ("poolside") that is not far more frequent than its family: "hong" is
    in Webster's, but "Hong Kong" makes it 100 times more frequent than "hongs"."""
    w = word.casefold().strip("'’.-")
    if "-" in w:  # "One-Piece" is two common words; "Blink-182" and "Jay-Z" are names
        parts = w.split("-")
        return all(len(p) > 1 and p.isalpha() and is_common(p) for p in parts)
    if w in ABBREVIATIONS:
        return True
    if not w.isalpha() or len(w) < 2:
        return False
    if _compound(w) or _inflected(w):
        return True
    own = zipf(w)
    if own >= _ALWAYS_COMMON:
        return True
    relatives = _relatives(w)
    if family(w) >= _FAMILY:
        return True
    in_dictionary = w in _dictionary() or any(r in _dictionary() for r in relatives
                                              if len(r) < len(w))
    return in_dictionary and (own < 4.0 or own >= _FREQUENT and w not in _proper()
                              or family(w) > own - 2.5 or _derived(w))


# Words newer than Webster's made of two English ones: "multitasking", "spinoff",
# "onstage", "photoshoot"; a census name never ("Romanoff", "Selfridge"). A common word
# after a particle must be a frequent one.
_PREFIXES = ("multi", "anti", "non", "self")
_PARTICLES = ("off", "out", "up", "down", "back")
_BEFORE = ("on", "off", "out", "over", "under", "up", "down", "back", "fan", "photo",
           "side")


# Endings that make a word of a frequent word: "lowest", "viewership", "grown".
_INFLECTIONS = ("est", "er", "ers", "ness", "ship", "ment", "ful", "less", "ly", "ing",
                "ed", "es", "s")


def _inflected(w: str) -> bool:
    if is_surname(w) or is_first_name(w):
        return False
    for end in _INFLECTIONS + (("n",) if w.endswith("wn") else ()):
        stem = w[:-len(end)]
        if not w.endswith(end) or len(stem) < 3:
            continue
        stems = {stem, stem + "e", stem[:-1] + "y" if stem.endswith("i") else stem}
        if len(stem) > 3 and stem[-1] == stem[-2]:
            stems.add(stem[:-1])  # "biggest" -> "big"
        if any(zipf(s) >= 3.5 and is_common(s) for s in stems):
            return True
    return False


def _compound(w: str) -> bool:
    if is_surname(w) or is_first_name(w):
        return False
    for p in _PREFIXES + _BEFORE:
        rest = w[len(p):]
        if (w.startswith(p) and len(rest) >= 4 and is_common(rest)
                and (p in _PREFIXES or zipf(rest) >= 4)):
            return True
    return any(w.endswith(p) and len(w) - len(p) >= 3 and zipf(w[:-len(p)]) >= 4
               and is_common(w[:-len(p)]) for p in _PARTICLES)


# Endings English makes words with ("pregnant", "iconic", "upcoming", "awareness"): a
# dictionary word with one is a word however often it is written, unless it is a
# first name or a rarer surname.
_DERIVED = re.compile(r"(ant|ent|ance|ence|ible|able|ic|ical|al|ous|ful|less|ness|ment|"
                      r"tion|sion|ity|ive|ism|ist|ary|ory|ery|ship|hood|wards?|ly|ed|en|"
                      r"ing|est|ish|some)$")


def _derived(w: str) -> bool:
    return len(w) >= 6 and bool(_DERIVED.search(w)) and not (
        is_first_name(w) or is_surname(w) and zipf(w) < 4.5)  # the census has "Hidden"


_DEMONYM = ("ian", "an", "n", "ic", "i", "ish", "ese", "er")


@lru_cache(maxsize=65536)
def demonym(word: str) -> bool:
    """An adjective or a people made of a place or faith ("Angolan", "Islamic", "Iraqi",
    "New Zealander"): alone, a description and no tag. The place must be a
    name ("titan" makes no "Titanic") and a census name is one itself ("Christian")."""
    w = word.casefold()
    if is_first_name(w) or is_surname(w):
        return False
    for end in _DEMONYM:
        stem = w[:-len(end)]
        if w.endswith(end) and len(stem) >= 4 and zipf(stem) >= 3 and not is_common(stem):
            return True
    return False


@cache
def _census(name: str) -> frozenset[str]:
    """A name list from the `names` package (US census first and last names)."""
    text = files("names").joinpath(name).read_text("ascii")
    return frozenset(line.split()[0].casefold() for line in text.splitlines() if line)


def is_first_name(word: str) -> bool:
    w = word.casefold()
    return w in _census("dist.male.first") or w in _census("dist.female.first")


def is_surname(word: str) -> bool:
    return word.casefold().replace("'", "") in _census("dist.all.last")
