"""Full-page cache for anonymous readers, invalidated by generation numbers.

Views marked @cached_page are served by PageCacheMiddleware, which sits before sessions,
authentication and CSRF so that a hit costs next to nothing.

A page is stored under its address as the view reads it (scheme, validated host, path and
only the query parameters the page uses, normalised) plus the site's generation (bumped
when any post, category, tag, author or site setting changes) and, for an article, the
post's own generation (bumped when its counters' display or its comments change). Bumping
writes one key; stale pages are never read again and expire on their own. Generations are
timestamps, not counters, so two processes bumping at once cannot lose an update.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import Resolver404, resolve

TTL = 600  # seconds: a page is at most this old even if an invalidation were missed
COUNTS_REFRESH = 10  # seconds between redraws of one article for its counters
SITE_KEY = "pagecache:site"


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


def _generations(keys: list[str]) -> str:
    """The current generations of `keys`, read in one round trip."""
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, time.time_ns(), None)
            found[key] = cache.get(key)
    return ".".join(str(found[key]) for key in keys)


def site_generation() -> str:
    """The site's generation: what fragments.py keys the blocks many pages share by."""
    return _generations([SITE_KEY])


def bump_site() -> None:
    cache.set(SITE_KEY, time.time_ns(), None)


def bump_post(slug: str) -> None:
    cache.set(f"pagecache:post:{slug}", time.time_ns(), None)


def bump_post_counts(slug: str) -> None:
    """The counts an article shows changed. Under 1,000 every view changes them; redrawing
    the page for each reader would defeat the cache, so a page is redrawn for its counts at
    most once per COUNTS_REFRESH seconds (later changes wait for the next view or the TTL)."""
    if cache.add(f"pagecache:counts:{slug}", 1, COUNTS_REFRESH):
        bump_post(slug)


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


def _key(request, host: str, kwargs: dict, options: dict) -> str | None:
    """The key of the page this request shows, or None if the view would refuse it."""
    params = []
    for name in options["reads"]:
        if (value := PARAMS[name](request.GET.get(name))) is None:
            return None
        params.append(f"{name}={value}")
    # Scheme and host too: pages hold absolute links built from them.
    address = f"{request.scheme}://{host}{request.path}?{'&'.join(params)}"
    keys = [SITE_KEY] + ([f"pagecache:post:{kwargs['slug']}"] if options["post"] else [])
    return f"page:{hashlib.sha1(address.encode()).hexdigest()}:{_generations(keys)}"


class PageCacheMiddleware:
    """Answers from the page cache before sessions, authentication, CSRF and the view
    run: a hit costs the URL match and two cache reads. Stores what cacheable views
    return, with the headers the inner middleware added (not cookies)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = None
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
                key = _key(request, host, match.kwargs, options)
                if key and (hit := cache.get(key)) is not None:
                    content, headers = hit
                    response = HttpResponse(content, headers=headers)
                    response["X-Cache"] = "hit"
                    return response
        response = self.get_response(request)
        if key and response.status_code == 200 and not response.cookies and \
                not response.streaming:
            headers = {k: v for k, v in response.items() if k.lower() not in ("vary",)}
            cache.set(key, (response.content, headers), TTL)
            response["X-Cache"] = "miss"
        return response
