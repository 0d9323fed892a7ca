"""Who is asking, and how often they may: the requester's address as one source, and
fixed-window counters in the shared cache (every web and worker process sees one count).

The limits themselves are settings (DRAMAWIRED_ACCOUNT_LIMITS), read at each use."""

import hashlib
import ipaddress

from django.conf import settings
from django.core.cache import cache


def client_address(request) -> str:
    """REMOTE_ADDR (ops/proxy.py sets it from nginx's X-Real-IP), with an IPv6 address
    widened to its /64: a subscriber gets a whole /64 and could change address at each
    attempt. Still an address (the network's first), as django-axes stores one."""
    address = request.META.get("REMOTE_ADDR") or "0.0.0.0"
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 4:
        return str(ip)
    if ip.ipv4_mapped:  # ::ffff:192.0.2.1 is that IPv4 address
        return str(ip.ipv4_mapped)
    return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)


def take(limit: str, who: str) -> bool:
    """Count one more use of `limit` by `who`; False once the window's allowance is spent.
    The window starts with the first use. With the cache unreachable the use is allowed:
    the site stays usable, as it does for the page cache (rediscache.py)."""
    allowed, window = settings.DRAMAWIRED_ACCOUNT_LIMITS[limit]
    # Hashed: `who` is whatever was typed (spaces, any length), never a safe key as is.
    key = f"accounts:limit:{limit}:{hashlib.sha256(who.encode()).hexdigest()}"
    if cache.add(key, 1, window):
        return True
    try:
        return cache.incr(key) <= allowed
    except ValueError:  # expired between the two calls, or the cache is down
        cache.add(key, 1, window)
        return True
