"""The old site's addresses, kept: each is written as an OldAddress leading to what it
shows now, and found again (one indexed query) when our own URLs have nothing there.

Only addresses our site would not answer are written: where ours already shows the same
thing (a category with the same slug) nothing is needed, and where ours shows something
else (a post of ours took the slug) ours wins; the summary counts those."""

import re
from urllib.parse import unquote, urlsplit

from django.urls import Resolver404, resolve

from dramawired.news.models import Author, Category, Post, Tag

from .models import OldAddress, SitePage, address_key

# Suffixes WordPress adds to any archive or post address: the feed of it, a page of it.
_FEED = re.compile(r"^(?P<base>.*?/)(?:feed/?(?:rss2?|atom|rdf)?/?|comments/feed/?)$")
_PAGED = re.compile(r"^(?P<base>.*?/)page/(?P<n>\d+)/?$")
# Addresses WordPress answers on any site, with ours, needing no row.
_PLAIN = {"/feed/rss2": "/feed/", "/feed/rss": "/feed/", "/feed/rdf": "/feed/",
          "/rss": "/feed/", "/comments/feed": "/feed/", "/wp-login.php": "/accounts/login/"}
LISTINGS = ("category", "tag", "author")


def path_of(url: str) -> str:
    """The path of an address of the old site ("" for none), with its query."""
    parts = urlsplit(url.strip())
    path = unquote(parts.path or "/")
    return path + (f"?{parts.query}" if parts.query else "")


def ours_answers(path: str) -> bool:
    """Would our site show a page of its own at `path` (so an old address there is not
    ours to redirect)?"""
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return False
    slug = match.kwargs.get("slug")
    model = {"article": Post, "category": Category, "tag": Tag, "author": Author}.get(
        match.url_name)
    if model is None:
        return match.url_name is not None and slug is None  # home, search, feeds…
    return model.objects.filter(slug=slug).exists()


class Redirects:
    """Writes an import's old addresses, counting what it wrote and what ours kept."""

    def __init__(self, summary):
        self.summary = summary

    def add(self, paths, target) -> int:
        """Write `paths` as leading to `target` (a Post, SitePage, Category, Tag, Author
        or a URL string); an address that is already the target's own is left out."""
        fields = {"url": target} if isinstance(target, str) else {
            {Post: "post", SitePage: "page", Category: "category", Tag: "tag",
             Author: "author"}[type(target)]: target}
        own = target if isinstance(target, str) else target.get_absolute_url()
        rows, seen = [], set()
        for path in paths:
            if not path or address_key(path) == address_key(own) or path in seen:
                continue
            seen.add(path)
            if "?" not in path and ours_answers(path):
                self.summary.skip("old address shows one of our own pages (kept ours)", path)
                continue
            rows.append(OldAddress(key=address_key(path), path=path[:2000], **{
                "post": None, "page": None, "category": None, "tag": None, "author": None,
                "url": "", **fields}))
        if rows:
            OldAddress.objects.bulk_create(
                rows, update_conflicts=True, unique_fields=["key"],
                update_fields=["path", "post", "page", "category", "tag", "author", "url"])
        self.summary.made["redirects"] += len(rows)
        return len(rows)


def _found(keys: list[str]) -> dict[str, OldAddress]:
    rows = OldAddress.objects.filter(key__in=keys).select_related(
        "post", "page", "category", "tag", "author")
    return {row.key: row for row in rows}


def redirect_for(path: str, query: str = "") -> str | None:
    """Where an old address leads now, or None. One indexed query (none for the forms
    every WordPress site has)."""
    bare = unquote(path).lower().rstrip("/") or "/"
    if bare in _PLAIN:
        return _PLAIN[bare]
    if m := re.fullmatch(r"/page/(\d+)", bare):
        return f"/?page={m.group(1)}"
    wanted = {address_key(path + f"?{query}"): ""} if query else {}
    wanted[address_key(path)] = ""
    if m := _FEED.match(path):
        wanted.setdefault(address_key(m.group("base")), "feed/")
    if m := _PAGED.match(path):
        wanted.setdefault(address_key(m.group("base")), f"?page={m.group('n')}")
    rows = _found(list(wanted))
    for key, suffix in wanted.items():
        if (row := rows.get(key)) and (target := row.target()):
            if not (row.category_id or row.tag_id or row.author_id):
                suffix = ""  # a post's comment feed or page 2: the post itself
            return target + suffix
    return None
