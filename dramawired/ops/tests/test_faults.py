"""Workers and web servers as real processes, under the faults a deployment meets: a worker
killed mid-poll, two workers racing for the same sources, PostgreSQL or Redis going away
for a while. Each test has a deployment of its own (deployment.py): SQLite and its queue
file on the first CI pass, a fresh PostgreSQL database and a Redis queue on the second."""

import time

from dramawired.demo.catalog import OUTLETS

from .deployment import (
    assert_each_story_once,
    expected_titles,
    needs_full_stack,
    polled,
    wait_until,
)

# One page at a time, so that a poll lasts long enough to be interrupted.
SLOW = {"DRAMAWIRED_FETCH_WORKERS": 1, "DRAMAWIRED_FETCH_PER_HOST": 1}
NAMES = {o.slug: o.name for o in OUTLETS}


def _all_published(dep, expected):
    return lambda: dep.post_count() >= len(expected) and dep.idle()


def test_worker_killed_mid_poll_is_replaced(deployment, publishers):
    dep = deployment
    # Short, so the test waits little for the dead worker's claims to lapse. (On a loaded
    # machine a live poll's claim may lapse too and its source be polled twice at once:
    # harmless, as publishing is idempotent and the check-and-write is serialized.)
    dep.lease = 3
    expected = expected_titles()
    dep.cli("migrate", "--no-input")
    dep.cli("sources", "import-opml", f"{publishers.base_url}/opml.xml")

    victim = dep.start_worker(**SLOW)
    wait_until(lambda: dep.post_count() >= 15, 60, "the first worker to publish",
               interval=0.02, detail=dep.tails)
    victim.kill()  # SIGKILL: no chance to release its claims
    killed_at = dep.post_count()
    held = {name for name, s in dep.sources().items() if s["claim"]}
    assert 0 < killed_at < len(expected), "the kill must land mid-run"
    assert held, "the kill must land mid-poll: the dead worker's sources are still claimed"

    # Its claims lapse DRAMAWIRED_POLL_LEASE seconds after its last renewal at the latest;
    # a worker started after that polls what the dead one left, at once.
    time.sleep(dep.lease + 0.5)
    successor = dep.start_worker()
    wait_until(_all_published(dep, expected), 90, "the new worker to finish the work",
               interval=0.2, detail=dep.tails)
    assert_each_story_once(dep)
    # The sources the dead worker held were polled to the end by its successor.
    assert held <= set(polled(successor.log()))
    assert successor.stop() == 0


def test_two_workers_poll_each_source_once(deployment, counting_publishers):
    dep = deployment
    # A long lease: this test is about two dispatchers racing, not about claims lapsing on
    # a loaded machine while one item takes seconds.
    dep.lease = 60
    expected = expected_titles()
    dep.cli("migrate", "--no-input")
    dep.cli("sources", "import-opml", f"{counting_publishers.base_url}/opml.xml")
    counting_publishers.requests.clear()

    # Both start a scheduler and dispatch at once, on the same queue and database.
    first = dep.start_worker("--threads", "2")
    second = dep.start_worker("--threads", "2")
    wait_until(_all_published(dep, expected), 90, "the workers to poll every source",
               interval=0.2, detail=dep.tails)
    assert_each_story_once(dep)

    logs = first.log(), second.log()
    assert polled(*logs) == {name: 1 for name in dep.sources()}
    feeds = {path.split("/")[1]: n for path, n in counting_publishers.requests.items()
             if path.endswith("/feed")}
    assert feeds == {slug: 1 for slug in NAMES}
    # Both took polls from the shared queue (two threads each, nine sources).
    assert all(polled(log) for log in logs), [polled(log) for log in logs]
    assert first.stop() == 0
    assert second.stop() == 0


def _feed(publishers, slug: str) -> str:
    return f"{publishers.base_url}/{slug}/feed"


def _add(dep, publishers, slug: str, env: dict, check: bool = True):
    return dep.cli("sources", "add", _feed(publishers, slug), "--name", NAMES[slug],
                   check=check, **env)


def _published(dep, *slugs: str):
    """Every story of these outlets is published and no poll is running."""
    want = {NAMES[slug]: len(expected_titles(slug)) for slug in slugs}
    return lambda: dep.idle() and all(dep.posts_of(n) == k for n, k in want.items())


