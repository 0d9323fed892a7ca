"""Retention: old posts are purged, as a job; commented or edited ones stay; the search
index and the pages follow; a feed's old items are not fetched again to be purged again."""

from datetime import timedelta

import pytest
from django.utils import timezone

from dramawired.comments.models import Comment
from dramawired.demo.catalog import articles
from dramawired.news.models import Post
from dramawired.pipeline import jobs
from dramawired.pipeline.models import FetchedPage, JobRun
from dramawired.pipeline.retention import purge_old_posts
from dramawired.pipeline.run import ingest
from dramawired.search.index import search

DAY = timedelta(days=1)


@pytest.fixture
def aged(site):
    """Every post 100 days old, but the five newest."""
    now = timezone.now()
    newest = list(Post.objects.order_by("-published_at").values_list("pk", flat=True)[:5])
    Post.objects.exclude(pk__in=newest).update(published_at=now - 100 * DAY)
    Post.objects.filter(pk__in=newest).update(published_at=now - DAY)
    return Post.objects.exclude(pk__in=newest)


def test_old_posts_go_commented_and_edited_stay(aged, client):
    old = list(aged.order_by("pk"))
    commented, edited, spammed, plain = old[0], old[1], old[2], old[3]
    Comment.objects.create(post=commented, name="Ana", body="Keep this one",
                           status=Comment.Status.PENDING)
    Comment.objects.create(post=spammed, name="Bot", body="buy now",
                           status=Comment.Status.SPAM)
    Post.objects.filter(pk=edited.pk).update(edited=True)
    assert search(plain.title)  # indexed before
    assert client.get(plain.get_absolute_url()).status_code == 200

    report = purge_old_posts(30)
    assert (report.deleted, report.kept) == (len(old) - 2, 2)
    assert set(Post.objects.filter(pk__in=[p.pk for p in old])
               .values_list("pk", flat=True)) == {commented.pk, edited.pk}
    assert Post.objects.count() == 5 + 2  # the new ones untouched
    assert not FetchedPage.objects.filter(post_id=plain.pk).exists()
    assert plain.pk not in search(plain.title)
    assert client.get(plain.get_absolute_url()).status_code == 404


def test_zero_days_keeps_everything(aged):
    count = Post.objects.count()
    assert purge_old_posts(0).deleted == 0
    assert Post.objects.count() == count


def test_the_nightly_job_purges_with_progress(aged, settings, run_jobs):
    settings.DRAMAWIRED_RETENTION_DAYS = 30
    old = aged.count()
    jobs.nightly_purge.call_local()
    assert run_jobs() == 1
    job = JobRun.objects.get(name="purge")
    assert (job.state, job.done, job.total) == ("done", old, old)
    assert Post.objects.count() == 5
    assert job.message == f"{old} deleted, 0 kept (commented or edited)"


def test_the_nightly_job_does_nothing_without_a_retention_age(aged, settings, run_jobs):
    settings.DRAMAWIRED_RETENTION_DAYS = 0
    jobs.nightly_purge.call_local()
    assert run_jobs() == 0 and not JobRun.objects.exists()


def test_items_older_than_retention_are_not_ingested(demo_sources, settings):
    """Else a purged post would come back at the next poll, and go again each night."""
    now = timezone.now()
    dates = sorted(a.published for items in articles().values() for a in items)
    middle = dates[len(dates) // 2]
    settings.DRAMAWIRED_RETENTION_DAYS = max(1, (now - middle).days)
    ingest()
    cutoff = now - settings.DRAMAWIRED_RETENTION_DAYS * DAY
    published = list(Post.objects.values_list("published_at", flat=True))
    assert published and all(p >= cutoff - DAY for p in published)
    assert len(published) < len(dates) * 0.75
