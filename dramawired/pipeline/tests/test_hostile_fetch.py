"""fetch.py against a publisher that misbehaves on purpose (tests/hostile.py).

Pins: one deadline for the whole fetch (connect, headers, body, every redirect hop), the
body cap after decompression and on endless chunked bodies, lying and short Content-Length,
redirect loops, redirects to private addresses or to non-HTTP schemes, and bodies that only
look like something else (a path, a wrong charset label) handed back as plain bytes.
"""

import gzip
import itertools
import time

import pytest

from dramawired.pipeline.fetch import FetchError, FetchPolicy, check_address, fetch, make_client

from .hostile import HostileServer

# The loopback server's own address and nothing else of the private ranges.
ONLY_ME = FetchPolicy(timeout=1.0, allowed_networks=("127.0.0.1/32",))


@pytest.fixture
def server():
    with HostileServer() as s:
        yield s


@pytest.fixture
def get():
    """get(url, policy=ONLY_ME, **fetch_kwargs) with a fresh client per test."""
    clients = []

    def _get(url, policy=ONLY_ME, **kwargs):
        if not clients:
            clients.append(make_client(policy))
        return fetch(url, clients[0], policy, **kwargs)

    yield _get
    for client in clients:
        client.close()


def _fails_within(seconds, match, call):
    started = time.monotonic()
    with pytest.raises(FetchError, match=match):
        call()
    elapsed = time.monotonic() - started
    assert elapsed < seconds, f"took {elapsed:.1f}s"
    return elapsed


def test_headers_dripped_a_byte_at_a_time_hit_the_deadline(server, get):
    # ~90 header bytes at 0.2 s each would take ~18 s; every single read is quick, so a
    # per-read timeout never fires: only a deadline for the whole request does.
    url = server.route("/hang", body=b"<rss/>", drip_headers=0.2,
                       headers={"Content-Type": "application/rss+xml", "X-Pad": "p" * 20})
    _fails_within(ONLY_ME.timeout + 1, r"took over 1s", lambda: get(url))


def test_body_dripped_a_byte_at_a_time_hits_the_deadline(server, get):
    url = server.route("/trickle", body=b"x" * 400, drip_body=0.02)
    _fails_within(ONLY_ME.timeout + 1, r"took over 1s", lambda: get(url))


def test_silence_before_the_answer_hits_the_deadline(server, get):
    url = server.route("/late", body=b"ok", delay=5)
    _fails_within(ONLY_ME.timeout + 1, r"took over 1s", lambda: get(url))


def test_redirect_hops_share_one_deadline(server, get):
    # Each hop alone is well inside the timeout; three of them are not.
    for hop in range(3):
        server.route(f"/hop{hop}", status=302, delay=0.45,
                     headers={"Location": f"/hop{hop + 1}"})
    server.route("/hop3", body=b"arrived")
    _fails_within(ONLY_ME.timeout + 1, r"took over 1s", lambda: get(server.url("/hop0")))
    assert get(server.url("/hop2")).content == b"arrived"  # two hops fit


def test_a_timed_out_fetch_leaves_the_client_usable(server, get):
    server.route("/hang", body=b"slow", drip_headers=0.2)
    ok = server.route("/ok", body=b"fine")
    with pytest.raises(FetchError):
        get(server.url("/hang"))
    assert get(ok).content == b"fine"


def test_gzip_bomb_stops_at_the_cap(server, get):
    bomb = gzip.compress(b"\0" * (20 * 1024 * 1024))  # 20 MB from ~20 KB
    assert len(bomb) < 64 * 1024
    url = server.route("/bomb", body=bomb, headers={"Content-Encoding": "gzip"})
    policy = FetchPolicy(timeout=5, max_bytes=1024 * 1024, allowed_networks=("127.0.0.1/32",))
    _fails_within(5, "over the 1048576 byte cap", lambda: get(url, policy))


def test_endless_chunked_body_stops_at_the_cap(server, get):
    url = server.route("/endless", chunks=itertools.repeat(b"x" * 65536))
    policy = FetchPolicy(timeout=5, max_bytes=512 * 1024, allowed_networks=("127.0.0.1/32",))
    _fails_within(5, "over the 524288 byte cap", lambda: get(url, policy))


