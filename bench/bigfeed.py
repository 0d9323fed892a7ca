"""Big feeds: ingest speed of one feed of N items, and where the time goes.

    .venv/bin/python bench/bigfeed.py [--items 1000,5000,10000] [--variants summary,full]
                                      [--mode cap|polls|both] [--profile 1000,4000]
                                      [--profile-variant full] [--dump FOLDER]

One RSS 2.0 feed of N items, in two variants:
- summary: each item carries a one-paragraph <description> and links to its article page
  (title, navigation, the story as <p> paragraphs, a footer), served on loopback: every
  item costs a page fetch and an extraction;
- full: each item carries its whole story in <content:encoded> (over the 1,500 characters
  that make a page fetch unnecessary), so no page is fetched.

Every size and variant runs in a fresh process on a fresh SQLite database in a temporary
folder, with the publisher in another process (as bench/ingest.py does: in this one it
would compete with the pipeline for the GIL). The classifier is trained before the clock
starts (a fresh site trains it on its first poll; that is no per-item cost).

With --dump FOLDER, each run also writes what it published to FOLDER/ITEMS-VARIANT-MODE.tsv:
per post (in guid order) its guid, title, category, what filed it, sorted tags, simhash,
author, lead image, a digest of its body and excerpt, then each duplicate and the post it
was linked to; two dumps that `diff` clean published the same things.

A poll builds at most DRAMAWIRED_MAX_ITEMS_PER_POLL new items (200 by default). Two ways
through a feed longer than that, `--mode`:
- cap: the cap raised to N + 1 through the environment for the run: one poll does it all;
- polls: the default cap, polls with force=True one after another until none is held
  back, as a worker would over N / 200 intervals (each poll reads the whole feed again).
Both are timed from the first poll to the last; items/s counts every item settled
(published or linked as a duplicate).

The text is this bench's own: sentences made from templates and word lists below, with
made-up names (syllables), numbers and a cast per story drawn from the story's own seeded
random generator, so no two stories share enough word triples for content dedupe to
merge them (the "dup" column says if it did). The fetch body cap is raised to 512 MiB for
the run: a full-text feed of 10,000 items is about 30 MB, over the default 5 MiB.

With --profile SIZES, one variant (--profile-variant, the full text by default: the one
issue 12 found slower) also runs under cProfile at each of those sizes (cap mode), every
SQL statement timed, and what costs more per item at the largest
size than at the smallest is listed: Python functions by their own time, each with the
pipeline function it is spent in, and SQL statements by the pipeline function that ran
them (cProfile sees a statement only as the call that waits on it). That is what grows
with the number of posts seen. cProfile follows the thread that runs the poll, dedupes
on content and publishes (the one writer); pages are built in a pool it does not see,
whose cost per item does not depend on the posts there are.
"""

import argparse
import cProfile
import html
import json
import os
import pstats
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.loopback import serve  # noqa: E402
from dramawired.pipeline.report import Progress  # noqa: E402

VARIANTS = ("summary", "full")
BLOCK = 1000  # items/s is also given for the first and the last this many items

# The bench's own word lists: the templates below put them together, a story's cast
# (made-up names) in nearly every sentence.
SYLLABLES = ("ka", "lo", "ren", "mi", "sa", "tor", "vel", "an", "dru", "is", "po", "ne",
             "gal", "fe", "zor", "tin", "ba", "lu", "mer", "os", "qui", "ra", "sel", "ub",
             "wen", "yo", "ha", "dem", "cor", "ith", "jas", "pel", "von", "ek", "tri", "mo")
ADJECTIVES = ("new", "long-awaited", "surprise", "second", "final", "sold-out", "quiet",
              "record", "delayed", "early", "costly", "public", "brief", "bold", "rare",
              "late-night", "summer", "winter", "low-budget", "ambitious", "tense", "warm")
NOUNS = ("premiere", "tour", "sequel", "album", "interview", "trailer", "contract",
         "season", "series", "festival", "award", "rehearsal", "lawsuit", "reunion",
         "documentary", "single", "show", "deal", "casting call", "statement", "memoir")
VERBS = ("announce", "cancel", "film", "release", "postpone", "defend", "launch",
         "discuss", "record", "finish", "direct", "produce", "rewrite", "promote")
