"""dramawired demo-publishers [--port N]: serve the offline sample publishers."""

from django.core.management.base import BaseCommand, CommandError

from dramawired.demo.server import DemoServer


class Command(BaseCommand):
    help = "Serve the demo publishers' sites and feeds on loopback (OPML at /opml.xml)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8765)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--verbose-log", action="store_true", help="Log every request.")

    def handle(self, *args, port, host, verbose_log, **options):
        try:
            server = DemoServer(host, port, verbose=verbose_log)
        except OSError as exc:
            raise CommandError(f"cannot listen on {host}:{port}: {exc.strerror}") from exc
        self.stdout.write(f"Demo publishers on {server.base_url}/ (OPML: "
                          f"{server.base_url}/opml.xml). Ctrl-C stops.")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
