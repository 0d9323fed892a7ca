"""The scale-out deployment of deploy/ on one machine: nginx's page cache in front of two
web instances, and workers sharing one PostgreSQL database and one Redis queue.

    .venv/bin/python bench/deploy.py [--posts 20000] [--duration 10] [--connections 32]
                                     [--web-workers 2]

Serving. A PostgreSQL database made for the run (dramawired_bench_<pid>_*, dropped after
it) is seeded with bench/site.py's seed(); REDIS_URL is redis://127.0.0.1:6379/14 (db 14
is flushed before and after). Two `dramawired web` instances start on free ports with the
production settings of deploy/dramawired.env.example, and nginx runs the real site file,
deploy/nginx/dramawired.conf, rendered into a temporary prefix: cache paths, the
upstream's ports and the listen lines replaced (TLS off: plain HTTP on 127.0.0.1), each
substitution checked, so a change to the site file stops the bench instead of measuring
something else. It is included in an http { } block with Debian's nginx.conf defaults.
wrk loads the home page and an article through nginx (its page cache warm) and direct
to one instance (the app's Redis page cache warm), and prints requests/s, p50 and p99,
with the headers that say which layer answered. Then both instances are stopped, and
nginx's stale copies are counted.

Workers. The demo publishers (9 outlets) on a free port are imported with `dramawired
sources import-opml`, which queues a poll per source at once; then 1 worker, or 2 started
together, run until every story is published, from a fresh database each time (a copy of
a migrated template) and a queue of its own name. Prints the time to the last post, the
polls counted from the workers' "polled" log lines (each source must be polled once) and
posts/s; and 1 worker on the embedded default (SQLite database and queue) for comparison.

Needs wrk, nginx (apt-get install wrk nginx-light), PostgreSQL on 127.0.0.1:5432 (user
postgres) and Redis on 127.0.0.1:6379.
"""

import argparse
import contextlib
import importlib.util
import os
import re
import secrets
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CLI = Path(sys.executable).with_name("dramawired")
SITE_FILE = ROOT / "deploy" / "nginx" / "dramawired.conf"
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
REDIS_URL = "redis://127.0.0.1:6379/14"
GZIP = "Accept-Encoding: gzip"  # what every browser sends
POLLED = re.compile(r'source=("(?:[^"\\]|\\.)*"|\S+) polled ')
# nginx's access log, Debian's "combined" format behind what says who answered each request.
LOG_FORMAT = ('\'$status $upstream_cache_status $upstream_http_x_cache "$upstream_addr" '
              '$remote_addr - $remote_user [$time_local] "$request" $body_bytes_sent '
              '"$http_referer" "$http_user_agent"\'')
TALLY_LUA = """-- counts status and X-Cache of every response, across wrk's threads
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) counts = {} end
function response(status, headers, body)
   local key = status .. " " .. (headers["X-Cache"] or "-")
   counts[key] = (counts[key] or 0) + 1
end
function done(summary, latency, requests)
   for _, thread in ipairs(threads) do
      for key, n in pairs(thread:get("counts")) do
         io.write("tally " .. key .. " " .. n .. "\\n")
      end
   end
end
"""


def bench_site():
    """bench/site.py as a module (its name would shadow Python's own `site`)."""
    spec = importlib.util.spec_from_file_location("bench_site", Path(__file__).with_name("site.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


site = bench_site()


# --- What the run starts and creates, undone in reverse order whatever happens ---------

class Run:
    def __init__(self):
        self.undo = contextlib.ExitStack()
        self.var = Path(tempfile.mkdtemp(prefix="dramawired-deploy-bench-"))
        self.undo.callback(shutil.rmtree, self.var, ignore_errors=True)
        self.tag = f"dramawired_bench_{os.getpid()}"
        # One secret for every process, as one env file gives every unit the same.
        self.secret = secrets.token_urlsafe(50)
        import psycopg
        import redis

        try:
            self.redis = redis.Redis.from_url(REDIS_URL, socket_timeout=5)
            self.redis.flushdb()
            self.undo.callback(self.redis.flushdb)
            self.pg = psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True,
                                      connect_timeout=5)
            self.undo.callback(self.pg.close)
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        self.undo.close()

    def database(self, suffix: str, template: str | None = None) -> str:
        """A new database (a copy of `template`), dropped at the end; its URL."""
        name = f"{self.tag}_{suffix}"
        self.pg.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template
                                                        else ""))
        self.undo.callback(self.pg.execute, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        return f"{PG_SERVER}/{name}"

    def folder(self, name: str) -> Path:
        path = self.var / name
        path.mkdir(parents=True)
        return path

    def start(self, name: str, command: list[str], env: dict | None = None):
        """A child in its own session (a Ctrl-C here reaches only this script, which stops
        it), its output in <var>/<name>.log."""
        log = self.var / f"{name}.log"
        with open(log, "wb") as out:
            proc = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL, start_new_session=True)
        proc.name, proc.log = name, log
        self.undo.callback(halt, proc)
        return proc


