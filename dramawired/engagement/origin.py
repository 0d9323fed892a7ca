"""Is this request from one of our own pages? Only then does a view or share count, so
another site's <img>, link or form cannot add to our counters.

Browsers say so in Sec-Fetch-Site; when it is there it is the answer (a page cannot set it).
Older browsers, and plain-HTTP sites other than localhost, send no Sec-Fetch-* headers:
then Origin, or else Referer, must name this site. A request carrying none of them (a
script) is not counted."""

from urllib.parse import urlsplit


def same_origin(request) -> bool:
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site == "same-origin"
    # Origin is authoritative when present (a cross-site POST can still send our Referer).
    source = request.headers.get("Origin") or request.headers.get("Referer")
    if not source:
        return False
    parts = urlsplit(source)
    return (parts.scheme, parts.netloc) == (request.scheme, request.get_host())
