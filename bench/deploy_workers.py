"""The workers half of bench/deploy.py: the time for 1 or 2 workers to publish the demo
catalogue, on PostgreSQL + Redis and on the embedded default."""

import re
import shutil
import signal
import sqlite3
import sys
import time
from collections import Counter

from deploy_env import CLI, Run, cli, deployment_env, environment, halt, tail

POLLED = re.compile(r'source=("(?:[^"\\]|\\.)*"|\S+) polled ')


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
