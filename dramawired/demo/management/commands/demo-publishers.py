"""dramawired demo-publishers [--port N] [--release-every SECONDS]: serve the offline sample
publishers, all at once or releasing their articles over time (release.py)."""

from django.core.management.base import BaseCommand, CommandError

from dramawired.demo.server import DemoServer


class Command(BaseCommand):
    help = "Serve the demo publishers' sites and feeds on loopback (OPML at /opml.xml)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8765)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--verbose-log", action="store_true", help="Log every request.")
        parser.add_argument("--release-every", type=int, default=0, metavar="SECONDS",
                            help="Start with two-thirds of each outlet's articles out and "
                                 "release one more per outlet every SECONDS (0: all at once).")
        parser.add_argument("--reposts", action="store_true",
                            help="With --release-every: once everything is out, start again, "
                                 "reposting each story under a new address.")

    def handle(self, *args, port, host, verbose_log, release_every, reposts, **options):
        if release_every < 0:
            raise CommandError("--release-every must be 0 (off) or a number of seconds")
        try:
            server = DemoServer(host, port, verbose=verbose_log, release_every=release_every,
                                reposts=reposts)
        except OSError as exc:
            raise CommandError(f"cannot listen on {host}:{port}: {exc.strerror}") from exc
        self.stdout.write(f"Demo publishers on {server.base_url}/ (OPML: "
                          f"{server.base_url}/opml.xml). Ctrl-C stops.")
        if release_every:
            self.stdout.write(f"Each outlet releases a new article every {release_every} s.")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
