"""dramawired ingest [--source NAME ...] [--dry-run] [--due]: poll sources now."""

import os
import sys

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from dramawired.pipeline import run
from dramawired.sources.models import Source


class BarProgress(run.Progress):
    def __init__(self, bar: Progress):
        self.bar, self.task = bar, None

    def source_started(self, source, items):
        if self.task is not None:
            self.bar.remove_task(self.task)
        self.task = self.bar.add_task(source.name, total=max(items, 1))
        if not items:
            self.bar.update(self.task, completed=1)

    def item_done(self, source):
        self.bar.advance(self.task)


class Command(BaseCommand):
    help = "Poll sources now: fetch, extract and publish what is new."

    def add_arguments(self, parser):
        parser.add_argument("--source", action="append", default=[], metavar="NAME",
                            help="Only this source (repeatable). Default: every enabled one.")
        parser.add_argument("--dry-run", action="store_true",
                            help="Fetch and extract, but publish nothing and record nothing.")
        parser.add_argument("--due", action="store_true",
                            help="Only sources whose next poll time has come.")

    def handle(self, *args, source, dry_run, due, **options):
        sources = Source.objects.filter(enabled=True)
        if source:
            sources = Source.objects.filter(name__in=source)
            missing = set(source) - set(sources.values_list("name", flat=True))
            if missing:
                raise CommandError(f"no source named {', '.join(sorted(missing))} "
                                   "(see `dramawired sources list`)")
        console = Console(file=self.stdout._out, stderr=False)
        if not console.is_terminal:
            # Piped or logged (cron, CI), rich assumes 80 columns and cuts the table to fit
            # ("duplicat…", names wrapped); a log line may be wider.
            console.width = 160
        columns = [TextColumn("{task.description:<28}"), BarColumn(), MofNCompleteColumn()]
        try:
            with Progress(*columns, console=console, transient=True) as bar:
                reports = run.ingest(sources, dry_run=dry_run, force=not due,
                                     progress=BarProgress(bar))
        except KeyboardInterrupt:
            # Every post written so far is whole (one transaction each) and the claims are
            # given back; page downloads still running in other threads write nothing,
            # so they are left behind rather than waited for (up to the fetch timeout).
            console.print("Interrupted: the polls stopped; published posts are kept.")
            sys.stdout.flush()
            os._exit(130)
        table = Table(title="Dry run: nothing published" if dry_run else "Ingest")
        for name in ["source", "new", "updated", "duplicates", "filtered", "failed",
                     "seconds", "error"]:
            table.add_column(name, justify="left" if name in ("source", "error") else "right")
        for r in reports:
            table.add_row(r.source, str(r.new), str(r.updated), str(r.duplicates),
                          str(r.filtered), str(r.failed), f"{r.seconds:.2f}",
                          "not modified" if r.not_modified else r.error)
        total = sum(r.new for r in reports)
        table.caption = f"{len(reports)} sources, {total} new posts"
        console.print(table)
