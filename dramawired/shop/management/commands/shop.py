"""dramawired shop import FILE_OR_URL [--affiliate] [--merchant NAME]
dramawired shop feeds add URL --name NAME [--affiliate] [--merchant NAME] [--every MINUTES]
dramawired shop feeds list"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dramawired.pipeline.fetch import FetchError
from dramawired.pipeline.management.selection import progress_bar
from dramawired.shop.feeds.importer import import_feed
from dramawired.shop.feeds.parse import FeedError
from dramawired.shop.feeds.refresh import fetch_feed
from dramawired.shop.models import ProductFeed


class Command(BaseCommand):
    help = "Import product feeds (Google Merchant Center RSS/Atom/TSV/CSV) into the shop."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="Import a product feed once.")
        imp.add_argument("location", metavar="FILE_OR_URL")
        feeds = sub.add_parser("feeds", help="Feeds the worker refreshes on a schedule.")
        fsub = feeds.add_subparsers(dest="feeds_action", required=True)
        add = fsub.add_parser("add", help="Register a feed to refresh on a schedule.")
        add.add_argument("location", metavar="URL")
        add.add_argument("--name", required=True)
        add.add_argument("--every", type=int, default=360, metavar="MINUTES")
        fsub.add_parser("list", help="Show the registered feeds.")
        for p in (imp, add):
            p.add_argument("--affiliate", action="store_true",
                           help="The products are bought at the merchant (g:link).")
            p.add_argument("--merchant", default="", help="The merchant's name.")

    def handle(self, *args, action, **options):
        if action == "import":
            return self.import_(**options)
        return getattr(self, f"feeds_{options['feeds_action']}")(**options)

    def import_(self, location, affiliate, merchant, **_):
        feed = ProductFeed.objects.filter(url=location).first()
        try:
            data = fetch_feed(location) if "://" in location else Path(location).read_bytes()
        except FetchError as exc:
            raise CommandError(str(exc)) from exc
        except OSError as exc:
            raise CommandError(f"cannot read {location}: {exc.strerror}") from exc
        kind = feed.kind if feed else ("affiliate" if affiliate else "own")
        try:
            with progress_bar("import", self.stdout) as progress:
                report = import_feed(data, kind=kind, merchant=merchant or (
                    feed.merchant if feed else ""), feed=feed,
                    base_url=location if "://" in location else "", progress=progress)
        except FeedError as exc:
            raise CommandError(str(exc)) from exc
        for error in report.errors[:50]:
            self.stderr.write(f"  {error}")
        self.stdout.write(report.summary)
        if report.failed and not (report.new or report.updated or report.unchanged):
            raise CommandError("no row could be imported")

    def feeds_add(self, location, name, every, affiliate, merchant, **_):
        if "://" not in location:
            raise CommandError("a scheduled feed is an http(s) address")
        feed, created = ProductFeed.objects.update_or_create(url=location, defaults={
            "name": name, "interval": max(every, 1), "merchant": merchant,
            "kind": "affiliate" if affiliate else "own"})
        self.stdout.write(f"{'Added' if created else 'Updated'} {feed.name}: {feed.url}, "
                          f"every {feed.interval} minutes")

    def feeds_list(self, **_):
        for feed in ProductFeed.objects.all():
            self.stdout.write(f"{feed.name:<24} {feed.kind:<9} every {feed.interval:>4} min  "
                              f"{feed.url}  [{feed.last_summary or 'never run'}]")
