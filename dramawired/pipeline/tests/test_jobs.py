"""Background polling: dispatch claims due sources and queues one poll each; claims keep a
source to one poller at a time, lapse when a poller dies, and a new source is polled at
once. The process-level faults (SIGKILL, two workers, Redis or PostgreSQL down) are in
dramawired/ops/tests/."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from dramawired.news.models import Post
from dramawired.pipeline import jobs, schedule
from dramawired.pipeline.run import BUSY, Progress, ingest, poll, tools
from dramawired.sources.models import Source


@pytest.fixture
def feeds(db, publishers):
    return [Source.objects.create(name=f"feed {i}", feed_url=f"{publishers.base_url}{path}")
            for i, path in enumerate(["/reel-report/feed", "/tea-kettle/feed"])]


def test_dispatch_polls_each_due_source_once(feeds, run_jobs):
    jobs.dispatch()
    assert run_jobs() == 1 + len(feeds)  # dispatch, then one poll per source
    for source in feeds:
        source.refresh_from_db()
        assert source.last_success is not None and not source.claim
        assert source.next_attempt > timezone.now() + timedelta(minutes=26)
    published = Post.objects.count()
    assert published > 0
    # Nothing is due now: a second dispatch (another worker's scheduler) queues nothing.
    jobs.dispatch()
    assert run_jobs() == 1
    assert Post.objects.count() == published


def test_two_dispatchers_at_once_queue_each_source_once(feeds, run_jobs):
    jobs.dispatch()
    jobs.dispatch()  # two workers' schedulers in the same minute
    assert run_jobs() == 2 + len(feeds)


def test_a_lapsed_claim_is_taken_over_and_the_old_poll_stands_down(feeds, run_jobs,
                                                                   settings):
    source = feeds[0]
    settings.DRAMAWIRED_POLL_LEASE = 60
    stale = schedule.claim(source.pk)
    assert schedule.claim(source.pk) is None  # held
    assert [pk for pk, _ in schedule.claim_due()] == [feeds[1].pk]  # only the free one
    # The holder died: once its claim lapses, the source is due and claimable again.
    Source.objects.filter(pk=source.pk).update(claimed_until=timezone.now()
                                               - timedelta(seconds=1))
    [(pk, token)] = schedule.claim_due()
    assert pk == source.pk and token != stale
    # The dead poller's task, run late, sees it lost the claim and polls nothing.
    jobs.poll_source.call_local(source.pk, stale)
    source.refresh_from_db()
    assert source.last_success is None and source.claim == token
    jobs.poll_source.call_local(source.pk, token)
    source.refresh_from_db()
    assert source.last_success is not None and source.claim == ""


def test_poll_now_skips_a_source_being_polled(feeds):
    token = schedule.claim(feeds[0].pk)
    [report] = ingest([feeds[0]], force=True)
    assert report.error == BUSY and report.new == 0
    schedule.release(feeds[0].pk, token)
    [report] = ingest([feeds[0]], force=True)
    assert not report.error and report.new > 0


@pytest.mark.django_db(transaction=True)
def test_racing_claims_have_one_winner(publishers):
    """Eight threads, each with its own database connection, claim one source at once."""
    source = Source.objects.create(name="raced", feed_url=f"{publishers.base_url}/x/feed")
    won, start = [], threading.Barrier(8)

    def claimer():
        start.wait()
        try:
            won.append(schedule.claim(source.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=claimer) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len([t for t in won if t]) == 1


@pytest.mark.django_db(transaction=True)
def test_a_new_source_is_polled_at_once(publishers, run_jobs):
    Source.objects.create(name="new", feed_url=f"{publishers.base_url}/reel-report/feed")
    assert run_jobs() == 2  # dispatch queued on commit, then its poll
    assert Post.objects.filter(source__name="new").exists()


@pytest.mark.django_db(transaction=True)
def test_a_disabled_source_is_not_polled(publishers, run_jobs):
    Source.objects.create(name="off", enabled=False,
                          feed_url=f"{publishers.base_url}/reel-report/feed")
    jobs.dispatch()
    assert run_jobs() == 1
    assert not Post.objects.exists()


def test_an_editor_saving_a_source_mid_poll_keeps_the_claim(feeds):
    source = feeds[0]
    token = schedule.claim(source.pk)
    stale_form = Source.objects.get(pk=source.pk)
    stale_form.claim, stale_form.claimed_until = "", None  # what the form loaded earlier
    stale_form.poll_interval = 15
    stale_form.save()
    source.refresh_from_db()
    assert source.claim == token and source.poll_interval == 15


@pytest.mark.django_db(transaction=True)
def test_sources_polled_at_once_still_publish_each_story_once(publishers):
    """Nine polls in nine threads (as nine workers would): wire stories told by two
    outlets and link posts pointing at another outlet's story are caught all the same."""
    import httpx

    from dramawired.demo.catalog import articles
    from dramawired.news.models import Syndication
    from dramawired.sources.opml import import_opml

    sources = import_opml(httpx.get(f"{publishers.base_url}/opml.xml").content).created
    start = threading.Barrier(len(sources))
    errors = []

    def poller(source):
        start.wait()
        try:
            [report] = ingest([source], force=True)
            if report.error:
                errors.append(report.error)
        finally:
            connection.close()

    threads = [threading.Thread(target=poller, args=(s,)) for s in sources]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    titles = list(Post.objects.values_list("title", flat=True))
    expected = {a.title for items in articles().values() for a in items
                if a.original is None and not a.link}
    assert len(titles) == len(set(titles)) == len(expected)
    assert Syndication.objects.count() == 2


def test_dispatch_claims_what_falls_due_before_the_next_one(feeds):
    now = timezone.now()
    every_30, every_1 = feeds
    Source.objects.filter(pk=every_30.pk).update(next_attempt=now + timedelta(seconds=20),
                                             poll_interval=30)
    # A 1-minute source due in 20 s: no more than a quarter of its interval early.
    Source.objects.filter(pk=every_1.pk).update(next_attempt=now + timedelta(seconds=20),
                                               poll_interval=1)
    assert [pk for pk, _ in schedule.claim_due(now)] == [every_30.pk]
    Source.objects.filter(pk=every_30.pk).update(next_attempt=now + timedelta(seconds=40),
                                             claim="", claimed_until=None)
    assert schedule.claim_due(now) == []  # that one waits for the next dispatch


def test_a_long_poll_keeps_renewing_its_claim(feeds, settings):
    settings.DRAMAWIRED_POLL_LEASE = 0  # every renewal is due at once
    token = schedule.claim(feeds[0].pk)
    claimed = Source.objects.get(pk=feeds[0].pk).claimed_until
    seen = []

    class Watch(Progress):
        def item_done(self, source):
            seen.append(Source.objects.get(pk=source.pk).claimed_until)

    with tools() as kit:
        poll(feeds[0], token, kit, progress=Watch())
    assert seen and all(later > claimed for later in seen)
    assert sorted(seen) == seen
    assert Source.objects.get(pk=feeds[0].pk).claim == ""  # released at the end
