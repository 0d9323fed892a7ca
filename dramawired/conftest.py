"""Fixtures shared by every app's tests: the demo publishers on a real loopback port."""

import pytest

from dramawired.demo.server import DemoServer


@pytest.fixture(scope="session")
def publishers():
    """The demo publishers (and their broken variants) on 127.0.0.1, a free port."""
    server = DemoServer("127.0.0.1", 0).start_in_thread()
    yield server
    server.stop()


def _subscribe(base_url: str) -> list:
    """Every demo outlet subscribed, as `make demo` does it (from the OPML list)."""
    import httpx

    from dramawired.demo.catalog import set_source_kinds
    from dramawired.sources.opml import import_opml

    created = import_opml(httpx.get(f"{base_url}/opml.xml").content).created
    set_source_kinds(base_url)
    for source in created:
        source.refresh_from_db()
    return created


@pytest.fixture
def demo_sources(db, publishers):
    """Every demo outlet subscribed, as `make demo` does it (from the OPML list)."""
    return _subscribe(publishers.base_url)


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


CHROMIUM = "/usr/bin/chromium"  # Debian's package; `make` installs it, never `playwright install`
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ALIBABA = "Alibaba Set to Invest $640M Into Hong Kong Entertainment Industry"


# The fixtures that load the ingested demo; a session holding none of them never ingests.
DEMO_USERS = {"site", "live_site"}
# What an ingest writes (the search index is rebuilt from the posts as they load).
# The classifier it trained: stories it filed by content are filed the same way again.
DEMO_MODELS = ["news", "sources", "pipeline.FetchedPage", "pipeline.TrainedClassifier",
               "stories"]


def _needs_demo(item) -> bool:
    params = getattr(getattr(item, "callspec", None), "params", {})  # `site` as a parameter
    return any(name in DEMO_USERS and name not in params for name in item.fixturenames)


@pytest.fixture(scope="session", autouse=True)
def demo_dump(request, tmp_path_factory):
    """The demo publishers ingested once per session, saved with dumpdata for `site` to
    load (~0.2 s, where ingesting took each test's set-up 5-25 s on a busy 2-core machine).

    Made before the session's first test, when any test collected will need it: so it is
    always made from the freshly migrated database (categories, menu and settings as the
    migrations seed them), before a transactional test can empty the tables. It runs in a
    transaction rolled back afterwards: the database is left as the migrations made it."""
    if not any(_needs_demo(item) for item in request.session.items):
        return None
    from django.core.management import call_command
    from django.db import transaction

    from dramawired.pipeline.policy import reset_host_limits
    from dramawired.pipeline.run import ingest

    request.getfixturevalue("django_db_setup")
    publishers = request.getfixturevalue("publishers")
    path = tmp_path_factory.mktemp("demo") / "demo.json"
    with request.getfixturevalue("django_db_blocker").unblock(), transaction.atomic():
        reset_host_limits()
        _subscribe(publishers.base_url)
        ingest()
        call_command("dumpdata", *DEMO_MODELS, output=str(path), verbosity=0)
        transaction.set_rollback(True)
    reset_host_limits()
    return path


def load_demo(path) -> None:
    """The dumped demo written back in one transaction, each table in one INSERT (rows
    already there, the seeded categories, updated instead). Saving row by row as loaddata
    does would re-index each post for search twice and take seconds; what the signals of
    those saves do is done here once: the search index, the page cache, the cached menu."""
    from django.core import serializers
    from django.core.cache import cache
    from django.core.management.color import no_style
    from django.db import connection, transaction

    from dramawired.news.generations import bump_layout
    from dramawired.news.models import Post
    from dramawired.search.index import reindex_posts
    from dramawired.siteconfig.models import CACHE_KEY

    rows = {}
    with open(path, encoding="utf-8") as dump:
        for row in serializers.deserialize("json", dump):
            rows.setdefault(type(row.object), []).append(row)
    with transaction.atomic():
        for model, loaded in rows.items():
            manager = model._base_manager
            present = set(manager.filter(pk__in=[r.object.pk for r in loaded])
                          .values_list("pk", flat=True))
            manager.bulk_create([r.object for r in loaded if r.object.pk not in present])
            manager.bulk_update([r.object for r in loaded if r.object.pk in present],
                                [f.name for f in model._meta.concrete_fields
                                 if not f.primary_key])
            for field in model._meta.many_to_many:
                through, source, target = (field.remote_field.through, field.m2m_field_name(),
                                           field.m2m_reverse_field_name())
                through.objects.bulk_create([
                    through(**{f"{source}_id": r.object.pk, f"{target}_id": pk})
                    for r in loaded for pk in r.m2m_data.get(field.name, ())])
        with connection.cursor() as cursor:  # PostgreSQL: ids go on after the loaded ones
            for sql in connection.ops.sequence_reset_sql(no_style(), list(rows)):
                cursor.execute(sql)
        reindex_posts([r.object.pk for r in rows.get(Post, ())])
    bump_layout()
    cache.delete(CACHE_KEY)


@pytest.fixture
def site(db, publishers, demo_dump):
    """The demo publishers ingested (~89 real posts with tags, authors and duplicates, each
    with the page it came from), loaded from the session's dump; returns the seed site's
    mangled story, which we keep intact. Tests about ingesting itself ingest for real
    (`demo_sources`, then `ingest()`)."""
    from dramawired.news.models import Post

    load_demo(demo_dump)
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
