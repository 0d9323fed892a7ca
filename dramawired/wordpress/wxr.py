"""Read a WordPress export (WXR 1.0–1.2, self-hosted or WordPress.com) as a stream.

A WXR file is RSS 2.0 with WordPress's namespaces: the channel names the site, its
authors (`wp:author`, from 1.1), categories, tags and other terms, then one `<item>` per
post, page, attachment or menu entry, each with its meta and comments. Each record is
yielded as a plain dataclass as soon as its element ends, and the element is cleared with
what came before it: memory stays at one item's size however large the file is.

A file cut short or malformed raises WxrError after every record read before the break
was yielded: the caller keeps those.
"""

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from lxml import etree

# Namespaces by what they start with: WXR 1.0, 1.1 and 1.2 each have their own wp: URI
# (http://wordpress.org/export/1.2/, …/excerpt/), and WordPress.com writes the same ones.
PREFIXES = (
    ("http://wordpress.org/export/", "wp"),
    ("https://wordpress.org/export/", "wp"),
    ("http://purl.org/rss/1.0/modules/content/", "content"),
    ("http://purl.org/dc/elements/1.1/", "dc"),
)
# Bytes XML 1.0 cannot carry (C0 controls but tab, LF, CR): WordPress exports them
# verbatim from pasted text, and one of them would end the parse. In UTF-8 these bytes
# are never part of a longer character, so dropping them from the byte stream is safe.
INVALID_BYTES = bytes(b for b in range(32) if b not in (9, 10, 13))
CHUNK = 1 << 16


class WxrError(Exception):
    """The file could not be read on (the message says where and why)."""


@dataclass
class Site:
    title: str = ""
    link: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""
    wxr_version: str = ""
    generator: str = ""


@dataclass
class Author:
    login: str
    display_name: str = ""
    email: str = ""
    first_name: str = ""
    last_name: str = ""
    wp_id: int | None = None


@dataclass
class Term:
    taxonomy: str  # "category", "post_tag", or any other (nav_menu, post_format…)
    slug: str
    name: str
    parent: str = ""  # the parent's slug
    description: str = ""
    wp_id: int | None = None


@dataclass
class Comment:
    wp_id: int
    author: str = ""
    email: str = ""
    url: str = ""
    ip: str = ""
    date: datetime | None = None
    content: str = ""
    approved: str = "1"  # "1", "0", "spam", "trash"
    type: str = ""  # "" or "comment"; "pingback", "trackback"…
    parent: int = 0


@dataclass
class ItemTerm:
    domain: str  # "category", "post_tag" ("tag" in WXR 1.0), "post_format"…
    slug: str
    name: str


@dataclass
class Item:
    wp_id: int
    post_type: str = "post"
    title: str = ""  # entities decoded once (see clean_title)
    link: str = ""
    guid: str = ""
    creator: str = ""  # the author's login
    content: str = ""
    excerpt: str = ""
    date: datetime | None = None  # in UTC: the GMT date when given
    local_date: str = ""  # "2024-05-17" on the site's clock: what its addresses show
    slug: str = ""
    status: str = "publish"
    parent: int = 0
    menu_order: int = 0
    sticky: bool = False
    password: str = ""  # a password-protected post's password
    attachment_url: str = ""
    terms: list[ItemTerm] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)  # the first value of each key
    comments: list[Comment] = field(default_factory=list)


# Inline markup a title may carry ("Title <em>With</em> Markup"): the old site drew it, we
# show titles as text. Only these tags: "I <3 NY" is text.
_TITLE_MARKUP = re.compile(r"</?(?:em|strong|b|i|u|s|del|ins|sup|sub|small|mark|code|abbr|span"
                           r"|br|a)\b[^<>]*>", re.I)


def clean_title(text: str) -> str:
    """A title as WordPress stores it is HTML text ("Tom &amp; Jerry" shows as "Tom &
    Jerry"): its markup dropped, its entities decoded once, after XML's own. Never twice:
    "&amp;lt;" in the stored title is the four characters "&lt;" on the page."""
    return " ".join(html.unescape(_TITLE_MARKUP.sub("", text)).split())


