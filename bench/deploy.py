"""The scale-out deployment of deploy/ on one machine: nginx's page cache in front of two
web instances, and workers sharing one PostgreSQL database and one Redis queue.

    .venv/bin/python bench/deploy.py [--posts 20000] [--duration 10] [--connections 32]
                                     [--web-workers 2]

Serving. A PostgreSQL database made for the run (dramawired_bench_<pid>_*, dropped after
it) is seeded with bench/serving.py's seed(); REDIS_URL is redis://127.0.0.1:6379/14 (db 14
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
import os
import shutil
import signal
import subprocess
import sys

from deploy_env import PG_SERVER, REDIS_URL, Run, cli, environment
from deploy_serving import bench_serving
from deploy_workers import worker_runs


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
        bench_serving(run, args, results, notes)
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
