"""Stage 2: turn a feed document into FeedItems.

RSS 0.9x/1.0/2.0 and Atom go through feedparser; JSON Feed is plain JSON. YouTube entries
carry an embeddable player; Reddit entries keep the post body, and link posts point at the
linked article rather than the comments page. A malformed feed still yields the entries
that parsed (a warning says what was wrong); a document that is no feed is an error.
"""

import calendar
import html
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

import feedparser

from .items import FeedItem

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
    head = content[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"{") or ("json" in content_type and not head.startswith(b"<")):
        return _parse_json_feed(content, url)
    # Servers often label feeds text/html or text/plain; only an XML media type is worth
    # passing on (for its charset), else feedparser reads the XML declaration itself.
    headers = {"content-location": url}
    if "xml" in content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(content, response_headers=headers)
    # .get: feedparser leaves `version` unset for an empty body, and attribute access
    # would raise AttributeError instead of the ParseError callers handle.
    if not parsed.get("version") and not parsed.entries:
        if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
            raise ParseError("not a feed: the address returned an HTML page")
        reason = parsed.get("bozo_exception") or "no feed elements found"
        raise ParseError(f"not a feed: {reason}")
    items, skipped = [], 0
    atom = parsed.get("version", "").startswith("atom")
    for entry in parsed.entries:
        item = _entry_to_item(entry, atom)
        if item is None:
            skipped += 1
        else:
            items.append(item)
    warning, truncated = "", False
    if parsed.bozo and not isinstance(parsed.bozo_exception, feedparser.CharacterEncodingOverride):
        warning = f"malformed feed ({parsed.bozo_exception}); {len(items)} entries recovered"
        if not items:
            raise ParseError(f"malformed feed: {parsed.bozo_exception}")
        # A stray entity or a bad byte in a complete document loses nothing; a document
        # cut short may have lost entries, and that is a failure to look at.
        truncated = not _COMPLETE.search(content[-512:])
    feed = parsed.feed
    return ParsedFeed(
        title=_text(feed.get("title", ""), feed.get("title_detail"), declared_html=atom),
        link=feed.get("link", ""),
        items=items,
        warning=warning,
        truncated=truncated,
        skipped=skipped,
    )


_COMPLETE = re.compile(rb"</(rss|feed|rdf:rdf)>\s*$", re.I)


def _text(value: str, detail=None, *, declared_html: bool = False) -> str:
    """A title as plain text. The XML parser has decoded entities once; that is the one
    decode for RSS and JSON titles, which are text ("Tom &amp;amp; Jerry" in the XML reads
    "Tom &amp; Jerry"). Only an Atom title declared type="html"/"xhtml" is markup, whose
    tags go and whose entities decode once."""
    if declared_html and detail is not None and detail.get("type") != "text/plain":
        value = html.unescape(re.sub(r"<[^>]+>", "", value))
    return " ".join(value.split())


def _html(value: str, detail=None) -> str:
    """Entry content as HTML: a text/plain construct is escaped, not trusted as markup."""
    if detail is not None and detail.get("type") == "text/plain":
        return "".join(f"<p>{html.escape(p)}</p>" for p in value.split("\n\n") if p.strip())
    return value


def _when(struct) -> datetime | None:
    if not struct:
        return None
    return datetime.fromtimestamp(calendar.timegm(struct), tz=UTC)


def _entry_to_item(entry, atom: bool) -> FeedItem | None:
    link = entry.get("link", "")
    guid = entry.get("id") or link
    if not (link or guid):
        return None
    summary = _html(entry.get("summary", ""), entry.get("summary_detail"))
    contents = [_html(c.get("value", ""), c) for c in entry.get("content", [])]
    content = max(contents, key=len, default="")
    if content == summary:
        summary = ""
    video_url = ""
    if video_id := entry.get("yt_videoid"):
        video_url = f"https://www.youtube-nocookie.com/embed/{video_id}"
        summary = entry.get("media_description", "") or summary
        summary = "".join(f"<p>{html.escape(p)}</p>" for p in summary.split("\n\n") if p)
        content = ""
    elif "reddit.com" in link and content:
        link, content = _reddit(link, content)
    image = ""
    for media in [*entry.get("media_thumbnail", []), *entry.get("media_content", [])]:
        if media.get("url"):
            image = media["url"]
            break
    if not image:
        for enc in entry.get("enclosures", []):
            if enc.get("type", "").startswith("image/") and enc.get("href"):
                image = enc["href"]
                break
    tags = tuple(t["term"].strip() for t in entry.get("tags", []) if t.get("term", "").strip())
    return FeedItem(
        guid=guid,
        url=link or guid,
        title=_text(entry.get("title", ""), entry.get("title_detail"), declared_html=atom),
        summary_html=summary,
        content_html=content,
        author=entry.get("author", ""),
        # dict.get: feedparser's own get() maps a missing "updated" to "published", with a
        # deprecation warning; we want to know which of the two the feed gave.
        published=_when(dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")),
        updated=_when(dict.get(entry, "updated_parsed")),
        image=image,
        tags=tags,
        video_url=video_url,
    )


_REDDIT_LINK = re.compile(r'<a href="([^"]+)">\[link\]</a>')
_REDDIT_BODY = re.compile(r'<div class="md">(.*?)</div>\s*<!-- SC_ON -->', re.S)


def _reddit(comments_url: str, content: str) -> tuple[str, str]:
    """Reddit wraps every entry in a 'submitted by … [link] [comments]' table. A link post's
    [link] leads off-site: that is the article. A self post keeps its text as the body."""
    target = m.group(1) if (m := _REDDIT_LINK.search(content)) else comments_url
    target = html.unescape(target)
    body = m.group(1).strip() if (m := _REDDIT_BODY.search(content)) else ""
    if "reddit.com" not in target:
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
    items, skipped = [], 0
    for raw in raw_items:
        try:
            items.append(_json_item(raw))
        except (TypeError, ValueError, AttributeError, KeyError):
            skipped += 1
    return ParsedFeed(title=doc.get("title", ""), link=doc.get("home_page_url", ""),
                      items=items, skipped=skipped)


def _json_date(value) -> datetime | None:
    try:
        when = datetime.fromisoformat(str(value or "").replace("Z", "+00:00"))
    except ValueError:
        return None  # an unreadable date leaves the item undated, not lost
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _json_item(raw: dict) -> FeedItem:
    link = raw.get("url") or raw.get("external_url") or ""
    guid = str(raw.get("id") or link)
    if not (link or guid):
        raise ValueError("item without id or url")
    authors = raw.get("authors") or ([raw["author"]] if raw.get("author") else [])
    content = raw.get("content_html") or ""
    if not content and raw.get("content_text"):
        content = "".join(f"<p>{html.escape(p)}</p>" for p in raw["content_text"].split("\n\n"))
    summary = html.escape(raw["summary"]) if raw.get("summary") else ""
    return FeedItem(
        guid=guid,
        url=link or guid,
        title=" ".join(str(raw.get("title", "")).split()),
        summary_html=summary,
        content_html=content,
        author=", ".join(a.get("name", "") for a in authors if isinstance(a, dict)),
        published=_json_date(raw.get("date_published")),
        updated=_json_date(raw.get("date_modified")),
        image=raw.get("image") or raw.get("banner_image") or "",
        tags=tuple(str(t) for t in raw.get("tags") or []),
    )
