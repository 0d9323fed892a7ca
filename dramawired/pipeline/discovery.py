"""Find the feed behind a site: the address itself if it is a feed, else the page's
<link rel="alternate"> feed links (RSS, Atom or JSON Feed, the first one listed)."""

from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin

from dramawired.pipeline.fetch import fetch
from dramawired.pipeline.parse import ParseError, parse_feed

FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/feed+json",
              "application/json", "application/rdf+xml", "text/xml", "application/xml"}


class DiscoveryError(Exception):
    pass


@dataclass(frozen=True)
class Discovered:
    feed_url: str
    title: str
    site_url: str


class _AlternateLinks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str]] = []  # (href, title)
        self.page_title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        rel = (a.get("rel") or "").lower().split()
        if tag == "link" and "alternate" in rel and (a.get("type") or "").lower() in FEED_TYPES:
            if a.get("href"):
                self.links.append((a["href"], a.get("title") or ""))
        self._in_title = tag == "title"

    def handle_data(self, data):
        if self._in_title and not self.page_title:
            self.page_title = data.strip()

    def handle_endtag(self, tag):
        self._in_title = False


def discover(url: str, client, policy) -> Discovered:
    response = fetch(url, client, policy)
    try:
        feed = parse_feed(response.content, response.url, response.content_type)
        return Discovered(response.url, feed.title, feed.link)
    except ParseError:
        pass
    finder = _AlternateLinks()
    finder.feed(response.text)
    if not finder.links:
        raise DiscoveryError(f"no feed found at {url}: it is not a feed and its page "
                             "links to none (<link rel=\"alternate\">)")
    feed_url = urljoin(response.url, finder.links[0][0])
    feed_response = fetch(feed_url, client, policy)
    try:
        feed = parse_feed(feed_response.content, feed_response.url,
                          feed_response.content_type)
    except ParseError as exc:
        raise DiscoveryError(
            f"{feed_url} (linked from {url}) is not a usable feed: {exc}") from exc
    return Discovered(feed_response.url, feed.title or finder.page_title, response.url)