SAID = ("said", "told reporters", "wrote on social media", "confirmed", "insisted",
        "admitted", "explained")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
TEMPLATES = (
    "{p} {said} that {w} would {verb} a {adj} {noun} before {month}.",
    "The {adj} {noun} drew {n} viewers on {day}, according to {org}.",
    "{p} and {q} were seen leaving {place} after the {noun} on {day}.",
    "Critics called {w} {adj}, while {p} praised its {noun}.",
    "{org} will {verb} a {adj} {noun} for {p} on {month} {d}.",
    "Fans of {w} waited {n} minutes outside {place} for the {noun}.",
    "{q} {said} the {noun} with {p} had cost {n} thousand dollars.",
    "A spokesperson for {org} declined to {verb} the {adj} {noun}.",
    "{p}, who is {age}, first worked with {q} on {w} in {year}.",
    "The {noun} at {place} opens on {day} with {n} seats left.",
    "{w} is the {adj} {noun} from {org} since {year}.",
    "Neither {p} nor {q} would {verb} the {noun} when asked on {day}.",
)


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def story(i: int) -> tuple[str, list[str]]:
    """Item i's headline and paragraphs: the same for the feed and the page."""
    rng = random.Random(f"bigfeed-{i}")
    cast = [f"{_word(rng, 2)} {_word(rng, 3)}" for _ in range(4)]
    works = [f"The {_word(rng, 3)} {rng.choice(('Affair', 'Road', 'House', 'Game'))}"
             for _ in range(2)]
    org, place = f"{_word(rng, 2)} Pictures", f"the {_word(rng, 3)} Theatre"

    def sentence() -> str:
        p, q = rng.sample(cast, 2)
        return rng.choice(TEMPLATES).format(
            p=p, q=q, w=rng.choice(works), org=org, place=place, said=rng.choice(SAID),
            verb=rng.choice(VERBS), adj=rng.choice(ADJECTIVES), noun=rng.choice(NOUNS),
            day=rng.choice(DAYS), month=rng.choice(MONTHS), d=rng.randint(1, 28),
            n=rng.randint(12, 9000), age=rng.randint(19, 80), year=rng.randint(1975, 2024))

    title = f"{cast[0]} to {rng.choice(VERBS)} {works[0]} {rng.choice(NOUNS)}"
    paragraphs = [" ".join(sentence() for _ in range(rng.randint(3, 4)))
                  for _ in range(rng.randint(8, 11))]
    return title, paragraphs


def page(i: int) -> bytes:
    title, paragraphs = story(i)
    t = html.escape(title)
    return ("<!doctype html><html lang=en><head><meta charset=utf-8>"
            f"<title>{t} | Bench Daily</title></head><body>"
            "<header><nav><a href=/>Home</a> <a href=/film>Film</a> <a href=/tv>TV</a> "
            "<a href=/music>Music</a></nav></header><main><article>"
            f"<h1>{t}</h1><p class=byline>By Bench Desk</p>"
            + "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
            + "</article><aside><h2>Most read</h2><ul><li><a href=/a/1.html>One</a></li>"
            "<li><a href=/a/2.html>Two</a></li></ul></aside></main>"
            "<footer><p>Bench Daily, made up for this bench.</p></footer>"
            "</body></html>").encode()


def feed(items: int, variant: str, base: str) -> bytes:
    now = datetime.now(UTC)
    entries = []
    for i in range(items):
        title, paragraphs = story(i)
        stamp = format_datetime(now - timedelta(minutes=i), usegmt=True)
        if variant == "full":
            body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
            text = (f"<description>{html.escape(paragraphs[0])}</description>"
                    f"<content:encoded><![CDATA[{body}]]></content:encoded>")
        else:
            text = f"<description>{html.escape(paragraphs[0])}</description>"
        entries.append(f"<item><title>{html.escape(title)}</title>"
                       f"<link>{base}/a/{i}.html</link><guid>bigfeed-{i}</guid>"
                       f"<pubDate>{stamp}</pubDate>{text}</item>")
    return ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>Bench Daily</title><link>{base}/</link><description>made-up news"
            f"</description>{''.join(entries)}</channel></rss>").encode()


