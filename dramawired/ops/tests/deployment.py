"""A whole deployment for process-level tests: its own database and queue, and real
`dramawired` processes (worker, web, run) started and killed as an operator would.

The kind of deployment follows the test run's own environment:
- embedded (the first CI pass): a SQLite file and the SQLite queue under the test's
  tmp_path, which is also the deployment's DRAMAWIRED_VAR_DIR (cache, static files);
- PostgreSQL + Redis (the second pass, DATABASE_URL=postgres… and REDIS_URL set): a fresh
  database dramawired_fault_<random> on that server, dropped afterwards, and a queue of its
  own name in Redis db 2 (the suite's own cache db is flushed by every test).

The test process's Django database is not used: these helpers read the deployment's
database directly (sqlite3 / psycopg).
"""

import os
import re
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import dj_database_url
import httpx
import pytest

from dramawired.demo.catalog import articles, find

CLI = Path(sys.executable).with_name("dramawired")
FAULT_REDIS_DB = 2
MARKER = "dramawired-fault:live:"  # one key per live deployment in the fault Redis db
POLLED = re.compile(r'source=("(?:[^"\\]|\\.)*"|\S+) polled ')


def backend() -> str:
    """'postgres' on the PostgreSQL + Redis pass, else 'sqlite'."""
    url = os.environ.get("DATABASE_URL", "")
    return "postgres" if url.startswith(("postgres", "postgresql")) else "sqlite"


def has_redis() -> bool:
    return bool(os.environ.get("REDIS_URL"))


def full_stack() -> bool:
    return backend() == "postgres" and has_redis()


needs_full_stack = pytest.mark.skipif(
    not full_stack(), reason="needs the PostgreSQL + Redis pass (.ci/run)")


def expected_titles(*outlets: str) -> set[str]:
    """The stories the demo outlets (all by default) publish once ingested: syndicated
    copies are linked to their original and link posts are not stories (as test_crash)."""
    return {a.title for slug, items in articles().items() if not outlets or slug in outlets
            for a in items if a.original is None and not a.link}


def story_titles() -> dict[str, str]:
    """Each title a demo story can be published under -> the story (its original's title).
    Which copy of a story is published depends on which source is polled first: a
    syndicated copy carries its original's title, and a Reddit link post that comes first
    is published under its own title (the original is then linked to it)."""
    stories = {title: title for title in expected_titles()}
    for items in articles().values():
        for a in items:
            if a.link:
                original = find(*a.link.split("/", 1))
                stories[a.title] = original.title
    return stories


def assert_each_story_once(dep: "Deployment", expected: set[str] | None = None) -> None:
    """Every demo story (of `expected`, by default all) is published exactly once."""
    expected = expected_titles() if expected is None else expected
    stories = story_titles()
    rows = dep.query("SELECT p.title, s.name FROM news_post p "
                     "LEFT JOIN sources_source s ON s.id = p.source_id")
    found: dict[str, list[str]] = {}
    for title, source in rows:
        assert title in stories, f"not a demo story: {title!r} ({source})"
        found.setdefault(stories[title], []).append(f"{source}: {title}")
    twice = {story: posts for story, posts in found.items() if len(posts) > 1}
    assert not twice, f"stories published more than once: {twice}"
    assert set(found) == expected, f"missing: {expected - set(found)}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(predicate, timeout: float, what: str, *, interval: float = 0.1, detail=None):
    """predicate()'s first truthy value; AssertionError (with detail()) at the deadline."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            extra = f"\n{detail()}" if detail else ""
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}{extra}")
        time.sleep(interval)


def polled(*logs: str) -> Counter:
    """How many times each source was polled, from workers' log lines."""
    counts = Counter()
    for text in logs:
        for m in POLLED.finditer(text):
            name = m.group(1)
            if name.startswith('"'):
                name = re.sub(r"\\(.)", r"\1", name[1:-1])
            counts[name] += 1
    return counts


class Proc:
    """A `dramawired …` child process with its output in a file."""

    def __init__(self, name: str, args: list[str], env: dict, log: Path):
        self.name, self.log_path = name, log
        with open(log, "wb") as out:
            # Its own session: a signal sent to the test's terminal never reaches it, and its
            # whole group (gunicorn's workers) can be killed at teardown.
            self.popen = subprocess.Popen([str(CLI), *args], env=env, stdout=out, stderr=out,
                                          stdin=subprocess.DEVNULL, start_new_session=True)

    @property
    def pid(self) -> int:
        return self.popen.pid

    def alive(self) -> bool:
        return self.popen.poll() is None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def tail(self, lines: int = 30) -> str:
        return f"--- {self.name} (pid {self.pid}) ---\n" + \
            "\n".join(self.log().splitlines()[-lines:])

    def signal(self, sig: int) -> None:
        if self.alive():
            self.popen.send_signal(sig)

    def wait(self, timeout: float) -> int:
        return self.popen.wait(timeout=timeout)

    def stop(self, timeout: float = 30) -> int:
        """Ctrl-C, as an operator stops it; its exit status."""
        self.signal(signal.SIGINT)
        return self.wait(timeout)

    def kill(self) -> None:
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            self.popen.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass


