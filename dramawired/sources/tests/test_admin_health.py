"""The admin's Source health page: staff only, failing sources first, a chart of posts per
day that matches the posts, buttons that queue a poll or reset a backoff (with CSRF), the
queue depth and the long jobs' progress, in a fixed number of queries. Also the source
list's actions that queue work, and the read-only pipeline records."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from huey.contrib.djhuey import HUEY

from dramawired.news.models import Post
from dramawired.pipeline import jobs
from dramawired.pipeline.models import FetchedPage, JobRun
from dramawired.pipeline.run import ingest
from dramawired.sources.health import DAYS, source_health
from dramawired.sources.models import Source

HEALTH = "/admin/sources/source/health/"

pytestmark = pytest.mark.django_db


def _source(name: str, **fields) -> Source:
    return Source.objects.create(name=name, feed_url=f"https://{name.lower()}.example/feed",
                                 **fields)


_made = 0


def _posts(source: Source, when, n: int = 1) -> None:
    global _made
    for _ in range(n):
        _made += 1
        Post.objects.create(title=f"Story {_made}", slug=f"story-{_made}",
                            original_url=f"https://example.com/{_made}",
                            url_key=f"key-{_made}", source=source, created_at=when)


def _order(page: str, sources) -> list[str]:
    """Source names in the order the page lists them."""
    return [s.name for s in sorted(sources, key=lambda s: page.index(f'id="source-{s.pk}"'))]


def test_the_url_is_under_the_source_admin():
    assert reverse("admin:sources_source_health") == HEALTH


def test_staff_only(client, django_user_model):
    response = client.get(HEALTH)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    reader = django_user_model.objects.create_user("reader", password="pw")
    client.force_login(reader)
    response = client.get(HEALTH)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    source = _source("Tea", consecutive_failures=2)
    assert client.post(reverse("admin:sources_source_health_reset", args=[source.pk])
                       ).status_code == 302
    source.refresh_from_db()
    assert source.consecutive_failures == 2  # refused, not done


def test_staff_need_the_source_permissions(client, django_user_model, queue):
    source = _source("Tea", consecutive_failures=2)
    staff = django_user_model.objects.create_user("intern", password="pw", is_staff=True)
    client.force_login(staff)
    assert client.get(HEALTH).status_code == 403
    staff.user_permissions.add(Permission.objects.get(codename="view_source"))
    page = client.get(HEALTH)
    assert page.status_code == 200 and "Poll now" not in page.content.decode()
    poll = reverse("admin:sources_source_health_poll", args=[source.pk])
    assert client.post(poll).status_code == 403
    assert HUEY.pending_count() == 0


def test_failing_sources_first_most_failures_first_then_by_name(editor, queue):
    now = timezone.now()
    sources = [
        _source("alpha", last_success=now - timedelta(minutes=5)),
        _source("Beta", consecutive_failures=1, last_error="HTTP 500 " + "x" * 200),
        _source("gamma", consecutive_failures=5, last_error="timed out"),
        _source("delta", enabled=False, consecutive_failures=2),  # off: not failing now
        _source("epsilon", claimed_until=now + timedelta(minutes=2)),
        _source("zeta", last_success=now, last_error_at=now, last_error=(
            "warning: 12 article pages could not be fetched, published from the feed "
            "(most common: HTTP 403 from … ×12)")),
    ]
    page = editor.get(HEALTH).content.decode()
    assert _order(page, sources) == ["gamma", "Beta", "alpha", "delta", "epsilon", "zeta"]
    assert [r.status_label for r in source_health(now)] == [
        "failing 5×", "failing 1×", "ok", "disabled", "being polled now", "ok, with warnings"]
    for label in ("failing 5×", "failing 1×", "disabled", "being polled now",
                  "ok, with warnings"):
        assert label in page
    # The error is cut short in the cell, and whole in its title.
    error = sources[1].last_error
    assert f'<td title="{error}">{error[:59]}…</td>' in page
    assert reverse("admin:sources_source_change", args=[sources[0].pk]) in page
    assert "5\xa0minutes ago" in page  # last success, as naturaltime


def test_the_chart_counts_each_days_posts(editor, queue):
    now = timezone.now()
    today = timezone.localdate(now)
    tea, reel = _source("Tea"), _source("Reel")
    _posts(tea, now, 3)
    _posts(tea, now - timedelta(days=2), 1)
    _posts(tea, now - timedelta(days=DAYS + 5), 4)  # older than the chart
    _posts(reel, now - timedelta(days=1), 2)
    _posts(None, now, 5)  # not from a source

    rows = {r.source.name: r for r in source_health(now)}
    per_day = dict(rows["Tea"].per_day)
    assert len(per_day) == DAYS and max(per_day) == today
    assert per_day[today] == 3 and per_day[today - timedelta(days=2)] == 1
    assert sum(per_day.values()) == rows["Tea"].total == 4
    assert rows["Reel"].total == 2 and dict(rows["Reel"].per_day)[today - timedelta(days=1)] == 2

    page = editor.get(HEALTH).content.decode()
    tea_row = page[page.index(f'id="source-{tea.pk}"'):]
    tea_row = tea_row[:tea_row.index("</tr>")]
    titles = re.findall(r"<title>([^<]+)</title>", tea_row)
    assert len(titles) == DAYS
    assert titles[-1] == f"{today.day} {today:%b}: 3 posts"
    two_days_ago = today - timedelta(days=2)
    assert titles[-3] == f"{two_days_ago.day} {two_days_ago:%b}: 1 post"
    assert titles.count(f"{today.day} {today:%b}: 3 posts") == 1
    assert sum(1 for t in titles if t.endswith(": 0 posts")) == DAYS - 2
    assert 'class="num">4</td>' in tea_row
    # The busiest day is the full height; a day with one third of it, a third.
    heights = [int(h) for h in re.findall(r'<rect [^>]*height="(\d+)"', tea_row)]
    assert heights[-1] == 24 and heights[-3] == 8
    assert 'role="img" aria-label="Tea: 4 posts in the last 30 days"' in tea_row


def test_poll_now_queues_a_poll_a_worker_runs(editor, publishers, run_jobs):
    source = _source("Tea", consecutive_failures=3)
    Source.objects.filter(pk=source.pk).update(feed_url=f"{publishers.base_url}/tea-kettle/feed")
    response = editor.post(reverse("admin:sources_source_health_poll", args=[source.pk]),
                           follow=True)
    assert response.redirect_chain == [(HEALTH, 302)]
    assert "Tea: poll queued" in response.content.decode()
    assert not Post.objects.filter(source=source).exists()  # queued, not run in the request
    assert run_jobs() == 1
    source.refresh_from_db()
    assert source.last_success is not None and source.consecutive_failures == 0
    assert Post.objects.filter(source=source).count() > 0


def test_reset_backoff(editor, queue):
    source = _source("Tea", consecutive_failures=4,
                     next_attempt=timezone.now() + timedelta(hours=8))
    response = editor.post(reverse("admin:sources_source_health_reset", args=[source.pk]),
                           follow=True)
    assert "Tea: backoff reset" in response.content.decode()
    source.refresh_from_db()
    assert source.consecutive_failures == 0 and source.next_attempt is None
    assert editor.get(reverse("admin:sources_source_health_reset", args=[source.pk])
                      ).status_code == 405  # POST only


def test_the_buttons_need_the_csrf_token(django_user_model, queue):
    source = _source("Tea", consecutive_failures=4)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(django_user_model.objects.create_superuser("ed", password="pw"))
    poll = reverse("admin:sources_source_health_poll", args=[source.pk])
    reset = reverse("admin:sources_source_health_reset", args=[source.pk])
    assert browser.post(poll).status_code == 403
    assert browser.post(reset).status_code == 403
    assert HUEY.pending_count() == 0
    source.refresh_from_db()
    assert source.consecutive_failures == 4
    # The page's own forms carry the token.
    page = browser.get(HEALTH).content.decode()
    form = page[page.index(f'action="{poll}"'):]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    assert browser.post(poll, {"csrfmiddlewaretoken": token}).status_code == 302
    assert HUEY.pending_count() == 1


def test_the_queue_depth_is_shown(editor, queue):
    source = _source("Tea")
    jobs.poll_source(source.pk)
    jobs.poll_source(source.pk)
    HUEY.add_schedule(jobs.poll_source.s(source.pk, delay=600))
    page = editor.get(HEALTH).content.decode()
    assert "<strong>2</strong> pending" in page
    assert "<strong>1</strong> scheduled" in page


def test_the_page_works_while_the_queue_is_down(editor, lost_queue):
    source = _source("Tea", consecutive_failures=2)
    response = editor.get(HEALTH)
    assert response.status_code == 200
    page = response.content.decode()
    assert "The queue does not answer: OperationalError: unable to open database file" in page
    assert f'id="source-{source.pk}"' in page
    response = editor.post(reverse("admin:sources_source_health_poll", args=[source.pk]),
                           follow=True)
    assert response.status_code == 200
    assert "The job queue does not answer, nothing was queued" in response.content.decode()


def test_long_jobs_show_their_progress(editor, queue):
    running = JobRun.objects.create(name="reprocess", description="Re-extract posts of Tea",
                                    state=JobRun.State.RUNNING, done=30, total=120,
                                    started=timezone.now())
    JobRun.objects.create(name="purge", description="Delete posts older than 90 days",
                          state=JobRun.State.DONE, done=7, total=7, started=timezone.now(),
                          finished=timezone.now(), message="7 deleted, 0 kept")
    page = editor.get(HEALTH).content.decode()
    assert (f'<label class="visually-hidden" for="job-{running.pk}-progress">'
            "Progress of Re-extract posts of Tea</label>") in page
    assert f'<progress id="job-{running.pk}-progress" max="100" value="25">' in page
    assert "25% (30/120)" in page
    assert "100% (7/7)" in page and "7 deleted, 0 kept" in page
    assert page.index("Delete posts older") < page.index("Re-extract posts of Tea")  # newest


@pytest.mark.parametrize("n", [3, 30])
def test_a_fixed_number_of_queries_whatever_the_number_of_sources(
        editor, queue, n, django_assert_max_num_queries):
    now = timezone.now()
    for i in range(n):
        source = _source(f"source {i}", consecutive_failures=i % 3)
        _posts(source, now - timedelta(days=i % 7), 2)
    JobRun.objects.create(name="purge", state=JobRun.State.RUNNING, done=1, total=2)
    # Session, user, the site settings (3, siteconfig's context processor, cached after
    # the first page), sources, posts per day, jobs.
    with django_assert_max_num_queries(8):
        page = editor.get(HEALTH)
    assert page.content.decode().count(' id="source-') == n


def test_the_source_list_and_app_page_link_to_the_page(editor):
    assert f'href="{HEALTH}"' in editor.get("/admin/sources/source/").content.decode()
    assert f'href="{HEALTH}"' in editor.get("/admin/sources/").content.decode()


def test_the_reextract_action_starts_a_job_per_source(editor, publishers, run_jobs):
    source = Source.objects.create(name="Tea", feed_url=f"{publishers.base_url}/tea-kettle/feed")
    ingest([source], force=True)
    posts = Post.objects.filter(source=source).count()
    assert posts > 0
    response = editor.post("/admin/sources/source/", {
        "action": "reextract", "_selected_action": [source.pk]}, follow=True)
    assert "Started 1 re-extract jobs" in response.content.decode()
    job = JobRun.objects.get()
    assert job.state == JobRun.State.QUEUED and job.description == "Re-extract posts of Tea"
    assert run_jobs() == 1
    job.refresh_from_db()
    assert job.state == JobRun.State.DONE and job.total == posts and job.percent == 100
    assert job.message.endswith("0 failed")


def test_pipeline_records_are_read_only_in_the_admin(editor, publishers):
    source = Source.objects.create(name="Tea", feed_url=f"{publishers.base_url}/tea-kettle/feed")
    ingest([source], force=True)
    job = JobRun.objects.create(name="purge", description="Delete posts older than 90 days",
                                state=JobRun.State.RUNNING, done=3, total=4)
    listing = editor.get("/admin/pipeline/jobrun/").content.decode()
    assert "Delete posts older than 90 days" in listing and "75%" in listing
    assert "3 / 4" in listing
    assert editor.get(f"/admin/pipeline/jobrun/{job.pk}/change/").status_code == 200
    assert editor.get("/admin/pipeline/jobrun/add/").status_code == 403
    page = FetchedPage.objects.first()
    assert page.html  # a page was kept…
    listing = editor.get("/admin/pipeline/fetchedpage/").content.decode()
    assert page.url in listing
    detail = editor.get(f"/admin/pipeline/fetchedpage/{page.pk}/change/").content.decode()
    assert page.url in detail and "<article" not in detail  # …but not shown
    assert editor.get("/admin/pipeline/fetchedpage/add/").status_code == 403
