"""Cache churn: what publishing does to readers of the page cache (issue 12, part 2).

    .venv/bin/python bench/churn.py [--posts 100000] [--duration 30] [--every 10]
                                    [--urls 1000] [--redis] [--keep DIR]

Seeds a SQLite database with bench/serving.py's seed() and serves it with gunicorn as
serving.py does (2 threaded workers, the embedded default cache; --redis: the cache on
redis://127.0.0.1:6379/15, flushed first). Anonymous readers (no cookie: through the page
cache) request --urls article pages in turn under wrk -t2 -c8 (bench/churn.lua), after one
warm-up request each, in two phases of --duration seconds: (a) nothing is published;
(b) a separate process publishes a new post every --every seconds through the pipeline's
own publish stage (pipeline/publish.py under serialized(), as pipeline/run.py calls it),
so the page cache is invalidated by the site's own signals, exactly as in production.
Prints requests/s, p50, p90, p99 and the cache misses of each phase, the throughput lost
to publishing, and the load average beside each.

Freshness: after each publish, the home page, the new post's category page and an older
article (its sidebar lists the newest posts) are polled as an anonymous reader until the
new post's title is there; prints the seconds each took, the most of them (goal < 10 s)
and how many pages never showed it within 30 s.

--keep DIR keeps the seeded database there and reuses it on the next run with the same
--posts (the posts earlier runs published are deleted first). Needs wrk.

bench/compare.py (`make bench`) runs the same phases() on its own seeded site and server.
"""

import argparse
import json
import math
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

import serving  # bench/serving.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
CHURN_LUA = Path(__file__).resolve().with_name("churn.lua")
THREADS, CONNECTIONS = 2, 8
GIVE_UP = 30  # seconds after a publish: a page still without the post then never showed it
POLL = 0.2  # seconds between two freshness polls of one page
NEWEST_SKIPPED = 100  # read pages are older: their next/previous links never name a new post
URLS, EVERY = 1000, 10  # the churn: 1,000 article pages read, a post every 10 s


def load() -> str:
    return "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


# --- the database ---------------------------------------------------------------------

def prepare(args, var: Path) -> None:
    """Migrate and seed, or reuse a kept seed as it was after seeding."""
    from django.core.management import call_command

    from dramawired.news.models import Post

    call_command("migrate", verbosity=0)
    marker = var / "churn-seeded"
    if marker.exists() and marker.read_text() == str(args.posts):
        gone, _ = Post.objects.filter(pk__gt=args.posts).delete()  # earlier runs' posts
        print(f"reusing {args.posts:,} posts in {var} ({gone} rows of earlier runs deleted)")
    elif Post.objects.exists():
        sys.exit(f"{var} holds another database: give --keep an empty folder")
    else:
        started = time.perf_counter()
        serving.seed(args.posts)
        marker.write_text(str(args.posts))
        print(f"seeded {args.posts:,} posts in {time.perf_counter() - started:.1f} s")
    call_command("collectstatic", verbosity=0, interactive=False)


def article_paths(count: int) -> list[str]:
    """`count` article addresses, percent-encoded (slugs keep non-ASCII letters)."""
    from dramawired.news.models import Post

    slugs = list(Post.objects.published().order_by("-published_at")
                 .values_list("slug", flat=True)[NEWEST_SKIPPED:])
    return [quote(f"/{slug}/") for slug in random.Random(3).sample(slugs, min(count, len(slugs)))]


# --- the publisher (a process of its own, as a worker is) -------------------------------

def publisher(duration: float, every: float) -> None:
    """Publish a post every `every` seconds for `duration` seconds, from the word "go" on
    stdin; print each one as a JSON line once its transaction has committed."""
    import django

    django.setup()
    from django.utils import timezone
    from django.utils.html import escape, strip_tags

    from dramawired.demo.catalog import articles
    from dramawired.news.models import Post, Tag
    from dramawired.pipeline.dedupe import cheap_keys
    from dramawired.pipeline.items import Article, FeedItem
    from dramawired.pipeline.publish import publish, serialized
    from dramawired.sources.models import Source

    demo = [a for items in articles().values() for a in items if not a.original]
    rng = random.Random()
    demo_tags = list(Tag.objects.order_by("pk").values_list("name", flat=True)[:40])
    token = f"{rng.getrandbits(32):08x}"  # a run's titles are its own
    print("ready", flush=True)
    sys.stdin.readline()
    go = time.time()
    for n in range(math.ceil(duration / every)):
        time.sleep(max(0.0, go + n * every - time.time()))
        a = rng.choice(demo)
        marker = f"Churn {token}-{n}"  # nothing in it that HTML escapes
        url = f"https://{a.outlet.slug}.example/churn/{token}-{n}/"
        item = FeedItem(guid=url, url=url, title=f"{marker}: {a.title}",
                        summary_html=f"<p>{escape(a.summary)}</p>", author=a.author,
                        published=timezone.now())
        source = Source.objects.get(feed_url=f"https://{a.outlet.slug}.example/feed/")
        story = Article(
            item=item, keys=cheap_keys(item, source.pk), title=item.title, body_html=a.body,
            excerpt=a.summary, text=strip_tags(a.body), author=a.author,
            published=item.published, lead_image="", category=a.category,
            category_by=Post.FiledBy.CONTENT, tags=rng.sample(demo_tags, 4),
            page_html=f"<html><body><article>{a.body}</article></body></html>", page_url=url)
        started = time.perf_counter()
        with serialized():  # as pipeline/run.py's _settle holds it around publish
            post = publish(story, source).post
        print(json.dumps({"at": time.time(), "marker": marker, "category": post.category.slug,
                          "ms": (time.perf_counter() - started) * 1000}), flush=True)


