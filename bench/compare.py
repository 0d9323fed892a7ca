"""DramaWired beside WordPress and a static file, measured in one run: one table.

    .venv/bin/python bench/compare.py [--posts 100000] [--duration 10] [--connections 8]
                                      [--churn-duration 30] [--runs 3]

What `make bench` runs. Both sites get the same --posts stories (bench/corpus.py: titles,
bodies, bylines, categories and tags recombined from our demo articles):

- DramaWired on SQLite (bench/serving.py's seed, in a fresh var folder), served by its own
  gunicorn setup (2 threaded workers) with the embedded default cache: its article, home
  and a category page uncached (each request carries a session cookie, which bypasses the
  page cache as a logged-in reader does), then page-cache hits, then article and home
  behind nginx running the project's site file, deploy/nginx/dramawired.conf
  (bench/deploy_serving.py renders it for a loopback port, both upstream lines pointing at
  the one gunicorn); then bench/churn.py's cache churn on the same server: 1,000 article
  pages read through the page cache for --churn-duration seconds without publishing, and
  as long again with a post published every 10 s (its misses, the throughput lost, and the
  seconds until the new post showed on home, its category and an older article). Before
  the servers start, each page's SQL queries are counted in-process: a cold render (the
  cache cleared: no shared block, no generation) and a warm one (rendered again at once),
  both by a reader with a session, and a page-cache hit;
- WordPress from Debian's packages on MariaDB (bench/wordpress.py), the same post's page,
  uncached and behind nginx's fastcgi_cache;
- nginx serving DramaWired's article, as the site rendered it, as a static file: the limit.

wrk -t2 -c<connections> -d<duration>s loads each page in turn (caches warmed by one request
first), --runs times, on the same machine as the servers; a row is the run with the median
req/s, the range of the runs beside it, and the 1-minute load average read just before the
first: other jobs on the machine slow every figure, and the load says by how much.
Under the table, the issue's goals (issue 12) beside the figures they are about.
Everything runs in var/bench/compare-*/, removed at the end; the MariaDB database is
dropped. Needs wrk, nginx, php-fpm, php-mysql and a MariaDB server on 127.0.0.1:3306 (root,
no password): `make bench-tools`.
"""

import html
import os
import re
import signal
import sys
import time
import urllib.error
import urllib.request

import churn  # bench/churn.py: the cache churn, its publisher and freshness checks
import serving  # bench/serving.py: the site, its servers, wrk
from deploy_env import ROOT, Scratch, halt, wait_until_up
from deploy_serving import OPENER, start_nginx
from wordpress import WordPress

UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}
COLUMNS = ("req/s", "p50", "p90", "p99", "SQL queries", "page-cache misses",
           "throughput lost", "new post everywhere after", "load (1 min)")