def test_content_length_declaring_less_gets_what_it_declared(server, get):
    liar = server.route("/liar", body=b"HELLO" + b"<script>smuggled</script>" * 4,
                        headers={"Content-Length": "5"})
    ok = server.route("/ok", body=b"next answer")
    assert get(liar).content == b"HELLO"
    # The extra bytes are not read as the next response on the same connection.
    assert get(ok).content == b"next answer"


def test_server_closing_mid_body_is_an_error(server, get):
    url = server.route("/cut", body=b"0123456789", headers={"Content-Length": "100"},
                       close=True)
    _fails_within(2, r"RemoteProtocolError|incomplete|closed", lambda: get(url))


def test_oversized_header_block_is_an_error(server, get):
    url = server.route("/fat", body=b"x", headers={"X-Fat": "f" * 200_000})
    _fails_within(2, "RemoteProtocolError", lambda: get(url))


@pytest.mark.parametrize("max_redirects", [0, 3])
def test_redirect_loop_stops_at_the_cap(server, get, max_redirects):
    url = server.route("/loop", status=302, headers={"Location": "/loop"})
    policy = FetchPolicy(max_redirects=max_redirects, allowed_networks=("127.0.0.1/32",))
    with pytest.raises(FetchError, match=f"more than {max_redirects} redirects"):
        get(url, policy)
    assert len(server.requests) == max_redirects + 1


@pytest.mark.parametrize("location", [
    "http://127.0.0.2:{port}/",        # loopback, but not the one address allowed
    "http://[::1]:{port}/",
    "http://0.0.0.0:{port}/",
    "http://2130706434:{port}/",       # 127.0.0.2 written as one number
    "http://0x7f000002:{port}/",
])
def test_redirect_to_another_private_address_is_refused(server, get, location):
    port = server.base_url.rsplit(":", 1)[1]
    url = server.route("/go", status=302, headers={"Location": location.format(port=port)})
    with pytest.raises(FetchError, match=r"refused: .* is a private address|cannot resolve"):
        get(url)
    assert [path for path, _ in server.requests] == ["/go"]


@pytest.mark.parametrize("host", ["10.0.0.1", "169.254.169.254", "192.168.1.1", "100.64.0.1",
                                  "167772161", "[fd00::1]", "[::ffff:10.0.0.1]"])
def test_private_ranges_are_refused_before_any_connection(host):
    # Checked without fetching, so no packet ever leaves loopback even if this regressed.
    with pytest.raises(FetchError, match="is a private address|cannot resolve"):
        check_address(f"http://{host}/latest/meta-data/", ONLY_ME)


@pytest.mark.parametrize("location", ["file:///etc/passwd", "javascript:alert(1)",
                                      "ftp://127.0.0.1/feed", "data:text/html,<p>hi</p>",
                                      "gopher://127.0.0.1:70/"])
def test_redirect_to_a_non_http_scheme_is_refused(server, get, location):
    url = server.route("/go", status=301, headers={"Location": location})
    # (httpx itself rejects a Location with a scheme and no "//" before we see it.)
    with pytest.raises(FetchError, match="not an http|invalid URL"):
        get(url)
    assert len(server.requests) == 1


def test_a_body_that_is_a_path_is_just_bytes(server, get):
    url = server.route("/feed", body=b"/etc/passwd", headers={"Content-Type": "text/xml"})
    r = get(url)
    assert r.content == b"/etc/passwd" and r.text == "/etc/passwd"


@pytest.mark.parametrize("label", ["undefined", "unicode_escape", "idna", "rot13",
                                   '"windows-1252"', "x-" + "a" * 5000, "utf-7"])
def test_any_charset_label_decodes_without_error(server, get, label):
    text = "Café Brûlée: \\u0041 + “$640M”"
    body = text.encode("cp1252" if "1252" in label else "utf-8")
    url = server.route("/page", body=body, headers={"Content-Type": f"text/html; charset={label}"})
    assert get(url).text == text
