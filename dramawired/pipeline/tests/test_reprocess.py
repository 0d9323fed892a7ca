"""Reprocessing: stored pages run through extract → publish again, posts updated in place,
with no request made (private networks are refused during it, so any fetch would fail)."""

import html
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command

from dramawired.conftest import ALIBABA
from dramawired.news.models import Category, Post
from dramawired.pipeline import jobs
from dramawired.pipeline.models import FetchedPage, JobRun
from dramawired.pipeline.reprocess import reprocess


@pytest.fixture
def offline(settings):
    """The publishers are unreachable (loopback refused): any fetch would fail."""
    settings.DRAMAWIRED_ALLOW_PRIVATE_NETWORKS = False
    settings.DRAMAWIRED_ALLOWED_NETWORKS = ()


def test_every_post_keeps_the_page_it_came_from(site):
    assert FetchedPage.objects.count() == Post.objects.count()
    # The feed entry, for every post (a full-content feed's story is in it).
    item = site.fetched_page.feed_item()
    assert item.title == ALIBABA and item.url == site.original_url
    # The article page, for every post whose page was fetched.
    fetched = [p for p in FetchedPage.objects.select_related("post") if p.html_z]
    assert len(fetched) > 40
    for page in fetched:
        assert html.escape(page.post.title) in html.escape(html.unescape(page.html))
        assert "<html" in page.html.lower()
        assert len(page.html_z) < len(page.html.encode()) / 2  # stored compressed


def test_reprocess_rebuilds_posts_in_place_without_fetching(site, offline):
    before = {p.pk: (p.slug, p.title, p.body, p.category_id)
              for p in Post.objects.order_by("pk")}
    fetched = dict(Post.objects.values_list("pk", "fetched_at"))
    # A bad pipeline release mangled every body (not an editor's change).
    Post.objects.update(body="<p>mangled</p>")
    report = reprocess()
    assert (report.updated, report.kept, report.failed) == (len(before), 0, 0)
    after = {p.pk: (p.slug, p.title, p.body, p.category_id)
             for p in Post.objects.order_by("pk")}
    assert after == before  # same posts, same slugs, bodies rebuilt exactly
    assert dict(Post.objects.values_list("pk", "fetched_at")) == fetched


def test_reprocess_applies_changed_rules_and_keeps_edited_posts(site, offline):
    source = site.source
    source.category_rules = "Alibaba => Music"
    source.save()
    edited = Post.objects.filter(source=source).exclude(pk=site.pk).first()
    edited.title, edited.edited = "Fixed by an editor", True
    edited.save()
    report = reprocess(source=source)
    site.refresh_from_db()
    assert site.category == Category.objects.get(name="Music")
    assert site.title == ALIBABA
    edited.refresh_from_db()
    assert edited.title == "Fixed by an editor"
    assert report.kept == 1
    assert report.updated == Post.objects.filter(source=source).count() - 1


def test_since_limits_the_posts(site, offline):
    newest = Post.objects.order_by("-published_at").first()
    report = reprocess(since=newest.published_at - timedelta(seconds=1))
    assert report.updated == Post.objects.filter(
        published_at__gte=newest.published_at - timedelta(seconds=1)).count() >= 1
    assert report.updated < Post.objects.count()


def test_the_command_reports_and_refuses_bad_input(site, offline, capsys):
    call_command("reprocess", "--source", site.source.name, "--since", "2000-01-01")
    out = capsys.readouterr().out
    assert f"{Post.objects.filter(source=site.source).count()} posts updated" in out
    with pytest.raises(CommandError, match="no source named"):
        call_command("reprocess", "--source", "Nope")
    with pytest.raises(CommandError, match="--since wants a date"):
        call_command("reprocess", "--since", "last tuesday")


def test_in_the_background_it_is_a_job_with_progress(site, offline, run_jobs, capsys):
    call_command("reprocess", "--background")
    job = JobRun.objects.get()
    assert job.state == JobRun.State.QUEUED and "Queued job" in capsys.readouterr().out
    assert run_jobs() == 1
    job.refresh_from_db()
    count = Post.objects.count()
    assert (job.state, job.done, job.total, job.percent) == ("done", count, count, 100)
    assert job.message.startswith(f"{count} updated")


def test_a_failing_job_is_marked_failed(site, offline, run_jobs, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(jobs, "reprocess", broken)
    job = jobs.start_reprocess()
    run_jobs()
    job.refresh_from_db()
    assert job.state == "failed" and "disk full" in job.message
