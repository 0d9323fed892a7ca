"""Fetch a URL politely and safely.

Every fetch has one deadline, a body-size cap and a redirect cap; redirects are followed by
hand so that each hop is checked against the private-network rule; at most N requests run
at once per host, and a host that answered 429/503 with Retry-After is left alone until then.

The deadline covers connecting, the TLS handshake, the headers and the body of every hop:
httpx's timeouts are per socket operation, so a server sending a byte a second would never
trip them (encode/httpx#1450). Every socket operation is given what is left of the fetch's
deadline instead (`_DeadlineStream`), so no watchdog thread is needed. (Name resolution is
not covered: getaddrinfo cannot be interrupted; the system resolver has its own timeout.)
"""

import codecs
import ipaddress
import re
import socket
import threading
import time
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

USER_AGENT = "DramaWired/0.1 (feed aggregator)"
# A server asking us to wait longer than this is treated as down for the rest of the run.
MAX_RETRY_AFTER = 6 * 3600
DEFAULT_RETRY_AFTER = 300


class FetchError(Exception):
    """The URL could not be fetched; the message is fit to show an editor."""


class Unreachable(FetchError):
    """No answer at all: the name does not resolve, the connection is refused or reset,
    or the deadline passed."""


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
# The encodings of the WHATWG Encoding Standard, by Python codec name (plus Latin-1 and
# ASCII). Python knows labels no page may use: "undefined" raises on any input,
# "unicode_escape" rewrites "\\u0041" into "A", "idna" lower-cases; those are ignored.
WEB_ENCODINGS = {
    "utf-8", "utf-16", "utf-16-le", "utf-16-be", "cp866", "koi8-r", "koi8-u", "mac-roman",
    "mac-cyrillic", "cp874", "gbk", "gb2312", "gb18030", "big5", "big5hkscs", "euc_jp",
    "iso2022_jp", "shift_jis", "cp932", "euc_kr", "cp949", "iso8859-1", "ascii",
    *(f"cp{n}" for n in range(1250, 1259)), *(f"iso8859-{n}" for n in range(2, 17)),
}


def _web_codec(label: str) -> str | None:
    try:
        name = codecs.lookup(label[:40]).name
    except LookupError:
        return None
    return name if name in WEB_ENCODINGS else None


def _mostly_utf8(content: bytes) -> str | None:
    """A UTF-8 page with a few broken bytes (a truncated character pasted in), decoded as
    a browser would: one replacement character each, not the whole story as mojibake. A
    Latin-1 page mislabelled UTF-8 has no valid multi-byte character at all: None."""
    text = content.decode("utf-8", errors="replace")
    broken = text.count("\ufffd") - content.count("\ufffd".encode())
    wide = sum(1 for ch in text if ord(ch) > 0x7F) - broken
    return text if wide >= 4 * broken else None


def decode_html(content: bytes, content_type: str = "") -> str:
    """Decode a page by the HTTP charset, else the page's <meta charset>, else UTF-8,
    else Windows-1252 (what browsers assume for unlabelled Western pages)."""
    candidates = []
    if m := re.search(r"""charset=["']?([\w-]+)""", content_type, re.I):
        candidates.append(m.group(1))
    if m := _META_CHARSET.search(content[:4096]):
        candidates.append(m.group(1).decode("ascii"))
    for charset in [*filter(None, map(_web_codec, candidates)), "utf-8"]:
        try:
            return content.decode(charset)
        except UnicodeError:
            if charset == "utf-8" and (text := _mostly_utf8(content)) is not None:
                return text
    return content.decode("cp1252", errors="replace")


# A host that gave no answer this many times in a row is left alone for DOWN_SECONDS: a
# poll of 200 items on a host that is down (or drops our packets) would otherwise wait out
# the fetch deadline 200 times, and their stories are published from the feed meanwhile.
DOWN_AFTER = 3
DOWN_SECONDS = 300


