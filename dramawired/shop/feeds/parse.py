"""Product feeds as merchants and affiliate networks publish them, read into rows (one
dict per item, field → text): Google Merchant Center's RSS 2.0 and Atom with the `g:`
namespace, and its tab- or comma-separated form (a header row naming the fields).

XML is parsed with no DTD, no entities and no network (lxml): a feed declaring a
DOCTYPE is refused outright, so no entity expansion (billion laughs) or external entity
(XXE) can happen. Bytes are never taken for a path or an address."""

import csv
import io
import re

from lxml import etree

G = "http://base.google.com/ns/1.0"
ATOM = "http://www.w3.org/2005/Atom"
# A field may come several times; the others keep their first value.
MULTI = {"additional_image_link"}
MAX_ROWS = 50_000


class FeedError(Exception):
    """The whole feed cannot be read; the message is fit to show an editor."""


def read_feed(data: bytes) -> list[dict]:
    """The feed's items as rows; each row also has "_where" (item number or line)."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    rows = _xml(data) if head == b"<" else _table(data)
    if len(rows) > MAX_ROWS:
        raise FeedError(f"{len(rows)} items: more than the {MAX_ROWS} a feed may have")
    return rows


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=False, remove_comments=True,
                           remove_pis=True)


def _xml(data: bytes) -> list[dict]:
    if re.search(rb"<!DOCTYPE|<!ENTITY", data[:4096], re.I):
        raise FeedError("the feed declares a DOCTYPE or entities: refused")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise FeedError(f"broken XML: {exc}") from exc
    if root.tag == "rss" or root.tag == "rdf":
        items = root.iter("item")
    elif root.tag == f"{{{ATOM}}}feed":
        items = root.iter(f"{{{ATOM}}}entry")
    else:
        raise FeedError(f"not a product feed: the document is <{etree.QName(root).localname}>")
    return [_item(item, n) for n, item in enumerate(items, start=1)]


def _text(element) -> str:
    return "".join(element.itertext()).strip()


def _item(item, number: int) -> dict:
    row: dict = {"_where": f"item {number}"}
    for child in item:
        if not isinstance(child.tag, str):
            continue
        qname = etree.QName(child)
        name = qname.localname
        if qname.namespace == G:
            if name in MULTI:
                row.setdefault(name, []).append(_text(child))
            else:
                row.setdefault(name, _text(child))
        elif qname.namespace in (None, ATOM):
            # The item's own title, link and description stand in for missing g: fields.
            if name == "link" and child.get("href"):
                row.setdefault("_link", child.get("href", "").strip())
            elif name in ("title", "link", "description", "summary", "content", "id"):
                row.setdefault(f"_{name}", _text(child))
    for field, fallbacks in (("title", ("_title",)), ("link", ("_link",)),
                             ("description", ("_description", "_content", "_summary")),
                             ("id", ("_id",))):
        if not row.get(field):
            row[field] = next((row[f] for f in fallbacks if row.get(f)), "")
    return row


def _table(data: bytes) -> list[dict]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FeedError("the feed is neither XML nor UTF-8 text") from exc
    first = text.split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") >= first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise FeedError("the feed is empty") from None
    names = [h.strip().lower().removeprefix("g:").replace(" ", "_") for h in header]
    if "id" not in names:
        raise FeedError("no 'id' column in the header row: not a product feed")
    rows = []
    try:
        for values in reader:
            if not any(v.strip() for v in values):
                continue
            row: dict = {"_where": f"line {reader.line_num}"}
            for name, value in zip(names, values, strict=False):
                value = value.strip()
                if name in MULTI:
                    row.setdefault(name, []).extend(v.strip() for v in value.split(",")
                                                    if v.strip())
                else:
                    row.setdefault(name, value)
            rows.append(row)
    except csv.Error as exc:
        raise FeedError(f"line {reader.line_num}: {exc}") from exc
    return rows
