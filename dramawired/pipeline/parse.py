"""Turn a feed document into FeedItems.

RSS 0.9x/1.0/2.0 and Atom go through feedparser; JSON Feed is plain JSON. YouTube entries
carry an embeddable player; Reddit entries keep the post body, and link posts point at the
linked article rather than the comments page. A malformed feed still yields the entries
that parsed (a warning says what was wrong); a document that is no feed is an error.
"""

import calendar
import html
import io
import json
import re
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import feedparser
from lxml import etree

from . import quirks
from .items import FeedItem
from .text import iso_date, strip_tags

# feedparser rewrites and sanitises entry HTML by itself; we sanitise later with our own
# allowlist and must see the original markup (iframes, data attributes) to do it well.
feedparser.SANITIZE_HTML = False
feedparser.RESOLVE_RELATIVE_URIS = True


class ParseError(Exception):
    """The document is not a usable feed."""


@dataclass
class ParsedFeed:
    title: str
    link: str
    items: list[FeedItem] = field(default_factory=list)
    warning: str = ""  # set when the feed was malformed but some entries were recovered
    truncated: bool = False  # the document stops before its end: entries may be missing
    skipped: int = 0  # entries with neither link nor id


def parse_feed(content: bytes, url: str, content_type: str = "") -> ParsedFeed:
    # Blank lines before "<?xml" (a template's stray newline) make the XML malformed;
    # feed readers skip them, and so do we.
    content = content.lstrip(b" \t\r\n") if content.lstrip(b" \t\r\n")[:1] == b"<" \
        else content
    head = content[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"{") or ("json" in content_type and not head.startswith(b"<")):
        return _parse_json_feed(content, url)
    # Servers often label feeds text/html or text/plain; only an XML media type is worth
    # passing on (for its charset), else feedparser reads the XML declaration itself.
    # No content-location: feedparser would resolve relative item links against the feed's
    # address, where feed readers use xml:base or the channel's <link> (_absolute below).
    headers = {"content-type": content_type} if "xml" in content_type else {}
    # A file object, never bytes: feedparser.parse treats a str or bytes argument that
    # looks like a path or URL as one to open, so a publisher's body "/etc/passwd" would
    # have that file read.
    parsed = feedparser.parse(io.BytesIO(content), response_headers=headers)
    # .get: feedparser leaves `version` unset for an empty body, and attribute access
    # would raise AttributeError instead of the ParseError callers handle.
    if not parsed.get("version") and not parsed.entries:
        if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
            raise ParseError("not a feed: the address returned an HTML page")
        reason = parsed.get("bozo_exception") or "no feed elements found"
        raise ParseError(f"not a feed: {reason}")
    feed = parsed.feed
    # Relative item links are relative to the site (channel <link>), itself perhaps
    # relative to the feed's address.
    channel = clean(feed.get("link", ""))
    site = _web_url(channel, url) if channel else ""
    items, skipped = [], 0
    atom = parsed.get("version", "").startswith("atom")
    described = _video_descriptions(content) if any(
        e.get("yt_videoid") for e in parsed.entries) else {}
    for entry in parsed.entries:
        item = _entry_to_item(entry, atom, described)
        item = item and _with_links(item, site, url)
        if item is None:
            skipped += 1
        else:
            items.append(item)
    items = _distinct_ids(items)
    warning, truncated = "", False
    if parsed.bozo and not isinstance(parsed.bozo_exception, feedparser.CharacterEncodingOverride):
        warning = f"malformed feed ({parsed.bozo_exception}); {len(items)} entries recovered"
        if not items:
            raise ParseError(f"malformed feed: {parsed.bozo_exception}")
        # A stray entity or a bad byte in a complete document loses nothing; a document
        # cut short may have lost entries, and that is a failure to look at.
        truncated = not _COMPLETE.search(content[-512:])
    return ParsedFeed(
        title=_text(feed.get("title", ""), feed.get("title_detail"), declared_html=atom),
        link=site,
        items=items,
        warning=warning,
        truncated=truncated,
        skipped=skipped,
    )


_COMPLETE = re.compile(rb"</(rss|feed|rdf:rdf)>\s*$", re.I)
# Characters XML 1.0 cannot carry (C0 controls but tab and newlines, DEL..., lone
# surrogates, U+FFFE/FFFF): one in a title would make the site's own feeds unserializable.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def clean(value) -> str:
    """A publisher's string without the characters no page or feed of ours can carry."""
    return _ILLEGAL.sub("", value if isinstance(value, str) else str(value or ""))


