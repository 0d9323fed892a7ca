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

    from dramawired.demo.catalog import set_source_kinds
    from dramawired.sources.opml import import_opml

    created = import_opml(httpx.get(f"{publishers.base_url}/opml.xml").content).created
    set_source_kinds(publishers.base_url)
    for source in created:
        source.refresh_from_db()
    return created


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached pages and settings never leak from one test into the next."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _fresh_host_limits():
    """A host's "wait 120 s" (429) is kept per process; one test's never blocks the next."""
    from dramawired.pipeline.policy import reset_host_limits

    reset_host_limits()


ALIBABA = "Alibaba Set to Invest $640M Into Hong Kong Entertainment Industry"


@pytest.fixture
def site(db, demo_sources):
    """The demo publishers ingested (~89 real posts with tags, authors and duplicates);
    returns the seed site's mangled story, which we keep intact."""
    from dramawired.news.models import Post
    from dramawired.pipeline.run import ingest

    ingest()
    return Post.objects.get(title=ALIBABA)


@pytest.fixture
def queue():
    """The test queue (in memory), empty before and after."""
    from huey.contrib.djhuey import HUEY

    HUEY.flush()
    yield HUEY
    HUEY.flush()


@pytest.fixture
def lost_queue(queue, monkeypatch, tmp_path):
    """The queue's storage made unreachable for real: a SQLite queue whose folder is gone
    (a lost volume), so the next connection cannot open the file."""
    import shutil

    from huey import SqliteHuey

    folder = tmp_path / "queue"
    folder.mkdir()
    lost = SqliteHuey("lost", filename=str(folder / "queue.sqlite3"))
    shutil.rmtree(folder)
    with monkeypatch.context() as patch:
        patch.setattr(queue, "storage", lost.storage)
        yield


@pytest.fixture
def editor(client, django_user_model):
    """The test client, logged in as a staff superuser."""
    user = django_user_model.objects.create_user("ed", password="pw", is_staff=True,
                                                 is_superuser=True)
    client.force_login(user)
    return client


@pytest.fixture
def run_jobs(monkeypatch):
    """Run what the tests queued (test settings keep jobs in memory until this runs them);
    returns how many tasks ran."""
    from huey.contrib import djhuey
    from huey.contrib.djhuey import HUEY

    # A worker closes its database connections around each task; here that would close the
    # test's own connection, and with it the test's transaction.
    monkeypatch.setattr(djhuey, "close_old_connections", lambda: None)

    def drain() -> int:
        ran = 0
        while (task := HUEY.dequeue()) is not None:
            HUEY.execute(task)
            ran += 1
        return ran

    HUEY.flush()
    return drain
