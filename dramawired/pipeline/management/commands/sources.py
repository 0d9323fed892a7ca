"""dramawired sources add URL | import-opml FILE_OR_URL | export-opml [FILE] | list"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dramawired.news.models import Category
from dramawired.pipeline.discovery import DiscoveryError, discover
from dramawired.pipeline.fetch import FetchError, fetch, make_client
from dramawired.pipeline.policy import policy_from_settings
from dramawired.sources.models import Source, guess_kind
from dramawired.sources.opml import OPMLError, export_opml, import_opml


class Command(BaseCommand):
    help = "Add, import, export and list the sources we poll."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="Subscribe to a feed, or find the feed of a site.")
        add.add_argument("url")
        add.add_argument("--name", default="")
        add.add_argument("--category", default="", help="Default category name.")
        imp = sub.add_parser("import-opml", help="Subscribe to every feed in an OPML file.")
        imp.add_argument("location", metavar="FILE_OR_URL")
        exp = sub.add_parser("export-opml", help="Write all sources as OPML.")
        exp.add_argument("file", nargs="?", default="-", help="Default: standard output.")
        sub.add_parser("list", help="Show sources and their health.")

    def handle(self, *args, action, **options):
        getattr(self, action.replace("-", "_"))(**options)

    def add(self, url, name, category, **_):
        default_category = None
        if category:
            default_category = Category.objects.filter(name__iexact=category).first()
            if default_category is None:
                names = ", ".join(Category.objects.values_list("name", flat=True))
                raise CommandError(f"no category {category!r}; choose one of: {names}")
        policy = policy_from_settings()
        try:
            with make_client(policy) as client:
                found = discover(url, client, policy)
        except (FetchError, DiscoveryError) as exc:
            raise CommandError(str(exc)) from exc
        if Source.objects.filter(feed_url=found.feed_url).exists():
            raise CommandError(f"already subscribed to {found.feed_url}")
        name = name or found.title or found.feed_url
        if Source.objects.filter(name=name).exists():
            raise CommandError(f"a source named {name!r} exists; choose one with --name")
        source = Source.objects.create(name=name, feed_url=found.feed_url,
                                       site_url=found.site_url[:1000],
                                       kind=guess_kind(found.feed_url),
                                       default_category=default_category)
        self.stdout.write(f"Added {source.name}: {source.feed_url}")

    def import_opml(self, location, **_):
        if "://" in location:
            policy = policy_from_settings()
            try:
                with make_client(policy) as client:
                    data = fetch(location, client, policy).content
            except FetchError as exc:
                raise CommandError(str(exc)) from exc
        else:
            try:
                data = Path(location).read_bytes()
            except OSError as exc:
                raise CommandError(f"cannot read {location}: {exc.strerror}") from exc
        try:
            result = import_opml(data)
        except OPMLError as exc:
            raise CommandError(str(exc)) from exc
        for source in result.created:
            category = source.default_category.name if source.default_category else "-"
            self.stdout.write(f"Added {source.name} ({category}): {source.feed_url}")
        for url in result.invalid:
            self.stderr.write(f"Skipped {url or '(empty xmlUrl)'!r}: not an http(s) address")
        self.stdout.write(f"{len(result.created)} added, {result.skipped} already there"
                          + (f", {len(result.invalid)} invalid." if result.invalid else "."))

    def export_opml(self, file, **_):
        text = export_opml()
        if file == "-":
            # Through self.stdout, not sys.stdout, so call_command(stdout=...) captures it.
            self.stdout.write(text, ending="")
        else:
            Path(file).write_text(text, encoding="utf-8")
            self.stdout.write(f"Wrote {Source.objects.count()} sources to {file}")

    def list(self, **_):
        for s in Source.objects.select_related("default_category"):
            health = "ok" if not s.consecutive_failures else (
                f"failing x{s.consecutive_failures}: {s.last_error[:60]}")
            category = s.default_category.name if s.default_category_id else "-"
            self.stdout.write(f"{s.name:<24} {category:<12} {s.feed_url}  [{health}]")
