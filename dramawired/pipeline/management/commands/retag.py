"""dramawired retag [--source NAME] [--since DATE] [--dry-run]: file and tag stored posts
again from their stored title and body; editors' hand changes are kept."""

from django.core.management.base import BaseCommand

from dramawired.pipeline.management.selection import (
    add_selection_arguments,
    progress_bar,
    selected_source,
)
from dramawired.pipeline.retag import retag

TOP = 10  # most frequent changes listed


class Command(BaseCommand):
    help = "Categorize and tag stored posts again (no fetching); editors' changes stay."

    def add_arguments(self, parser):
        add_selection_arguments(parser)
        parser.add_argument("--dry-run", action="store_true",
                            help="Say what would change; change nothing.")

    def handle(self, *args, source, since, dry_run, **options):
        with progress_bar("retag", self.stdout) as progress:
            report = retag(selected_source(source), since, dry_run=dry_run, progress=progress)
        verb = "would change" if dry_run else "changed"
        self.stdout.write(f"{report.seen} posts: {report.changed} {verb}; tags kept on "
                          f"{report.tags_kept} (edited by an editor), category kept on "
                          f"{report.category_kept} (filed by an editor)")
        for title, counts in (("Tags added", report.added), ("Tags removed", report.removed),
                              ("Categories moved", report.moved)):
            if counts:
                self.stdout.write(f"{title}: " + ", ".join(
                    f"{name} ({n})" for name, n in counts.most_common(TOP)))