def _name(tag) -> str:
    """'{http://wordpress.org/export/1.2/}post_id' -> 'wp:post_id'."""
    if not isinstance(tag, str):
        return ""
    if tag[0] != "{":
        return tag
    uri, _, local = tag[1:].partition("}")
    for start, prefix in PREFIXES:
        if uri.startswith(start):
            if prefix == "wp" and uri.rstrip("/").endswith("excerpt"):
                return f"excerpt:{local}"
            return f"{prefix}:{local}"
    return local


def _children(elem) -> dict[str, str]:
    return {_name(child.tag): (child.text or "") for child in elem}


def _int(text: str | None) -> int:
    try:
        return int((text or "").strip())
    except ValueError:
        return 0


def _mysql_date(text: str) -> datetime | None:
    text = (text or "").strip()
    if not text or text.startswith("0000"):
        return None
    try:
        return datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        return None


def parse_date(gmt: str, rfc822: str = "", local: str = "") -> datetime | None:
    """The GMT date when given, else the RSS pubDate, else the site's local date taken as
    UTC. Drafts carry "0000-00-00 00:00:00" and a pubDate in year -1: no date."""
    if found := _mysql_date(gmt):
        return found
    try:
        # "Mon, 30 Nov -0001 00:00:00 +0000" (a draft's) reads as year 2000: refused.
        value = parsedate_to_datetime(rfc822) if re.search(r"\s\d{4}\s", rfc822) else None
    except (TypeError, ValueError, IndexError):
        value = None
    if value is not None and value.year > 1970:
        return value.astimezone(UTC)
    return _mysql_date(local)


def _comment(elem) -> Comment:
    f = _children(elem)
    return Comment(
        wp_id=_int(f.get("wp:comment_id")), author=f.get("wp:comment_author", "").strip(),
        email=f.get("wp:comment_author_email", "").strip(),
        url=f.get("wp:comment_author_url", "").strip(),
        ip=f.get("wp:comment_author_IP", "").strip(),
        date=parse_date(f.get("wp:comment_date_gmt", ""), local=f.get("wp:comment_date", "")),
        content=f.get("wp:comment_content", ""),
        approved=f.get("wp:comment_approved", "1").strip() or "0",
        type=f.get("wp:comment_type", "").strip(), parent=_int(f.get("wp:comment_parent")))


def _item(elem) -> Item:
    f: dict[str, str] = {}
    item = Item(wp_id=0)
    for child in elem:
        name = _name(child.tag)
        if name == "category":
            domain = child.get("domain", "category")
            text = (child.text or "").strip()
            item.terms.append(ItemTerm("post_tag" if domain == "tag" else domain,
                                       child.get("nicename", ""), html.unescape(text)))
        elif name == "wp:postmeta":
            meta = _children(child)
            item.meta.setdefault(meta.get("wp:meta_key", ""), meta.get("wp:meta_value", ""))
        elif name == "wp:comment":
            item.comments.append(_comment(child))
        else:
            f.setdefault(name, child.text or "")
    item.wp_id = _int(f.get("wp:post_id"))
    item.post_type = f.get("wp:post_type", "post").strip() or "post"
    item.title = clean_title(f.get("title", ""))
    item.link = f.get("link", "").strip()
    item.guid = f.get("guid", "").strip()
    item.creator = f.get("dc:creator", "").strip()
    item.content = f.get("content:encoded", "")
    item.excerpt = f.get("excerpt:encoded", "")
    item.date = parse_date(f.get("wp:post_date_gmt", ""), f.get("pubDate", ""),
                           f.get("wp:post_date", ""))
    item.local_date = f.get("wp:post_date", "").strip()[:10].replace("0000-00-00", "")
    item.slug = f.get("wp:post_name", "").strip()
    item.status = f.get("wp:status", "publish").strip() or "publish"
    item.parent = _int(f.get("wp:post_parent"))
    item.menu_order = _int(f.get("wp:menu_order"))
    item.sticky = f.get("wp:is_sticky", "0").strip() == "1"
    item.password = f.get("wp:post_password", "").strip()
    item.attachment_url = f.get("wp:attachment_url", "").strip()
    return item


