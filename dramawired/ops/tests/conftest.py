"""Fixtures for the process-level tests: a deployment per test, publishers that count the
requests they get, proxies that can take PostgreSQL and Redis away."""

import threading
from collections import Counter
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest

from dramawired.demo.server import DemoServer, Handler

from .deployment import Deployment
from .tcpproxy import TcpProxy


@pytest.fixture
def deployment(tmp_path):
    dep = Deployment(tmp_path)
    yield dep
    # Shown by pytest only when the test failed: what every process logged.
    print(dep.tails())
    dep.close()


class _CountingHandler(Handler):
    def do_GET(self):  # noqa: N802 - http.server's naming
        with self.server.lock:
            self.server.requests[urlsplit(self.path).path] += 1
        super().do_GET()


@pytest.fixture
def counting_publishers():
    """The demo publishers, counting the requests for each path."""
    server = DemoServer("127.0.0.1", 0)
    server.RequestHandlerClass = _CountingHandler
    server.requests, server.lock = Counter(), threading.Lock()
    server.start_in_thread()
    yield server
    server.stop()


@pytest.fixture
def proxies(deployment):
    """Proxies in front of the deployment's PostgreSQL and Redis, and the environment that
    sends its processes through them."""
    pg = TcpProxy(deployment.pg_server["host"], deployment.pg_server["port"])
    redis = TcpProxy(deployment.redis_host, deployment.redis_port)
    env = {"DATABASE_URL": deployment.pg_url("127.0.0.1", pg.port),
           "REDIS_URL": deployment.redis_via(redis.port)}
    yield SimpleNamespace(pg=pg, redis=redis, env=env)
    pg.close()
    redis.close()
