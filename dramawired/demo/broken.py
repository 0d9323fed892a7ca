"""Broken publishers, served beside the good ones so tests meet real failures over real
HTTP: errors, truncated and malformed XML, HTML instead of a feed, slow and oversized
bodies, wrong charsets, rate limits, redirect loops, bot challenges and bad items."""

import gzip
import time

from .catalog import BY_SLUG, articles
from .feeds import render_feed

CHALLENGE_PAGE = """<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title>
<meta http-equiv="refresh" content="390"></head><body><div class="main-wrapper">
<h1>Checking if the site connection is secure</h1><p>Enable JavaScript and cookies to
continue</p><noscript>Please enable JavaScript</noscript></div></body></html>"""


def _feed(outlet_slug: str, base: str, n: int | None = None) -> bytes:
    outlet = BY_SLUG[outlet_slug]
    items = articles()[outlet_slug][:n]
    return render_feed(outlet, items, base)[0]


def _item(title: str, link: str, guid: str, description: str = "An item.") -> str:
    return (f"<item><title>{title}</title><link>{link}</link><guid>{guid}</guid>"
            f"<description>{description}</description></item>")


def _rss(items: str) -> bytes:
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Broken Publisher</title><link>http://x/</link>{items}"
            "</channel></rss>").encode()


def respond(path: str, base: str, headers: dict) -> tuple[int, dict, bytes] | None:
    """(status, headers, body) for a broken route, or None if `path` is not one."""
    xml = {"Content-Type": "application/rss+xml; charset=utf-8"}
    match path:
        case "/_broken/404":
            return 404, {}, b"Not Found"
        case "/_broken/500":
            return 500, {}, b"Internal Server Error"
        case "/_broken/429":
            return 429, {"Retry-After": "120"}, b"Too Many Requests"
        case "/_broken/truncated.xml":
            body = _feed("backbeat-wire", base, 6)
            return 200, xml, body[: len(body) * 2 // 3]
        case "/_broken/malformed.xml":
            return 200, xml, b"<?xml version='1.0'?><rss><channel><title>Oops</title><item>"
        case "/_broken/html-instead":
            return 200, {"Content-Type": "text/html"}, (
                b"<!DOCTYPE html><html><head><title>Welcome</title></head>"
                b"<body><h1>Our new website!</h1></body></html>")
        case "/_broken/slow.xml":
            time.sleep(float(headers.get("x-delay", "5")))
            return 200, xml, _feed("tea-kettle", base, 2)
        case "/_broken/huge.xml":
            return 200, xml, b"<rss><channel>" + b"<!-- padding -->" * (12 * 1024 * 1024 // 16)
        case "/_broken/wrong-charset.xml":
            # Declared UTF-8, written in Windows-1252: "Café" is one invalid byte here.
            body = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                    "<title>Wrong charset</title>"
                    + _item("Café Society Returns", f"{base}/_broken/article/cafe", "cafe-1")
                    + "</channel></rss>").encode("cp1252")
            return 200, xml, body
        case "/_broken/stray-entity.xml":
            # Complete, but with an entity XML does not define, served as text/html.
            good = articles()["tea-kettle"][0]
            return 200, {"Content-Type": "text/html; charset=utf-8"}, _rss(
                _item("Caf&eacute;&nbsp;Society", f"{base}{good.path}", "stray-1"))
        case "/_broken/future.xml":
            good = articles()["tea-kettle"][1]
            return 200, xml, _rss(
                f"<item><title>From the future</title><link>{base}{good.path}</link>"
                "<guid>future-1</guid><pubDate>Fri, 01 Jan 2100 00:00:00 GMT</pubDate>"
                "<description>x</description></item>")
        case "/_broken/redirect-loop":
            return 302, {"Location": "/_broken/redirect-loop"}, b""
        case "/_broken/redirect-private":
            return 302, {"Location": "http://10.255.255.1/feed"}, b""
        case "/_broken/gzip.xml":
            return 200, {**xml, "Content-Encoding": "gzip"}, gzip.compress(
                _feed("tea-kettle", base, 3))
        case "/_broken/challenge.xml":
            good = articles()["tea-kettle"][0]
            return 200, xml, _rss(
                _item("Blocked story", f"{base}/_broken/challenge-page", "blocked-1")
                + _item("Gone story", f"{base}/_broken/404", "gone-1")
                + _item(good.title.replace("&", "&amp;"), f"{base}{good.path}", "good-1",
                        good.summary.replace("&", "&amp;")))
        case "/_broken/challenge-page":
            return 503 if headers.get("x-status") else 200, {"Content-Type": "text/html"}, \
                CHALLENGE_PAGE.encode()
        case "/_broken/bad-items.xml":
            good = articles()["tea-kettle"][:2]
            return 200, xml, _rss(
                "<item><title>No link, no guid</title><description>x</description></item>"
                + "".join(_item(a.title.replace("&", "&amp;"), f"{base}{a.path}", a.slug,
                                a.summary.replace("&", "&amp;")) for a in good)
                + _item("Broken page", f"{base}/_broken/500", "bad-page"))
    return None
