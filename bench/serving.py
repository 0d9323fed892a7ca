"""Site throughput: the public pages under load, with and without the page cache, beside
nginx serving the same pages as static files.

    .venv/bin/python bench/serving.py [--posts 100000] [--duration 10] [--connections 16]

Seeds a fresh SQLite database in a temporary folder with --posts published posts (bodies,
titles and bylines from the demo articles, 8 categories, 50 authors, 2,000 tags with a
long tail), runs ANALYZE and profiles each page's queries in-process. Then serves the site
with gunicorn as ops/webserver.py sets it up (2 threaded workers) twice: with the embedded
default cache (what settings/base.py picks without REDIS_URL; printed, with a check that
the workers share it) and with REDIS_URL=redis://127.0.0.1:6379/15 (db 15 is flushed;
skipped if Redis is not running).
wrk loads the home, an article and a category page, uncached (every request carries a
session cookie, and readers with a session bypass the page cache, as logged-in readers do)
and cached (one URL after a warm-up); nginx then serves the same pages saved as files. Prints
requests/s and the 50%/99% latencies. Needs wrk and nginx (apt-get install wrk nginx-light).
"""

import argparse
import contextlib
import getpass
import hashlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote, unquote

from corpus import Corpus  # bench/corpus.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
UNCACHED = "Cookie: sessionid=bench-uncached"
MISSES_LUA = Path(__file__).with_name("misses.lua")
REDIS_URL = "redis://127.0.0.1:6379/15"
def seed(total: int) -> str:
    """Fill the database with bench/corpus.py's stories; returns the slug of the article
    page to load."""
    from django.db import connection, transaction
    from django.utils import timezone
    from django.utils.text import slugify

    from dramawired.demo.catalog import OUTLETS
    from dramawired.news.models import Author, Category, Post, Tag
    from dramawired.sources.models import Source

    corpus = Corpus()
    with transaction.atomic():
        categories = {c.name: c for c in Category.objects.all()}
        sources = {o.slug: Source.objects.create(
            name=o.name, site_url=f"https://{o.slug}.example/",
            feed_url=f"https://{o.slug}.example/feed/") for o in OUTLETS}
        authors = Author.objects.bulk_create(
            [Author(name=n, slug=slugify(n)) for n in corpus.authors])
        tags = Tag.objects.bulk_create([Tag(name=n, slug=slugify(n)) for n in corpus.tags])
        links, posts = [], []
        for s in corpus.stories(total, timezone.now()):
            posts.append(Post(
                id=s.pk, title=s.title, slug=s.slug, excerpt=s.excerpt, body=s.body,
                lead_image=s.lead_image, original_url=s.original_url,
                url_key=hashlib.sha256(s.original_url.encode()).hexdigest(),
                source=sources[s.outlet], author=authors[s.author],
                category=categories[s.category], published_at=s.published_at,
                fetched_at=s.published_at, view_count=s.views, share_count=s.shares))
            links += [(s.pk, tags[t].pk) for t in s.tags]
            if len(posts) == 5000 or s.pk == total:
                Post.objects.bulk_create(posts, batch_size=1000)
                posts = []
        Through = Post.tags.through
        Through.objects.bulk_create(
            [Through(post_id=p, tag_id=t) for p, t in links], batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"{len(tags)} tags, {len(links)} post-tag links, {len(authors)} authors")
    return Post.objects.published().values_list("slug", flat=True)[20]


