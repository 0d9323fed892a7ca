"""Behind nginx, every request comes from 127.0.0.1: the reader's address is in the
X-Real-IP header nginx sets (deploy/nginx/dramawired.conf replaces any a client sent).
REMOTE_ADDR is set from it first thing, so the login throttle (django-axes), the comment
rate limit and the view counter all see readers, not the proxy.

The header is believed only on a request that came from one of the proxies
(DRAMAWIRED_TRUSTED_PROXIES, with DRAMAWIRED_BEHIND_PROXY on): a client that reaches
gunicorn directly could otherwise pick a new address for every request and never be
throttled. For the same reason X-Forwarded-Proto (SECURE_PROXY_SSL_HEADER) is dropped from
any other peer: only the proxy may say the reader came over HTTPS."""

from ipaddress import ip_address, ip_network

from django.conf import settings


def parse_address(text: str):
    """An IP address, IPv4-mapped IPv6 (::ffff:1.2.3.4) as IPv4; None if not one."""
    try:
        address = ip_address(text.strip())
    except ValueError:
        return None
    return getattr(address, "ipv4_mapped", None) or address


class RealAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        proxies = settings.DRAMAWIRED_TRUSTED_PROXIES if settings.DRAMAWIRED_BEHIND_PROXY else ()
        # A single address or a network ("10.0.0.0/24"): nginx on another machine.
        self.proxies = [ip_network(p.strip(), strict=False) for p in proxies if p.strip()]

    def _from_proxy(self, request) -> bool:
        peer = parse_address(request.META.get("REMOTE_ADDR", ""))
        return peer is not None and any(peer in network for network in self.proxies)

    def __call__(self, request):
        if self._from_proxy(request):
            # A value nginx did not write (none, or not an address) leaves the proxy's own.
            if real := parse_address(request.META.get("HTTP_X_REAL_IP", "")):
                request.META["REMOTE_ADDR"] = str(real)
        else:
            request.META.pop("HTTP_X_FORWARDED_PROTO", None)
        return self.get_response(request)
