"""Real feeds with every article host unreachable: how much of what they carry is published.

    .venv/bin/python bench/realfeeds.py FOLDER [--json] [--verbose]

Serves each file under FOLDER (kind: its first folder level) on loopback, subscribes each
as a Source in a fresh SQLite database and runs ingest() once. Only the bench server's name
resolves: every article page fails as "cannot resolve" before any DNS query, and a connect
outside loopback is refused (relative item links resolve against the feed's address: they
reach the bench server, which answers 404). Trap feeds (a body that is a path, a file://
URL, an external entity) point at a canary file that must be neither opened nor published.
feedparser reads entries and titles on its own, before the pipeline changes its settings.
"""

import argparse
import html
import io
import ipaddress
import json
import logging
import os
import re
import shutil
import socket
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import feedparser

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.loopback import serve  # noqa: E402

TRAP = "_trap"
# The table's columns: posts whose title is the feed's exactly, the text of its HTML title,
# made up for an entry with none, or different; posts from the feed's own text; items lost.
HEAD = {"feeds": "feeds", "items": "items", "text_items": "w/text", "published": "posts",
        "exact": "exact", "as_text": "astext", "untitled": "notitl", "misses": "differ",
        "from_feed": "feedtx", "duplicates": "dupes", "failed": "lost", "held_back": "held",
        "failing": "failng"}
COUNTS = tuple(HEAD)[1:-1]


def collapse(text: str) -> str:
    return " ".join(text.split())


def survey(data: bytes) -> dict:
    """What the feed carries: entries, those with any text, and each entry's title as
    feedparser gives it and, for an HTML title, as the text it displays."""
    entries = feedparser.parse(io.BytesIO(data)).entries
    titles = {}
    for e in entries:
        raw = collapse(e.get("title", ""))
        html_typed = "html" in e.get("title_detail", {}).get("type", "")
        text = collapse(html.unescape(re.sub(r"<[^>]+>", "", raw))) if html_typed else raw
        for key in [k for k in (e.get("link"), e.get("id")) if k] or [f"#{len(titles)}"]:
            titles.setdefault(key, []).append((raw, text))  # entries may share an address
    has_text = [e for e in entries if collapse(e.get("title", "") + e.get("summary", "")) or any(
        collapse(c.get("value", "")) for c in e.get("content", []))]
    return {"items": len(entries), "text_items": len(has_text), "titles": titles}


def judge(title: str, keys: tuple[str, str], titles: dict) -> str:
    """A stored title against its entry's (found by GUID or address, else any entry's)."""
    entry = next((titles[k] for k in keys if k in titles), None)
    pairs = entry or [pair for pairs in titles.values() for pair in pairs]
    if any(title == raw for raw, _ in pairs):
        return "exact"
    if any(title == text for _, text in pairs):
        return "as_text"
    return "untitled" if entry and not any(raw for raw, _ in entry) else "misses"


def shape(error: str) -> str:
    """An error without addresses, host names and numbers, so alike ones count together."""
    error = re.sub(r"\S+://\S+|\S+\.[a-z]{2,}\b\S*", "…", error.strip('"'))
    return re.sub(r"\d+", "#", error.split(":")[0].split("(")[0]).strip()[:70]


def traps(canary: Path, marker: str) -> dict[str, bytes]:
    canary.write_text(f'<rss version="2.0"><channel><title>{marker}</title><item><title>'
                      f'{marker}</title><link>http://canary.invalid/</link></item></channel></rss>')
    xxe = (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY c SYSTEM "file://{canary}">]>'
           '<rss version="2.0"><channel><title>t</title><link>http://trap.invalid/</link>'
           '<item><title>&c;</title><link>http://trap.invalid/1</link>'
           '<description>&c;</description></item></channel></rss>')
    return {f"{TRAP}/path": str(canary).encode(), f"{TRAP}/xxe": xxe.encode(),
            f"{TRAP}/file-url": f"file://{canary}".encode()}