def halt(proc, sig=signal.SIGTERM, timeout=15) -> None:
    """Stop a child (gunicorn and nginx on SIGTERM, a worker gracefully on SIGINT), then
    anything left in its own process group."""
    if proc.poll() is None:
        proc.send_signal(sig)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pass
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def wait_until_up(url: str, proc) -> None:
    try:
        site.wait_until_up(url, proc)
    except RuntimeError as exc:
        sys.exit(f"{proc.name}: {exc}\n{tail(proc)}")


def tail(proc, lines: int = 25) -> str:
    text = proc.log.read_text(errors="replace").splitlines()[-lines:]
    return f"--- {proc.name} ---\n" + "\n".join(text)


def cli(*args: str, env: dict) -> str:
    done = subprocess.run([str(CLI), *args], env=env, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"dramawired {' '.join(args)}: {done.stdout}{done.stderr}")
    return done.stdout


def environment(**extra) -> dict:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DRAMAWIRED_", "DATABASE_URL", "REDIS_URL", "DJANGO_"))}
    return {**env, **{k: str(v) for k, v in extra.items()}}


def deployment_env(run: Run, database_url: str, var: Path, queue: str) -> dict:
    """What deploy/dramawired.env.example sets, for this machine (HTTP: no TLS here)."""
    return environment(
        DJANGO_SETTINGS_MODULE="dramawired.settings.production",
        DRAMAWIRED_SECRET_KEY=run.secret, DRAMAWIRED_ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url, REDIS_URL=REDIS_URL, DRAMAWIRED_QUEUE_NAME=queue,
        DRAMAWIRED_VAR_DIR=var, DRAMAWIRED_HTTPS=0, DRAMAWIRED_DEBUG=0)


# --- nginx, with the real site file ------------------------------------------------------

def render_site(text: str, *, caches: Path, upstreams: list[int], port: int,
                redirect_port: int) -> str:
    """deploy/nginx/dramawired.conf for a temporary prefix. Each substitution must match
    exactly as often as expected: a changed site file stops the bench, loudly."""
    def sub(old: str, new: str) -> None:
        nonlocal text
        if (found := text.count(old)) != 1:
            sys.exit(f"{SITE_FILE}: expected {old!r} once, found it {found} times; "
                     "bench/deploy.py renders that file and must be updated with it")
        text = text.replace(old, new)

    for kind in ("pages", "static"):
        sub(f"proxy_cache_path /var/cache/nginx/dramawired-{kind} ",
            f"proxy_cache_path {caches / kind} ")
    for documented, ours in zip((8001, 8002), upstreams, strict=True):
        sub(f"    server 127.0.0.1:{documented} max_fails=",
            f"    server 127.0.0.1:{ours} max_fails=")
    sub("    listen 80;\n    listen [::]:80;\n", f"    listen 127.0.0.1:{redirect_port};\n")
    sub("    listen 443 ssl http2;\n    listen [::]:443 ssl http2;\n",
        f"    listen 127.0.0.1:{port};\n")
    tls = re.compile(r"^ *(ssl_\w+) [^;]*;\n", re.M)
    removed = tls.findall(text)
    expected = ["ssl_certificate", "ssl_certificate_key", "ssl_protocols", "ssl_session_cache",
                "ssl_session_timeout"]
    if removed != expected:
        sys.exit(f"{SITE_FILE}: expected the TLS directives {expected}, found {removed}")
    text = tls.sub("", text)
    code = "\n".join(line.split("#")[0] for line in text.splitlines())
    assert "/var/cache" not in code and "ssl" not in code, code
    assert re.findall(r"listen (\S+);", code) == [f"127.0.0.1:{redirect_port}",
                                                 f"127.0.0.1:{port}"], code
    assert [int(p) for p in re.findall(r"server 127\.0\.0\.1:(\d+)", code)] == upstreams, code
    return text


