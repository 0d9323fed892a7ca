"""Behind nginx, every request comes from 127.0.0.1: the reader's address is in the
X-Real-IP header nginx sets (deploy/nginx/dramawired.conf replaces any a client sent).
With DRAMAWIRED_BEHIND_PROXY on (the production default), REMOTE_ADDR is set from it
first thing, so the login throttle (django-axes), the comment rate limit and the view
counter all see readers, not the proxy. Off, the header is ignored: a client could
otherwise choose its own address."""

from django.conf import settings


class RealAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.trusted = settings.DRAMAWIRED_BEHIND_PROXY

    def __call__(self, request):
        if self.trusted and (address := request.META.get("HTTP_X_REAL_IP", "").strip()):
            request.META["REMOTE_ADDR"] = address
        return self.get_response(request)
