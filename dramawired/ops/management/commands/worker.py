"""dramawired worker [--threads N]: the background worker (polls, long jobs) and its
scheduler. Run as many as you like, on one machine or several: see pipeline/jobs.py."""

import logging
import os

from django.core.management.base import BaseCommand
from huey.contrib.djhuey import HUEY

from dramawired.pipeline import jobs


class Command(BaseCommand):
    help = "Run background jobs: poll sources on schedule, re-extract, purge."

    def add_arguments(self, parser):
        parser.add_argument("--threads", type=int,
                            default=int(os.environ.get("DRAMAWIRED_WORKER_THREADS", "4")),
                            help="Jobs run at once (each poll also fetches pages in parallel).")

    def handle(self, *args, threads, **options):
        # One line per event (source, item, outcome) unless told otherwise.
        if "DRAMAWIRED_LOG_LEVEL" not in os.environ:
            logging.getLogger("dramawired").setLevel(logging.INFO)
        # The consumer's start and stop; huey's two lines per task would drown ours.
        logging.getLogger("huey.consumer").setLevel(logging.INFO)
        # Poll what is due now rather than at the scheduler's first minute.
        jobs.dispatch()
        consumer = HUEY.create_consumer(
            workers=threads, worker_type="thread", periodic=True, check_worker_health=True,
            scheduler_interval=1, backoff=1.15, max_delay=2.0)
        consumer.run()
