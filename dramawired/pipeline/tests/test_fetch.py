"""fetch.py over real HTTP against the demo publishers (good and /_broken/ routes).

Pins: timeouts, the body cap (declared and counted after gzip decompression), the redirect
cap, 429/503 -> RetryLater and the host left alone afterwards, the private-network guard on
every hop, conditional GET (304), decode_html's charset order and HostLimiter's per-host cap.
"""

import threading
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from dramawired.pipeline.fetch import (
    DEFAULT_RETRY_AFTER,
    MAX_RETRY_AFTER,
    FetchError,
    FetchPolicy,
    HostLimiter,
    RetryLater,
    decode_html,
    fetch,
    make_client,
    parse_retry_after,
)

LOOPBACK = FetchPolicy(allowed_networks=("127.0.0.0/8",))


@pytest.fixture
def get(publishers):
    """get(path, policy=LOOPBACK, headers={...}, **fetch_kwargs) on the demo server. Extra
    client headers drive the demo's test knobs (x-delay, x-status); fetch() sends none."""
    clients = []

    def _get(path, policy=LOOPBACK, headers=None, **kwargs):
        client = make_client(policy)
        client.headers.update(headers or {})
        clients.append(client)
        return fetch(publishers.base_url + path, client, policy, **kwargs)

    yield _get
    for client in clients:
        client.close()


def test_good_feed(get, publishers):
    r = get("/tea-kettle/feed")
    assert r.status == 200 and not r.not_modified
    assert r.url == f"{publishers.base_url}/tea-kettle/feed"
    assert r.content_type.startswith("application/rss+xml")
    assert r.content.startswith(b"<?xml") and b"</rss>" in r.content


def test_conditional_get_answers_304(get):
    first = get("/reel-report/feed")
    etag = first.headers["etag"]
    again = get("/reel-report/feed", etag=etag)
    assert again.status == 304 and again.not_modified and again.content == b""
    assert get("/reel-report/feed", etag='"stale"').status == 200


@pytest.mark.parametrize("status", [404, 500])
def test_http_error_is_fetch_error_not_retry(get, status):
    with pytest.raises(FetchError, match=f"HTTP {status}") as info:
        get(f"/_broken/{status}")
    assert not isinstance(info.value, RetryLater)


def test_429_raises_retry_later_and_blocks_the_host(get):
    limiter = HostLimiter()
    with pytest.raises(RetryLater, match="HTTP 429") as info:
        get("/_broken/429", limiter=limiter)
    assert info.value.retry_after == 120
    # The same host is now left alone: even a good feed is not requested.
    with pytest.raises(RetryLater) as info:
        get("/tea-kettle/feed", limiter=limiter)
    assert 110 < info.value.retry_after <= 120


def test_503_without_retry_after_waits_the_default(get):
    with pytest.raises(RetryLater, match="HTTP 503") as info:
        get("/_broken/challenge-page", headers={"x-status": "503"})
    assert info.value.retry_after == DEFAULT_RETRY_AFTER


def test_timeout(get):
    policy = FetchPolicy(timeout=0.5, allowed_networks=("127.0.0.0/8",))
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"took over 0.5s"):
        get("/_broken/slow.xml", policy, headers={"x-delay": "1.5"})
    assert time.monotonic() - started < 1.4


def test_declared_body_over_cap_is_refused(get):
    started = time.monotonic()
    with pytest.raises(FetchError, match="over the 5242880 cap"):
        get("/_broken/huge.xml")
    assert time.monotonic() - started < 5


def test_gzip_body_is_capped_after_decompression(get):
    r = get("/_broken/gzip.xml")
    compressed, full = int(r.headers["content-length"]), len(r.content)
    assert r.content.startswith(b"<?xml") and compressed < full
    cap = (compressed + full) // 2  # above what crossed the wire, below what it inflates to
    policy = FetchPolicy(max_bytes=cap, allowed_networks=("127.0.0.0/8",))
    with pytest.raises(FetchError, match=f"over the {cap} byte cap"):
        get("/_broken/gzip.xml", policy)
    exact = FetchPolicy(max_bytes=full, allowed_networks=("127.0.0.0/8",))
    assert get("/_broken/gzip.xml", exact).content == r.content


@pytest.mark.parametrize("max_redirects", [0, 5])
def test_redirect_loop_stops_at_the_cap(get, max_redirects):
    policy = FetchPolicy(max_redirects=max_redirects, allowed_networks=("127.0.0.0/8",))
    with pytest.raises(FetchError, match=f"more than {max_redirects} redirects"):
        get("/_broken/redirect-loop", policy)