def publisher(items: int, variant: str, port_file: str) -> None:
    """The publisher, in its own process: the feed, and every article page it links."""
    bodies: dict[str, bytes] = {}
    server = serve(bodies)
    port = server.server_address[1]
    bodies["feed.xml"] = feed(items, variant, f"http://127.0.0.1:{port}")
    if variant == "summary":
        bodies.update((f"a/{i}.html", page(i)) for i in range(items))
    Path(port_file).write_text(str(port))
    threading.Event().wait()


class Clock(Progress):
    """When each item was done, for the rate of the first and the last thousand items of
    one run: a rate that falls within one run is no other process's doing."""

    def __init__(self):
        self.done = [time.perf_counter()]

    def item_done(self, source):
        self.done.append(time.perf_counter())

    def rate(self, which: int) -> float:
        """Items per second over the first (0) or last (-1) thousand items done."""
        span = self.done[:BLOCK + 1] if which == 0 else self.done[-BLOCK - 1:]
        return round((len(span) - 1) / (span[-1] - span[0]), 1) if len(span) > 1 else 0.0


def dump(path: str) -> None:
    """What the run published, one line a post or duplicate, in a stable order."""
    import hashlib

    from dramawired.news.models import Post, Syndication

    def digest(text: str) -> str:
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    lines = []
    posts = Post.objects.select_related("category", "author").prefetch_related("tags")
    for post in posts:
        lines.append("\t".join((
            post.guid, post.title, post.category.name if post.category else "",
            post.category_by, "|".join(sorted(t.name for t in post.tags.all())),
            post.fingerprint, post.author.name if post.author else "", post.lead_image,
            digest(post.body), digest(post.excerpt))))
    for syn in Syndication.objects.select_related("post"):
        lines.append(f"dup\t{syn.title}\t{syn.url}\t{syn.post.guid}")
    Path(path).write_text("\n".join(sorted(lines)) + "\n")


def one(items: int, variant: str, mode: str, profile: str | None,
        dump_to: str | None = None) -> dict:
    """One run in this process: a fresh database, the publisher in another process."""
    var = tempfile.mkdtemp(prefix="dramawired-bigfeed-")
    port_file = os.path.join(var, "port")
    server = subprocess.Popen([sys.executable, __file__, "--serve", port_file,
                               "--items", str(items), "--variants", variant])
    try:
        os.environ.update(
            DJANGO_SETTINGS_MODULE="dramawired.settings.base", DRAMAWIRED_VAR_DIR=var,
            DATABASE_URL=f"sqlite:///{var}/db.sqlite3", DRAMAWIRED_LOG_LEVEL="ERROR",
            DRAMAWIRED_ALLOW_PRIVATE_NETWORKS="127.0.0.1/32",
            DRAMAWIRED_FETCH_MAX_BYTES=str(512 * 1024 * 1024))
        if mode == "cap":
            os.environ["DRAMAWIRED_MAX_ITEMS_PER_POLL"] = str(items + 1)
        else:
            os.environ.pop("DRAMAWIRED_MAX_ITEMS_PER_POLL", None)
        import django

        django.setup()
        from django.core.management import call_command

        from dramawired.news.models import Post, Syndication
        from dramawired.pipeline import training
        from dramawired.pipeline.run import ingest
        from dramawired.sources.models import Source

        call_command("migrate", verbosity=0)
        training.classifier()  # a fresh site's first poll trains it: not a per-item cost
        for _ in range(600):
            if os.path.exists(port_file) and Path(port_file).read_text():
                break
            time.sleep(0.1)
        base = f"http://127.0.0.1:{Path(port_file).read_text()}"
        source = Source.objects.create(name="Bench Daily", feed_url=f"{base}/feed.xml",
                                       site_url=f"{base}/")
        totals = dict(failed=0, from_feed=0, polls=0)
        profiler = cProfile.Profile() if profile else None
        sql = _record_sql() if profile else None
        clock = Clock()
        started, cpu = time.perf_counter(), time.process_time()
        if profiler:
            profiler.enable()
        while True:
            [report] = ingest([Source.objects.get(pk=source.pk)], force=True,
                              progress=clock)
            totals["polls"] += 1
            for key in ("failed", "from_feed"):
                totals[key] += getattr(report, key)
            if report.error and not report.held_back and report.settled == 0:
                totals["error"] = report.error
            if not report.held_back or report.settled == 0:
                break
        if profiler:
            profiler.disable()
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        cpu += _build_processes_cpu()
        if profiler:
            profiler.dump_stats(profile)
            Path(profile + ".sql.json").write_text(json.dumps(sql))
        # What became of the items: a post each, or a link to the post it copies (a
        # poll's own "duplicates" also counts the items earlier polls published).
        new, duplicates = Post.objects.count(), Syndication.objects.count()
        if dump_to:
            dump(os.path.join(dump_to, f"{items}-{variant}-{mode}.tsv"))
        return dict(items=items, variant=variant, mode=mode, seconds=round(seconds, 2),
                    rate=round((new + duplicates) / seconds, 1), new=new,
                    duplicates=duplicates, cpu_ms=round(cpu / items * 1000, 1),
                    first=clock.rate(0), last=clock.rate(-1), **totals)
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(var, ignore_errors=True)


