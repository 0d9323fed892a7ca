"""dramawired reprocess [--source NAME] [--since DATE] [--background]: run the stored
original pages through extract → publish again, updating posts in place; nothing is
fetched."""

from datetime import datetime, time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from dramawired.pipeline import jobs
from dramawired.pipeline.reprocess import reprocess
from dramawired.sources.models import Source


def _date(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"--since wants a date like 2026-11-01, not {text!r}") from exc
    if value.tzinfo is None:
        value = timezone.make_aware(value if text.count(":") else
                                    datetime.combine(value.date(), time.min))
    return value


class Command(BaseCommand):
    help = "Re-extract stored pages with the current pipeline and update their posts."

    def add_arguments(self, parser):
        parser.add_argument("--source", metavar="NAME", help="Only this source's posts.")
        parser.add_argument("--since", metavar="DATE", type=_date,
                            help="Only posts published on or after this date (2026-11-01).")
        parser.add_argument("--background", action="store_true",
                            help="Queue it as a job for the worker; the admin shows progress.")

    def handle(self, *args, source, since, background, **options):
        found = None
        if source:
            found = Source.objects.filter(name=source).first()
            if found is None:
                raise CommandError(f"no source named {source} (see `dramawired sources list`)")
        if background:
            job = jobs.start_reprocess(found, since)
            self.stdout.write(f"Queued job {job.pk}: {job.description}. The admin's "
                              "Source health page shows its progress.")
            return
        console = Console(file=self.stdout._out)
        columns = [TextColumn("reprocess"), BarColumn(), MofNCompleteColumn()]
        with Progress(*columns, console=console, transient=True) as bar:
            task = bar.add_task("reprocess", total=None)
            report = reprocess(found, since,
                               progress=lambda done, total: bar.update(task, completed=done,
                                                                       total=total))
        self.stdout.write(f"{report.updated} posts updated, {report.kept} kept (edited by an "
                          f"editor), {report.failed} failed")
        for error in report.errors[:20]:
            self.stderr.write(f"  {error}")
        if report.failed:
            raise CommandError(f"{report.failed} pages could not be reprocessed")