class Web(Proc):
    def __init__(self, name, args, env, log, port: int):
        super().__init__(name, args, env, log)
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.client = httpx.Client(base_url=self.url, timeout=20)

    def get(self, path: str, **kwargs) -> httpx.Response:
        return self.client.get(path, **kwargs)

    def wait_ready(self, timeout: float = 60) -> None:
        def answers():
            if not self.alive():
                raise AssertionError(f"{self.name} exited\n{self.tail()}")
            try:
                return self.client.get("/robots.txt", timeout=2).status_code
            except httpx.TransportError:
                return None

        wait_until(answers, timeout, f"{self.url} to answer", interval=0.2, detail=self.tail)


class Deployment:
    def __init__(self, root: Path, *, lease: int = 3, kind: str | None = None):
        self.root = root
        self.id = secrets.token_hex(4)
        self.kind = kind or backend()
        self.lease = lease
        self.procs: list[Proc] = []
        self.database_url = ""
        self.redis_url = ""
        self.queue_name = "dramawired"
        self.db_file = root / "dramawired.sqlite3"
        self._pg = None
        if self.kind == "postgres":
            self._create_database()
        if has_redis():
            self._claim_redis()

    # --- resources ----------------------------------------------------------------------

    def _create_database(self) -> None:
        import psycopg

        conf = dj_database_url.parse(os.environ["DATABASE_URL"])
        self.pg_server = {"host": conf["HOST"] or "127.0.0.1", "port": int(conf["PORT"] or 5432),
                        "user": conf["USER"] or "postgres", "password": conf["PASSWORD"] or None}
        self.db_name = f"dramawired_fault_{self.id}"
        with psycopg.connect(dbname="postgres", autocommit=True, **self.pg_server) as conn:
            conn.execute(f'CREATE DATABASE "{self.db_name}"')
        self.database_url = self.pg_url(self.pg_server["host"], self.pg_server["port"])

    def pg_url(self, host: str, port: int) -> str:
        auth = self.pg_server["user"] + (f":{self.pg_server['password']}"
                                       if self.pg_server["password"] else "")
        return f"postgres://{auth}@{host}:{port}/{self.db_name}"

    def _claim_redis(self) -> None:
        import redis

        parts = urlsplit(os.environ["REDIS_URL"])
        suite_db = int(parts.path.strip("/") or 0)
        db = FAULT_REDIS_DB if suite_db != FAULT_REDIS_DB else FAULT_REDIS_DB + 1
        self.redis_host, self.redis_port = parts.hostname or "127.0.0.1", parts.port or 6379
        self.redis_db = db
        self.redis_url = urlunsplit(parts._replace(path=f"/{db}"))
        self.queue_name = f"dwfault{self.id}"
        self.redis = redis.Redis.from_url(self.redis_url, socket_timeout=5)
        self.redis.set(MARKER + self.id, 1, ex=900)

    def redis_via(self, port: int) -> str:
        return f"redis://127.0.0.1:{port}/{self.redis_db}"

    def close(self) -> None:
        """Stop every process this deployment started, then drop its database and keys."""
        for proc in self.procs:
            if proc.alive():
                proc.kill()
        for pid in self.stray_pids():  # e.g. `run`'s children, in sessions of their own
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        for proc in self.procs:
            if isinstance(proc, Web):
                proc.client.close()
        if self._pg is not None:
            self._pg.close()
        if self.kind == "postgres":
            import psycopg

            with psycopg.connect(dbname="postgres", autocommit=True, **self.pg_server) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)')
        if self.redis_url:
            mine = list(self.redis.scan_iter(match=f"*{self.queue_name}*"))
            self.redis.delete(MARKER + self.id, *mine)
            # Cached pages carry no deployment's name: emptied when no other is running.
            if not any(self.redis.scan_iter(match=MARKER + "*")):
                self.redis.flushdb()
            self.redis.close()

    def stray_pids(self) -> list[int]:
        """Live processes started for this deployment (its var dir is in their env)."""
        marker = f"DRAMAWIRED_VAR_DIR={self.root}".encode()
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit() or int(entry.name) == os.getpid():
                continue
            try:
                if marker not in (entry / "environ").read_bytes().split(b"\0"):
                    continue
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                continue
            if state != "Z":
                found.append(int(entry.name))
        return found

    # --- processes ----------------------------------------------------------------------

    def env(self, **overrides) -> dict:
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("DRAMAWIRED_", "DATABASE_URL", "REDIS_URL", "DJANGO_"))}
        env.update({
            "DJANGO_SETTINGS_MODULE": "dramawired.settings.base",
            "DRAMAWIRED_VAR_DIR": str(self.root),
            "DRAMAWIRED_ALLOW_PRIVATE_NETWORKS": "1",
            "DRAMAWIRED_POLL_LEASE": str(self.lease),
            "DRAMAWIRED_QUEUE_NAME": self.queue_name,
            "DRAMAWIRED_FETCH_TIMEOUT": "5",
            "DRAMAWIRED_WEB_WORKERS": "1",
            "PYTHONUNBUFFERED": "1",
        })
        if self.database_url:
            env["DATABASE_URL"] = self.database_url
        if self.redis_url:
            env["REDIS_URL"] = self.redis_url
        env.update({k: str(v) for k, v in overrides.items()})
        return env

    def cli(self, *args: str, check: bool = True, timeout: float = 120,
            **env) -> subprocess.CompletedProcess:
        result = subprocess.run([str(CLI), *args], env=self.env(**env), capture_output=True,
                                text=True, timeout=timeout, stdin=subprocess.DEVNULL)
        if check and result.returncode:
            raise AssertionError(f"dramawired {' '.join(args)} exited {result.returncode}\n"
                                 f"{result.stdout}\n{result.stderr}")
        return result

    def _log(self, name: str) -> Path:
        n = sum(1 for p in self.procs if p.name.startswith(name))
        return self.root / f"{name}-{n}.log"

    def start_worker(self, *args: str, name: str = "worker", **env) -> Proc:
        proc = Proc(name, ["worker", *args], self.env(**env), self._log(name))
        self.procs.append(proc)
        return proc

    def start_web(self, port: int | None = None, *, ready: bool = True, **env) -> Web:
        port = port or free_port()
        web = Web("web", ["web", "--port", str(port)], self.env(**env), self._log("web"),
                  port)
        self.procs.append(web)
        if ready:
            web.wait_ready()
        return web

    def start_run(self, port: int, **env) -> Web:
        run = Web("run", ["run", "--port", str(port)], self.env(**env), self._log("run"),
                  port)
        self.procs.append(run)
        return run

    def tails(self) -> str:
        return "\n".join(p.tail() for p in self.procs)

    # --- the deployment's data, read directly -------------------------------------------

    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        """Rows of a query (%s placeholders on both databases)."""
        if self.kind == "sqlite":
            if not self.db_file.exists():
                return []
            conn = sqlite3.connect(self.db_file, timeout=10)
            try:
                return conn.execute(sql.replace("%s", "?"), params).fetchall()
            except sqlite3.OperationalError as exc:
                if "no such table" in str(exc):
                    return []
                raise
            finally:
                conn.close()
        import psycopg

        if self._pg is None or self._pg.closed:
            self._pg = psycopg.connect(self.database_url, autocommit=True)
        return self._pg.execute(sql, params).fetchall()

    def titles(self) -> list[str]:
        return [row[0] for row in self.query("SELECT title FROM news_post")]

    def post_count(self) -> int:
        rows = self.query("SELECT count(*) FROM news_post")
        return rows[0][0] if rows else 0

    def posts_of(self, source: str) -> int:
        return self.query("SELECT count(*) FROM news_post p JOIN sources_source s "
                          "ON p.source_id = s.id WHERE s.name = %s", (source,))[0][0]

    def sources(self) -> dict[str, dict]:
        rows = self.query("SELECT id, name, claim, claimed_until, last_success, "
                          "consecutive_failures FROM sources_source")
        keys = ("id", "name", "claim", "claimed_until", "last_success", "failures")
        return {row[1]: dict(zip(keys, row, strict=True)) for row in rows}

    def idle(self) -> bool:
        """Every source polled successfully, and no claim alive (a worker killed between
        its last item and releasing the claim leaves one, which lapses)."""
        now = datetime.now(UTC)
        sources = self.sources().values()
        return bool(sources) and all(
            s["last_success"] and (not s["claim"] or _utc(s["claimed_until"]) < now)
            for s in sources)


def _utc(value) -> datetime:
    """A timestamp column as an aware datetime (SQLite gives naive UTC text)."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)