class HostLimiter:
    """At most `per_host` requests at once to one host, and none while it asked us to wait
    or has stopped answering."""

    def __init__(self, per_host: int = 2):
        self.per_host = per_host
        self._lock = threading.Lock()
        self._semaphores: dict[str, threading.Semaphore] = {}
        self._blocked_until: dict[str, float] = {}
        self._why: dict[str, str] = {}
        self._silent: dict[str, int] = {}  # answers missed in a row

    @contextmanager
    def slot(self, host: str):
        with self._lock:
            sem = self._semaphores.setdefault(host, threading.Semaphore(self.per_host))
        self._refuse_if_blocked(host)
        with sem:
            self._refuse_if_blocked(host)  # it may have been blocked while we waited
            yield

    def _refuse_if_blocked(self, host: str) -> None:
        with self._lock:
            until = self._blocked_until.get(host, 0)
            why = self._why.get(host, "asked us to wait")
        wait = until - time.monotonic()
        if wait > 0:
            raise RetryLater(f"{host} {why} {wait:.0f}s", wait)

    def block(self, host: str, seconds: float, why: str = "asked us to wait") -> None:
        with self._lock:
            self._blocked_until[host] = time.monotonic() + seconds
            self._why[host] = why

    def answered(self, host: str, answered: bool) -> None:
        with self._lock:
            self._silent[host] = 0 if answered else self._silent.get(host, 0) + 1
            down = self._silent[host] >= DOWN_AFTER
        if down:
            self.block(host, DOWN_SECONDS, f"is not answering ({DOWN_AFTER} tries): left alone")


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
        raise Unreachable(f"cannot resolve {parts.hostname}: {exc.strerror}") from exc
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


# When the current fetch must be over (time.monotonic()); None outside fetch().
_deadline: ContextVar[float | None] = ContextVar("fetch_deadline", default=None)


class _DeadlinePassed(httpcore.ReadTimeout):
    """Mapped by httpx to httpx.ReadTimeout like any other timeout."""


def _left(timeout: float | None) -> float | None:
    """The per-operation timeout, cut to what is left of the fetch's deadline."""
    deadline = _deadline.get()
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise _DeadlinePassed("deadline passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A socket stream whose every read, write and TLS handshake ends by the deadline.
    (CPython bounds a whole handshake, not each of its reads, by the socket timeout.)"""

    def __init__(self, stream: httpcore.NetworkStream):
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _left(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _left(timeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context, server_hostname=None, timeout=None):
        return _DeadlineStream(self._stream.start_tls(ssl_context, server_hostname,
                                                      _left(timeout)))

    def get_extra_info(self, info: str):
        return self._stream.get_extra_info(info)


class _DeadlineBackend(httpcore.SyncBackend):
    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        return _DeadlineStream(super().connect_tcp(host, port, _left(timeout), local_address,
                                                   socket_options))


class _DeadlineTransport(httpx.HTTPTransport):
    """httpx's transport over a connection pool on the deadline backend (httpx takes no
    network backend of its own). No connection is kept alive: excess bytes after a lying
    Content-Length would otherwise be read as the next answer on it, which httpcore cannot
    detect; curl and browsers close such connections."""

    def __init__(self):
        super().__init__()
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=100,  # httpx's default
            max_keepalive_connections=0,
            network_backend=_DeadlineBackend(),
        )


def make_client(policy: FetchPolicy) -> httpx.Client:
    """A client for fetch(). Proxy variables in the environment are not used: the
    private-network check is about the address we connect to."""
    return httpx.Client(
        transport=_DeadlineTransport(),
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
    deadline = None
    for _hop in range(policy.max_redirects + 1):
        host = urlsplit(url).netloc  # host:port is one server, one politeness budget
        try:
            check_address(url, policy)
            with limiter.slot(host):
                # One budget for every hop, counted from the first request (not from the
                # wait for a slot, which is other fetches' time).
                deadline = deadline or time.monotonic() + policy.timeout
                token = _deadline.set(deadline)
                try:
                    response = _get(url, client, policy, headers)
                finally:
                    _deadline.reset(token)
        except Unreachable:
            limiter.answered(host, False)
            raise
        limiter.answered(host, True)
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
            if r.status_code < 300:
                # Counted after decompression, so a gzip bomb stops at the cap too.
                for chunk in r.iter_bytes():
                    size += len(chunk)
                    if size > policy.max_bytes:
                        raise FetchError(f"body over the {policy.max_bytes} byte cap: {url}")
                    chunks.append(chunk)
            return Response(
                url=str(r.url),
                status=r.status_code,
                content=b"".join(chunks),
                headers={k.lower(): v for k, v in r.headers.items()},
            )
    except httpx.TimeoutException as exc:
        raise Unreachable(f"took over {policy.timeout:g}s: {url}") from exc
    except (httpx.ConnectError, httpx.ReadError, httpx.WriteError) as exc:
        raise Unreachable(f"{type(exc).__name__}: {exc or 'connection failed'} ({url})") \
            from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"{type(exc).__name__}: {exc or 'connection failed'} ({url})") from exc
    except httpx.InvalidURL as exc:  # also raised by httpx for a Location it cannot parse
        raise FetchError(f"invalid URL at or redirected from {url}: {exc}") from exc
