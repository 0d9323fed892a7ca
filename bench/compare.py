"""DramaWired beside WordPress and a static file, measured in one run: one table.

    .venv/bin/python bench/compare.py [--posts 100000] [--duration 10] [--connections 8]

What `make bench` runs. Both sites get the same --posts stories (bench/corpus.py: titles,
bodies, bylines, categories and tags recombined from our demo articles):

- DramaWired on SQLite (bench/serving.py's seed, in a fresh var folder), served by its own
  gunicorn setup (2 threaded workers) with the embedded default cache: its article and home
  page uncached (each request carries a session cookie, which bypasses the page cache as a
  logged-in reader does), then page-cache hits, then behind nginx running the project's
  site file, deploy/nginx/dramawired.conf (bench/deploy_serving.py renders it for a
  loopback port, both upstream lines pointing at the one gunicorn);
- WordPress from Debian's packages on MariaDB (bench/wordpress.py), the same post's page,
  uncached and behind nginx's fastcgi_cache;
- nginx serving DramaWired's article, as the site rendered it, as a static file: the limit.

wrk -t2 -c<connections> -d<duration>s loads each page in turn (caches warmed by one request
first), on the same machine as the servers, with the 1-minute load average read just before
each run: other jobs on the machine slow every figure, and the load says by how much.
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

import serving  # bench/serving.py: the site, its servers, wrk
from deploy_env import ROOT, Scratch, halt, wait_until_up
from deploy_serving import OPENER, start_nginx
from wordpress import WordPress

UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}


def seconds(wrk_figure: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", wrk_figure).groups()
    return float(number) * UNITS[unit]


def shown(duration: float) -> str:
    if duration >= 1:
        return f"{duration:.2f} s"
    ms = duration * 1000
    return f"{ms:.2f} ms" if ms < 10 else f"{ms:.0f} ms" if ms >= 100 else f"{ms:.1f} ms"


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
        self.args, self.rows = args, []

    def measure(self, label: str, url: str, uncached: bool = False) -> float:
        load = os.getloadavg()[0]
        rps, p50, p99 = serving.wrk(url, self.args, uncached=uncached)
        self.rows.append((label, rps, seconds(p50), seconds(p99), load))
        print(f"  {label}: {rps:,.1f} req/s (load {load:.2f})", flush=True)
        return rps

    def print(self, title: str) -> None:
        print(f"\n| {title} | req/s | p50 | p99 | load (1 min) |\n|---|---:|---:|---:|---:|")
        for label, rps, p50, p99, load in self.rows:
            figure = f"{rps:,.0f}" if rps >= 100 else f"{rps:.1f}"
            print(f"| {label} | {figure} | {shown(p50)} | {shown(p99)} | {load:.2f} |")


def run(args, scratch: Scratch) -> None:
    pages = serving.prepare_site(str(scratch.folder("dramawired")), args.posts)
    from django.db import connections

    from dramawired.news.models import Post

    article, home = pages["article"], pages["home"]
    post = Post.objects.get(pk=int(article.rstrip("/").rsplit("-", 1)[1]))
    print("DramaWired in-process profile (warm, cache missed):")
    serving.profile({"article": article, "home": home})
    connections.close_all()
    wordpress = WordPress(scratch, args.posts)
    wp_post = wordpress.post_path(post.pk)
    print(f"{wordpress.versions()}; {os.cpu_count()} cores; "
          "load average (1, 5, 15 min) {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    print(f"the story: {post.title!r} (DramaWired {article}, WordPress {wp_post})")

    table = Table(args)
    tells(wordpress.plain + wp_post, post.title)
    wp = table.measure(f"WordPress {wordpress.version} + PHP-FPM + MariaDB, post page, "
                       "uncached", wordpress.plain + wp_post)
    with serving.web_server(dict(os.environ)) as site:
        uncached = ("X-Cache", None, serving.UNCACHED)  # a session: never cached
        tells(site + article, post.title, *uncached)
        ours = table.measure("**DramaWired article, uncached**", site + article, uncached=True)
        tells(site + home, "", *uncached)
        table.measure("**DramaWired home, uncached**", site + home, uncached=True)
        saved = serving.fetch(site + article)[0]  # warms the page cache
        tells(site + article, "", "X-Cache", "hit")
        table.measure("DramaWired article, page-cache hit", site + article)
        serving.fetch(site + home)
        tells(site + home, "", "X-Cache", "hit")
        table.measure("DramaWired home, page-cache hit", site + home)

        serving.fetch(wordpress.cached + wp_post)
        tells(wordpress.cached + wp_post, post.title, "X-FastCGI-Cache", "HIT")
        table.measure("WordPress behind nginx fastcgi_cache", wordpress.cached + wp_post)

        port = int(site.rsplit(":", 1)[1])
        nginx = start_nginx(scratch, [port, port])
        wait_until_up(nginx.url + "/robots.txt", nginx)
        for name, path in (("article", article), ("home", home)):
            serving.fetch(nginx.url + path)
            tells(nginx.url + path, "", "X-Proxy-Cache", "HIT")
            table.measure(f"DramaWired {name} behind the project's nginx config",
                          nginx.url + path)
        halt(nginx)
    with serving.static_server({article: saved}, str(scratch.folder("static"))) as static:
        tells(static + article, post.title)
        table.measure("nginx serving our article as a static file (the limit)", static + article)

    table.print(f"page ({args.posts:,} posts; DramaWired on SQLite, 2 gunicorn workers × 4 "
                "threads; PHP-FPM at most 5 children; nginx: Debian's defaults; "
                f"wrk -t2 -c{args.connections} -d{args.duration}s)")
    print(f"\nDramaWired's uncached article / WordPress's uncached post page: {ours / wp:.1f}×")


def main() -> None:
    args = serving.arguments(__doc__, connections=8)
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
