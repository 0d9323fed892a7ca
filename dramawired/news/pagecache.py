"""Full-page cache for anonymous readers, invalidated by generation numbers.

A page is stored under its path plus the site's generation (bumped when any post, category,
tag, author or site setting changes) and, for an article, the post's own generation (bumped
when its counters' display or its comments change). Bumping writes one key; stale pages
are never read again and expire on their own. Generations are timestamps, not counters,
so two processes bumping at once cannot lose an update.
"""

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

TTL = 600  # seconds: a page is at most this old even if an invalidation were missed
SITE_KEY = "pagecache:site"


def _generation(key: str) -> int:
    value = cache.get(key)
    if value is None:
        value = time.time_ns()
        cache.add(key, value, None)
        value = cache.get(key, value)
    return value


def bump_site() -> None:
    cache.set(SITE_KEY, time.time_ns(), None)


def bump_post(slug: str) -> None:
    cache.set(f"pagecache:post:{slug}", time.time_ns(), None)


def _cacheable(request) -> bool:
    # A reader with a session (logged in, or mid-form) sees a page of their own.
    return request.method in ("GET", "HEAD") and \
        settings.SESSION_COOKIE_NAME not in request.COOKIES and \
        not request.GET.get("preview")


def cached_page(view):
    """Serve the view's 200 responses from the cache for anonymous readers."""
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        parts = [str(_generation(SITE_KEY))]
        if slug := kwargs.get("slug"):
            parts.append(str(_generation(f"pagecache:post:{slug}")))
        path = hashlib.sha1(request.get_full_path().encode()).hexdigest()
        key = f"page:{path}:{'.'.join(parts)}"
        if (hit := cache.get(key)) is not None:
            content, content_type = hit
            response = HttpResponse(content, content_type=content_type)
            response["X-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.cookies and \
                not getattr(response, "streaming", False):
            if hasattr(response, "render"):
                response.render()
            cache.set(key, (response.content, response["Content-Type"]), TTL)
            response["X-Cache"] = "miss"
        return response
    return wrapper
