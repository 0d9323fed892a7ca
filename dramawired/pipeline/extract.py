"""Find the story on the article page.

trafilatura does the work (comments excluded: on pages with a comment section they would
halve precision). Video embeds, which it drops, are kept by standing in for them with a
marker paragraph it does keep. A bot-challenge or error page is recognised and refused,
never stored as a story; when the page yields nothing, the feed's own content is used.
"""

import html
import re
from datetime import datetime

import trafilatura
from lxml import html as lxml_html
from trafilatura.metadata import extract_metadata

from . import quirks
from .items import Extracted, FeedItem
from .nesting import flatten_nesting
from .text import iso_date, strip_tags

# Pages served instead of the article: bot challenges and error pages. Matched against the
# page <title> and the start of its visible text. (Cloudflare, Akamai, DataDome, Sucuri,
# PerimeterX wordings, as they appear in NewsBlur's and Miniflux's bug reports.)
BLOCKED_PAGE_MARKERS = [
    ("title", r"^just a moment", "bot challenge (Cloudflare)"),
    ("title", r"attention required", "bot challenge (Cloudflare)"),
    ("title", r"^access denied", "access denied page"),
    ("title", r"are you a (robot|human)|^robot check|^captcha\b|verify you are human",
     "captcha page"),
    ("title", r"^(403 )?forbidden$|^40[34]\b|page not found|not found$", "error page"),
    ("title", r"^50[0-4]\b|internal server error|service unavailable|bad gateway",
     "server error page"),
    ("text", r"checking (if the site connection is secure|your browser before accessing)",
     "bot challenge"),
    ("text", r"enable javascript and cookies to continue", "bot challenge"),
    ("text", r"please verify you are (a )?human|press (&|and) hold", "bot challenge (captcha)"),
    ("text", r"ddos protection by|sucuri website firewall|incapsula incident",
     "bot challenge (firewall)"),
    ("text", r"pardon our interruption|request unsuccessful\. incapsula", "bot challenge"),
]
_BLOCKED = [(where, re.compile(p, re.I), label) for where, p, label in BLOCKED_PAGE_MARKERS]

# A story shorter than this (characters of text) is a teaser, not the article.
MIN_STORY_CHARS = 200
_MARK = "dramawired-embed:"


class ExtractError(Exception):
    """Neither the page nor the feed gave a story we are willing to publish."""


# Every scan of a publisher's page below is linear: a lazy ".*?" or a "[^>]+" that finds
# no end rescans the rest of the page from each start, so 100 KB of "<script>" or "<meta "
# held a core for 10 s (5 MB, the body cap: hours).
_TITLE = re.compile(r"<title\b[^<>]*>", re.I)
_TITLE_END = re.compile(r"</title", re.I)
_SCRIPT = re.compile(r"<(script|style)\b", re.I)
_SCRIPT_END = {"script": re.compile(r"</script\s*>", re.I),
               "style": re.compile(r"</style\s*>", re.I)}
def _without_scripts(page: str) -> str:
    """Script and style elements removed; an unclosed one ends the page."""
    kept, pos = [], 0
    while m := _SCRIPT.search(page, pos):
        kept.append(page[pos:m.start()])
        end = _SCRIPT_END[m.group(1).lower()].search(page, m.end())
        if not end:
            return " ".join(kept)
        pos = end.end()
    return " ".join([*kept, page[pos:]])


def blocked_reason(page_html: str) -> str | None:
    title = ""
    if (m := _TITLE.search(page_html)) and (end := _TITLE_END.search(page_html, m.end())):
        title = page_html[m.end():end.start()]
    title = " ".join(html.unescape(title).split())
    body = strip_tags(_without_scripts(page_html[:200_000]))
    text = " ".join(html.unescape(body).split())[:3000]
    for where, pattern, label in _BLOCKED:
        if pattern.search(title if where == "title" else text):
            return label
    return None


def _mark_embeds(tree) -> None:
    """Replace allowlisted video iframes with a text marker trafilatura keeps."""
    for frame in tree.iter("iframe"):
        src = frame.get("src", "")
        if src and quirks.on_host(src, quirks.VIDEO_HOSTS):
            p = lxml_html.Element("p")
            p.text = _MARK + src
            p.tail = frame.tail
            frame.getparent().replace(frame, p)


def _restore_embeds(body: str) -> str:
    return re.sub(
        rf"<p>\s*{_MARK}(\S+?)\s*</p>",
        lambda m: f'<iframe src="{m.group(1)}" allowfullscreen></iframe>',
        body,
    )


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


def extract_article(page_html: str | None, url: str, item: FeedItem) -> Extracted:
    """The story from `page_html` (None when the source is not full-text), else the feed."""
    feed_body = item.content_html or item.summary_html
    if item.video_url:
        # A video entry's story is the player and its description.
        player = f'<iframe src="{html.escape(item.video_url)}" allowfullscreen></iframe>'
        return Extracted(title=item.title, body_html=player + feed_body, author=item.author,
                         published=item.published, lead_image=item.image, from_page=False)
    if page_html:
        if reason := blocked_reason(page_html):
            raise ExtractError(f"{reason} at {url}")
        page = _from_page(page_html, url)
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


def _from_page(page_html: str, url: str) -> Extracted | None:
    try:
        # libxml2 drops what lies deeper than 256 elements, and trafilatura's walks slow
        # down with depth: absurd nesting is unwrapped first (text kept).
        tree = lxml_html.document_fromstring(flatten_nesting(page_html))
    except (ValueError, lxml_html.etree.ParserError):
        return None
    meta = extract_metadata(tree, default_url=url)
    _mark_embeds(tree)
    body = trafilatura.extract(
        tree,
        url=url,
        output_format="html",
        include_comments=False,
        include_images=True,
        include_links=True,
        include_formatting=True,
        include_tables=True,
        favor_precision=False,
    )
    if not body:
        return None
    body = re.sub(r"^\s*<html>\s*<body>|</body>\s*</html>\s*$", "", body)
    # The headline is shown by our page; a story's own sub-headlines step down a level.
    body = re.sub(r"^\s*<h1\b[^>]*>.*?</h1>", "", body, count=1, flags=re.S)
    body = re.sub(r"<(/?)h1\b", r"<\1h2", body)
    return Extracted(
        title=meta.title or "",
        body_html=_restore_embeds(body),
        author=meta.author or "",
        published=_page_date(page_html) or iso_date(meta.date),
        lead_image=meta.image or "",
        sections=tuple(meta.categories or ()),
    )