def test_redirect_to_private_address_is_refused(get):
    # Loopback is allowed, so the first hop succeeds; the 302 to 10.255.255.1 must not.
    with pytest.raises(FetchError, match=r"refused: 10\.255\.255\.1 is a private address"):
        get("/_broken/redirect-private")


def test_loopback_refused_unless_allowed(get):
    with pytest.raises(FetchError, match=r"private address \(127\.0\.0\.1\)"):
        get("/tea-kettle/feed", FetchPolicy())
    assert get("/tea-kettle/feed", FetchPolicy(allow_private=True)).status == 200


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/feed", "http:///x"])
def test_only_http_urls(url):
    with make_client(LOOPBACK) as client, pytest.raises(FetchError, match="not an http"):
        fetch(url, client, LOOPBACK)


def test_parse_retry_after():
    soon = format_datetime(datetime.now(UTC) + timedelta(seconds=90), usegmt=True)
    past = format_datetime(datetime.now(UTC) - timedelta(days=1), usegmt=True)
    assert parse_retry_after("120") == 120
    assert 80 < parse_retry_after(soon) <= 90
    assert parse_retry_after(past) == 0
    assert parse_retry_after("99999999") == MAX_RETRY_AFTER
    assert parse_retry_after(None) == parse_retry_after("soon") == DEFAULT_RETRY_AFTER


def test_decode_html_charset_order():
    cafe = "Café “Crème” ✨"
    assert decode_html(cafe.encode(), "text/html") == cafe  # UTF-8 by default
    latin = "Café Brûlée".encode("cp1252")
    assert decode_html(latin, "text/html; charset=windows-1252") == "Café Brûlée"
    meta = b'<html><head><meta charset="windows-1252"></head>' + latin
    assert decode_html(meta).endswith("Café Brûlée")
    # A wrong or unknown label falls through to the next candidate.
    assert decode_html(cafe.encode(), "text/html; charset=nonsense") == cafe
    assert decode_html(latin, "text/html; charset=utf-8") == "Café Brûlée"
    # HTTP header wins over <meta>.
    page = '<meta charset="iso-8859-1">Zoë ✨'.encode()
    assert decode_html(page, "text/html; charset=utf-8").endswith("Zoë ✨")


def test_a_utf8_page_with_one_broken_byte_stays_utf8():
    story = "Zażółć gęślą jaźń: Kraków’s “festival” opens"
    broken = story.encode() + b" \xe2\x80 and closes."  # a character cut in half
    for label in ("text/html; charset=utf-8", "text/html"):
        assert decode_html(broken, label) == f"{story} \ufffd and closes."


def test_response_text_uses_the_page_charset(get):
    r = get("/starlight-daily/")  # served as windows-1252
    assert "charset=windows-1252" in r.content_type
    assert "Crème Brûlée" in r.text


def _max_inside(limiter, hosts, hold=0.05):
    """Run one thread per entry of `hosts` through limiter.slot; the most inside at once."""
    inside, peak, lock = {}, {}, threading.Lock()

    def work(host):
        with limiter.slot(host):
            with lock:
                inside[host] = inside.get(host, 0) + 1
                peak[host] = max(peak.get(host, 0), inside[host])
            time.sleep(hold)
            with lock:
                inside[host] -= 1

    threads = [threading.Thread(target=work, args=(h,)) for h in hosts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return peak


def test_host_limiter_caps_concurrency_per_host():
    peak = _max_inside(HostLimiter(per_host=2), ["a.example"] * 8 + ["b.example"] * 3)
    assert peak == {"a.example": 2, "b.example": 2}
    assert _max_inside(HostLimiter(per_host=1), ["a.example"] * 4) == {"a.example": 1}


def test_host_limiter_block():
    limiter = HostLimiter()
    limiter.block("a.example", 60)
    with pytest.raises(RetryLater) as info, limiter.slot("a.example"):
        pass
    assert 59 < info.value.retry_after <= 60
    with limiter.slot("b.example"):  # other hosts are not affected
        pass


def test_fetch_waits_for_a_slot(get):
    """Four 0.3 s requests, two at a time per host: at least two rounds."""
    limiter = HostLimiter(per_host=2)
    errors = []

    def one():
        try:
            get("/_broken/slow.xml", headers={"x-delay": "0.3"}, limiter=limiter)
        except FetchError as exc:  # pragma: no cover - reported below
            errors.append(exc)

    started = time.monotonic()
    threads = [threading.Thread(target=one) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert time.monotonic() - started >= 0.6