def is_web_url(url: str) -> bool:
    """Only http(s) addresses become links: a feed's `javascript:` or `data:` link
    would run script on our origin when a reader clicks "Source link"."""
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _web_url(value: str, base: str) -> str:
    # Browsers drop tabs and newlines inside a URL ("java\tscript:"); so do we, first.
    url = urljoin(base, re.sub(r"[\t\n\r]", "", value).strip())
    return url if is_web_url(url) else ""


def _distinct_ids(items: list[FeedItem]) -> list[FeedItem]:
    """Entries without ids of their own that share one link (a news page listing every
    announcement) are told apart by their headlines: their id is the link and the title,
    or every one after the first would be taken for the first."""
    titles: dict[str, set[str]] = {}
    for item in items:
        titles.setdefault(item.guid, set()).add(item.title)
    return [replace(item, guid=f"{item.guid} {item.title}") if len(titles[item.guid]) > 1
            else item for item in items]


def _with_links(item: FeedItem, site: str, feed_url: str) -> FeedItem | None:
    """The item's links made absolute against the site, and kept only if http(s). An
    item with no web address of its own (no link, and an id that is none)
    points readers to the site's home page, or, where the feed names none, is skipped.
    An id is an address only when it is a whole one ("1" is no page of the site)."""
    url = (_web_url(item.url, site or feed_url) if item.url else "") or _web_url(item.guid, "")
    own_page = bool(url)
    if not url and not item.url and site:  # no link at all: the site's stands in
        url = site
    if not url:
        return None
    return replace(item, url=url, own_page=own_page,
                   image=_web_url(item.image, url) if item.image else "")


def _text(value: str, detail=None, *, declared_html: bool = False) -> str:
    """A title as plain text. The XML parser has decoded entities once; that is the one
    decode for RSS and JSON titles, which are text ("Tom &amp;amp; Jerry" in the XML reads
    "Tom &amp; Jerry"). Only an Atom title declared type="html"/"xhtml" is markup, whose
    tags go and whose entities decode once."""
    if declared_html and detail is not None and detail.get("type") != "text/plain":
        value = html.unescape(strip_tags(value, ""))
    return " ".join(clean(value).split())


def paragraphs(text: str) -> str:
    """Plain text as HTML paragraphs (a blank line between paragraphs), escaped once."""
    return "".join(f"<p>{html.escape(p.strip())}</p>" for p in text.split("\n\n")
                   if p.strip())


def _html(value: str, detail=None) -> str:
    """Entry content as HTML: a text/plain construct is escaped, not trusted as markup."""
    value = clean(value)
    if detail is not None and detail.get("type") == "text/plain":
        return paragraphs(value)
    return value


def _when(struct) -> datetime | None:
    if not struct:
        return None
    return datetime.fromtimestamp(calendar.timegm(struct), tz=UTC)


_MEDIA = "{http://search.yahoo.com/mrss/}"
_YT = "{http://www.youtube.com/xml/schemas/2015}"


