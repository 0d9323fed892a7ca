"""dramawired search-reindex: rebuild the search index from the published posts."""

import time

from django.core.management.base import BaseCommand

from dramawired.search.index import rebuild


class Command(BaseCommand):
    help = "Empty the search index and index every published post again."

    def handle(self, *args, **options):
        started = time.perf_counter()
        count = rebuild()
        self.stdout.write(f"Indexed {count:,} posts in {time.perf_counter() - started:.1f} s.")
