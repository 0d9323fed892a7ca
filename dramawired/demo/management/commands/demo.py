"""dramawired demo: everything `make demo` needs, in one command.

Migrates, starts the demo publishers (unless already up), creates the demo staff account
and prints its password, subscribes to every demo feed, ingests, then serves the site.
While it serves, the publishers release a new article per outlet every --release-every
seconds and the worker polls each demo source every minute, so the site fills by itself.
"""

import os
import secrets

import httpx
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from dramawired.demo.catalog import set_source_kinds
from dramawired.demo.server import DemoServer
from dramawired.ops.supervisor import run_site
from dramawired.shop import demo as shop_demo
from dramawired.sources.models import Source
from dramawired.sources.opml import import_opml

DEMO_USER = "editor"


class Command(BaseCommand):
    help = "Set up and run the offline demo: publishers, sources, ingest, web server."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000, help="Web server port.")
        parser.add_argument("--publishers-port", type=int, default=8765)
        parser.add_argument("--no-serve", action="store_true",
                            help="Set up and ingest, then exit instead of serving.")
        parser.add_argument("--release-every", type=int, default=60, metavar="SECONDS",
                            help="While serving, each outlet releases a new article every "
                                 "SECONDS (default 60; 0: every article out from the start).")
        parser.add_argument("--reposts", action="store_true",
                            help="Once every article is out, the publishers start again with "
                                 "reposts (the site links them to the posts it has).")

    def handle(self, *args, port, publishers_port, no_serve, release_every, reposts,
               **options):
        if not (settings.DRAMAWIRED_ALLOW_PRIVATE_NETWORKS
                or settings.DRAMAWIRED_ALLOWED_NETWORKS):
            raise CommandError("the demo publishers live on 127.0.0.1: run with "
                               "DRAMAWIRED_ALLOW_PRIVATE_NETWORKS=1 (make demo does)")
        # var/ is not in the repository: on a fresh checkout SQLite cannot create its file.
        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        # Releases only matter to a site that keeps polling; --no-serve ingests everything.
        release_every = 0 if no_serve else max(release_every, 0)
        base, started = self._publishers(publishers_port, release_every, reposts)
        password = self._staff_account()
        opml = httpx.get(f"{base}/opml.xml", timeout=10).content
        result = import_opml(opml)
        self.stdout.write(f"Sources: {len(result.created)} added, {result.skipped} already there.")
        set_source_kinds(base)
        if release_every:
            # Before the first ingest, which schedules each source's next poll from this.
            Source.objects.filter(feed_url__startswith=f"{base}/").update(poll_interval=1)
        call_command("ingest", stdout=self.stdout._out)
        self._author_pages(base)
        self.stdout.write("Shop: " + "; ".join(shop_demo.setup(base)))  # its product feeds
        mail = settings.EMAIL_HOST or getattr(settings, "EMAIL_FILE_PATH", "")
        self.stdout.write(self.style.SUCCESS(
            f"\nSite:  http://127.0.0.1:{port}/"
            f"\nAdmin: http://127.0.0.1:{port}/admin/  user: {DEMO_USER}  password: {password}"
            f"\nMail (password resets): {mail}"))
        if no_serve:
            return
        if release_every:
            publishers = (f"New articles appear at the publishers every {release_every} s"
                          if started else "Using the publishers already running")
            self.stdout.write(f"{publishers}; the worker polls each source every minute.")
        self.stdout.flush()
        connections.close_all()
        # The site and a worker that keeps polling the publishers (Ctrl-C stops both).
        raise SystemExit(run_site(port))

    def _publishers(self, port: int, release_every: int, reposts: bool) -> tuple[str, bool]:
        """The publishers' address, and whether this command started them."""
        base = f"http://127.0.0.1:{port}"
        try:
            server = DemoServer("127.0.0.1", port, release_every=release_every,
                                reposts=reposts).start_in_thread()
        except OSError:
            # Something listens there already: fine if it is our publishers.
            try:
                httpx.get(f"{base}/opml.xml", timeout=5).raise_for_status()
            except httpx.HTTPError as exc:
                raise CommandError(f"port {port} is taken by something else; "
                                   "use --publishers-port") from exc
            return base, False
        self.stdout.write(f"Demo publishers on {server.base_url}/")
        return server.base_url, True

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
