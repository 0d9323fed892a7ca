"""The regrouping job: every quarter hour, on any worker (it takes the publishers' lock
for each change, so it never races a poll)."""

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .ranking import draw_trending
from .repair import repair

log = logging.getLogger("dramawired.jobs")


@db_periodic_task(crontab(minute="*/15"))
def regroup_stories():
    done = repair()
    log.info("job=regroup-stories grouped=%d merged=%d sampled=%d", done.grouped,
             done.merged, done.sampled)


@db_periodic_task(crontab(minute="*/5"))
def refresh_trending():
    """Trending now and Trending names for the sidebar (pages never count them)."""
    draw_trending()
