"""The article page as a tree ready for trafilatura.

Parsed as trafilatura parses a page it is given as text (comments and processing
instructions out, control characters out): an lxml tree that keeps comments makes
trafilatura drop the text after each one, and control characters make it return nothing.
Then the page's rules apply (built-in boilerplate blocks, the source's own selectors), a
caption repeated under every picture of a gallery is kept once, and video players, which
trafilatura drops, stand in as marker paragraphs it keeps.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

import trafilatura
from cssselect import SelectorError
from lxml import etree
from lxml import html as lxml_html
from lxml.cssselect import CSSSelector

from . import quirks
from .nesting import flatten_nesting

MARK = "dramawired-embed:"
# lxml refuses a str that starts with an XML declaration naming an encoding, and the page
# is text already (that encoding name may no longer be true): the declaration goes.
_XML_DECLARATION = re.compile(r"\A\ufeff?\s*<\?xml\b[^<>]*\?>")
_EMBED_FIGURE = CSSSelector("figure.wp-block-embed, div.wp-block-embed", translator="html")
_ADDRESS = re.compile(r"https://\S+")
_MEDIA = ("img", "picture", "video", "iframe", "audio")
_CAPTIONS = etree.XPath("//figcaption | //*[contains(@class, 'caption')]")
SAMPLE_CHARS = 80
_CLASSES_AND_IDS = etree.XPath("//@class | //@id")
# The class and id names a selector asks for: ".name", "#name", "[id^=name]".
_NAMES = re.compile(r"""[.#]([\w-]+)|\[(?:id|class)[~^*|$]?=["']?([\w-]+)""")


@dataclass(frozen=True)
class ExtractRules:
    """A source's own extraction rules (CSS selectors), on top of the built-in ones."""

    story_selector: str = ""  # the story's container: when it matches, only it is read
    drop_selectors: tuple[str, ...] = ()  # blocks removed before extraction


@dataclass(frozen=True)
class RuleEffect:
    """What one rule did to a page, for the extract preview."""

    rule: str  # "story", "drop", "built-in"
    selector: str
    matched: int
    sample: str = ""  # the start of the first block's text
    error: str = ""  # why the selector was ignored


def parse_page(page_html: str):
    """The page's tree, or None when it is no HTML."""
    page = _XML_DECLARATION.sub("", page_html, count=1)
    # libxml2 drops what lies deeper than 256 elements, and trafilatura's walks slow down
    # with depth: absurd nesting is unwrapped first (text kept).
    return trafilatura.load_html(flatten_nesting(page))


@lru_cache(maxsize=512)
def compiled(selector: str) -> CSSSelector:
    """Raises SelectorError (or XPath's syntax error) for a selector lxml cannot run."""
    return CSSSelector(selector, translator="html")


def selector_error(selector: str) -> str:
    """Why `selector` cannot be used, or "" when it can."""
    try:
        compiled(selector)
    except (SelectorError, etree.XPathError) as exc:
        return str(exc) or type(exc).__name__
    return ""


def prepare(tree, url: str, rules: ExtractRules) -> list[RuleEffect]:
    """Apply the rules, captions and video markers to `tree` in place; say what each
    rule did."""
    names = " ".join(_CLASSES_AND_IDS(tree))
    effects = [_drop("built-in", sel, tree) if _may_match(sel, names)
               else RuleEffect("built-in", sel, 0) for sel in quirks.drop_selectors(url)]
    effects += [_drop("drop", sel, tree) for sel in rules.drop_selectors]
    if rules.story_selector:
        effects.append(_keep_story(rules.story_selector, tree))
    _drop_repeated_captions(tree)
    _mark_embeds(tree)
    return effects


def _may_match(selector: str, names: str) -> bool:
    """A selector of class and id names can only match a page that has one of them: most
    pages have no widget at all, and then no selector runs (a run costs a walk of the
    whole tree per class)."""
    wanted = [a or b for a, b in _NAMES.findall(selector)]
    return not wanted or any(name in names for name in wanted)


def _select(selector: str, tree) -> list:
    return [el for el in compiled(selector)(tree) if el.getparent() is not None]


def _text_sample(elements) -> str:
    for el in elements:
        if text := " ".join(el.text_content().split()):
            return text[:SAMPLE_CHARS]
    return ""


def _drop(rule: str, selector: str, tree) -> RuleEffect:
    if error := selector_error(selector):
        return RuleEffect(rule, selector, 0, error=error)
    found = _select(selector, tree)
    sample = _text_sample(found)
    for el in found:
        if el.getparent() is not None:  # not inside a block already dropped
            el.drop_tree()
    return RuleEffect(rule, selector, len(found), sample)


def _keep_story(selector: str, tree) -> RuleEffect:
    """Only the story's container(s) stay in the body (the head keeps the metadata)."""
    if error := selector_error(selector):
        return RuleEffect("story", selector, 0, error=error)
    found = _select(selector, tree)
    # A match inside another match is read with it.
    outer = [el for el in found if not any(a in found for a in el.iterancestors())]
    body = tree.find("body")
    if not outer or body is None:
        return RuleEffect("story", selector, 0)
    sample = _text_sample(outer)
    for el in outer:
        el.getparent().remove(el)  # detached before the body is emptied
        el.tail = None
    for child in list(body):
        body.remove(child)
    body.text = None
    body.extend(outer)
    return RuleEffect("story", selector, len(outer), sample)


def _drop_repeated_captions(tree) -> None:
    """A caption already shown once (galleries repeat one under every picture) goes."""
    seen = set()
    for caption in _CAPTIONS(tree):
        text = " ".join(caption.text_content().split()).casefold()
        if not text or any(True for _ in caption.iter(*_MEDIA)):
            continue  # a wrapper holding the picture itself is no caption
        if text in seen:
            caption.drop_tree()
        seen.add(text)


def _marker(src: str, tail: str | None):
    p = lxml_html.Element("p")
    p.text = MARK + src
    p.tail = tail
    return p


def _mark_embeds(tree) -> None:
    """Stand a marker paragraph in for each allowlisted video player: a WordPress embed
    block (an iframe, or the bare address of the video), then any other iframe."""
    for figure in _EMBED_FIGURE(tree):
        frame = next(figure.iter("iframe"), None)
        bare = _ADDRESS.search(figure.text_content())
        src = frame.get("src", "") if frame is not None else bare.group() if bare else ""
        if (player := quirks.player_url(src)) and figure.getparent() is not None:
            figure.getparent().replace(figure, _marker(player, figure.tail))
    for frame in list(tree.iter("iframe")):
        src = frame.get("src", "")
        if src and quirks.on_host(src, quirks.VIDEO_HOSTS) and frame.getparent() is not None:
            frame.getparent().replace(frame, _marker(src, frame.tail))


def _player(match: re.Match) -> str:
    src = match.group(1).replace('"', "&quot;")
    return f'<iframe src="{src}" allowfullscreen></iframe>'


def restore_embeds(body: str) -> str:
    return re.sub(rf"<p>\s*{MARK}(\S+?)\s*</p>", _player, body)


def rule_effects(page_html: str, url: str, rules: ExtractRules) -> list[RuleEffect]:
    """What the rules do to this page (the extract preview shows it)."""
    tree = parse_page(page_html)
    return [] if tree is None else prepare(tree, url, rules)