# --- measuring --------------------------------------------------------------------------

def wrk(base: str, paths_file: Path, seconds: int, connections: int = CONNECTIONS) -> dict:
    """requests/s, p50, p90, p99 and X-Cache misses of anonymous readers of the listed
    pages, with the load average read just before."""
    before = load()
    found = serving.wrk_run(base + "/", connections, seconds, ["-s", str(CHURN_LUA)],
                            [str(paths_file), str(THREADS)])
    return {**found, "misses": int(re.search(r"X-Cache misses: (\d+)", found["out"])[1]),
            "load": before}


def freshness(base: str, event: dict, older: str) -> dict[str, float | None]:
    """Seconds from the publish's commit until each page showed the post (None: not
    within GIVE_UP), as an anonymous reader sees it."""
    pending = {"home": "/", "category": f"/category/{event['category']}/", "older article": older}
    shown: dict[str, float | None] = dict.fromkeys(pending)
    marker = event["marker"].encode()
    while pending and time.time() < event["at"] + GIVE_UP:
        for name, path in list(pending.items()):
            try:
                body = serving.fetch(base + path)[0]
            except OSError:  # an error page or a timeout: not shown yet
                continue
            if marker in body:
                shown[name] = time.time() - event["at"]
                del pending[name]
        time.sleep(POLL)
    return shown


def watch(proc: subprocess.Popen, base: str, older: str, found: list) -> None:
    """Poll the pages for each post the publisher reports, each post in its own thread."""
    pollers = []
    for line in proc.stdout:
        event = json.loads(line)

        def poll(event=event):
            found.append((event, freshness(base, event, older)))

        pollers.append(threading.Thread(target=poll))
        pollers[-1].start()
    for poller in pollers:
        poller.join()


def publishing_phase(base: str, env: dict, paths_file: Path, older: str, seconds: int,
                     every: float, connections: int = CONNECTIONS) -> tuple[dict, list]:
    """wrk on the listed pages while a publisher (a process of its own, with the server's
    environment `env`) publishes a post every `every` seconds; the figures, and each
    post's (event, freshness) in publishing order."""
    proc = subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), "--publisher", "--duration",
         str(seconds), "--every", str(every)],
        cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        start_new_session=True)
    found: list = []
    try:
        if proc.stdout.readline().strip() != "ready":
            raise RuntimeError(f"the publisher failed to start ({proc.wait()})")
        watcher = threading.Thread(target=watch, args=(proc, base, older, found))
        watcher.start()
        proc.stdin.write("go\n")
        proc.stdin.flush()
        measured = wrk(base, paths_file, seconds, connections)
        proc.wait(timeout=every + 60)
        watcher.join()
    finally:
        serving.stop(proc)
    if proc.returncode:
        raise RuntimeError(f"the publisher exited with {proc.returncode}")
    return measured, sorted(found, key=lambda f: f[0]["at"])


def warm_up(base: str, paths: list[str]) -> None:
    started = time.perf_counter()
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda path: serving.fetch(base + path), paths))
    print(f"warm-up: {len(paths):,} pages rendered once in "
          f"{time.perf_counter() - started:.1f} s (load {load()})")


def phases(base: str, env: dict, var: Path, paths: list[str], seconds: int, every: float,
           connections: int = CONNECTIONS) -> tuple[dict, dict, list]:
    """Both phases against the server at `base` (serving the database `env` names), after
    one warm-up request per page: (no publishing, a post every `every` s, freshness)."""
    paths_file = var / "churn-paths.txt"
    paths_file.write_text("\n".join(paths) + "\n")
    warm_up(base, paths)
    quiet = wrk(base, paths_file, seconds, connections)
    print(f"(a) done, load {quiet['load']}", flush=True)
    busy, found = publishing_phase(base, env, paths_file, paths[0], seconds, every, connections)
    return quiet, busy, found


