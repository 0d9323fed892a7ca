"""dramawired run [--port N] [--bind ADDRESS]: the whole site on this machine (web server
plus a worker with its scheduler) until Ctrl-C."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from dramawired.ops.supervisor import run_site


class Command(BaseCommand):
    help = "Run the web server and a background worker together; Ctrl-C stops both."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--bind", default="127.0.0.1")

    def handle(self, *args, port, bind, **options):
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write(f"DramaWired on http://{bind}:{port}/ (Ctrl-C stops it)")
        self.stdout.flush()
        status = run_site(port, bind=bind, out=self.stdout)
        if status:
            raise SystemExit(status)
