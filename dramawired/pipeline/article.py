"""Building an Article from what the stages found: its plain text, excerpt, lead image,
and what every item of one poll is built with (BuildPlan). The stage order itself is in
run.py."""

import html
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

from . import quirks
from .categorize import categorize
from .classify import Classifier
from .extract import NO_RULES, ExtractError, extract_article
from .items import Extracted, FeedItem, Keys
from .page_tree import ExtractRules
from .tag import pick_tags
from .text import strip_tags

EXCERPT_CHARS = 280
# A feed entry with this much text carries the whole story: its page need not be fetched.
FULL_CONTENT_CHARS = 1500


@dataclass(frozen=True)
class BuildPlan:
    """What every item of one poll is built with (the source's settings, read once)."""

    full_text: bool = True  # fetch each article page
    rules: tuple[tuple[str, str], ...] = ()  # category rules: (keyword, category)
    default: str = ""  # the source's default category
    known: tuple[str, ...] = ()  # every category name
    boilerplate: frozenset[str] = frozenset()  # lines the source repeats on every item
    extract_rules: ExtractRules = NO_RULES  # the source's story and drop selectors
    # Files a story by what it is about (classify.py), labelled by category names.
    classifier: Classifier | None = field(default=None, compare=False)


# Tags that end a line of text; every other tag (a, em, strong, span…) sits inside a line
# and leaves nothing behind: "<a>ACA</a>." is "ACA.", not "ACA .".
_BLOCK_TAG = re.compile(
    r"</?(?:p|h\d|li|ul|ol|blockquote|figure|figcaption|table|tr|td|th|dl|dd|dt|div|pre|"
    r"section|article|iframe|img|hr|br)\b[^<>]*>", re.I)
_LEADING_IMAGE = re.compile(
    r'^\s*(?:<p>\s*|<figure>\s*)?<img [^>]*src="([^"]+)"[^>]*>\s*(?:</p>|</figure>)?', re.S)


def plain(fragment: str) -> str:
    """Text of an HTML fragment; each paragraph (or heading, list item) on its own line, so
    that later stages see where one ends."""
    text = html.unescape(strip_tags(_BLOCK_TAG.sub("\n", fragment), ""))
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def lead_image(body: str, lead: str) -> tuple[str, str]:
    """A story that opens with its picture: that picture is the lead image, shown once."""
    if m := _LEADING_IMAGE.match(body):
        if not lead or m.group(1) == lead:
            return body[m.end():].lstrip(), m.group(1)
    return body, lead


def excerpt(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= EXCERPT_CHARS:
        return text
    cut = text[:EXCERPT_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(",;:—-") + "…"


def wants_page(plan: BuildPlan, item: FeedItem, keys: Keys) -> bool:
    """Fetch the article page unless the feed already holds the whole story (a video, a
    Reddit self post, an entry with full content) or the address is no page of this
    story's own (the site's, or one the feed's other items share)."""
    if not plan.full_text or item.video_url or not item.own_page or keys.shared_url:
        return False
    if quirks.never_fetch(item.url) or (item.content_html
                                        and quirks.is_self_post_host(item.url)):
        return False
    return len(plain(item.content_html)) < FULL_CONTENT_CHARS


def extract_or_headline(page_html: str | None, page_url: str, item: FeedItem,
                        rules: ExtractRules = NO_RULES) -> Extracted:
    """The extract stage, and what stands in when neither page nor feed has a story: an
    item with a headline is still news (readers follow its Source link)."""
    try:
        return extract_article(page_html, page_url, item, rules)
    except ExtractError:
        if page_html is not None or not item.title:
            raise
        return Extracted(title=item.title, body_html="", author=item.author,
                         published=item.published, lead_image=item.image, from_page=False)


def absolute_lead(extracted: Extracted, page_url: str) -> str:
    lead = urljoin(page_url, extracted.lead_image) if extracted.lead_image else ""
    return lead if lead.startswith(("http://", "https://")) else ""


def file_story(plan: BuildPlan, title: str, text: str,
               feed_tags: tuple[str, ...]) -> tuple[str, str]:
    """categorize with what the plan knows: (category name, what filed it)."""
    return categorize(title, text, feed_tags=feed_tags, default=plan.default,
                      rules=plan.rules, known=plan.known, model=plan.classifier)


def tag_story(plan: BuildPlan, title: str, text: str, feed_tags: tuple[str, ...]) -> list[str]:
    """pick_tags, given the feed's own tags but those that name a category: a feed's
    category ("Movie") files the story; it is no tag."""
    known = {k.casefold() for k in plan.known}
    return pick_tags(title, text, feed_tags=tuple(t for t in feed_tags
                                                  if t.casefold() not in known))
