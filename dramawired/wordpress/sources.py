"""The Source an imported post's original article came from: one of ours with the same
host (its site or feed address), or a new one created for that host and left disabled
(we know its site, not its feed: an editor adds the feed address before it is polled)."""

from urllib.parse import urlsplit

from dramawired.sources.models import Source


def host_of(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


class SourcesByHost:
    def __init__(self, summary):
        self.summary = summary
        self._by_host: dict[str, Source] | None = None

    def _known(self) -> dict[str, Source]:
        if self._by_host is None:
            self._by_host = {}
            for source in Source.objects.order_by("pk"):
                for url in (source.site_url, source.feed_url):
                    if host := host_of(url):
                        self._by_host.setdefault(host, source)
        return self._by_host

    def for_url(self, url: str) -> Source | None:
        host = host_of(url)
        if not host:
            return None
        known = self._known()
        if host not in known:
            site = f"https://{host}/"
            source = Source.objects.filter(feed_url=site).first() or Source.objects.create(
                name=self._free_name(host), site_url=site, feed_url=site, enabled=False)
            self.summary.made["sources"] += 1
            known[host] = source
        return known[host]

    @staticmethod
    def _free_name(host: str) -> str:
        name, n = host, 1
        while Source.objects.filter(name=name).exists():
            n += 1
            name = f"{host} ({n})"
        return name
