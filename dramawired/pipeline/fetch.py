"""Stage 1: fetch a URL politely and safely.

Every request has a timeout, a body-size cap and a redirect cap; redirects are followed by
hand so that each hop is checked against the private-network rule; at most N requests run
at once per host, and a host that answered 429/503 with Retry-After is left alone until then.
"""

import ipaddress
import re
import socket
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx

USER_AGENT = "DramaWired/0.1 (feed aggregator)"
# A server asking us to wait longer than this is treated as down for the rest of the run.
MAX_RETRY_AFTER = 6 * 3600
DEFAULT_RETRY_AFTER = 300


class FetchError(Exception):
    """The URL could not be fetched; the message is fit to show an editor."""


class RetryLater(FetchError):
    """The server asked us to come back later (429/503, Retry-After)."""

    def __init__(self, message: str, retry_after: float):
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(frozen=True)
class FetchPolicy:
    timeout: float = 15.0
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    allow_private: bool = False  # every private/loopback address
    allowed_networks: tuple[str, ...] = ()  # or just these, e.g. ("127.0.0.0/8",)
    user_agent: str = USER_AGENT


@dataclass
class Response:
    url: str  # after redirects
    status: int
    content: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")

    @property
    def text(self) -> str:
        return decode_html(self.content, self.content_type)


_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.I)


def decode_html(content: bytes, content_type: str = "") -> str:
    """Decode a page by the HTTP charset, else the page's <meta charset>, else UTF-8,
    else Windows-1252 (what browsers assume for unlabelled Western pages)."""
    candidates = []
    if m := re.search(r"charset=([\w-]+)", content_type, re.I):
        candidates.append(m.group(1))
    if m := _META_CHARSET.search(content[:4096]):
        candidates.append(m.group(1).decode("ascii"))
    for charset in [*candidates, "utf-8"]:
        try:
            return content.decode(charset)
        except (LookupError, UnicodeDecodeError):
            continue
    return content.decode("cp1252", errors="replace")


class HostLimiter:
    """At most `per_host` requests at once to one host, and none while it asked us to wait."""

    def __init__(self, per_host: int = 2):
        self.per_host = per_host
        self._lock = threading.Lock()
        self._semaphores: dict[str, threading.Semaphore] = {}
        self._blocked_until: dict[str, float] = {}

    @contextmanager
    def slot(self, host: str):
        with self._lock:
            sem = self._semaphores.setdefault(host, threading.Semaphore(self.per_host))
            until = self._blocked_until.get(host, 0)
        wait = until - time.monotonic()
        if wait > 0:
            raise RetryLater(f"{host} asked us to wait {wait:.0f}s", wait)
        with sem:
            yield

    def block(self, host: str, seconds: float) -> None:
        with self._lock:
            self._blocked_until[host] = time.monotonic() + seconds


def check_address(url: str, policy: FetchPolicy) -> None:
    """Refuse non-HTTP schemes and, unless allowed, hosts that resolve to private,
    loopback, link-local or reserved addresses (SSRF guard). The check resolves the name
    itself; a DNS answer that changes between this check and the connection (rebinding)
    is not covered."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"not an http(s) URL: {url}")
    if policy.allow_private:
        return
    allowed = [ipaddress.ip_network(n, strict=False) for n in policy.allowed_networks]
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(f"cannot resolve {parts.hostname}: {exc.strerror}") from exc
    for info in infos:
        ip = ipaddress.ip_address(info[4][0])
        if not ip.is_global and not any(ip in net for net in allowed):
            raise FetchError(
                f"refused: {parts.hostname} is a private address ({ip}); "
                "set DRAMAWIRED_ALLOW_PRIVATE_NETWORKS=1 to allow"
            )


def parse_retry_after(value: str | None) -> float:
    if not value:
        return DEFAULT_RETRY_AFTER
    value = value.strip()
    if value.isdigit():
        seconds = float(value)
    else:
        try:
            seconds = parsedate_to_datetime(value).timestamp() - time.time()
        except (TypeError, ValueError):
            return DEFAULT_RETRY_AFTER
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)


def make_client(policy: FetchPolicy) -> httpx.Client:
    return httpx.Client(
        timeout=policy.timeout,
        follow_redirects=False,  # followed by hand, each hop checked
        headers={"User-Agent": policy.user_agent, "Accept-Encoding": "gzip, deflate"},
    )


def fetch(
    url: str,
    client: httpx.Client,
    policy: FetchPolicy,
    *,
    limiter: HostLimiter | None = None,
    etag: str = "",
    last_modified: str = "",
    accept: str = "*/*",
) -> Response:
    """GET `url`; return the Response (status 304 when not modified) or raise FetchError."""
    headers = {"Accept": accept}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    limiter = limiter or HostLimiter()
    for _hop in range(policy.max_redirects + 1):
        check_address(url, policy)
        host = urlsplit(url).netloc  # host:port is one server, one politeness budget
        with limiter.slot(host):
            response = _get(url, client, policy, headers)
        if response.status in (301, 302, 303, 307, 308):
            location = response.headers.get("location")
            if not location:
                raise FetchError(f"HTTP {response.status} without Location from {url}")
            url = urljoin(url, location)
            continue
        if response.status in (429, 503):
            wait = parse_retry_after(response.headers.get("retry-after"))
            limiter.block(host, wait)
            raise RetryLater(f"HTTP {response.status} from {host}; retry in {wait:.0f}s", wait)
        if response.status >= 400:
            raise FetchError(f"HTTP {response.status} from {url}")
        return response
    raise FetchError(f"more than {policy.max_redirects} redirects from {url}")


def _get(url: str, client: httpx.Client, policy: FetchPolicy, headers: dict) -> Response:
    try:
        with client.stream("GET", url, headers=headers) as r:
            declared = r.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > policy.max_bytes:
                raise FetchError(f"body of {declared} bytes is over the {policy.max_bytes} cap")
            chunks, size = [], 0
            # httpx's timeout is per read; a server dripping bytes would never trip it.
            deadline = time.monotonic() + policy.timeout
            if r.status_code < 300:
                # Counted after decompression, so a gzip bomb stops at the cap too.
                for chunk in r.iter_bytes():
                    size += len(chunk)
                    if size > policy.max_bytes:
                        raise FetchError(f"body over the {policy.max_bytes} byte cap: {url}")
                    if time.monotonic() > deadline:
                        raise FetchError(f"body took over {policy.timeout:g}s: {url}")
                    chunks.append(chunk)
            return Response(
                url=str(r.url),
                status=r.status_code,
                content=b"".join(chunks),
                headers={k.lower(): v for k, v in r.headers.items()},
            )
    except httpx.TimeoutException as exc:
        raise FetchError(f"timed out after {policy.timeout:g}s: {url}") from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"{type(exc).__name__}: {exc or 'connection failed'} ({url})") from exc
