"""dramawired retag [--source NAME] [--since DATE] [--dry-run]: file and tag stored posts
again from their stored title and body; editors' hand changes are kept."""

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from dramawired.pipeline.management.commands.reprocess import _date
from dramawired.pipeline.retag import retag
from dramawired.sources.models import Source

TOP = 10  # most frequent changes listed


class Command(BaseCommand):
    help = "Categorize and tag stored posts again (no fetching); editors' changes stay."

    def add_arguments(self, parser):
        parser.add_argument("--source", metavar="NAME", help="Only this source's posts.")
        parser.add_argument("--since", metavar="DATE", type=_date,
                            help="Only posts published on or after this date (2026-11-01).")
        parser.add_argument("--dry-run", action="store_true",
                            help="Say what would change; change nothing.")

    def handle(self, *args, source, since, dry_run, **options):
        found = None
        if source:
            found = Source.objects.filter(name=source).first()
            if found is None:
                raise CommandError(f"no source named {source} (see `dramawired sources list`)")
        console = Console(file=self.stdout._out)
        columns = [TextColumn("retag"), BarColumn(), MofNCompleteColumn()]
        with Progress(*columns, console=console, transient=True) as bar:
            task = bar.add_task("retag", total=None)
            report = retag(found, since, dry_run=dry_run,
                           progress=lambda done, total: bar.update(task, completed=done,
                                                                   total=total))
        verb = "would change" if dry_run else "changed"
        self.stdout.write(f"{report.seen} posts: {report.changed} {verb}; tags kept on "
                          f"{report.tags_kept} (edited by an editor), category kept on "
                          f"{report.category_kept} (filed by an editor)")
        for title, counts in (("Tags added", report.added), ("Tags removed", report.removed),
                              ("Categories moved", report.moved)):
            if counts:
                self.stdout.write(f"{title}: " + ", ".join(
                    f"{name} ({n})" for name, n in counts.most_common(TOP)))