def lost(quiet: dict, busy: dict) -> float:
    """The share of throughput publishing cost, in %."""
    return (1 - busy["rps"] / quiet["rps"]) * 100


def freshness_report(found: list) -> tuple[float, int]:
    """Prints each post's freshness; (the most seconds until a post was on every page that
    showed it, how many pages never did)."""
    worst, never = 0.0, 0
    for event, shown in found:
        pages = ", ".join(f"{name} {'never' if s is None else f'{s:.1f} s'}"
                          for name, s in shown.items())
        print(f"  {event['marker']} ({event['category']}, published in "
              f"{event['ms']:.0f} ms): {pages}")
        never += sum(s is None for s in shown.values())
        worst = max([worst, *(s for s in shown.values() if s is not None)])
    return worst, never


def report(args, quiet, busy, found, cache: str) -> None:
    print(f"\n{args.urls:,} article pages read by anonymous readers, wrk -t{THREADS} "
          f"-c{CONNECTIONS}, {args.duration} s a phase, {args.posts:,} posts, SQLite, {cache}")
    print(f"{'phase':<24} {'requests/s':>10} {'p50':>9} {'p90':>9} {'p99':>9} "
          f"{'misses':>7}  load (1/5/15 min)")
    for name, m in (("(a) no publishing", quiet), (f"(b) a post every {args.every:g} s", busy)):
        print(f"{name:<24} {m['rps']:>10,.1f} {m['p50']:>9} {m['p90']:>9} {m['p99']:>9} "
              f"{m['misses']:>7,}  {m['load']}")
    print(f"throughput lost while publishing: {lost(quiet, busy):.1f} % (goal < 10 %; "
          f"load {load()})")
    print("\nfreshness: seconds from a publish's commit until an anonymous reader saw the "
          "post")
    worst, never = freshness_report(found)
    print(f"{len(found)} posts published; the most seconds until a post was everywhere: "
          f"{worst:.1f} (goal < 10 s); pages that never showed it within {GIVE_UP} s: "
          f"{never} (load {load()})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--duration", type=int, default=30, help="seconds per phase")
    parser.add_argument("--every", type=float, default=EVERY, help="seconds between posts")
    parser.add_argument("--urls", type=int, default=URLS, help="article pages read")
    parser.add_argument("--redis", action="store_true", help=f"the cache on {serving.REDIS_URL}")
    parser.add_argument("--keep", metavar="DIR", help="keep (or reuse) the seeded database here")
    parser.add_argument("--publisher", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.publisher:  # the child publishing_phase() starts, with the server's environment
        return publisher(args.duration, args.every)
    if not shutil.which("wrk"):
        sys.exit("wrk not found: apt-get install wrk")
    # SIGTERM unwinds like Ctrl-C, through the finally clauses that stop the processes.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    var = Path(args.keep or tempfile.mkdtemp(prefix="dramawired-churn-")).resolve()
    var.mkdir(parents=True, exist_ok=True)
    os.environ.update(DRAMAWIRED_VAR_DIR=str(var), DRAMAWIRED_ALLOWED_HOSTS="127.0.0.1",
                      DJANGO_SETTINGS_MODULE="dramawired.settings.base")
    for name in ("DATABASE_URL", "REDIS_URL", "DRAMAWIRED_DEBUG"):
        os.environ.pop(name, None)
    redis_db = None
    try:
        import django

        django.setup()
        from django.db import connections

        prepare(args, var)
        paths = article_paths(args.urls)
        connections.close_all()
        shutil.rmtree(var / "cache", ignore_errors=True)  # no page of an earlier run
        env = dict(os.environ)
        cache = "embedded default cache (files under the var folder)"
        if args.redis:
            import redis

            redis_db = redis.Redis.from_url(serving.REDIS_URL)
            redis_db.flushdb()
            env["REDIS_URL"], cache = serving.REDIS_URL, f"Redis ({serving.REDIS_URL})"
        print(f"load average before the run: {load()}")
        with serving.web_server(env) as base:  # the site's own server setup
            quiet, busy, found = phases(base, env, var, paths, args.duration, args.every)
        report(args, quiet, busy, found, cache)
    finally:
        if redis_db is not None:
            redis_db.flushdb()
        if not args.keep:
            shutil.rmtree(var, ignore_errors=True)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:  # the server and the publisher are stopped by then
        sys.exit("interrupted")