def start_nginx(run: Run, upstreams: list[int]):
    prefix = run.folder("nginx")
    port, redirect_port = site.free_port(), site.free_port()
    (prefix / "dramawired.conf").write_text(render_site(
        SITE_FILE.read_text(), caches=run.folder("nginx-cache"), upstreams=upstreams,
        port=port, redirect_port=redirect_port))
    temp_paths = "".join(f"  {kind}_temp_path {prefix}/{kind}_temp;\n"
                         for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    user = "user root;" if os.geteuid() == 0 else ""  # cache and temp dirs are root's
    conf = prefix / "nginx.conf"
    # Debian's /etc/nginx/nginx.conf, as far as it concerns this site, then the site file
    # where sites-enabled/ would be included.
    conf.write_text(f"""daemon off; master_process on; worker_processes auto; {user}
pid {prefix}/nginx.pid;
error_log {prefix}/error.log;
events {{ worker_connections 768; }}
http {{
  sendfile on;
  tcp_nopush on;
  types_hash_max_size 2048;
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  log_format bench {LOG_FORMAT};
  access_log {prefix}/access.log bench;
  gzip on;
{temp_paths}  include {prefix}/dramawired.conf;
}}
""")
    command = ["nginx", "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "error.log")]
    check = subprocess.run([*command, "-t"], capture_output=True, text=True)
    if check.returncode:
        sys.exit(f"nginx -t failed on the rendered site file:\n{check.stderr}")
    proc = run.start("nginx", command)
    proc.url, proc.access_log = f"http://127.0.0.1:{port}", prefix / "access.log"
    proc.redirect_url = f"http://127.0.0.1:{redirect_port}"
    return proc


def access_tally(nginx, since: int) -> str:
    """Who answered the requests logged since byte `since`: nginx's cache status (and the
    app's X-Cache, and which instance, when the request reached one)."""
    counts = Counter()
    with open(nginx.access_log, "rb") as log:
        log.seek(since)
        for line in log.read().decode(errors="replace").splitlines():
            status, cache, app, addr = re.match(r'(\d+) (\S+) (\S+) "([^"]*)"', line).groups()
            counts[f"{status} {cache}" + (f" app:{app}@{addr}" if addr != "-" else "")] += 1
    return share(counts)


def share(counts: Counter) -> str:
    total = sum(counts.values())
    return ", ".join(f"{key} {n * 100 / total:.2f}%" if n * 100 / total >= 0.01 else
                     f"{key} ×{n}" for key, n in counts.most_common())


# --- Serving --------------------------------------------------------------------------

class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None  # a redirect is an answer to report, not to follow


OPENER = urllib.request.build_opener(_NoRedirects)


def get(url: str, *headers: str) -> tuple[int, dict, int]:
    """(status, headers, body bytes as sent) of one GET."""
    request = urllib.request.Request(url, headers=dict(h.split(": ", 1) for h in headers))
    try:
        with OPENER.open(request, timeout=30) as response:
            return response.status, response.headers, len(response.read())
    except urllib.error.HTTPError as error:
        return error.code, error.headers, len(error.read())


def wrk(url: str, args, *headers: str, script: Path | None = None, seconds=None):
    """(requests/s, p50, p99, wrk's output) of one run."""
    command = ["wrk", "-t2", f"-c{args.connections}", f"-d{seconds or args.duration}s",
               "--latency", "--timeout", "10s", url]
    for header in headers:
        command[1:1] = ["-H", header]
    if script:
        command[1:1] = ["-s", str(script)]
    out = site.run(command)
    for problem in re.findall(r"(Non-2xx or 3xx responses: \d+|Socket errors: .*)", out):
        print(f"  warning, {url}: {problem}")
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", out, re.M))
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1]), latency["50"], latency["99"], out


