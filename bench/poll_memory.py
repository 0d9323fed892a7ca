"""Peak memory of one poll of many large pages: a feed of N items, each linking to a page
of about 1 MB, served on loopback by another process; one `ingest()` in a fresh process
on a fresh SQLite database. Prints the process's peak resident memory and the time.

    .venv/bin/python bench/poll_memory.py [--items 300] [--page-kb 1024]

The pages are made up here (a long article of repeated paragraphs), not anyone's text.
Run it from another checkout's folder to compare two versions of the pipeline.
"""

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def serve(items: int, page_kb: int, port_file: str) -> None:
    # 5,000 made-up words: a page's word triples are its own (a small vocabulary would
    # make every page share them, and content dedupe would rightly merge the lot).
    letters = random.Random(0)
    words = ["".join(letters.choices("abcdefghijklmnopqrstuvwxyz", k=letters.randint(3, 9)))
             for _ in range(5000)]

    def page(path: str) -> bytes:
        """A story of its own words (seeded by its address), or dedupe would merge them."""
        rng = random.Random(path)
        paragraphs, size = [], 0
        while size < page_kb * 1024:
            paragraphs.append("<p>" + " ".join(rng.choices(words, k=120)) + ".</p>\n")
            size += len(paragraphs[-1])
        return ("<html><head><title>Story</title></head><body><article><h1>Story</h1>"
                + "".join(paragraphs) + "</article></body></html>").encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            if self.path == "/feed.xml":
                base = f"http://127.0.0.1:{self.server.server_port}"
                entries = "".join(
                    f"<item><title>Story {i}</title><link>{base}/s/{i}</link>"
                    f"<guid>s-{i}</guid><description>Story {i} in brief.</description></item>"
                    for i in range(items))
                body = (f'<rss version="2.0"><channel><title>Big</title><link>{base}/</link>'
                        f"{entries}</channel></rss>").encode()
            else:
                body = page(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/html" if self.path != "/feed.xml"
                             else "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    Path(port_file).write_text(str(server.server_port))
    server.serve_forever()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=300)
    parser.add_argument("--page-kb", type=int, default=1024)
    parser.add_argument("--serve", metavar="PORT_FILE", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        return serve(args.items, args.page_kb, args.serve)
    port_file = tempfile.mktemp()
    server = subprocess.Popen([sys.executable, __file__, "--items", str(args.items),
                               "--page-kb", str(args.page_kb), "--serve", port_file])
    try:
        while not os.path.exists(port_file) or not Path(port_file).read_text():
            time.sleep(0.05)
        port = Path(port_file).read_text()
        var = tempfile.mkdtemp(prefix="dramawired-bench-")
        os.environ.update(DRAMAWIRED_VAR_DIR=var, DRAMAWIRED_ALLOW_PRIVATE_NETWORKS="1",
                          DJANGO_SETTINGS_MODULE="dramawired.settings.base",
                          DRAMAWIRED_MAX_ITEMS_PER_POLL=str(args.items))
        os.environ.pop("DATABASE_URL", None)
        import django

        django.setup()
        from django.core.management import call_command

        from dramawired.pipeline.run import ingest
        from dramawired.sources.models import Source

        call_command("migrate", verbosity=0)
        Source.objects.create(name="Big", feed_url=f"http://127.0.0.1:{port}/feed.xml")
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        started = time.perf_counter()
        [report] = ingest()
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{args.items} items x {args.page_kb} KB pages: {report.new} published, "
              f"{report.failed} failed in {seconds:.1f} s; peak RSS {peak:.0f} MB "
              f"({before:.0f} MB before the poll)")
    finally:
        server.terminate()


if __name__ == "__main__":
    main()
