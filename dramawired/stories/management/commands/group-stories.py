"""dramawired group-stories [--since DATE]: file stored posts that have no story yet (an
archive imported, or posts from before stories) under theirs, oldest first."""

from django.core.management.base import BaseCommand

from dramawired.pipeline.management.selection import _date as date
from dramawired.pipeline.management.selection import progress_bar
from dramawired.stories.repair import group_stored


class Command(BaseCommand):
    help = "Group stored posts that have no story yet into stories, oldest first."

    def add_arguments(self, parser):
        parser.add_argument("--since", metavar="DATE", type=date,
                            help="Only posts published on or after this date (2026-11-01).")

    def handle(self, *args, since, **options):
        with progress_bar("group", self.stdout) as progress:
            grouped = group_stored(since, progress)
        self.stdout.write(f"{grouped} posts grouped")
