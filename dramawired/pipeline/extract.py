"""Find the story on the article page.

trafilatura does the work (comments excluded: on pages with a comment section they would
halve precision), on a tree made ready by page_tree (the page's rules applied, video
players standing in as paragraphs), in two or three passes: the story's text from one,
its pictures from another (see _story_body). What it gives back is tidied: links to the
site's other stories and the page chrome left at the story's end go (their markers are data
in quirks.py); the headline, which our page shows, goes; ordered lists stay ordered. A
bot-challenge or error page is refused, never stored as a story; when the page yields
nothing, the feed's own content is used. bench/extraction.py measures each change against
bare trafilatura on two public benchmarks.
"""

import html
import re
import unicodedata
from datetime import datetime

from lxml import etree
from trafilatura import bare_extraction
from trafilatura.htmlprocessing import convert_to_html
from trafilatura.metadata import extract_metadata

from . import quirks
from .blocked import blocked_reason
from .items import Extracted, FeedItem
from .page_tree import ExtractRules, parse_page, prepare, restore_embeds
from .text import iso_date, strip_tags

# A story shorter than this (characters of text) is a teaser, not the article.
MIN_STORY_CHARS = 200
# Text above the headline that is header chrome (a kicker, a badge, breadcrumbs), not story.
MAX_KICKER_CHARS = 80
# The precision pass's story is kept when it has at least this share of the text the pass
# with pictures found and this share of it is found there (bench/extraction.py: 0.9 gave
# the best F1 of 0.5 to 0.95).
PRECISION_SHARE = 0.9
# Two passes' blocks are one paragraph split differently when one starts with the other
# and both are at least this long.
MIN_PREFIX_CHARS = 60
# A block opening with a teaser marker (quirks.TEASER_MARKERS) is a heading when it is at
# most this long, and a link when at least this share of its text is a link's.
MAX_HEADING_CHARS = 60
LINK_SHARE = 0.6
# A block at the story's end opening with quirks.TRAILING_CHROME is chrome when at most
# this long; one opening with quirks.TRAILING_LABELS, at most MAX_LABEL_CHARS long.
MAX_CHROME_CHARS = 150
MAX_LABEL_CHARS = 50
# A block is nothing but a link when at least this share of its text is a link's.
LINK_ONLY_SHARE = 0.9


def _opening(markers: tuple[str, ...]) -> re.Pattern:
    """Text that opens with one of `markers` as whole words."""
    return re.compile("|".join(re.escape(m) for m in sorted(markers, key=len, reverse=True))
                      + r"(?!\w)", re.I)


_CHROME = _opening(quirks.TRAILING_CHROME)
_LABEL = _opening(quirks.TRAILING_LABELS)
_TEASER = _opening(quirks.TEASER_MARKERS)
NO_RULES = ExtractRules()
# Elements that stand on lines of their own (see _keep_inline_together).
_BLOCKS = frozenset(("html", "body", "div", "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol",
                     "li", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "blockquote",
                     "pre", "figure", "img", "iframe", "hr"))
_WRAPPER = re.compile(r"^\s*<html>\s*<body>|</body>\s*</html>\s*$")


class ExtractError(Exception):
    """Neither the page nor the feed gave a story we are willing to publish."""


def _page_is_better(page_chars: int, feed_chars: int) -> bool:
    """The page's story wins unless it is clearly less than the feed already holds (a
    mis-extraction), or too short to be a story while the feed has more."""
    if page_chars < 0.7 * feed_chars:
        return False
    return page_chars >= MIN_STORY_CHARS or page_chars >= feed_chars > 0 or (
        page_chars > 0 and feed_chars == 0)


def _text_length(fragment: str) -> int:
    return len(" ".join(strip_tags(fragment).split()))


# The publisher's own timestamp, to the minute (trafilatura's date is the day only): the
# first <meta property="article:published_time">, JSON-LD datePublished, <time datetime>.
_META = re.compile(r"<meta\b[^<>]*>", re.I)
_PUBLISHED_TIME = re.compile(r"""property\s*=\s*["']?article:published_time\b""", re.I)
_CONTENT = re.compile(r"""\bcontent\s*=\s*["']([^"']+)""", re.I)
_LD_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')
_TIME = re.compile(r"<time\b[^<>]*>", re.I)
_DATETIME = re.compile(r"""\bdatetime\s*=\s*["']([^"']+)""", re.I)


def _page_date(page_html: str) -> datetime | None:
    meta = next((c.group(1) for tag in _META.finditer(page_html)
                 if _PUBLISHED_TIME.search(tag.group()) and (c := _CONTENT.search(tag.group()))),
                None)
    ld = m.group(1) if (m := _LD_PUBLISHED.search(page_html)) else None
    time_tag = next((d.group(1) for tag in _TIME.finditer(page_html)
                     if (d := _DATETIME.search(tag.group()))), None)
    for value in (meta, ld, time_tag):
        if value and (when := iso_date(value)):
            return when
    return None


