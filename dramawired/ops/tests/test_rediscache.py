"""ResilientRedisCache: with Redis unreachable a read is a miss and a write is skipped, fast
and logged once; with Redis there it is Django's Redis cache; back after an outage, it works
again without a restart."""

import logging
import os
import secrets
import socket
import time
from urllib.parse import urlsplit

import pytest

from dramawired.rediscache import ResilientRedisCache

from .tcpproxy import TcpProxy

OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 1}  # as settings/base.py
needs_redis = pytest.mark.skipif(not os.environ.get("REDIS_URL"),
                                 reason="needs the PostgreSQL + Redis pass (.ci/run)")


def _cache(url: str) -> ResilientRedisCache:
    # A prefix of its own: the test's keys never meet the suite's or another run's.
    return ResilientRedisCache(url, {"KEY_PREFIX": f"rctest{secrets.token_hex(4)}",
                                     "OPTIONS": OPTIONS})


@pytest.fixture
def closed_port():
    """A port bound but not listening: every connection to it is refused, and no other
    process can start listening there while the test runs."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        yield s.getsockname()[1]


@pytest.fixture
def fresh_warning(monkeypatch):
    monkeypatch.setattr(ResilientRedisCache, "_last_warning", 0.0)


def test_unreachable_redis_is_a_miss_and_writes_are_skipped(closed_port, fresh_warning,
                                                             caplog):
    cache = _cache(f"redis://127.0.0.1:{closed_port}/0")
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="dramawired.cache"):
        assert cache.get("page") is None
        assert cache.get("page", "fallback") == "fallback"
        assert cache.get_many(["a", "b"]) == {}
        assert cache.has_key("page") is False
        assert cache.set("page", "html") is None
        assert cache.add("page", "html") is False
        assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]  # keys not stored
        assert cache.touch("page") is False
        assert cache.delete("page") is False
        assert cache.delete_many(["a", "b"]) is None
        with pytest.raises(ValueError):
            cache.incr("counter")
        with pytest.raises(ValueError):
            cache.decr("counter")
    # Refused at once: an outage costs a page no waiting on timeouts.
    assert time.monotonic() - started < 5
    warnings = [r for r in caplog.records if "cache unreachable" in r.getMessage()]
    assert len(warnings) == 1, "logged once a minute at most, not per call"


@needs_redis
def test_reachable_redis_works_as_a_cache():
    cache = _cache(os.environ["REDIS_URL"])
    try:
        assert cache.get("page") is None
        cache.set("page", ("html", {"Content-Type": "text/html"}), 60)
        assert cache.get("page") == ("html", {"Content-Type": "text/html"})
        assert cache.add("page", "other") is False
        assert cache.add("fresh", 1, 60) is True
        assert cache.get_many(["page", "fresh", "missing"]) == {
            "page": ("html", {"Content-Type": "text/html"}), "fresh": 1}
        assert cache.has_key("fresh")
        assert cache.incr("fresh", 5) == 6
        assert cache.touch("fresh", 60) is True
        assert cache.delete("fresh") is True
        assert cache.get("fresh", "gone") == "gone"
        with pytest.raises(ValueError):  # Django's contract: a missing key
            cache.incr("fresh")
    finally:
        cache.delete_many(["page", "fresh"])


@needs_redis
def test_cache_comes_back_after_an_outage(fresh_warning):
    parts = urlsplit(os.environ["REDIS_URL"])
    proxy = TcpProxy(parts.hostname or "127.0.0.1", parts.port or 6379)
    cache = _cache(f"redis://127.0.0.1:{proxy.port}{parts.path or '/0'}")
    try:
        cache.set("page", "before", 60)
        proxy.cut()
        assert cache.get("page", "miss") == "miss"
        cache.set("page", "during", 60)  # skipped, not raised
        proxy.restore()
        # The same client reconnects on its own: the value stored before is there.
        assert cache.get("page") == "before"
        cache.set("page", "after", 60)
        assert cache.get("page") == "after"
    finally:
        proxy.restore()
        cache.delete("page")
        proxy.close()