def serving(run: Run, args, results: list, notes: list) -> None:
    template = run.template
    url = run.database("site", template=template)
    # Seeded in this process, as bench/site.py does: its environment is the deployment's.
    env = deployment_env(run, url, run.var / "seed", f"{run.tag}_seed")
    os.environ.clear()
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connections

    started = time.perf_counter()
    slug = site.seed(args.posts)
    connections.close_all()
    print(f"seeded {args.posts:,} posts on PostgreSQL in {time.perf_counter() - started:.1f} s")
    run.redis.flushdb()  # the seed's sources queued polls nobody will run; a cold cache
    pages = {"home": "/", "article": quote(f"/{slug}/")}

    var = run.folder("web")
    webs = []
    for _ in range(2):
        port = site.free_port()
        # As the unit does: gunicorn's control socket in a runtime directory per instance.
        env = {**deployment_env(run, url, var, f"{run.tag}_web"),
               "XDG_RUNTIME_DIR": str(run.folder(f"run-{port}"))}
        proc = run.start(f"web-{port}", [str(CLI), "web", "--port", str(port), "--workers",
                                        str(args.web_workers)], env)
        proc.url = f"http://127.0.0.1:{port}"
        webs.append(proc)
        # One after the other, sharing one var dir as instances on one machine do. Started
        # together, the second one's collectstatic (after the first released its lock)
        # rewrites files the first one's workers are listing as they boot (whitenoise), and
        # those fail to boot now and then: deploy.md leaves that to systemd's restart.
        wait_until_up(proc.url + "/robots.txt", proc)
    nginx = start_nginx(run, [int(w.url.rsplit(":", 1)[1]) for w in webs])
    wait_until_up(nginx.url + "/robots.txt", nginx)
    print(f"web instances {', '.join(w.url for w in webs)} ({args.web_workers} gunicorn "
          f"workers × 4 threads each); nginx on {nginx.url}")
    status, headers, _ = get(nginx.redirect_url + "/")
    print(f"nginx's port-80 server (on {nginx.redirect_url}): {status} → {headers['Location']}")

    def seen(label, url, *extra):
        status, h, size = get(url, *extra)
        print(f"  {label:<24} {status}  X-Proxy-Cache {h['X-Proxy-Cache'] or '-':<6} "
              f"X-Cache {h['X-Cache'] or '-':<4}  {size:>7,} bytes "
              f"{h['Content-Encoding'] or ''}")

    print("headers, from a cold start (X-Cache is the app's; nginx stores it with the page):")
    for name, path in pages.items():
        print(f" {name} {path}")
        seen("nginx, 1st", nginx.url + path)
        seen("nginx, 2nd", nginx.url + path)
        seen("nginx, gzip", nginx.url + path, GZIP)
        seen("nginx, sessionid cookie", nginx.url + path, "Cookie: sessionid=x")
        for web in webs:
            seen(f"direct {web.url[7:]}", web.url + path)

    for name, path in pages.items():
        for label, extra in (("nginx cache", ()), ("nginx cache, gzip", (GZIP,))):
            get(nginx.url + path, *extra)  # warm
            since = nginx.access_log.stat().st_size
            rps, p50, p99, _ = wrk(nginx.url + path, args, *extra)
            results.append((name, label, rps, p50, p99, access_tally(nginx, since)))
    lua = run.var / "tally.lua"
    lua.write_text(TALLY_LUA)
    web = webs[0]
    for name, path in pages.items():
        get(web.url + path)
        rps, p50, p99, _ = wrk(web.url + path, args)
        # Who answered, from a short second run (a Lua response() slows wrk itself down).
        out = wrk(web.url + path, args, script=lua, seconds=2)[3]
        counts = Counter()
        for status, cache, n in re.findall(r"^tally (\d+) (\S+) (\d+)$", out, re.M):
            counts[f"{status} X-Cache:{cache}"] += int(n)  # one line per wrk thread
        results.append((name, f"direct, 1 instance ({args.web_workers}w)", rps, p50, p99,
                        share(counts) + " (2 s check run)"))

    for proc in webs:
        halt(proc)
    time.sleep(11)  # past proxy_cache_valid (10 s): nginx must now serve stale or nothing
    for name, path in {**pages, "never cached": "/category/movie/", "healthz": "/healthz"}.items():
        answers = Counter()
        for _ in range(100 if path in pages.values() else 1):
            status, h, _ = get(nginx.url + path)
            answers[f"{status} {h['X-Proxy-Cache'] or '-'}"] += 1
        notes.append(f"{name} {path[:40]}: " + ", ".join(f"{k} ×{n}" for k, n in answers.items()))
    halt(nginx)


