"""The old site's images, brought over with --media: downloaded through the pipeline's
fetch rules (deadline, size cap, redirect cap, private-network guard), kept in our media
storage under wp/, and the body's <img> addresses rewritten to ours. Each download is
remembered as the redirect of its old /wp-content/uploads/ address, so a second run
downloads nothing again.

Only images are kept, and only as what their first bytes say they are (JPEG, PNG, GIF,
WebP, AVIF): the file's name and extension are ours, never the old site's, so nothing
served from our origin can be a page or a script."""

import html
import re
from urllib.parse import unquote, urlsplit

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from dramawired.pipeline.fetch import FetchError, HostLimiter, make_client
from dramawired.pipeline.fetch import fetch as fetch_url
from dramawired.pipeline.policy import policy_from_settings

from .models import OldAddress, address_key

SIGNATURES = ((b"\xff\xd8\xff", ".jpg"), (b"\x89PNG\r\n\x1a\n", ".png"), (b"GIF87a", ".gif"),
              (b"GIF89a", ".gif"))
# WordPress.com and Jetpack serve a site's uploads from these hosts.
UPLOAD_HOSTS = re.compile(r"(^|\.)files\.wordpress\.com$|^i\d\.wp\.com$|(^|\.)wp\.com$")
_IMG_SRC = re.compile(r'(<img\b[^>]*?\ssrc=")([^"]+)(")')
_HREF = re.compile(r'(<a\b[^>]*?\shref=")([^"]+)(")')


def image_extension(data: bytes) -> str:
    for signature, ext in SIGNATURES:
        if data.startswith(signature):
            return ext
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return ".webp"
    if data[4:12] in (b"ftypavif", b"ftypavis"):
        return ".avif"
    return ""


class Media:
    def __init__(self, summary, redirects, *, download: bool, hosts: set[str]):
        self.summary, self.redirects = summary, redirects
        self.download, self.hosts = download, hosts
        self.known: dict[str, str] = {}  # old address -> ours ("" when it failed)
        self._client = self._policy = None
        self._limiter = HostLimiter()

    def is_upload(self, url: str) -> bool:
        host = (urlsplit(url).hostname or "").lower()
        return host in self.hosts or bool(UPLOAD_HOSTS.search(host))

    def local(self, url: str) -> str:
        """Our address for an image of the old site (downloaded now if need be), or the
        old address when it is not the old site's, --media is off, or it failed."""
        if not url or not self.download or not self.is_upload(url):
            return url
        if url not in self.known:
            self.known[url] = self._stored(url) or self._fetch(url)
        return self.known[url] or url

    def _stored(self, url: str) -> str:
        found = OldAddress.objects.filter(key=address_key(urlsplit(url).path)).first()
        return found.url if found and found.url.startswith("/") else ""

    def _fetch(self, url: str) -> str:
        if self._client is None:
            self._policy = policy_from_settings()
            self._client = make_client(self._policy)
        try:
            response = fetch_url(url, self._client, self._policy, limiter=self._limiter,
                                 accept="image/avif,image/webp,image/*")
        except FetchError as exc:
            self.summary.skip(f"media not downloaded: {type(exc).__name__}", f"{url}: {exc}")
            return ""
        ext = image_extension(response.content)
        if not ext:
            self.summary.skip("media not downloaded: not an image", url)
            return ""
        old_path = unquote(urlsplit(url).path)
        folder, _, name = old_path.rpartition("/")
        folder = re.sub(r"^.*?/uploads/?", "", folder).strip("/")
        stem = re.sub(r"[^\w-]+", "-", name.rsplit(".", 1)[0])[:80].strip("-") or "image"
        saved = default_storage.save(f"wp/{folder}/{stem}{ext}".replace("//", "/"),
                                     ContentFile(response.content))
        ours = default_storage.url(saved)
        self.summary.made["media"] += 1
        self.redirects.add([old_path], ours)
        return ours

    def rewrite(self, body: str) -> str:
        """The body's images (and links to them) at our addresses."""
        if not self.download:
            return body

        def img(m: re.Match) -> str:
            old = html.unescape(m.group(2))
            return m.group(1) + html.escape(self.local(old)) + m.group(3)

        def link(m: re.Match) -> str:
            old = html.unescape(m.group(2))
            return m.group(1) + html.escape(self.known.get(old) or old) + m.group(3)

        return _HREF.sub(link, _IMG_SRC.sub(img, body))

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