def profile(pages: dict[str, str]) -> dict[str, dict[str, int]]:
    """Each page rendered in-process: its time and SQL queries "cold", with nothing cached
    (the cache cleared: no page, no shared block, no generation), and "warm", rendered
    again at once, both by a reader with a session (the page cache bypassed, as for a
    logged-in reader); "hit", an anonymous reader's second request, from the page cache.
    Prints them, with the slowest query of the warm render; returns the query counts."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    reader, anonymous = Client(HTTP_HOST="127.0.0.1"), Client(HTTP_HOST="127.0.0.1")
    reader.cookies["sessionid"] = "bench-uncached"  # bypasses the page cache
    counts = {}
    for name, path in pages.items():
        cache.clear()
        found = {}
        for render, client in (("cold", reader), ("warm", reader), ("stored", anonymous),
                               ("hit", anonymous)):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                status = client.get(path).status_code
                found[render] = (queries.captured_queries, time.perf_counter() - started)
            if status != 200:
                raise RuntimeError(f"{path}: {status} in-process")
        del found["stored"]
        counts[name] = {render: len(queries) for render, (queries, _) in found.items()}
        print(f"  {name}: " + "; ".join(
            f"{render} {len(q)} quer{'y' if len(q) == 1 else 'ies'}, {s * 1000:.1f} ms"
            for render, (q, s) in found.items()))
        if warm := found["warm"][0]:
            slowest = max(warm, key=lambda q: float(q["time"]))
            sql = slowest["sql"]
            print(f"    slowest warm query {float(slowest['time']) * 1000:.1f} ms: "
                  f"SELECT …{sql[sql.find(' FROM '):][:220]}…")
    cache.clear()  # servers started next begin with nothing cached
    return counts


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[bytes, dict]:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read(), dict(response.headers)


def wait_until_up(url: str, proc: subprocess.Popen) -> None:
    for _ in range(300):
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args[0]} exited with {proc.returncode}")
        try:
            fetch(url)
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within 30 s")


def run(command: list[str]) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def wrk_run(url: str, connections: int, seconds: int, options=(), script_args=()) -> dict:
    """One wrk -t2 run: requests/s ("rps"), "p50", "p90", "p99" as wrk writes them, and
    its whole output ("out"). `options` go before the URL (-H, -s), `script_args` after
    it, for the Lua script."""
    out = run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency",
               "--timeout", "10s", *options, url, *(["--", *script_args] if script_args else [])])
    for problem in re.findall(r"(Non-2xx or 3xx responses: \d+|Socket errors: .*)", out):
        print(f"  warning, {url}: {problem}")
    latency = dict(re.findall(r"^\s+(50|90|99)%\s+(\S+)", out, re.M))
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1]), "out": out,
            **{f"p{n}": latency[n] for n in ("50", "90", "99")}}


def wrk(url: str, args, uncached: bool = False) -> tuple[float, str, str]:
    """(requests/s, p50, p99) of one wrk run; uncached: every request misses the cache."""
    found = wrk_run(url, args.connections, args.duration, ["-H", UNCACHED] if uncached else [])
    return found["rps"], found["p50"], found["p99"]


def misses_after_warm_up(url: str) -> str:
    """X-Cache misses in a second of wrk load (both workers busy) on a URL requested once
    before: 0 when the workers share one cache."""
    fetch(url)
    out = run(["wrk", "-t2", "-c16", "-d1s", "-s", str(MISSES_LUA), url])
    return re.search(r"X-Cache misses: (\d+)", out)[1]


@contextlib.contextmanager
def web_server(env: dict):
    """The site's own server setup (dramawired/ops/webserver.py: gunicorn, 2 threaded
    workers), as `make demo` runs it, on a free port; yields its address."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-c", f"from dramawired.ops.webserver import serve; serve(port={port})"],
        cwd=ROOT, env=env, start_new_session=True)
    try:
        wait_until_up(base + "/robots.txt", server)
        yield base
    finally:
        stop(server)


def bench_gunicorn(label, pages, env, var, args, results, saved) -> None:
    with web_server(env) as base:
        print(f"{label}: X-Cache misses under load after one warm-up request: "
              f"{misses_after_warm_up(f'{base}/?share-check')} (0 = one cache for all workers)")
        for name, path in pages.items():
            results.append((name, f"uncached, {label}",
                            *wrk(base + path, args, uncached=True)))
            html = fetch(base + path)[0]  # the warm-up request
            saved.setdefault(path, html)
            results.append((name, f"cached, {label}", *wrk(base + path, args)))


