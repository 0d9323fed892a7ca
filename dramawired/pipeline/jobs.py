"""Background jobs (huey): polling on a schedule, and the long jobs editors start.

Every worker runs a scheduler too; each one queues `dispatch` every minute. That is safe
with any number of workers: dispatch only queues a poll for a source it wins the claim on
(pipeline/schedule.py), so each source is polled once per interval whoever dispatches.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task, db_task

from dramawired.logfmt import q
from dramawired.sources.models import Source

from . import run, schedule, training
from .models import JobRun
from .policy import tools
from .reprocess import reprocess
from .retention import purge_old_posts
from .retry import retry_pages

log = logging.getLogger("dramawired.jobs")


@db_periodic_task(crontab(minute="*"))
def dispatch():
    """Queue a poll for every source whose time has come (claiming it first)."""
    for source_id, token in schedule.claim_due():
        poll_source(source_id, token)


@db_task()
def poll_source(source_id: int, token: str | None = None):
    """Poll one source. With a token (from dispatch) the claim is already ours, unless it
    lapsed while the task waited in the queue; without one ("poll now") it is taken here."""
    token = schedule.claim(source_id) if token is None else (
        token if schedule.renew(source_id, token) else None)
    source = Source.objects.filter(pk=source_id).first()
    if token is None or source is None:
        log.info("source=%s poll skipped: another worker has it",
                 q(source.name) if source else source_id)
        return
    with tools() as kit:
        run.poll(source, token, kit)


@db_periodic_task(crontab(minute="*/5"))
def retry_missing_pages():
    """Pages that could not be had at publish time: try them again, upgrade the posts."""
    report = retry_pages()
    if report.upgraded or report.failed or report.given_up:
        log.info("job=retry-pages upgraded=%d failed=%d given_up=%d", report.upgraded,
                 report.failed, report.given_up)


@receiver(post_save, sender=Source)
def poll_new_source(sender, instance, created, **kwargs):
    """A source just added is polled at once, not at the next minute."""
    if created and instance.enabled:
        transaction.on_commit(_dispatch_soon)


def _dispatch_soon():
    try:
        dispatch()
    except Exception as exc:  # the queue is down: the source is saved, and due
        log.warning("source added; queue unreachable (%s), the next dispatch polls it", exc)


# --- Long jobs, each recorded as a JobRun the admin shows with its progress -----------

def start_reprocess(source: Source | None = None, since=None) -> JobRun:
    what = f"posts of {source.name}" if source else "all posts"
    job = JobRun.objects.create(name="reprocess", description=(
        f"Re-extract {what}" + (f" published since {since:%Y-%m-%d}" if since else "")))
    _enqueue(job, reprocess_job, source.pk if source else None, since)
    return job


@db_task()
def reprocess_job(job_id: int, source_id: int | None, since):
    job = JobRun.objects.get(pk=job_id)
    source = Source.objects.filter(pk=source_id).first() if source_id else None
    _run(job, lambda progress: reprocess(source, since, progress=progress),
         lambda r: f"{r.updated} updated, {r.kept} kept (edited), {r.failed} failed")


def start_purge(days: int | None = None) -> JobRun:
    days = settings.DRAMAWIRED_RETENTION_DAYS if days is None else days
    job = JobRun.objects.create(name="purge",
                                description=f"Delete posts older than {days} days")
    _enqueue(job, purge_job, days)
    return job


@db_task()
def purge_job(job_id: int, days: int):
    job = JobRun.objects.get(pk=job_id)
    _run(job, lambda progress: purge_old_posts(days, progress=progress),
         lambda r: f"{r.deleted} deleted, {r.kept} kept (commented or edited)")


@db_periodic_task(crontab(minute="17", hour="3"))
def nightly_purge():
    if settings.DRAMAWIRED_RETENTION_DAYS:
        start_purge()


def start_retrain() -> JobRun:
    job = JobRun.objects.create(name="retrain", description=(
        "Retrain the category classifier (seed, descriptions, editors' filings)"))
    _enqueue(job, retrain_job)
    return job


@db_task()
def retrain_job(job_id: int):
    job = JobRun.objects.get(pk=job_id)
    _run(job, lambda progress: training.retrain(),
         lambda row: row.summary if row else "not enough examples to learn from")


@db_periodic_task(crontab(minute="41", hour="3"))
def nightly_retrain():
    """Learn the day's corrections: editors' filings since the last training."""
    training.retrain()


def _enqueue(job: JobRun, task, *args) -> None:
    try:
        task(job.pk, *args)
    except Exception as exc:  # the queue is down: say so on the job, not "queued" forever
        job.finish(f"could not queue: {type(exc).__name__}: {exc}", failed=True)
        raise


def _run(job: JobRun, work, summary) -> None:
    job.start(total=0)

    def progress(done: int, total: int) -> None:
        job.total = total
        job.done = done
        job.save(update_fields=["done", "total"])

    try:
        result = work(progress)
    except Exception as exc:
        log.exception("job=%s id=%d failed", job.name, job.pk)
        job.finish(f"{type(exc).__name__}: {exc}", failed=True)
        raise
    job.finish(summary(result))
    log.info("job=%s id=%d done %s", job.name, job.pk, q(job.message))


def queue_depth() -> dict:
    """Tasks waiting now, and scheduled for later (retries, delayed tasks)."""
    return {"pending": HUEY.pending_count(), "scheduled": HUEY.scheduled_count()}
