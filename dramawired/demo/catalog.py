"""The demo publishers: fictional outlets and the articles they publish (our own writing,
in articles/<outlet>/<slug>.html, see articles/FORMAT.md)."""

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

ARTICLES_DIR = Path(__file__).parent / "articles"


@dataclass(frozen=True)
class Outlet:
    slug: str
    name: str
    category: str  # the OPML folder it is filed under
    feed_format: str  # rss2, atom, json, rss1, youtube, reddit
    full_content: bool  # the feed carries whole stories, not excerpts
    layout: str  # which page chrome its article pages wear
    encoding: str = "utf-8"
    tracking: bool = False  # its feed links carry utm_ parameters


OUTLETS = [
    Outlet("starlight-daily", "Starlight Daily", "Celebrity", "rss2", False, "magazine",
           encoding="windows-1252", tracking=True),
    Outlet("tea-kettle", "The Tea Kettle", "Gossip", "rss2", False, "blog"),
    Outlet("reel-report", "The Reel Report", "Movie", "atom", True, "broadsheet"),
    Outlet("channel-surf", "Channel Surf", "TV", "json", False, "magazine"),
    Outlet("backbeat-wire", "Backbeat Wire", "Music", "rss2", True, "blog"),
    Outlet("panel-page", "Panel & Page", "Comics", "rss1", False, "broadsheet"),
    Outlet("fan-vault", "Fan Vault", "Shop", "atom", False, "magazine"),
    Outlet("dramacam", "DramaCam", "DramaAlert", "youtube", False, "video"),
    Outlet("r-popdrama", "r/PopDrama", "Gossip", "reddit", False, "forum"),
]
BY_SLUG = {o.slug: o for o in OUTLETS}


def set_source_kinds(base_url: str) -> None:
    """What an editor picks in the admin for the video channel and the forum: their demo
    addresses are on 127.0.0.1, where the kind cannot be told from the URL as it is for
    youtube.com and reddit.com feeds."""
    from dramawired.sources.models import Source

    for outlet in OUTLETS:
        if outlet.feed_format in (Source.Kind.YOUTUBE, Source.Kind.REDDIT):
            Source.objects.filter(feed_url=f"{base_url}/{outlet.slug}/feed").update(
                kind=outlet.feed_format)


@dataclass(frozen=True)
class DemoArticle:
    outlet: Outlet
    slug: str
    title: str
    author: str
    published: datetime
    category: str
    summary: str
    image_alt: str
    body: str  # HTML fragment
    video: str = ""
    link: str = ""  # "<outlet>/<slug>" of the article a link post points at
    original: "DemoArticle | None" = None  # set on a syndicated copy
    edition: int = 1  # 2, 3… when release mode reposts it (release.py)

    @property
    def path(self) -> str:
        if self.outlet.feed_format == "youtube":
            return f"/{self.outlet.slug}/watch?v={self.video}"
        return f"/{self.outlet.slug}/{self.slug}/"

    @property
    def image_path(self) -> str:
        return f"/images/{self.outlet.slug}/{self.slug}.svg"


def parse_article(outlet: Outlet, path: Path) -> tuple[DemoArticle, str]:
    text = path.read_text(encoding="utf-8")
    head, sep, body = text.partition("\n---\n")
    if not sep:
        raise ValueError(f"{path}: no '---' line between header and body")
    fields = {}
    for line in head.splitlines():
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    return DemoArticle(
        outlet=outlet,
        slug=path.stem,
        title=fields["title"],
        author=fields.get("author", ""),
        published=datetime.strptime(fields["published"], "%Y-%m-%d %H:%M").replace(tzinfo=UTC),
        category=fields["category"],
        summary=fields.get("summary", ""),
        image_alt=fields.get("image", ""),
        body=body.strip(),
        video=fields.get("video", ""),
        link=fields.get("link", ""),
    ), fields.get("syndicate", "")


@cache
def articles() -> dict[str, list[DemoArticle]]:
    """Every outlet's articles, newest first; wire copies included in the outlet that
    republished them."""
    by_outlet: dict[str, list[DemoArticle]] = {o.slug: [] for o in OUTLETS}
    for outlet in OUTLETS:
        for path in sorted((ARTICLES_DIR / outlet.slug).glob("*.html")):
            article, syndicate = parse_article(outlet, path)
            by_outlet[outlet.slug].append(article)
            if syndicate:
                copy = DemoArticle(**{**article.__dict__, "outlet": BY_SLUG[syndicate],
                                      "original": article})
                by_outlet[syndicate].append(copy)
    for items in by_outlet.values():
        items.sort(key=lambda a: a.published, reverse=True)
    return by_outlet


def find(outlet_slug: str, slug: str) -> DemoArticle | None:
    for article in articles().get(outlet_slug, []):
        if article.slug == slug:
            return article
    return None


class Shelf:
    """What the publishers have out. This one is the whole catalogue at once (the default);
    release.py's holds part of it back and brings it out over time."""

    def items(self, outlet_slug: str) -> list[DemoArticle]:
        """The outlet's articles out now, newest first (its feed and home page)."""
        return articles()[outlet_slug]

    def find(self, outlet_slug: str, slug: str) -> DemoArticle | None:
        return find(outlet_slug, slug)

    def find_video(self, outlet_slug: str, video: str) -> DemoArticle | None:
        return next((a for a in articles()[outlet_slug] if a.video == video), None)


EVERYTHING = Shelf()