def isolate(port: int, refused: Counter) -> None:
    """Only the bench server resolves; any other name fails as unknown, before a DNS query."""
    real_getaddrinfo, real_connect = socket.getaddrinfo, socket.socket.connect

    def getaddrinfo(host, port_, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else str(host)
        if name in ("127.0.0.1", "localhost") and str(port_) == str(port):
            return real_getaddrinfo(host, port_, *args, **kwargs)
        refused[f"resolve {name}"] += 1
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known (bench: offline)")

    def connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and \
                not ipaddress.ip_address(address[0]).is_loopback:
            refused[f"connect {address[0]}"] += 1
            raise OSError("bench: no traffic outside loopback")
        return real_connect(self, address)

    socket.getaddrinfo, socket.socket.connect = getaddrinfo, connect


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--verbose", action="store_true", help="a line per feed")
    args = parser.parse_args()
    top = args.folder.resolve().name
    feeds = {(p.relative_to(args.folder).as_posix() if p.parent != args.folder
              else f"{top}/{p.name}"): p.read_bytes()
             for p in sorted(args.folder.rglob("*")) if p.is_file() and p.name[0] != "."}
    stats = {name: survey(body) for name, body in feeds.items()}

    var, canary_dir = (Path(tempfile.mkdtemp(prefix=f"dramawired-{n}-")) for n in ("db", "trap"))
    marker, canary = f"CANARY-{uuid.uuid4().hex}", canary_dir / "canary.xml"
    trapped = traps(canary, marker)
    server = serve({**feeds, **trapped})
    refused: Counter = Counter()
    isolate(server.server_address[1], refused)
    # The SSRF guard stays on (it resolves every host), with the bench server let through.
    os.environ.update(DJANGO_SETTINGS_MODULE="dramawired.settings.base",
                      DRAMAWIRED_VAR_DIR=str(var), DATABASE_URL=f"sqlite:///{var}/db.sqlite3",
                      DRAMAWIRED_LOG_LEVEL="WARNING",
                      DRAMAWIRED_ALLOW_PRIVATE_NETWORKS="127.0.0.1/32")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db.models import Q

    from dramawired.news.models import Post
    from dramawired.pipeline.run import ingest
    from dramawired.sources.models import Source

    call_command("migrate", verbosity=0)
    kinds = {"youtube": Source.Kind.YOUTUBE, "reddit": Source.Kind.REDDIT}
    Source.objects.bulk_create(Source(
        name=name, feed_url=f"http://127.0.0.1:{server.server_address[1]}/{quote(name)}",
        kind=kinds.get(name.split("/")[0], Source.Kind.FEED)) for name in [*feeds, *trapped])
    logging.getLogger("dramawired").handlers.clear()  # captured here, not printed
    capture, records = logging.Handler(logging.WARNING), []
    capture.emit = records.append
    logging.getLogger("dramawired.pipeline").addHandler(capture)
    opened, recording = [], threading.Event()
    sys.addaudithook(lambda event, a: recording.is_set() and event == "open"
                     and isinstance(a[0], str | bytes) and opened.append(os.fsdecode(a[0])))

    recording.set()
    started = time.perf_counter()
    reports = {r.source: r for r in ingest(force=True)}
    seconds = time.perf_counter() - started
    recording.clear()
    server.shutdown()

    rows = [row(s, stats[s.name], reports.get(s.name), Post.objects.filter(source=s))
            for s in Source.objects.filter(name__in=feeds)]
    result = summarise(rows, [reports[n] for n in feeds if n in reports], seconds)
    roots = [Path(p) for p in {sys.prefix, sys.base_prefix, sys.exec_prefix, ROOT, var}]
    result.update(
        tracebacks=sum(1 for r in records if r.exc_info),
        traceback_messages=dict(Counter(r.getMessage()[:100] for r in records
                                        if r.exc_info).most_common(5)),
        hosts_refused=sum(1 for k in refused if k.startswith("resolve")),
        lookups_refused=refused.total() - sum(v for k, v in refused.items() if k[0] == "c"),
        connects_refused=sum(v for k, v in refused.items() if k[0] == "c"),
        traps={n: reports[n].error or f"new={reports[n].new}" for n in trapped},
        canary_opened=str(canary) in opened,
        canary_in_posts=Post.objects.filter(Q(title__contains=marker) | Q(body__contains=marker)
                                            | Q(excerpt__contains=marker)).count(),
        files_opened_elsewhere=sorted({p for p in opened if not any(
            Path(p).is_relative_to(r) for r in roots)}))
    shutil.rmtree(var, ignore_errors=True)
    shutil.rmtree(canary_dir, ignore_errors=True)
    print(json.dumps(result, indent=1, ensure_ascii=False) if args.json
          else render(result, args.verbose))


def row(source, s: dict, report, posts) -> dict:
    verdicts = [(judge(t, (g, u), s["titles"]), t)
                for t, g, u in posts.values_list("title", "guid", "original_url")]
    counts = Counter(v for v, _ in verdicts)
    return {"feed": source.name, "kind": source.name.split("/")[0], "items": s["items"],
            "text_items": s["text_items"], "published": len(verdicts),
            **{k: counts[k] for k in ("exact", "as_text", "untitled", "misses")},
            **{k: getattr(report, k, 0) for k in ("from_feed", "duplicates", "failed",
                                                   "held_back", "seconds")},
            "title_misses": [t for v, t in verdicts if v == "misses"][:3],
            "error": source.last_error if source.consecutive_failures else ""}


def summarise(rows: list[dict], reports: list, seconds: float) -> dict:
    def total(group: list[dict]) -> dict:
        t = {k: sum(r[k] for r in group) for k in COUNTS}
        t["feeds"], t["failing"] = len(group), sum(1 for r in group if r["error"])
        t["share"] = round(t["published"] / t["text_items"], 3) if t["text_items"] else 0
        return t

    def tally(name: str) -> Counter:  # the reports' errors, alike ones together
        return Counter(shape(k) for r in reports for k, n in getattr(r, name, {}).items()
                       for _ in range(n))

    items = tally("item_errors")  # parse's skipped entries are counted without a reason
    items["entry skipped while parsing"] = sum(r.failed for r in reports) - items.total()
    return {"total": total(rows), "by_kind": {k: total([r for r in rows if r["kind"] == k])
                                              for k in sorted({r["kind"] for r in rows})},
            "source_errors": dict(Counter(shape(r["error"]) for r in rows if r["error"])),
            "item_errors": dict((+items).most_common(8)),
            "page_errors": dict(tally("page_errors").most_common(5)),
            "seconds": round(seconds, 1), "feeds": rows}


def render(res: dict, verbose: bool) -> str:
    def lines(counts: dict) -> list[str]:
        return [f"  {n:5}  {k}" for k, n in counts.items()]

    t, strays = res["total"], res["files_opened_elsewhere"]
    out = [f"{'kind':17}" + "".join(f"{h:>7}" for h in HEAD.values()) + "  share"]
    out += [f"{kind:17}" + "".join(f"{c[k]:7}" for k in HEAD) + f"{c['share']:7.1%}"
            for kind, c in [*res["by_kind"].items(), ("TOTAL", t)]]
    out += [
        "", f"feeds {t['feeds']}, items in feeds {t['items']}, items with text "
        f"{t['text_items']}, posts published {t['published']} ({t['share']:.1%} of items with "
        f"text; {t['from_feed']} from the feed's own text), linked as duplicates "
        f"{t['duplicates']}, held back by the per-poll cap {t['held_back']}",
        f"titles stored exactly as the feed's entry title: {t['exact']} of {t['published']} "
        f"(+{t['as_text']} the text of an HTML title, {t['untitled']} made for entries without "
        f"one, {t['misses']} differ)",
        f"sources marked failing: {t['failing']}", *lines(res["source_errors"]),
        "items lost, by error:", *lines(res["item_errors"]),
        "article pages not fetched, by error:", *lines(res["page_errors"]),
        f"tracebacks logged: {res['tracebacks']}", *lines(res["traceback_messages"]),
        f"outside loopback: {res['lookups_refused']} look-ups of {res['hosts_refused']} hosts "
        f"refused, {res['connects_refused']} connects refused",
        f"trap feeds: {res['traps']}",
        f"canary file opened: {res['canary_opened']}; its marker in posts: "
        f"{res['canary_in_posts']}; other files opened outside Python, the repository and "
        f"the database folder: {len(strays)}", *[f"  {p}" for p in strays[:20]],
        f"time: {res['seconds']} s for ingest()"]
    if verbose:
        out += ["", f"{'feed':58}{'items':>6}{'text':>6}{'posts':>6}{'exact':>6}{'lost':>6}"
                f"{'secs':>6}  error"]
        for r in res["feeds"]:
            out.append(f"{r['feed'][:58]:58}{r['items']:6}{r['text_items']:6}{r['published']:6}"
                       f"{r['exact']:6}{r['failed']:6}{r['seconds']:6.1f}  {r['error'][:70]}")
            out += [f"{'':6}title stored not as in the feed: {m!r}" for m in r["title_misses"]]
    return "\n".join(out)


if __name__ == "__main__":
    main()
