"""dramawired demo: everything `make demo` needs, in one command.

Migrates, starts the demo publishers (unless already up), creates the demo staff account
and prints its password, subscribes to every demo feed, ingests, then serves the site.
"""

import os
import secrets

import httpx
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from dramawired.demo.server import DemoServer
from dramawired.ops.supervisor import run_site
from dramawired.sources.opml import import_opml

DEMO_USER = "editor"


class Command(BaseCommand):
    help = "Set up and run the offline demo: publishers, sources, ingest, web server."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000, help="Web server port.")
        parser.add_argument("--publishers-port", type=int, default=8765)
        parser.add_argument("--no-serve", action="store_true",
                            help="Set up and ingest, then exit instead of serving.")

    def handle(self, *args, port, publishers_port, no_serve, **options):
        if not (settings.DRAMAWIRED_ALLOW_PRIVATE_NETWORKS
                or settings.DRAMAWIRED_ALLOWED_NETWORKS):
            raise CommandError("the demo publishers live on 127.0.0.1: run with "
                               "DRAMAWIRED_ALLOW_PRIVATE_NETWORKS=1 (make demo does)")
        # var/ is not in the repository: on a fresh checkout SQLite cannot create its file.
        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        base = self._publishers(publishers_port)
        password = self._staff_account()
        opml = httpx.get(f"{base}/opml.xml", timeout=10).content
        result = import_opml(opml)
        self.stdout.write(f"Sources: {len(result.created)} added, {result.skipped} already there.")
        call_command("ingest", stdout=self.stdout._out)
        self._author_pages(base)
        mail = settings.EMAIL_HOST or getattr(settings, "EMAIL_FILE_PATH", "")
        self.stdout.write(self.style.SUCCESS(
            f"\nSite:  http://127.0.0.1:{port}/"
            f"\nAdmin: http://127.0.0.1:{port}/admin/  user: {DEMO_USER}  password: {password}"
            f"\nMail (password resets): {mail}"))
        if no_serve:
            return
        connections.close_all()
        # The site and a worker that keeps polling the publishers (Ctrl-C stops both).
        raise SystemExit(run_site(port))

    def _publishers(self, port: int) -> str:
        base = f"http://127.0.0.1:{port}"
        try:
            server = DemoServer("127.0.0.1", port).start_in_thread()
        except OSError:
            # Something listens there already: fine if it is our publishers.
            try:
                httpx.get(f"{base}/opml.xml", timeout=5).raise_for_status()
            except httpx.HTTPError as exc:
                raise CommandError(f"port {port} is taken by something else; "
                                   "use --publishers-port") from exc
            return base
        self.stdout.write(f"Demo publishers on {server.base_url}/")
        return server.base_url

    def _author_pages(self, base: str) -> None:
        """Give the demo writers what an author page shows: a short bio and an avatar."""
        from dramawired.demo.catalog import articles
        from dramawired.news.models import Author

        beats = {}
        for items in articles().values():
            for a in items:
                beats.setdefault(a.author, (a.outlet.name, a.category))
        for author in Author.objects.filter(bio=""):
            outlet, category = beats.get(author.name, ("the demo publishers", "the news"))
            author.bio = (f"{author.name} covers {category} for {outlet}, one of the "
                          "fictional outlets of the DramaWired demo.")
            author.avatar = f"{base}/avatars/{author.slug}.svg"
            author.save(update_fields=["bio", "avatar"])

    def _staff_account(self) -> str:
        """A fresh random password each run, printed once."""
        password = os.environ.get("DRAMAWIRED_DEMO_PASSWORD") or secrets.token_urlsafe(9)
        User = get_user_model()
        user, _ = User.objects.get_or_create(username=DEMO_USER,
                                             defaults={"email": "editor@localhost"})
        user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()
        return password