def _build_processes_cpu() -> float:
    """CPU seconds the poll's build processes (pipeline/building.py) used, from /proc:
    started for the run, they did nothing else."""
    from dramawired.pipeline import building

    tick, total = os.sysconf("SC_CLK_TCK"), 0.0
    for pid in building.process_ids():
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return total


def _run_child(items: int, variant: str, mode: str, profile: str | None = None,
               dump_to: str | None = None) -> dict:
    command = [sys.executable, __file__, "--one", "--items", str(items), "--variants",
               variant, "--mode", mode] + (["--profile-out", profile] if profile else []) \
        + (["--dump", dump_to] if dump_to else [])
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"{' '.join(command[1:])} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _name(func: tuple) -> str:
    """A profiled function's name, the same from one run to the next."""
    path, line, name = func
    if path == "~":  # a built-in: "<function X at 0x7f…>" names it with its address
        return re.sub(r" at 0x[0-9a-f]+", "", name)
    return f"{Path(path).name}:{line}({name})"


def _caller(stats: pstats.Stats, func: tuple) -> str:
    """The pipeline function (dramawired/…) that `func`'s time comes from: up the
    heaviest callers until one is ours."""
    seen = {func}
    while True:
        callers = stats.stats[func][4]
        heaviest = max((c for c in callers if c not in seen), default=None,
                       key=lambda c: callers[c][3])
        if heaviest is None:
            return "-"
        if "/dramawired/" in heaviest[0]:
            return f"{Path(heaviest[0]).name}:{heaviest[2]}"
        seen.add(heaviest)
        func = heaviest


def _own_times(path: str) -> tuple[dict[str, float], dict[str, str], float]:
    stats = pstats.Stats(path)
    own, where = {}, {}
    for func, row in stats.stats.items():
        name = _name(func)
        own[name] = own.get(name, 0.0) + row[2]
        where.setdefault(name, _caller(stats, func))
    return own, where, sum(row[2] for row in stats.stats.values())


def _table(title: str, small: dict, large: dict, n1: int, n2: int, total: float,
           where: dict | None = None, top: int = 6) -> None:
    """The entries whose time per item grows most from n1 items to n2."""
    def grown(key):
        return large[key] / n2 - small.get(key, 0.0) / n1

    print(f"\n{title}, ms per item at {n1} and {n2} items, share of the {n2}-item run:")
    for key in sorted(large, key=grown, reverse=True)[:top]:
        print(f"  {small.get(key, 0.0) / n1 * 1000:8.2f} {large[key] / n2 * 1000:8.2f} "
              f"{large[key] / total:6.1%}  {key[:90]}"
              + (f"  ← {where[key]}" if where else ""))


def growth(small: tuple[int, str], large: tuple[int, str]) -> None:
    """What costs more per item in the large run than in the small one: Python functions
    (own time, cProfile, with the pipeline function each is spent in) and SQL statements
    (by the pipeline function that ran them): the database's work is invisible to
    cProfile but for the call that waits on it."""
    (n1, f1), (n2, f2) = small, large
    own1, _, _ = _own_times(f1)
    own2, where, total = _own_times(f2)
    _table("Python, own time", own1, own2, n1, n2, total, where)
    sql1, sql2 = (json.loads(Path(f + ".sql.json").read_text()) for f in (f1, f2))
    _table("SQL statements, by caller", sql1, sql2, n1, n2, total)