def _video_descriptions(content: bytes) -> dict[str, str]:
    """{video id: description} read from the XML itself. YouTube's media:description is
    plain text, and feedparser hands it over either decoded ("Q&A") or still escaped
    ("Q&amp;A", when it has line breaks), so no one rule could escape it exactly once."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)
    try:
        root = etree.parse(io.BytesIO(content), parser).getroot()
    except etree.LxmlError:
        return {}
    found = {}
    for entry in () if root is None else root.iter("{http://www.w3.org/2005/Atom}entry"):
        video = entry.findtext(f"{_YT}videoId") or ""
        text = entry.findtext(f"{_MEDIA}group/{_MEDIA}description")
        if video and text is not None:
            found[video.strip()] = text
    return found


def _entry_to_item(entry, atom: bool, described: dict[str, str]) -> FeedItem | None:
    link = clean(entry.get("link", ""))
    title = _text(entry.get("title", ""), entry.get("title_detail"), declared_html=atom)
    # No id and no link: the headline is all that tells this entry from the others.
    guid = clean(entry.get("id") or link) or (f"title:{title}" if title else "")
    if not guid:
        return None
    summary = _html(entry.get("summary", ""), entry.get("summary_detail"))
    contents = [_html(c.get("value", ""), c) for c in entry.get("content", [])]
    content = max(contents, key=len, default="")
    if content == summary:
        summary = ""
    video_url = ""
    if video_id := re.sub(r"[^\w-]", "", clean(entry.get("yt_videoid", ""))):
        video_url = quirks.YOUTUBE_PLAYER.format(video_id=video_id)
        description = described.get(entry.get("yt_videoid", "").strip())
        if description is None:  # not found in the XML: feedparser's own reading, as HTML
            description = html.unescape(entry.get("media_description")
                                        or entry.get("summary", ""))
        summary = paragraphs(clean(description))
        content = ""
    elif quirks.is_self_post_host(link) and content:
        link, content = _reddit(link, content)
    image = ""
    for media in [*entry.get("media_thumbnail", []), *entry.get("media_content", [])]:
        if media.get("url"):
            image = clean(media["url"])
            break
    if not image:
        for enc in entry.get("enclosures", []):
            if enc.get("type", "").startswith("image/") and enc.get("href"):
                image = clean(enc["href"])
                break
    tags = tuple(_text(t.get("term")) for t in entry.get("tags", []) if _text(t.get("term")))
    return FeedItem(
        guid=guid,
        url=link,
        title=title,
        summary_html=summary,
        content_html=content,
        author=_byline(entry),
        # dict.get: feedparser's own get() maps a missing "updated" to "published", with a
        # deprecation warning; we want to know which of the two the feed gave.
        published=_when(dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")),
        updated=_when(dict.get(entry, "updated_parsed")),
        image=image,
        tags=tags,
        video_url=video_url,
    )


_EMAIL = re.compile(r"<?[^\s<>()]+@[^\s<>()]+>?")
_IN_BRACKETS = re.compile(r"\(([^()]+)\)")


def _byline(entry) -> str:
    """The writer's name: RSS writes `<author>jane@example.com (Jane Doe)</author>`, and an
    address is no byline (nor something to publish). feedparser's own split of the two
    cuts addresses at unusual domains ("…@site.exam" + "ple (Jane"), so it is done here."""
    author = _text(entry.get("author", ""))
    if "@" not in author:
        return author
    if m := _IN_BRACKETS.search(author):
        author = m.group(1)
    return " ".join(_EMAIL.sub(" ", author).split()).strip(" ,;")


_REDDIT_LINK = re.compile(r'<a href="([^"]+)">\[link\]</a>')
_REDDIT_BODY = re.compile(r'<div class="md">(.*?)</div>\s*<!-- SC_ON -->', re.S)


def _reddit(comments_url: str, content: str) -> tuple[str, str]:
    """Reddit wraps every entry in a 'submitted by … [link] [comments]' table. A link post's
    [link] leads off-site: that is the article. A self post keeps its text as the body."""
    target = m.group(1) if (m := _REDDIT_LINK.search(content)) else comments_url
    target = html.unescape(target)
    body = m.group(1).strip() if (m := _REDDIT_BODY.search(content)) else ""
    if not quirks.is_self_post_host(target):
        return target, body
    return comments_url, body


def _parse_json_feed(content: bytes, url: str) -> ParsedFeed:
    try:
        doc = json.loads(content)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ParseError(f"malformed JSON Feed: {exc}") from exc
    if not isinstance(doc, dict) or "jsonfeed.org" not in str(doc.get("version", "")):
        raise ParseError("not a feed: JSON without a jsonfeed.org version")
    raw_items = doc.get("items") or []
    if not isinstance(raw_items, list):  # iterating a number would raise TypeError
        raise ParseError("malformed JSON Feed: items is not a list")
    items = []
    for raw in raw_items:
        try:
            items.append(_json_item(raw))
        except (TypeError, ValueError, AttributeError, KeyError):
            pass  # counted as skipped below
    home = clean(doc.get("home_page_url") or "")
    site = _web_url(home, url) if home else ""
    items = [item for item in (_with_links(i, site, url) for i in items) if item is not None]
    return ParsedFeed(title=_text(doc.get("title", "")), link=site,
                      items=items, skipped=len(raw_items) - len(items))


def _json_item(raw: dict) -> FeedItem:
    link = clean(raw.get("url") or raw.get("external_url") or "")
    guid = clean(raw.get("id") or link)
    if not (link or guid):
        raise ValueError("item without id or url")
    authors = raw.get("authors") or ([raw["author"]] if raw.get("author") else [])
    content = clean(raw.get("content_html") or "")
    if not content and raw.get("content_text"):
        content = paragraphs(clean(raw["content_text"]))
    summary = paragraphs(clean(raw["summary"])) if raw.get("summary") else ""
    return FeedItem(
        guid=guid,
        url=link,
        title=_text(raw.get("title", "")),
        summary_html=summary,
        content_html=content,
        author=_text(", ".join(str(a.get("name", "")) for a in authors
                               if isinstance(a, dict))),
        published=iso_date(raw.get("date_published")),
        updated=iso_date(raw.get("date_modified")),
        image=clean(raw.get("image") or raw.get("banner_image") or ""),
        tags=tuple(_text(t) for t in raw.get("tags") or [] if _text(t)),
    )