# --- Workers ----------------------------------------------------------------------------

def workers(run: Run, label: str, count: int, env: dict, query, publishers: str,
            expected: int) -> dict:
    """Import the demo OPML (it queues one poll per source), start `count` workers at once,
    wait until every story is out and every source given back; what it took."""
    cli("sources", "import-opml", f"{publishers}/opml.xml", env=env)
    sources = query("SELECT count(*) FROM sources_source")
    started = time.monotonic()
    procs = [run.start(f"{label}-worker{i + 1}", [str(CLI), "worker"], env)
             for i in range(count)]
    first = last = None
    while True:
        posts = query("SELECT count(*) FROM news_post")
        now = time.monotonic() - started
        first = first or (now if posts else None)
        last = last or (now if posts >= expected else None)
        finished = query("SELECT count(*) FROM sources_source WHERE last_success IS NOT NULL "
                         "AND claim = ''")
        if last and finished == sources:
            break
        if now > 180 or any(p.poll() is not None for p in procs):
            sys.exit(f"{label}: {posts}/{expected} posts, {finished}/{sources} sources done "
                     f"after {now:.0f} s\n" + "\n".join(tail(p) for p in procs))
        time.sleep(0.05)
    for proc in procs:
        halt(proc, signal.SIGINT, timeout=30)  # as an operator stops one: jobs finish first
    polls = [Counter(m.group(1) for m in POLLED.finditer(p.log.read_text(errors="replace")))
             for p in procs]
    total = sum(polls, Counter())
    posts = query("SELECT count(*) FROM news_post")
    return {"label": label, "workers": count, "first": first, "last": last, "posts": posts,
            "sources": sources, "polls": "+".join(str(sum(c.values())) for c in polls),
            "once": len(total) == sources and set(total.values()) == {1},
            "failing": query("SELECT count(*) FROM sources_source "
                             "WHERE consecutive_failures > 0")}


def pg_query(url: str):
    import psycopg

    conn = psycopg.connect(url, autocommit=True)
    return conn, lambda sql: conn.execute(sql).fetchone()[0]


def worker_runs(run: Run, expected: int, rounds: int) -> list[dict]:
    from dramawired.demo.server import DemoServer

    publishers = DemoServer("127.0.0.1", 0).start_in_thread()
    run.undo.callback(publishers.stop)
    base = {"DRAMAWIRED_ALLOW_PRIVATE_NETWORKS": "1", "DRAMAWIRED_LOG_LEVEL": "INFO"}
    migrated = run.folder("embedded-template")  # settings.base: SQLite database and queue
    cli("migrate", env=environment(DRAMAWIRED_VAR_DIR=migrated))
    rows = []
    for n in range(1, rounds + 1):
        for count in (1, 2):
            label = f"pg{count}r{n}"
            url = run.database(label, template=run.template)
            env = {**deployment_env(run, url, run.folder(label), f"{run.tag}_{label}"), **base}
            conn, query = pg_query(url)
            try:
                rows.append({**workers(run, label, count, env, query, publishers.base_url,
                                       expected), "backend": "PostgreSQL + Redis", "round": n})
            finally:
                conn.close()
        label = f"sqlite1r{n}"
        var = run.folder(label)
        for file in migrated.glob("dramawired.sqlite3*"):
            shutil.copy(file, var)
        conn = sqlite3.connect(var / "dramawired.sqlite3", timeout=20)
        try:
            rows.append({**workers(run, label, 1, environment(DRAMAWIRED_VAR_DIR=var, **base),
                                   lambda sql, conn=conn: conn.execute(sql).fetchone()[0],
                                   publishers.base_url, expected),
                         "backend": "SQLite (embedded)", "round": n})
        finally:
            conn.close()
    return rows


