"""Search latency over 100,000 posts (or a million), on SQLite FTS5 and on PostgreSQL when
reachable.

    .venv/bin/python bench/search.py [--posts 100000] [--queries 300] [--only postgresql]
                                     [--keep]

Seeds a fresh database with bench/corpus.py's stories (the same posts, authors and tags the
site benchmark uses): through bench/serving.py's seed() on SQLite, with COPY on PostgreSQL
(bench/bulkseed.py: a million posts in minutes). Then builds the search index as
`dramawired search-reindex` does (dramawired.search.index.rebuild), vacuums as autovacuum
would after a bulk load, and times a few hundred varied queries in-process: common names
(authors, the most used tags), rare names (the least used tags), several words, prefixes
as the live box sends them, and words that match nothing.
Prints p50/p95 per kind, for the results page's query (up to MAX_RESULTS ranked ids) and
the live box's (7 ids), with the load average before and after. SQLite uses a temporary
folder; PostgreSQL (postgres@127.0.0.1:5432, or --pg-url) a database created for the run
and dropped after it, or with --keep kept, and reused as it is by the next run with --keep
and as many --posts (seeding and indexing a million posts take minutes).
"""

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import bulkseed  # bench/bulkseed.py, beside this script
import serving

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PG_URL = "postgres://postgres@127.0.0.1:5432"
PG_DB = "dramawired_bench_search_{posts}"  # by size: a kept million survives a smaller run


def queries(count: int) -> dict[str, list[str]]:
    from django.db.models import Count

    from dramawired.news.models import Author, Post, Tag

    rng = random.Random(2)
    each = max(1, count // 5)
    by_use = list(Tag.objects.annotate(n=Count("posts")).order_by("-n", "name")
                  .values_list("name", flat=True))
    tags, rare = by_use[:100], by_use[-200:]
    authors = list(Author.objects.values_list("name", flat=True))
    sample = Post.objects.order_by("?").values_list("title", flat=True)[:each * 2]
    titles = [re.findall(r"\w+", title) for title in sample]
    return {
        "common names": rng.sample(tags + authors, each),
        "rare names": rng.sample(rare, each),  # the long tail of tags: a few posts each
        "several words": [" ".join(t[i:i + 3]) for t in rng.sample(titles, each)
                          for i in [rng.randrange(max(1, len(t) - 2))]],
        "prefixes": [name[:rng.randint(3, 5)] for name in rng.sample(tags + authors, each)],
        "no hit": ["".join(rng.choices("bcdfghjklmnpqrstvwxz", k=8)) for _ in range(each)],
    }


def timed(query: str, limit: int) -> float:
    from dramawired.search.index import search

    started = time.perf_counter()
    search(query, limit)
    return (time.perf_counter() - started) * 1000


def measure(args) -> None:
    """One back end, in this process: seed, index, time."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from dramawired.search.index import MAX_RESULTS, search

    call_command("migrate", verbosity=0)
    if args.reuse:
        print(f"reusing the kept database ({args.posts:,} posts, indexed)")
    else:
        seed_and_index(args.posts)
    asked = queries(args.queries)
    for batch in asked.values():  # warm the caches once
        for query in batch:
            search(query)
    print(f"\nload before timing: {load()}")
    print(f"{connection.vendor}: {'kind':<14} {'n':>4} {'hits p50':>9} "
          f"{'page p50':>9} {'page p95':>9} {'live p50':>9} {'live p95':>9}  (ms)")
    every = {"page": [], "live": []}
    for kind, batch in asked.items():
        hits = statistics.median(len(search(q)) for q in batch)
        page = [timed(q, MAX_RESULTS) for q in batch]
        live = [timed(q, 7) for q in batch]
        every["page"] += page
        every["live"] += live
        print(f"{'':<{len(connection.vendor) + 2}}{kind:<14} {len(batch):>4} {hits:>9.0f} "
              f"{pct(page, 50):>9.1f} {pct(page, 95):>9.1f} {pct(live, 50):>9.1f} "
              f"{pct(live, 95):>9.1f}")
    print(f"{'':<{len(connection.vendor) + 2}}{'all':<14} {len(every['page']):>4} {'':>9} "
          f"{pct(every['page'], 50):>9.1f} {pct(every['page'], 95):>9.1f} "
          f"{pct(every['live'], 50):>9.1f} {pct(every['live'], 95):>9.1f}")
    print(f"load after timing: {load()}")


def seed_and_index(posts: int) -> None:
    from django.db import connection

    from dramawired.search.index import rebuild

    started = time.perf_counter()
    (bulkseed if connection.vendor == "postgresql" else serving).seed(posts)
    print(f"seeded {posts:,} posts in {time.perf_counter() - started:.1f} s "
          f"(load {load()})")
    started = time.perf_counter()
    indexed = rebuild()
    print(f"indexed {indexed:,} posts in {time.perf_counter() - started:.1f} s "
          f"(load {load()})")
    if connection.vendor == "postgresql":
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        print(f"vacuumed in {time.perf_counter() - started:.1f} s")


def load() -> str:
    """The load average (1, 5, 15 min): other work on the machine slows every figure."""
    return " ".join(f"{n:.2f}" for n in os.getloadavg())


def pct(values: list[float], p: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


def run_backend(args, database_url: str | None, reuse: bool = False) -> None:
    var = tempfile.mkdtemp(prefix="dramawired-search-bench-")
    env = {**os.environ, "DRAMAWIRED_VAR_DIR": var,
           "DJANGO_SETTINGS_MODULE": "dramawired.settings.base"}
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    try:
        subprocess.run([sys.executable, __file__, "--measure", "--posts", str(args.posts),
                        "--queries", str(args.queries), *["--reuse"] * reuse],
                       env=env, check=True)
    finally:
        shutil.rmtree(var, ignore_errors=True)


def postgres(args) -> None:
    import psycopg

    try:
        admin = psycopg.connect(f"{args.pg_url}/postgres", autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        print(f"\nPostgreSQL skipped: {exc}".strip())
        return
    name = PG_DB.format(posts=args.posts)
    with admin:
        reuse = args.keep and _kept(args, name)
        if not reuse:
            admin.execute(f"DROP DATABASE IF EXISTS {name}")
            admin.execute(f"CREATE DATABASE {name}")
        try:
            run_backend(args, f"{args.pg_url}/{name}", reuse)
        finally:
            if not args.keep:
                admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _kept(args, name: str) -> bool:
    """Whether a database kept by --keep holds this many posts, all indexed (a run stopped
    while seeding or indexing leaves fewer)."""
    import psycopg

    try:
        with psycopg.connect(f"{args.pg_url}/{name}", connect_timeout=3) as db:
            posts, docs = db.execute("SELECT (SELECT count(*) FROM news_post), "
                                     "(SELECT count(*) FROM search_searchdocument)").fetchone()
    except psycopg.Error:  # no such database, or not migrated yet
        return False
    return posts == docs == args.posts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--pg-url", default=PG_URL, help="server address, without a database")
    parser.add_argument("--only", choices=["sqlite", "postgresql"],
                        help="one back end (a million posts on SQLite take hours to seed)")
    parser.add_argument("--keep", action="store_true",
                        help="keep the PostgreSQL database, and reuse one kept before")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--reuse", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args)
        return
    if args.only != "postgresql":
        run_backend(args, None)
    if args.only != "sqlite":
        postgres(args)


if __name__ == "__main__":
    main()
