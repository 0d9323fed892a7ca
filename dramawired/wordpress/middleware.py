"""Old WordPress addresses answered with a permanent redirect, and the site's pages.

It sits before the page cache, and costs a page served from it nothing but a comparison:
it looks anything up only for an address our site answers 404, and for the home page
asked with WordPress's own query parameters (`/?p=12`, `/?page_id=2`, `/?cat=3`, `/?s=…`),
which the page cache would otherwise serve as the home page (its key leaves unknown
parameters out). One indexed query each time."""

from urllib.parse import urlencode

from django.http import HttpResponsePermanentRedirect

from .pages import serve_page
from .redirects import redirect_for

# WordPress's query parameters on the home page that name something else.
WP_QUERY = ("p", "page_id", "cat", "tag", "author", "attachment_id", "feed", "s")


def _home_query(request) -> str | None:
    """The `?p=12` part of a WordPress query on the home page, or None."""
    for name in WP_QUERY:
        if value := request.GET.get(name):
            return f"{name}={value}"
    return None


class OldAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and request.path_info == "/" \
                and request.META.get("QUERY_STRING") and (query := _home_query(request)):
            if target := self._home(query):
                return HttpResponsePermanentRedirect(target)
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        if target := redirect_for(request.path_info, _home_query(request) or ""):
            return HttpResponsePermanentRedirect(target)
        return serve_page(request) or response

    @staticmethod
    def _home(query: str) -> str | None:
        name, _, value = query.partition("=")
        if name == "s":
            return "/search/?" + urlencode({"q": value})
        if name == "feed":
            return "/feed/"
        return redirect_for("/", query)