def extract_article(page_html: str | None, url: str, item: FeedItem,
                    rules: ExtractRules = NO_RULES) -> Extracted:
    """The story from `page_html` (None when the source is not full-text), else the feed;
    `rules` are the source's own extraction rules."""
    feed_body = item.content_html or item.summary_html
    if item.video_url:
        # A video entry's story is the player and its description.
        player = f'<iframe src="{html.escape(item.video_url)}" allowfullscreen></iframe>'
        return Extracted(title=item.title, body_html=player + feed_body, author=item.author,
                         published=item.published, lead_image=item.image, from_page=False)
    if page_html:
        if reason := blocked_reason(page_html):
            raise ExtractError(f"{reason} at {url}")
        page = _from_page(page_html, url, rules)
        if page and _page_is_better(_text_length(page.body_html), _text_length(feed_body)):
            return Extracted(
                title=item.title or page.title,
                body_html=page.body_html,
                author=item.author or page.author,
                published=item.published or page.published,
                lead_image=item.image or page.lead_image,
                sections=page.sections,
            )
    if _text_length(feed_body) == 0:
        raise ExtractError(f"no story found at {url} and the feed carries none")
    return Extracted(title=item.title, body_html=feed_body, author=item.author,
                     published=item.published, lead_image=item.image, from_page=False)


def _from_page(page_html: str, url: str, rules: ExtractRules) -> Extracted | None:
    tree = parse_page(page_html)
    if tree is None:
        return None
    # Not "extensive": its guesses from page text (a copyright year read as "1 January")
    # are wrong more often than not, and the publisher's own timestamp is read first below.
    meta = extract_metadata(tree, default_url=url, extensive=False)
    prepare(tree, url, rules)
    body = _story_body(tree, url)
    if body is None:
        return None
    _drop_teasers(body)
    _drop_trailing_chrome(body)
    return Extracted(
        title=meta.title or "",
        body_html=restore_embeds(_story_html(body, meta.title or "")),
        author=meta.author or "",
        published=_page_date(page_html) or iso_date(meta.date),
        lead_image=meta.image or "",
        sections=tuple(meta.categories or ()),
    )


def _trafilatura(tree, url: str, images: bool = False, precision: bool = False):
    # The pass with pictures places them and checks the precision pass (the story's text
    # is another pass's): its fast mode (no second opinion from readability and jusText)
    # is enough for that.
    found = bare_extraction(tree, url=url, output_format="html", include_comments=False,
                            include_images=images, include_links=True, fast=images,
                            favor_precision=precision, include_formatting=True,
                            include_tables=True)
    return found.body if found is not None and found.body is not None and len(found.body) \
        else None


def _story_body(tree, url: str):
    """trafilatura's story (its XML body), pictures included.

    With pictures, trafilatura also takes captions, credits and the teaser grid under the
    story; in its precision mode it leaves most "related" and "more on this" blocks out,
    but now and then a part of the story too. The best mix measured on its own benchmark
    (bench/extraction.py, against one balanced pass with pictures: precision 0.921 against
    0.892, recall 0.933 against 0.942): the story is the precision pass's text unless
    that is well short of, or not from the same part of the page as, what the pass with
    pictures found (then a balanced pass's, run only then), and each picture the pass
    with pictures found goes back in before the paragraph it preceded (none after the
    last one: those are teasers)."""
    with_images = _trafilatura(tree, url, images=True)
    text_only = _trafilatura(tree, url, precision=True)
    if text_only is None or with_images is not None and not _part_of(text_only, with_images):
        balanced = _trafilatura(tree, url)
        text_only = balanced if balanced is not None else text_only
    if with_images is None or text_only is None:
        return text_only if with_images is None else with_images
    blocks = list(text_only)
    texts = [_text(block) for block in blocks]
    next_block, pending = 0, []
    for child in with_images:
        text = _text(child)
        if not text:
            if child.tag == "graphic" or child.find(".//graphic") is not None:
                pending.append(child)
            continue
        # The story's next block that is this one, or (the two passes may split a
        # paragraph differently) starts it or is its start; a short line such as a title
        # must match whole, or the start of a later paragraph would carry the pictures
        # above it down there.
        found = next((i for i in range(next_block, len(texts)) if texts[i] == text or (
            min(len(text), len(texts[i])) >= MIN_PREFIX_CHARS
            and (texts[i].startswith(text) or text.startswith(texts[i])))), None)
        if found is None:
            continue  # text the story does not have: a caption, a credit, a teaser
        next_block = found + 1
        for picture in pending:
            picture.tail = None  # text after a bare picture is its caption: the story's
            blocks[found].addprevious(picture)  # text is the precision pass's alone
        pending = []
    return text_only


