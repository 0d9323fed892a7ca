"""dramawired reprocess [--source NAME] [--since DATE] [--background]: run the stored
original pages through extract → publish again, updating posts in place; nothing is
fetched."""

from django.core.management.base import BaseCommand, CommandError

from dramawired.pipeline import jobs
from dramawired.pipeline.management.selection import (
    add_selection_arguments,
    progress_bar,
    selected_source,
)
from dramawired.pipeline.reprocess import reprocess


class Command(BaseCommand):
    help = "Re-extract stored pages with the current pipeline and update their posts."

    def add_arguments(self, parser):
        add_selection_arguments(parser)
        parser.add_argument("--background", action="store_true",
                            help="Queue it as a job for the worker; the admin shows progress.")

    def handle(self, *args, source, since, background, **options):
        found = selected_source(source)
        if background:
            job = jobs.start_reprocess(found, since)
            self.stdout.write(f"Queued job {job.pk}: {job.description}. The admin's "
                              "Source health page shows its progress.")
            return
        with progress_bar("reprocess", self.stdout) as progress:
            report = reprocess(found, since, progress=progress)
        self.stdout.write(f"{report.updated} posts updated, {report.kept} kept (edited by an "
                          f"editor), {report.failed} failed")
        for error in report.errors[:20]:
            self.stderr.write(f"  {error}")
        if report.failed:
            raise CommandError(f"{report.failed} pages could not be reprocessed")