def _running(dep, env, publishers):
    """A worker and a web server through the proxies, one source's stories published;
    returns them and the slug of a post."""
    dep.cli("migrate", "--no-input")
    worker = dep.start_worker(**env)
    web = dep.start_web(ready=False, **env)
    _add(dep, publishers, "dramacam", env)
    web.wait_ready()
    wait_until(_published(dep, "dramacam"), 60, "the first source's stories",
               detail=dep.tails)
    slug = dep.query("SELECT slug FROM news_post ORDER BY id LIMIT 1")[0][0]
    return worker, web, slug


@needs_full_stack
def test_redis_outage(deployment, proxies, publishers):
    dep, env = deployment, proxies.env
    worker, web, slug = _running(dep, env, publishers)
    before = len(worker.log())

    proxies.redis.cut()
    # Pages are rendered from the database, uncached, while Redis is away.
    for path in ("/", f"/{slug}/", "/feed/"):
        response = web.get(path)
        assert response.status_code == 200, path
        assert response.headers.get("x-cache") != "hit"
    # A source added meanwhile is saved (its immediate poll cannot be queued).
    added = _add(dep, publishers, "channel-surf", env, check=False)
    assert NAMES["channel-surf"] in dep.sources(), added.stderr
    wait_until(lambda: "ConnectionError" in worker.log()[before:], 20,
               "the worker to log that its queue is unreachable", detail=dep.tails)
    assert worker.alive() and web.alive()
    # The node still serves readers: degraded, not down, for a load balancer.
    health = web.get("/healthz")
    assert health.status_code == 200 and health.json()["status"] == "degraded"

    proxies.redis.restore()
    # The next dispatch polls what was added during the outage. Adding a source queues one
    # now (rather than at the scheduler's next minute).
    _add(dep, publishers, "panel-page", env)
    wait_until(_published(dep, "dramacam", "channel-surf", "panel-page"), 60,
               "the sources added during and after the outage to be polled",
               detail=dep.tails)
    assert worker.alive() and web.alive()
    # The cache works again: a page is stored, then served from it.
    wait_until(lambda: web.get("/").headers.get("x-cache") == "hit", 10,
               "the home page to be served from the cache again")
    assert web.get("/healthz").status_code == 200
    assert added.returncode == 0, (
        f"`sources add` during a Redis outage saved the source but exited "
        f"{added.returncode}: {added.stderr.strip()}")


@needs_full_stack
def test_postgres_outage(deployment, proxies, publishers):
    dep, env = deployment, proxies.env
    worker, web, slug = _running(dep, env, publishers)
    # Warm the home page: the page cache answers it from Redis from now on.
    wait_until(lambda: web.get("/").headers.get("x-cache") == "hit", 10,
               "the home page to be cached")
    before = len(worker.log())

    proxies.pg.cut()
    response = web.get("/")
    assert (response.status_code, response.headers.get("x-cache")) == (200, "hit")
    started = time.monotonic()
    response = web.get(f"/{slug}/")  # never cached: needs the database
    assert 500 <= response.status_code < 600
    assert time.monotonic() - started < 10, "an uncached page must fail, not hang"
    health = web.get("/healthz")
    assert health.status_code == 503
    assert "database" in health.json()["failed"]
    # The worker meets the outage: a dispatch queued now cannot reach the database.
    dep.cli("shell", "-c", "from dramawired.pipeline import jobs; jobs.dispatch()", **env)
    wait_until(lambda: "OperationalError" in worker.log()[before:], 20,
               "the worker to log that the database is unreachable", detail=dep.tails)
    assert worker.alive() and web.alive()

    proxies.pg.restore()
    # Adding a source queues a dispatch at once: polled within seconds, not at the next
    # minute (each worker thread must drop its broken connection rather than fail on it).
    _add(dep, publishers, "panel-page", env)
    wait_until(_published(dep, "dramacam", "panel-page"), 20,
               "a source added after the outage to be polled", detail=dep.tails)
    assert worker.alive()
    wait_until(lambda: web.get(f"/{slug}/").status_code == 200, 10,
               "the uncached page to answer again")
    wait_until(lambda: web.get("/healthz").status_code == 200, 10, "/healthz to answer 200")