def _record_sql() -> dict[str, float]:
    """Time spent in each statement (its shape, IN lists folded), keyed with the pipeline
    function that ran it."""
    from django.db import connection

    spent: dict[str, float] = {}

    def record(execute, sql, params, many, context):
        frame, caller = sys._getframe(1), "-"
        while frame is not None:
            path = frame.f_code.co_filename
            if "/dramawired/" in path:
                caller = f"{Path(path).name}:{frame.f_code.co_name}"
                break
            frame = frame.f_back
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            shape = re.sub(r'"s\d+_x\d+"', "…", re.sub(r"(%s, )+%s", "%s…", sql))
            key = f"{caller}: {shape}"
            spent[key] = spent.get(key, 0.0) + time.perf_counter() - started

    connection.execute_wrappers.append(record)
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", default="1000,5000,10000")
    parser.add_argument("--variants", default=",".join(VARIANTS))
    parser.add_argument("--mode", choices=("cap", "polls", "both"), default="cap")
    parser.add_argument("--profile", default="",
                        help="sizes to profile a variant at, e.g. 1000,4000")
    parser.add_argument("--profile-variant", choices=VARIANTS, default="full")
    parser.add_argument("--dump", metavar="FOLDER",
                        help="write what each run published to FOLDER (see above)")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--profile-out", help=argparse.SUPPRESS)
    parser.add_argument("--serve", metavar="PORT_FILE", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.dump:
        args.dump = os.path.abspath(args.dump)
        os.makedirs(args.dump, exist_ok=True)
    sizes = [int(n) for n in args.items.split(",") if n]
    variants = [v for v in args.variants.split(",") if v]
    if args.serve:
        return publisher(sizes[0], variants[0], args.serve)
    if args.one:
        print(json.dumps(one(sizes[0], variants[0], args.mode, args.profile_out,
                             args.dump)))
        return
    modes = ("cap", "polls") if args.mode == "both" else (args.mode,)
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} "
          f"({os.cpu_count()} cores)")
    print("cap: DRAMAWIRED_MAX_ITEMS_PER_POLL raised to items + 1, one poll; polls: the "
          "default cap, polls until none is held back")
    print(f"items/s: all, the first {BLOCK} and the last {BLOCK}; cpu: the ingesting "
          "process's CPU time (every thread, and its build processes) per item, which "
          "other load moves less")
    print(f"{'items':>6} {'variant':<8} {'mode':<6} {'polls':>5} {'new':>6} {'dup':>4} "
          f"{'failed':>6} {'seconds':>8} {'items/s':>8} {'first':>6} {'last':>6} "
          f"{'cpu ms':>6}")
    for n in sizes:
        for variant in variants:
            for mode in modes:
                r = _run_child(n, variant, mode, dump_to=args.dump)
                print(f"{n:>6} {variant:<8} {mode:<6} {r['polls']:>5} {r['new']:>6} "
                      f"{r['duplicates']:>4} {r['failed']:>6} {r['seconds']:>8.1f} "
                      f"{r['rate']:>8.1f} {r['first']:>6.1f} {r['last']:>6.1f} "
                      f"{r['cpu_ms']:>6.1f}"
                      + (f"  error: {r['error']}" if "error" in r else ""), flush=True)
    if args.profile:
        profiled = []
        folder = tempfile.mkdtemp(prefix="dramawired-bigfeed-prof-")
        for n in sorted(int(x) for x in args.profile.split(",")):
            out = os.path.join(folder, f"{args.profile_variant}-{n}.prof")
            r = _run_child(n, args.profile_variant, "cap", out)
            print(f"profiled: {n} items, {args.profile_variant}, {r['seconds']:.1f} s "
                  f"under cProfile ({r['rate']:.1f} items/s)")
            profiled.append((n, out))
        growth(profiled[0], profiled[-1])
        shutil.rmtree(folder, ignore_errors=True)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