def _author(elem) -> Author:
    f = _children(elem)
    return Author(login=f.get("wp:author_login", "").strip(),
                  display_name=html.unescape(f.get("wp:author_display_name", "").strip()),
                  email=f.get("wp:author_email", "").strip(),
                  first_name=f.get("wp:author_first_name", "").strip(),
                  last_name=f.get("wp:author_last_name", "").strip(),
                  wp_id=_int(f.get("wp:author_id")) or None)


def _term(elem, kind: str) -> Term:
    f = _children(elem)
    if kind == "wp:category":
        return Term("category", f.get("wp:category_nicename", "").strip(),
                    html.unescape(f.get("wp:cat_name", "").strip()),
                    f.get("wp:category_parent", "").strip(),
                    f.get("wp:category_description", ""), _int(f.get("wp:term_id")) or None)
    if kind == "wp:tag":
        return Term("post_tag", f.get("wp:tag_slug", "").strip(),
                    html.unescape(f.get("wp:tag_name", "").strip()), "",
                    f.get("wp:tag_description", ""), _int(f.get("wp:term_id")) or None)
    return Term(f.get("wp:term_taxonomy", "").strip(), f.get("wp:term_slug", "").strip(),
                html.unescape(f.get("wp:term_name", "").strip()),
                f.get("wp:term_parent", "").strip(), f.get("wp:term_description", ""),
                _int(f.get("wp:term_id")) or None)


class ByteStream:
    """A binary file read through: bytes XML cannot carry dropped, bytes read counted
    (the progress bar's position)."""

    def __init__(self, raw):
        self.raw = raw
        self.position = 0

    def read(self, size: int = CHUNK) -> bytes:
        data = self.raw.read(size if size and size > 0 else CHUNK)
        self.position += len(data)
        return data.translate(None, INVALID_BYTES)


SITE_FIELDS = {"title": "title", "link": "link", "wp:base_site_url": "base_site_url",
               "wp:base_blog_url": "base_blog_url", "wp:wxr_version": "wxr_version",
               "generator": "generator"}
RECORDS = {"item": _item, "wp:author": _author}
TERMS = ("wp:category", "wp:tag", "wp:term")


def read_wxr(stream: ByteStream) -> Iterator[Site | Author | Term | Item]:
    """Records in file order: the Site first (once its header is read), then authors,
    terms and items as each ends. Raises WxrError where the file breaks off."""
    site, site_sent, depth, count = Site(), False, 0, 0
    # huge_tree: one post's body may be larger than libxml2's default 10 MB text limit.
    # resolve_entities and no_network: an export is data, never a way to read our files.
    events = etree.iterparse(stream, events=("start", "end"), huge_tree=True,
                             resolve_entities=False, no_network=True, remove_comments=True,
                             remove_pis=True)
    try:
        for event, elem in events:
            if event == "start":
                depth += 1
                continue
            depth -= 1
            if depth != 2:  # only the channel's children (rss > channel > *)
                continue
            name = _name(elem.tag)
            record = None
            if name in RECORDS:
                record = RECORDS[name](elem)
            elif name in TERMS:
                record = _term(elem, name)
            elif name in SITE_FIELDS and not site_sent:
                setattr(site, SITE_FIELDS[name], (elem.text or "").strip())
            if record is not None:
                if not site_sent:
                    site_sent = True
                    yield site
                count += 1
                yield record
            # What is read is let go: this element's content, and every sibling before it.
            elem.clear(keep_tail=False)
            parent = elem.getparent()
            while parent is not None and elem.getprevious() is not None:
                del parent[0]
    except etree.XMLSyntaxError as exc:
        where = f"line {exc.lineno}" if getattr(exc, "lineno", None) else "its end"
        raise WxrError(f"the file breaks off or is malformed at {where} ({exc.msg}); "
                       f"{count} records read before it") from exc
    if not site_sent:
        if not site.wxr_version and not site.link:
            raise WxrError("not a WordPress export (no wp:wxr_version, no channel)")
        yield site
