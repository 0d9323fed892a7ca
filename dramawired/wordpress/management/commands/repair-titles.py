"""dramawired repair-titles [--dry-run]: re-read each imported post's original article
(through the fetch rules) and give back the titles PHP's "$64" bug cut."""

from django.core.management.base import BaseCommand

from dramawired.pipeline.management.selection import progress_bar
from dramawired.wordpress.titles import repair_titles


class Command(BaseCommand):
    help = "Restore imported titles that lost \"$6\", \"$64\"… to PHP's replacement bug."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true",
                            help="Say what would change; change nothing.")

    def handle(self, *args, dry_run, **options):
        with progress_bar("titles", self.stdout) as progress:
            report = repair_titles(dry_run=dry_run, progress=progress)
        verb = "would repair" if dry_run else "repaired"
        for pk, old, new in report.changed:
            self.stdout.write(f"post {pk}: “{old}” → “{new}”")
        self.stdout.write(f"{report.checked} pages read: {verb} {len(report.changed)}, "
                          f"kept {report.kept} (edited by an editor), "
                          f"{len(report.failed)} could not be read")
        for failure in report.failed[:10]:
            self.stdout.write(f"  not read: {failure}")