def _part_of(precise, reference) -> bool:
    """The precision pass's story is most of the reference's, and from the same part of
    the page (not, say, a reader's comment on a page whose story is a few lines)."""
    whole = _text(reference)
    texts = [_text(block) for block in precise]
    found = sum(len(t) for t in texts if t in whole)
    return found >= PRECISION_SHARE * sum(map(len, texts)) and (
        len(" ".join(texts)) >= PRECISION_SHARE * len(whole))


def _link_share(element) -> float:
    whole = len(_text(element))
    return sum(len(_text(ref)) for ref in element.iter("ref")) / whole if whole else 0.0


def _drop_teasers(body) -> None:
    """Links to the site's other stories go: a block that opens with a teaser marker
    ("Read more: <a>…</a>", "Lea también: …") when it is a link or a heading, and under
    such a heading ("Related stories", "Lesen Sie auch:") the links that follow it. Prose
    that happens to open with those words stays."""
    blocks = list(body)
    gone = set()
    for i, block in enumerate(blocks):
        text = _text(block)
        if not _TEASER.match(text):
            continue
        heading, link = len(text) <= MAX_HEADING_CHARS, _link_share(block) >= LINK_SHARE
        if not heading and not link:
            continue
        gone.add(i)
        if heading and not link:
            for j in range(i + 1, len(blocks)):
                after = blocks[j]
                if _text(after) and _link_share(after) < LINK_SHARE or not _text(after) \
                        and after.find(".//graphic") is not None:
                    break
                gone.add(j)
    for i in sorted(gone):
        _remove(blocks[i])


def _drop_trailing_chrome(body) -> None:
    """From the story's end up: short blocks of page chrome ("Follow us on …", "Comments",
    "Titelbild: …"), blocks that are nothing but a link (the teasers under a story that
    trafilatura kept) and empty ones go, up to the last block of story (a picture stays;
    the first block always does)."""
    blocks = list(body)
    for i in range(len(blocks) - 1, -1, -1):
        block, text = blocks[i], _text(blocks[i])
        if len((block.tail or "").strip()) > MAX_KICKER_CHARS:
            return  # story text follows it
        picture = block.tag == "graphic" or block.find(".//graphic") is not None
        if not text and not picture or (
                len(text) <= MAX_CHROME_CHARS and _CHROME.match(text)) or (
                len(text) <= MAX_LABEL_CHARS and _LABEL.match(text)) or (
                i and text and not picture and _link_share(block) >= LINK_ONLY_SHARE):
            body.remove(block)
        elif text:
            return


def _remove(block) -> None:
    """`block` leaves the story, and the text after it (its tail) with it unless that is
    longer than a dateline: trafilatura leaves the paragraph after a headline there now
    and then, and that stays, as a paragraph."""
    if len(tail := (block.tail or "").strip()) > MAX_KICKER_CHARS:
        paragraph = etree.Element("p")
        paragraph.text = tail
        block.addnext(paragraph)
    block.getparent().remove(block)


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def _words(element) -> str:
    return " ".join("".join(element.itertext()).split()).casefold()


def _drop_headline(body, title: str) -> None:
    """The headline is shown by our page: the first heading goes when nothing but header
    chrome (a kicker, a badge, a cover picture) comes before it and it is the page's h1
    or its title; that chrome's text goes with it."""
    title = " ".join(title.split()).casefold()
    chrome, chars = [], 0
    for child in body:
        words = _words(child)
        if child.tag == "head":
            if child.get("rend") == "h1" or (words and title and words in title):
                for el in [*chrome, child]:
                    _remove(el)
            return
        chars += len(words)
        if chars > MAX_KICKER_CHARS:
            return
        if words:
            chrome.append(child)


def _keep_inline_together(root) -> None:
    """lxml's pretty printing breaks the line between the children of an element with no
    text of its own: between the paragraphs of a story, but also between "nach <i>NDR</i>"
    and "<b>-Recherchen</b>", a space inside a word. An empty text stops it there."""
    for el in root.iter():
        if len(el) and el.text is None and any(child.tag not in _BLOCKS for child in el):
            el.text = ""


def _story_html(body, title: str) -> str:
    """trafilatura's XML body as HTML, headline out, lists as they were."""
    _drop_headline(body, title)
    ordered = [el for el in body.iter("list") if el.get("rend") == "ol"]
    root = convert_to_html(body)
    for el in ordered:
        el.tag = "ol"
    # A story's own sub-headlines step down a level below our page's headline.
    for el in root.iter("h1"):
        el.tag = "h2"
    _keep_inline_together(root)
    page = etree.tostring(root, encoding="unicode", pretty_print=True)
    # As trafilatura's own text output: composed Unicode (what a search or a tag matches),
    # no soft hyphens (invisible hints that split "Ba\xadro\xadlo" for every search).
    return unicodedata.normalize("NFC", _WRAPPER.sub("", page)).replace("\xad", "")
