"""Fixtures shared by every app's tests: the demo publishers on a real loopback port."""

import pytest

from dramawired.demo.server import DemoServer


@pytest.fixture(scope="session")
def publishers():
    """The demo publishers (and their broken variants) on 127.0.0.1, a free port."""
    server = DemoServer("127.0.0.1", 0).start_in_thread()
    yield server
    server.stop()


@pytest.fixture
def demo_sources(db, publishers):
    """Every demo outlet subscribed, as `make demo` does it (from the OPML list)."""
    import httpx

    from dramawired.sources.opml import import_opml

    return import_opml(httpx.get(f"{publishers.base_url}/opml.xml").content).created
