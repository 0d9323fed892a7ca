"""Ingest throughput: the whole pipeline against the demo publishers on loopback.

    .venv/bin/python bench/ingest.py [--rounds 5]

Each round starts from an empty post table (sources kept, validators cleared) on a fresh
SQLite database in a temporary folder, and times `ingest()` over every demo feed: feed
fetch, parse, filter, dedupe, page fetch, extract, sanitize, categorize, tag, dedupe,
publish. Prints articles per second per round and the median, then the time the extract
stage alone takes per page (the CPU-heavy part).
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
PORT = 8766


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    var = tempfile.mkdtemp(prefix="dramawired-bench-")
    os.environ.update(DRAMAWIRED_VAR_DIR=var, DRAMAWIRED_ALLOW_PRIVATE_NETWORKS="1",
                      DJANGO_SETTINGS_MODULE="dramawired.settings.base")
    os.environ.pop("DATABASE_URL", None)

    import django

    django.setup()
    import httpx
    from django.core.management import call_command

    from dramawired.news.models import Author, Post, Syndication, Tag
    from dramawired.pipeline.extract import extract_article
    from dramawired.pipeline.items import FeedItem
    from dramawired.pipeline.run import ingest
    from dramawired.sources.models import Source
    from dramawired.sources.opml import import_opml

    call_command("migrate", verbosity=0)
    # The publishers run in their own process, as real ones would: in this one they would
    # compete with the pipeline for the GIL.
    server = subprocess.Popen(
        [sys.executable, "-m", "dramawired", "demo-publishers", "--port", str(PORT)],
        stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{PORT}"
    for _ in range(50):
        try:
            opml = httpx.get(f"{base}/opml.xml").content
            break
        except httpx.ConnectError:
            time.sleep(0.1)
    import_opml(opml)

    rates, cpus = [], []
    for n in range(1, args.rounds + 1):
        for model in (Syndication, Post, Tag, Author):
            model.objects.all().delete()
        Source.objects.update(etag="", last_modified="", next_attempt=None)
        started, cpu = time.perf_counter(), time.process_time()
        reports = ingest(force=True)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        handled = sum(r.new + r.duplicates for r in reports)
        rates.append(handled / seconds)
        cpus.append(cpu / handled * 1000)
        print(f"round {n}: {handled} articles ({sum(r.new for r in reports)} published, "
              f"{sum(r.duplicates for r in reports)} duplicates) in {seconds:.2f} s "
              f"= {handled / seconds:.1f} articles/s, {cpus[-1]:.1f} ms CPU each")
    # CPU time per article moves less with the machine's other load than the rate does.
    print(f"ingest median: {statistics.median(rates):.1f} articles/s, "
          f"{statistics.median(cpus):.1f} ms CPU per article over {args.rounds} rounds "
          f"(load average {' '.join(f'{x:.2f}' for x in os.getloadavg())})")

    pages = [(url, httpx.get(url).text) for url in (base + a.path for a in _article_pages())]
    started = time.perf_counter()
    for url, page in pages:
        extract_article(page, url, FeedItem(guid=url, url=url, title=""))
    per_page = (time.perf_counter() - started) / len(pages)
    print(f"extract stage alone: {per_page * 1000:.1f} ms/page over {len(pages)} pages "
          f"({1 / per_page:.0f} pages/s on one core)")
    server.terminate()


def _article_pages():
    from dramawired.demo.catalog import articles

    return [a for items in articles().values() for a in items if not (a.video or a.link)]


if __name__ == "__main__":
    main()
