"""An HTTP server for the demo publishers on loopback: `dramawired demo-publishers`,
and the tests' fixture. Feeds answer conditional GETs (ETag, Last-Modified) with 304.

By default every article is out at once. With release_every=N (seconds) the publishers
keep publishing, one article per outlet every N seconds (release.py); each request reads
what is out at that moment, so a release changes the feed's body, ETag and Last-Modified.
"""

import hashlib
import sys
import threading
import time
from collections.abc import Callable
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from . import broken, merch
from .catalog import BY_SLUG, EVERYTHING, Shelf
from .feeds import render_feed, render_opml
from .pages import article_page, avatar_svg, index_page, lead_image_svg, outlet_home
from .release import Release


class Handler(BaseHTTPRequestHandler):
    server_version = "DemoPublishers/1.0"
    protocol_version = "HTTP/1.1"
    # Headers and body leave in one segment: written separately, with Nagle on, each
    # response stalls ~40 ms on the client's delayed ACK.
    disable_nagle_algorithm = True

    def log_message(self, format, *args):  # noqa: A002 - quiet unless asked
        if self.server.verbose:
            super().log_message(format, *args)

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def do_GET(self):  # noqa: N802 - http.server's naming
        try:
            status, headers, body = self.route()
        except Exception as exc:  # a demo bug answers 500 and the server keeps serving
            status, headers, body = 500, {}, f"error: {exc}".encode()
        self.send_response(status)
        headers.setdefault("Content-Type", "text/plain; charset=utf-8")
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def route(self) -> tuple[int, dict, bytes]:
        parts = urlsplit(self.path)
        path = parts.path
        shelf = self.server.shelf()
        hdrs = {k.lower(): v for k, v in self.headers.items()}
        if path.startswith("/_broken/"):
            return broken.respond(path, self.base, hdrs) or (404, {}, b"Not Found")
        if path.startswith("/merch/"):
            return merch.respond(path, self.base) or (404, {}, b"Not Found")
        if path == "/":
            return 200, {"Content-Type": "text/html; charset=utf-8"}, \
                index_page(self.base, shelf).encode()
        if path == "/opml.xml":
            return 200, {"Content-Type": "text/x-opml; charset=utf-8"}, render_opml(self.base)
        segments = [s for s in path.split("/") if s]
        outlet = BY_SLUG.get(segments[0]) if segments else None
        if outlet is None:
            if len(segments) == 3 and segments[0] == "images":
                article = shelf.find(segments[1], segments[2].removesuffix(".svg"))
                if article:
                    return 200, {"Content-Type": "image/svg+xml",
                                 "Cache-Control": "max-age=86400"}, \
                        lead_image_svg(article).encode()
            if len(segments) == 2 and segments[0] == "avatars":
                return 200, {"Content-Type": "image/svg+xml",
                             "Cache-Control": "max-age=86400"}, \
                    avatar_svg(segments[1].removesuffix(".svg")).encode()
            return 404, {}, b"Not Found"
        if len(segments) == 1:
            return 200, {"Content-Type": f"text/html; charset={outlet.encoding}"}, \
                outlet_home(outlet, self.base, shelf).encode(outlet.encoding, "xmlcharrefreplace")
        if segments[1] == "feed":
            return self.feed(outlet, shelf.items(outlet.slug), hdrs)
        if segments[1] == "watch":
            video = parse_qs(parts.query).get("v", [""])[0]
            article = shelf.find_video(outlet.slug, video)
        else:
            article = shelf.find(outlet.slug, segments[1])
        if article is None:
            return 404, {}, b"Not Found"
        html = article_page(article, self.base, shelf)
        return 200, {"Content-Type": f"text/html; charset={outlet.encoding}"}, \
            html.encode(outlet.encoding, "xmlcharrefreplace")

    def feed(self, outlet, items, hdrs) -> tuple[int, dict, bytes]:
        body, content_type = render_feed(outlet, items, self.base)
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        modified = format_datetime(items[0].published, usegmt=True) if items else ""
        headers = {"Content-Type": content_type, "ETag": etag, "Last-Modified": modified}
        # If-None-Match decides when sent; else If-Modified-Since (RFC 9110 13.2.2), which
        # the module docstring promised but was never checked.
        if "if-none-match" in hdrs:
            fresh = hdrs["if-none-match"] == etag
        else:
            fresh = bool(items) and _not_modified_since(hdrs.get("if-modified-since"),
                                                        items[0].published)
        if fresh:
            return 304, headers, b""
        return 200, headers, body


def _not_modified_since(value: str | None, modified) -> bool:
    try:
        return bool(value) and modified <= parsedate_to_datetime(value)
    except (TypeError, ValueError):  # an unreadable date is ignored, as RFC 9110 says
        return False


class DemoServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, host: str = "127.0.0.1", port: int = 8765, verbose: bool = False, *,
                 release_every: int = 0, reposts: bool = False,
                 clock: Callable[[], float] = time.time):
        """release_every: seconds between one outlet's releases (0: all out at once);
        reposts: once all is out, start again with reposts (release.py);
        clock: seconds since the epoch, now (tests pass one they can move)."""
        super().__init__((host, port), Handler)
        self.verbose = verbose
        self.clock = clock
        self.release = (Release(int(clock()), release_every, reposts)
                        if release_every > 0 else None)

    def shelf(self) -> Shelf:
        """What the publishers have out now."""
        return self.release.at(self.clock()) if self.release else EVERYTHING

    @property
    def base_url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def handle_error(self, request, client_address):
        # A client dropping a keep-alive connection (httpx does, after an error status whose
        # body it did not read) is no server fault: no traceback for it.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)

    def start_in_thread(self) -> "DemoServer":
        threading.Thread(target=self.serve_forever, daemon=True, name="demo-publishers").start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