@contextlib.contextmanager
def static_server(files: dict[str, bytes], var: str):
    """nginx serving `files` (by percent-encoded path, each a folder's index.html) from
    <var>/www on a free port; yields its address."""
    port, www, temp = free_port(), Path(var) / "www", Path(var) / "nginx-temp"
    for path, body in files.items():
        folder = www / unquote(path).strip("/")  # nginx looks up the decoded path
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_bytes(body)
    temp.mkdir(exist_ok=True)
    user = f"user {getpass.getuser()};" if os.geteuid() == 0 else ""
    temp_paths = "".join(f"{kind}_temp_path {temp}/{kind};\n"
                         for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    conf = Path(var) / "nginx.conf"
    conf.write_text(f"""daemon off; master_process on; worker_processes 2; {user}
pid {var}/nginx.pid;
error_log {var}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off; sendfile on; tcp_nopush off;
  {temp_paths}
  types {{ text/html html; text/css css; application/javascript js; }}
  server {{ listen 127.0.0.1:{port}; root {www}; index index.html; }}
}}
""")
    server = subprocess.Popen(["nginx", "-p", var, "-c", str(conf), "-e",
                               f"{var}/nginx-error.log"], start_new_session=True)
    try:
        wait_until_up(f"http://127.0.0.1:{port}{next(iter(files))}", server)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(server)


def bench_nginx(pages, var, args, results, saved) -> None:
    with static_server({path: saved[path] for path in pages.values()}, var) as base:
        for name, path in pages.items():
            results.append((name, "nginx static", *wrk(base + path, args)))


def stop(proc: subprocess.Popen) -> None:
    """SIGTERM (gunicorn and nginx stop their workers); if that takes too long, SIGKILL
    to the server's own process group (started with start_new_session), workers too."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def page_sizes(pages, saved, var) -> str:
    sizes = [f"{name} HTML {len(saved[path]):,}" for name, path in pages.items()]
    html = saved[pages["article"]].decode()
    for asset in re.findall(r'(?:href|src)="/static/([^"]+\.(?:css|js))"', html):
        sizes.append(f"{asset} {(Path(var) / 'static' / asset).stat().st_size:,}")
    return "page sizes (bytes, uncompressed): " + ", ".join(sizes)


def report(results, pages) -> None:
    print(f"\n{'page':<10} {'mode':<28} {'requests/s':>11} {'p50':>10} {'p99':>10}")
    for name, mode, rps, p50, p99 in results:
        print(f"{name:<10} {mode:<28} {rps:>11,.1f} {p50:>10} {p99:>10}")
    rps = {(name, mode): r for name, mode, r, *_ in results}
    print()
    for name in pages:
        for mode in [m for n, m in rps if n == name and m.startswith("cached")]:
            ratio = rps[name, "nginx static"] / rps[name, mode]
            print(f"{name}: nginx static / DramaWired {mode}: {ratio:.1f}×")


def prepare_site(var: str, posts: int) -> dict[str, str]:
    """A fresh site on SQLite in `var`, set up in this process (migrated, seeded, static
    files collected) and in the environment its servers inherit; the pages to load."""
    os.environ.update(DRAMAWIRED_VAR_DIR=var, DJANGO_SETTINGS_MODULE="dramawired.settings.base",
                      DRAMAWIRED_ALLOWED_HOSTS="127.0.0.1")
    for name in ("DATABASE_URL", "REDIS_URL", "DRAMAWIRED_DEBUG"):
        os.environ.pop(name, None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    slug = seed(posts)
    print(f"seeded {posts:,} posts in {time.perf_counter() - started:.1f} s (ANALYZE included)")
    call_command("collectstatic", verbosity=0, interactive=False)
    # Slugs keep non-ASCII letters; wrk and urllib need them percent-encoded.
    return {"home": "/", "article": quote(f"/{slug}/"), "category": "/category/movie/"}


def arguments(doc: str, connections: int, more=None):
    """The options of a bench that seeds the site and loads it with wrk (and nginx): parsed,
    once the tools are found. `more(parser)` adds a bench's own."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=connections)
    if more:
        more(parser)
    args = parser.parse_args()
    for tool in ("wrk", "nginx"):
        if not shutil.which(tool):
            sys.exit(f"{tool} not found: make bench-tools (apt-get install wrk nginx-light)")
    return args


def main() -> None:
    args = arguments(__doc__, connections=16)
    # SIGTERM unwinds like Ctrl-C, through the finally clauses that stop the servers.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    var = tempfile.mkdtemp(prefix="dramawired-site-bench-")
    try:
        pages = prepare_site(var, args.posts)
        from django.conf import settings
        from django.db import connections

        print("in-process profile: SQL queries and time of a render:")
        profile(pages)
        connections.close_all()
        results, saved = [], {}
        print(f"default cache: {settings.CACHES['default']['BACKEND']}")
        bench_gunicorn("default", pages, dict(os.environ), var, args, results, saved)
        try:
            import redis

            db15 = redis.Redis.from_url(REDIS_URL)
            db15.flushdb()
        except Exception as exc:  # no redis package or no server: report and go on
            print(f"redis skipped: {exc}")
        else:
            env = {**os.environ, "REDIS_URL": REDIS_URL}
            bench_gunicorn("redis", pages, env, var, args, results, saved)
            db15.flushdb()
        bench_nginx(pages, var, args, results, saved)
        print(page_sizes(pages, saved, var))
        # wrk, the servers and Redis share the machine's cores with anything else running.
        print("load average (1, 5, 15 min): {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
        report(results, pages)
    finally:
        shutil.rmtree(var, ignore_errors=True)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:  # the servers are stopped by then
        sys.exit("interrupted")