# --- Report -----------------------------------------------------------------------------

def versions(run: Run) -> str:
    import gunicorn
    import huey

    def output(*command: str) -> str:
        done = subprocess.run(command, capture_output=True, text=True)
        return (done.stdout + done.stderr).strip()

    return (f"{output('nginx', '-v').split(': ')[-1]}, wrk {output('wrk', '-v').split()[1]}, "
            f"gunicorn {gunicorn.__version__}, huey {huey.__version__}, PostgreSQL "
            f"{run.pg.execute('SHOW server_version').fetchone()[0]}, "
            f"Redis {run.redis.info('server')['redis_version']}, {os.cpu_count()} cores")


def report(args, results, notes, rows, expected) -> None:
    print(f"\nserving: {args.posts:,} posts on PostgreSQL, page cache in Redis db 14; "
          f"2 web instances × {args.web_workers} gunicorn workers × 4 threads; nginx "
          f"worker_processes auto ({os.cpu_count()}); wrk -t2 -c{args.connections} "
          f"-d{args.duration}s, on the same {os.cpu_count()} cores")
    print(f"{'page':<8} {'through':<24} {'requests/s':>10} {'p50':>8} {'p99':>8}  answered by")
    for name, mode, rps, p50, p99, who in results:
        print(f"{name:<8} {mode:<24} {rps:>10,.0f} {p50:>8} {p99:>8}  {who}")
    print("both web instances stopped, 11 s later (status X-Proxy-Cache × count):")
    for note in notes:
        print(f"  {note}")
    print(f"\nworkers: the demo catalogue, {rows[0]['sources']} sources on one host:port, "
          f"{expected} stories; each worker 4 threads, 8 page fetches at once, 2 per host "
          "(the defaults); a fresh database and queue for each row")
    print("posts/s: all posts over the time from starting the workers (their start-up"
          " included); after 1st: from the first post to the last")
    print(f"{'database + queue':<20} {'workers':>7} {'round':>5} {'1st post':>9} "
          f"{'all posts':>10} {'posts/s':>8} {'after 1st':>9} {'posts':>6} {'polls':>6}  "
          "each source polled once")
    for r in sorted(rows, key=lambda r: (r["backend"], r["workers"], r["round"])):
        print(f"{r['backend']:<20} {r['workers']:>7} {r['round']:>5} {r['first']:>8.1f}s "
              f"{r['last']:>9.1f}s {r['posts'] / r['last']:>8.1f} "
              f"{(r['posts'] - 1) / max(r['last'] - r['first'], 0.01):>9.1f} "
              f"{r['posts']:>6} {r['polls']:>6}  "
              f"{'yes' if r['once'] else 'NO'}"
              + (f" ({r['failing']} sources failing)" if r['failing'] else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=20_000)
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--web-workers", type=int, default=2,
                        help="gunicorn processes per web instance (DRAMAWIRED_WEB_WORKERS)")
    parser.add_argument("--rounds", type=int, default=2, help="of each worker setup")
    args = parser.parse_args()
    for tool in ("wrk", "nginx"):
        if not shutil.which(tool):
            sys.exit(f"{tool} not found: apt-get install wrk nginx-light")
    # SIGTERM unwinds like Ctrl-C, through run.close() (and Ctrl-C does, even when this was
    # started with SIGINT ignored, as `cmd &` does in a script).
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.default_int_handler)
    from dramawired.demo.catalog import articles

    # Syndicated copies are linked to their original and link posts are not stories.
    expected = len({a.title for items in articles().values() for a in items
                    if a.original is None and not a.link})
    run = Run()
    try:
        print(versions(run))
        print("load average before (1, 5, 15 min): {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
        run.template = f"{run.tag}_template"
        run.database("template")
        cli("migrate", env=environment(DATABASE_URL=f"{PG_SERVER}/{run.template}",
                                       REDIS_URL=REDIS_URL))
        results, notes = [], []
        serving(run, args, results, notes)
        rows = worker_runs(run, expected, args.rounds)
        print("load average after (1, 5, 15 min): {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
        report(args, results, notes, rows, expected)
    finally:
        run.close()


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:  # everything is stopped and dropped by then
        sys.exit("interrupted")
