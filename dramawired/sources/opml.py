"""OPML in and out: the format every feed reader exchanges subscription lists in.
Folders are categories: a feed inside a folder named like one of ours files under it."""

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from xml.sax.saxutils import quoteattr

from django.db import transaction

from dramawired.news.models import Category

from .models import Source, guess_kind


class OPMLError(Exception):
    pass


@dataclass
class ImportResult:
    created: list[Source]
    skipped: int  # already subscribed
    invalid: list[str] = field(default_factory=list)  # xmlUrl values that are no web address


def import_opml(data: bytes) -> ImportResult:
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise OPMLError(f"not valid OPML: {exc}") from exc
    if root.tag != "opml" or root.find("body") is None:
        raise OPMLError("not valid OPML: no <opml><body>")
    categories = {c.name.casefold(): c for c in Category.objects.all()}
    created, skipped, invalid = [], 0, []
    with transaction.atomic():
        for outline, folders in _feeds(root.find("body"), ()):
            url = outline.get("xmlUrl", "").strip()
            if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc \
                    or len(url) > 1000:
                invalid.append(url)
                continue
            if Source.objects.filter(feed_url=url).exists():
                skipped += 1
                continue
            name = _free_name(outline.get("title") or outline.get("text") or url)
            created.append(Source.objects.create(
                name=name,
                feed_url=url,
                site_url=outline.get("htmlUrl", "")[:1000],
                kind=guess_kind(url),
                default_category=next((categories[f.casefold()] for f in reversed(folders)
                                       if f.casefold() in categories), None),
            ))
    return ImportResult(created, skipped, invalid)


def _feeds(node, folders: tuple[str, ...]):
    """(feed outline, names of the folders around it, outermost first). All are kept: a
    feed in Movie/Reviews is inside the Movie folder, so the innermost category wins."""
    for outline in node.findall("outline"):
        if outline.get("xmlUrl") is not None:  # a feed, even with a blank address
            yield outline, folders
        else:
            name = outline.get("title") or outline.get("text") or ""
            yield from _feeds(outline, (*folders, name) if name else folders)


def _free_name(name: str) -> str:
    name = name[:190]
    candidate, n = name, 1
    while Source.objects.filter(name=candidate).exists():
        n += 1
        candidate = f"{name} ({n})"
    return candidate


def export_opml() -> str:
    folders: dict[str, list[Source]] = {}
    for source in Source.objects.select_related("default_category").order_by("name"):
        key = source.default_category.name if source.default_category_id else ""
        folders.setdefault(key, []).append(source)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<opml version="2.0">',
             "<head><title>DramaWired sources</title></head>", "<body>"]
    for folder, sources in sorted(folders.items()):
        indent = "  " if folder else ""
        if folder:
            lines.append(f"<outline text={quoteattr(folder)} title={quoteattr(folder)}>")
        for s in sources:
            lines.append(f'{indent}<outline type="rss" text={quoteattr(s.name)} '
                         f"title={quoteattr(s.name)} xmlUrl={quoteattr(s.feed_url)} "
                         f"htmlUrl={quoteattr(s.site_url)}/>")
        if folder:
            lines.append("</outline>")
    lines += ["</body>", "</opml>"]
    return "\n".join(lines) + "\n"
