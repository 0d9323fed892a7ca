"""Full-page cache for anonymous readers, invalidated by generation numbers.

Views marked @cached_page are served by PageCacheMiddleware, which sits before sessions,
authentication and CSRF so that a hit costs next to nothing.

A page is stored under its address as the view reads it (scheme, validated host, path and
only the query parameters the page uses, normalised) plus the generations that move when
what it shows changes (generations.py): a listing's, the site's; an article's, the
layout's and its post's. What an article shares with every page (the sidebar's Recent
News) is left as a hole in the stored page and filled on every serve from a block drawn
once per site generation (fragments.py): a new post is there at once, and publishing it
redraws no article.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import Resolver404, resolve

from . import fragments
from .generations import LAYOUT_KEY, SITE_KEY, TTL, generations, post_key


def _page_number(value: str | None) -> str | None:
    """?page= as news/views/listing.py's paginate() reads it, int(), so "01", "+1" and
    "١" are page 1, as is no ?page= at all. None for a spelling the view refuses (404):
    such a request is not looked up, and a 404 is never stored."""
    try:
        number = 1 if value is None else int(value)  # "?page=" (empty) is refused
    except ValueError:
        return None
    return str(number) if number >= 1 else None


# The query parameters a page reads, and each one's canonical form. Any other (?q= on a
# listing, ?utm_source=…, ?fbclid=…) is left out of the key: links with tracking tags hit
# the same cached page, and no spelling of an address floods the cache.
PARAMS = {"page": _page_number}
LISTING_READS = ("page",)  # home and archives: paginate()
ARTICLE_READS = ()  # the article page reads no query parameter


def _cacheable(request) -> bool:
    # A reader with a session (logged in, or mid-form) sees a page of their own.
    return request.method in ("GET", "HEAD") and \
        settings.SESSION_COOKIE_NAME not in request.COOKIES


def cached_page(view=None, *, post=False, reads=None):
    """Mark a view's pages as cacheable for anonymous readers (PageCacheMiddleware serves
    and stores them). With post=True the view's `slug` names a post whose own generation
    is part of the key. `reads` names the query parameters the view reads (keys of
    PARAMS); by default a listing's ?page=, and nothing for a post's page."""
    if view is None:
        return lambda view: cached_page(view, post=post, reads=reads)
    if reads is None:
        reads = ARTICLE_READS if post else LISTING_READS
    view.page_cache = {"post": post, "reads": tuple(reads)}
    return view


def _key(request, host: str, kwargs: dict, options: dict) -> tuple[str | None, str]:
    """The key of the page this request shows (None if the view would refuse it), and the
    site's generation, which fills its holes: all read in one round trip."""
    params = []
    for name in options["reads"]:
        if (value := PARAMS[name](request.GET.get(name))) is None:
            return None, ""
        params.append(f"{name}={value}")
    # Scheme and host too: pages hold absolute links built from them.
    address = f"{request.scheme}://{host}{request.path}?{'&'.join(params)}"
    keys = [LAYOUT_KEY, post_key(kwargs["slug"])] if options["post"] else []
    page, _, site = generations(keys + [SITE_KEY]).rpartition(".")
    # "page2": pages are stored as parts around their holes; no older entry is read as one.
    return f"page2:{hashlib.sha1(address.encode()).hexdigest()}:{page or site}", site


class PageCacheMiddleware:
    """Answers from the page cache before sessions, authentication, CSRF and the view
    run: a hit costs the URL match and two cache reads (three with a hole to fill).
    Stores what cacheable views return, with the headers the inner middleware added (not
    cookies), holes unfilled; every page that leaves it, stored or not, has them filled."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key, site = None, None
        if _cacheable(request):
            try:
                match = resolve(request.path_info)
            except Resolver404:
                match = None
            options = getattr(match.func, "page_cache", None) if match else None
            if options is not None:
                # First, as CommonMiddleware would: a host not in ALLOWED_HOSTS raises
                # DisallowedHost, which Django answers with its 400, never a cached page.
                host = request.get_host()
                key, site = _key(request, host, match.kwargs, options)
                if key and (hit := cache.get(key)) is not None:
                    parts, headers = hit
                    content = fragments.fill(parts, site)
                    response = HttpResponse(content, headers=headers)
                    response["Content-Length"] = str(len(content))
                    response["X-Cache"] = "hit"
                    return response
        response = self.get_response(request)
        if response.streaming:
            return response
        parts = fragments.split(response.content)
        if key and response.status_code == 200 and not response.cookies:
            headers = {k: v for k, v in response.items()
                       if k.lower() not in ("vary", "content-length")}
            cache.set(key, (parts, headers), TTL)
            response["X-Cache"] = "miss"
        if len(parts) > 1:
            response.content = fragments.fill(parts, site)
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response