def seconds(wrk_figure: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", wrk_figure).groups()
    return float(number) * UNITS[unit]


def shown(duration: float) -> str:
    if duration >= 1:
        return f"{duration:.2f} s"
    ms = duration * 1000
    return f"{ms:.2f} ms" if ms < 10 else f"{ms:.0f} ms" if ms >= 100 else f"{ms:.1f} ms"


def number(rps: float) -> str:
    return f"{rps:,.0f}" if rps >= 100 else f"{rps:.1f}"


def tells(url: str, story: str, header: str = "", value: str | None = "", *headers: str):
    """One request before a run: the page must answer 200 (not a redirect), show the story
    if one is given, and its `header` say `value` (which layer answered; None: absent).
    A page that is not what it should be stops the bench."""
    request = urllib.request.Request(url, headers=dict(h.split(": ", 1) for h in headers))
    try:
        with OPENER.open(request, timeout=60) as response:
            status, answer, body = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, answer, body = error.code, error.headers, b""
    if status != 200 or (header and answer[header] != value):
        sys.exit(f"{url}: {status}, {header} {answer[header]!r} (expected 200, {value!r})")
    text = html.unescape(re.sub("<[^>]+>", " ", body.decode(errors="replace")))
    if " ".join(re.findall(r"\w+", story)) not in " ".join(re.findall(r"\w+", text)):
        sys.exit(f"{url} does not show the story {story!r}")


class Table:
    def __init__(self, args):
        self.args, self.rows = args, {}
        self.freshness = (0.0, 0, 0)  # churn_rows(): most seconds, pages never, posts

    def add(self, key: str, label: str, figures: dict, load: float, **cells: str) -> dict:
        """A row of wrk's `figures`; `cells` fill the other columns by name (queries,
        misses, lost, fresh)."""
        row = {"label": label, "rps": figures["rps"], "load": load, "cells": cells,
               **{p: seconds(figures[p]) for p in ("p50", "p90", "p99")}}
        self.rows[key] = row
        print(f"  {label}: {row['rps']:,.1f} req/s (load {load:.2f})", flush=True)
        return row

    def measure(self, key: str, label: str, url: str, uncached: bool = False,
                **cells: str) -> dict:
        """--runs wrk runs of `url`; the row is the run with the median req/s (this VM's
        figures move by a third from one run to the next), with the others' range."""
        load = os.getloadavg()[0]  # just before the first run
        headers = ["-H", serving.UNCACHED] if uncached else []
        runs = sorted((serving.wrk_run(url, self.args.connections, self.args.duration, headers)
                       for _ in range(self.args.runs)), key=lambda run: run["rps"])
        row = self.add(key, label, runs[len(runs) // 2], load, **cells)
        row["range"] = (runs[0]["rps"], runs[-1]["rps"])
        return row

    def print(self, title: str) -> None:
        print(f"\n| {title} | " + " | ".join(COLUMNS) + " |")
        print("|---" + "|---:" * len(COLUMNS) + "|")
        for row in self.rows.values():
            rps, cells = row["rps"], row["cells"]
            low, high = row.get("range", (rps, rps))
            spread = f" ({number(low)}–{number(high)})" if high > low else ""
            figures = [number(rps) + spread,
                       *(shown(row[p]) for p in ("p50", "p90", "p99")),
                       *(cells.get(c, "") for c in ("queries", "misses", "lost", "fresh")),
                       f"{row['load']:.2f}"]
            print(f"| {row['label']} | " + " | ".join(figures) + " |")


def cached_pages(table, site, pages, counts, title) -> None:
    """Each DramaWired page uncached, then each from the page cache."""
    uncached = ("X-Cache", None, serving.UNCACHED)  # a session: never cached
    for name, path in pages.items():
        tells(site + path, title if name == "article" else "", *uncached)
        table.measure(f"{name} uncached", f"**DramaWired {name}, uncached**", site + path,
                      uncached=True,
                      queries=f"{counts[name]['cold']} cold, {counts[name]['warm']} warm")
    for name, path in pages.items():
        serving.fetch(site + path)  # warms the page cache
        tells(site + path, "", "X-Cache", "hit")
        table.measure(f"{name} hit", f"DramaWired {name}, page-cache hit", site + path,
                      queries=str(counts[name]["hit"]))


def churn_rows(table, args, site: str, scratch: Scratch, paths: list[str]) -> None:
    """bench/churn.py's two phases on this server, as two rows."""
    every = churn.EVERY
    quiet, busy, found = churn.phases(site, dict(os.environ), scratch.folder("churn"), paths,
                                      args.churn_duration, every, args.connections)
    worst, never = churn.freshness_report(found)
    head = f"articles, {len(paths):,} URLs, "
    table.add("churn quiet", head + "no publishing", quiet, float(quiet["load"].split()[0]),
              misses=f"{quiet['misses']:,}")
    fresh = f"{worst:.1f} s" + (f"; {never} pages never" if never else "")
    table.add("churn busy", head + f"a post every {every:g} s", busy,
              float(busy["load"].split()[0]), misses=f"{busy['misses']:,}",
              lost=f"{churn.lost(quiet, busy):.1f} %", fresh=fresh)
    table.freshness = (worst, never, len(found))


def goals(table: Table, wordpress: dict) -> None:
    """The issue's goals, each beside this run's figure and the load it was measured at."""
    rows = table.rows
    article, home = rows["article uncached"], rows["home uncached"]
    quiet, busy = rows["churn quiet"], rows["churn busy"]
    worst, never, posts = table.freshness
    lost = churn.lost(quiet, busy)
    checks = [
        ("uncached article", f"{article['rps']:,.0f} req/s", "≥ 500 req/s",
         article["rps"] >= 500, article),
        ("uncached article / WordPress uncached", f"{article['rps'] / wordpress['rps']:.1f}×",
         "≥ 20×", article["rps"] >= 20 * wordpress["rps"], article, wordpress),
        ("uncached home", f"{home['rps']:,.0f} req/s", "≥ 300 req/s", home["rps"] >= 300,
         home),
        ("uncached article, p99", shown(article["p99"]), "< 50 ms", article["p99"] < 0.050,
         article),
        ("uncached home, p99", shown(home["p99"]), "< 50 ms", home["p99"] < 0.050, home),
        ("churn, throughput lost while publishing", f"{lost:.1f} %", "< 10 %", lost < 10,
         quiet, busy),
        ("churn, p99 while publishing", shown(busy["p99"]), "< 100 ms", busy["p99"] < 0.100,
         busy),
        (f"freshness, the most seconds until a new post was on home, its category and an "
         f"older article ({posts} posts)",
         f"{worst:.1f} s" + (f", {never} pages never showed it" if never else ""), "< 10 s",
         worst < 10 and not never and posts > 0, busy),
    ]
    print("\ngoals (issue 12), from this run:")
    for what, figure, goal, met, *measured in checks:
        loads = " and ".join(f"{row['load']:.2f}" for row in measured)
        print(f"- {what}: {figure} (goal {goal}): {'met' if met else 'NOT met'} "
              f"(load {loads})")


def run(args, scratch: Scratch) -> None:
    pages = serving.prepare_site(str(scratch.folder("dramawired")), args.posts)
    pages = {name: pages[name] for name in ("article", "home", "category")}
    from django.db import connections

    from dramawired.news.models import Post

    article, home = pages["article"], pages["home"]
    post = Post.objects.get(pk=int(article.rstrip("/").rsplit("-", 1)[1]))
    print("DramaWired in-process: SQL queries and time of a render")
    counts = serving.profile(pages)
    churn_paths = churn.article_paths(churn.URLS)
    connections.close_all()
    wordpress = WordPress(scratch, args.posts)
    wp_post = wordpress.post_path(post.pk)
    print(f"{wordpress.versions()}; {os.cpu_count()} cores; "
          "load average (1, 5, 15 min) {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    print(f"the story: {post.title!r} (DramaWired {article}, WordPress {wp_post})")

    table = Table(args)
    tells(wordpress.plain + wp_post, post.title)
    wp = table.measure("wordpress", f"WordPress {wordpress.version} + PHP-FPM + MariaDB, "
                       "post page, uncached", wordpress.plain + wp_post)
    with serving.web_server(dict(os.environ)) as site:
        cached_pages(table, site, pages, counts, post.title)
        saved = serving.fetch(site + article)[0]  # as the site serves it from its cache

        serving.fetch(wordpress.cached + wp_post)
        tells(wordpress.cached + wp_post, post.title, "X-FastCGI-Cache", "HIT")
        table.measure("wordpress cached", "WordPress behind nginx fastcgi_cache",
                      wordpress.cached + wp_post)

        port = int(site.rsplit(":", 1)[1])
        nginx = start_nginx(scratch, [port, port])
        wait_until_up(nginx.url + "/robots.txt", nginx)
        for name, path in (("article", article), ("home", home)):
            serving.fetch(nginx.url + path)
            tells(nginx.url + path, "", "X-Proxy-Cache", "HIT")
            table.measure(f"{name} nginx", f"DramaWired {name} behind the project's nginx "
                          "config", nginx.url + path)
        halt(nginx)
        # Last on this server: it publishes posts, which the other rows' pages would show.
        churn_rows(table, args, site, scratch, churn_paths)
    with serving.static_server({article: saved}, str(scratch.folder("static"))) as static:
        tells(static + article, post.title)
        table.measure("static", "nginx serving our article as a static file (the limit)",
                      static + article)

    table.print(f"page ({args.posts:,} posts; DramaWired on SQLite, 2 gunicorn workers × 4 "
                "threads; PHP-FPM at most 5 children; nginx: Debian's defaults; "
                f"wrk -t2 -c{args.connections} -d{args.duration}s, the median of "
                f"{args.runs} runs (their range); churn rows one run of -d{args.churn_duration}s)")
    print("\nSQL queries: counted in-process; uncached rows: a reader with a session, cold "
          "(nothing cached)\nand warm (the same page again); page-cache hits: an anonymous "
          "reader's second request.\nChurn rows: anonymous readers going through the article "
          "pages in turn, each rendered once\nbefore; misses: the page cache's (X-Cache); "
          "throughput lost: against the row above; new post:\nthe most seconds from a "
          "publish's commit until home, its category and an older article showed it.")
    goals(table, wp)


def main() -> None:
    def more(parser):
        parser.add_argument("--churn-duration", type=int, default=30,
                            help="seconds per churn phase")
        parser.add_argument("--runs", type=int, default=3,
                            help="wrk runs per row (not the churn rows): the median's")

    args = serving.arguments(__doc__, connections=8, more=more)
    # SIGTERM unwinds like Ctrl-C, through scratch.close() and the servers' finally clauses.
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.default_int_handler)
    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    scratch = Scratch("compare-", ROOT / "var" / "bench")
    started = time.perf_counter()
    try:
        run(args, scratch)
    finally:
        scratch.close()
    print(f"({time.perf_counter() - started:.0f} s in all)")


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:  # everything is stopped and removed by then
        sys.exit("interrupted")
