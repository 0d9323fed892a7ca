"""dramawired web [--bind ADDRESS] [--port N] [--workers N]: the web server alone."""

import fcntl
import os
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connections

from dramawired.ops.webserver import serve


def _static_changed() -> bool:
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if not manifest.exists():
        return True
    collected = manifest.stat().st_mtime
    return any(os.stat(storage.path(path)).st_mtime > collected
               for finder in get_finders() for path, storage in finder.list([]))


class Command(BaseCommand):
    help = "Serve the site with gunicorn (static files by whitenoise), without a worker."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("DRAMAWIRED_BIND", "127.0.0.1"),
                            help="Address to listen on (default 127.0.0.1; 0.0.0.0 for all).")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int,
                            default=int(os.environ.get("DRAMAWIRED_WEB_WORKERS", "2")),
                            help="gunicorn processes (4 threads each).")

    def handle(self, *args, bind, port, workers, **options):
        # Hashed static names come from the manifest collectstatic writes: without it every
        # page would fail. Quick when nothing changed; one instance at a time on a machine
        # (two starting together would otherwise rewrite the same files under each other).
        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
        with open(settings.VAR_DIR / "collectstatic.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            # Only when a static file changed: collecting rewrites every hashed file, under
            # the feet of instances already serving (or booting) from the same folder.
            if _static_changed():
                call_command("collectstatic", interactive=False, verbosity=0)
        connections.close_all()  # gunicorn forks its workers: each opens its own
        serve(bind, port, workers=workers)
