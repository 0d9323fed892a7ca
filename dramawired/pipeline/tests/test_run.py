"""The whole pipeline against the demo publishers over real HTTP."""

import pytest

from dramawired.demo.catalog import articles
from dramawired.news.models import Post, Syndication
from dramawired.pipeline.run import ingest

ALIBABA = "Alibaba Set to Invest $640M Into Hong Kong Entertainment Industry"


def _originals():
    """Every demo article as its own outlet published it (wire copies left out)."""
    return [a for items in articles().values() for a in items if a.original is None]


@pytest.mark.django_db
def test_demo_ingest_publishes_every_story_once(demo_sources):
    reports = ingest()
    assert all(not r.error for r in reports), [r.error for r in reports if r.error]
    stories = [a for a in _originals() if not a.link]  # link posts point at other stories
    assert Post.objects.count() == len(stories)
    # Wire copies republished by a second outlet are linked, not published twice.
    assert Syndication.objects.count() == 2


@pytest.mark.django_db
def test_titles_keep_every_character(demo_sources):
    ingest()
    published = set(Post.objects.values_list("title", flat=True))
    expected = {a.title for a in _originals() if not a.link}
    assert published == expected
    post = Post.objects.get(title=ALIBABA)
    assert post.slug == "alibaba-set-to-invest-640m-into-hong-kong-entertainment-industry"
    assert "$640M" in post.body
    assert {"Hong Kong", "Alibaba Pictures", "Filmart"} <= set(
        post.tags.values_list("name", flat=True))


def _source(publishers, path, **fields):
    from dramawired.sources.models import Source

    return Source.objects.create(name=fields.pop("name", path), feed_url=publishers.base_url + path,
                                 **fields)


@pytest.mark.django_db
def test_broken_sources_are_recorded_and_never_stop_the_others(publishers):
    broken = {path: _source(publishers, path) for path in [
        "/_broken/500", "/_broken/malformed.xml", "/_broken/html-instead",
        "/_broken/redirect-loop", "/_broken/404"]}
    good = _source(publishers, "/tea-kettle/feed", name="The Tea Kettle")
    reports = {r.source: r for r in ingest()}
    assert reports["The Tea Kettle"].new == len(articles()["tea-kettle"]) and not \
        reports["The Tea Kettle"].error
    expected = {"/_broken/500": "HTTP 500", "/_broken/malformed.xml": "malformed feed",
                "/_broken/html-instead": "HTML page",
                "/_broken/redirect-loop": "redirects", "/_broken/404": "HTTP 404"}
    for path, source in broken.items():
        source.refresh_from_db()
        assert expected[path] in source.last_error, (path, source.last_error)
        assert source.consecutive_failures == 1 and source.next_attempt is not None
    good.refresh_from_db()
    assert good.consecutive_failures == 0 and good.last_success is not None


@pytest.mark.django_db
def test_429_retry_after_is_honoured_for_the_whole_host(publishers):
    limited = _source(publishers, "/_broken/429", name="a limited")
    same_host = _source(publishers, "/tea-kettle/feed", name="b same host")
    reports = {r.source: r for r in ingest()}
    assert "retry in 120s" in reports["a limited"].error
    # The host asked us to wait: its other feeds wait too, instead of hammering it.
    assert "asked us to wait" in reports["b same host"].error
    for source in (limited, same_host):
        source.refresh_from_db()
        wait = source.next_attempt - source.last_error_at
        assert 100 <= wait.total_seconds() <= 121


@pytest.mark.django_db
def test_a_bad_item_never_loses_its_good_siblings(publishers):
    _source(publishers, "/_broken/bad-items.xml", name="bad items")
    _source(publishers, "/_broken/challenge.xml", name="challenge")
    reports = {r.source: r for r in ingest()}
    # No link and no GUID: the site's address stands in. An article page answering 500:
    # published from the feed.
    assert (reports["bad items"].new, reports["bad items"].failed) == (4, 0)
    assert reports["bad items"].from_feed == 1
    assert Post.objects.get(title="No link, no guid").original_url == "http://x/"
    # A bot-challenge page and a 404 are not stories: the feed's own text stands in.
    assert (reports["challenge"].new, reports["challenge"].failed) == (2, 0)
    assert reports["challenge"].duplicates == 1  # the good one came already via bad-items
    assert not Post.objects.filter(body__icontains="Just a moment").exists()
    assert not Post.objects.filter(body__icontains="Enable JavaScript").exists()
    blocked = Post.objects.get(title="Blocked story")
    assert blocked.body == "<p>An item.</p>" or "An item." in blocked.body
    assert blocked.fetched_page.page_error.startswith("bot challenge")
    assert blocked.fetched_page.next_attempt is not None
    from dramawired.sources.models import Source

    challenge = Source.objects.get(name="challenge")
    assert challenge.consecutive_failures == 0
    assert "2 article pages could not be fetched" in challenge.last_error
    assert "most common:" in challenge.last_error


@pytest.mark.django_db
def test_truncated_feed_publishes_what_parsed_and_marks_the_source(publishers):
    source = _source(publishers, "/_broken/truncated.xml")
    [report] = ingest()
    assert report.new >= 2 and "malformed feed" in report.error
    source.refresh_from_db()
    assert source.consecutive_failures == 1 and "entries recovered" in source.last_error


@pytest.mark.django_db
def test_rerun_publishes_nothing_twice_and_uses_conditional_get(demo_sources):
    first = sum(r.new for r in ingest())
    assert ingest() == []  # nothing is due again before its poll interval
    again = ingest(force=True)
    assert len(again) == len(demo_sources)
    assert sum(r.new + r.updated for r in again) == 0
    assert all(r.not_modified for r in again)  # ETag → 304, no items even parsed
    from dramawired.sources.models import Source

    Source.objects.update(etag="", last_modified="")  # now every item is seen and skipped
    third = ingest(force=True)
    assert sum(r.duplicates for r in third) > 0
    assert sum(r.new + r.updated for r in third) == 0
    assert Post.objects.count() == first


@pytest.mark.django_db
def test_a_run_killed_half_way_loses_nothing_and_duplicates_nothing(demo_sources,
                                                                    monkeypatch):
    from dramawired.pipeline import run

    real_publish, calls = run.publish, []

    def crashing_publish(*args, **kwargs):
        if len(calls) == 25:
            raise KeyboardInterrupt  # the process dies here, mid-run
        calls.append(1)
        return real_publish(*args, **kwargs)

    monkeypatch.setattr(run, "publish", crashing_publish)
    with pytest.raises(KeyboardInterrupt):
        ingest()
    assert Post.objects.count() == 25
    monkeypatch.setattr(run, "publish", real_publish)
    ingest(force=True)
    titles = list(Post.objects.values_list("title", flat=True))
    assert len(titles) == len(set(titles)) == len(
        [a for a in _originals() if not a.link])


@pytest.mark.django_db
def test_private_addresses_are_refused_unless_allowed(publishers, settings):
    settings.DRAMAWIRED_ALLOW_PRIVATE_NETWORKS = False
    settings.DRAMAWIRED_ALLOWED_NETWORKS = ()
    source = _source(publishers, "/tea-kettle/feed")
    [report] = ingest()
    assert "private address" in report.error and Post.objects.count() == 0
    source.refresh_from_db()
    assert "DRAMAWIRED_ALLOW_PRIVATE_NETWORKS" in source.last_error


@pytest.mark.django_db
def test_source_settings_drafts_keywords_and_rules(publishers):
    from dramawired.news.models import Category

    _source(publishers, "/tea-kettle/feed", name="tea", publish_as="draft",
            include_keywords="Pixie Moon, Gemma Starr", exclude_keywords="palette",
            category_rules="apology => DramaAlert\nPixie => Music",
            default_category=Category.objects.get(name="Gossip"))
    [report] = ingest()
    posts = Post.objects.all()
    assert report.new == posts.count() > 0 and report.filtered > 0
    assert report.new + report.filtered + report.duplicates == len(articles()["tea-kettle"])
    assert not posts.exclude(status=Post.Status.DRAFT).exists()
    assert not posts.filter(body__icontains="palette").exists()
    for post in posts:
        text = f"{post.title} {post.body}"
        assert "Pixie Moon" in text or "Gemma Starr" in text
        expected = ("DramaAlert" if "apology" in text.lower()
                    else "Music" if "Pixie" in text else "Gossip")
        assert post.category.name == expected, post.title


@pytest.mark.django_db
def test_revised_items_update_their_post_unless_an_editor_changed_it(demo_sources):
    from datetime import timedelta

    from dramawired.sources.models import Source

    ingest()
    reel = Post.objects.filter(source__name="The Reel Report")
    kept = reel.first()
    Post.objects.filter(pk=kept.pk).update(edited=True, title="Edited by hand")
    for post in reel:
        Post.objects.filter(pk=post.pk).update(
            source_updated_at=post.source_updated_at - timedelta(days=1), body="old")
    Source.objects.update(etag="", last_modified="")
    reports = {r.source: r for r in ingest(force=True)}
    assert reports["The Reel Report"].updated == reel.count() - 1
    assert reel.filter(body="old").count() == 1  # the edited one, untouched
    assert Post.objects.get(pk=kept.pk).title == "Edited by hand"


@pytest.mark.django_db
def test_a_complete_feed_with_a_stray_entity_is_a_warning_not_a_failure(publishers):
    source = _source(publishers, "/_broken/stray-entity.xml")
    [report] = ingest()
    assert report.new == 1
    source.refresh_from_db()
    assert source.consecutive_failures == 0 and source.last_success is not None
    assert source.last_error.startswith("warning: malformed feed")


@pytest.mark.django_db
def test_a_date_in_the_future_does_not_hide_the_story(publishers):
    from django.utils import timezone

    _source(publishers, "/_broken/future.xml")
    ingest()
    post = Post.objects.get(title="From the future")
    assert post.published_at <= timezone.now()
    assert Post.objects.published().filter(pk=post.pk).exists()


@pytest.mark.django_db
def test_the_publishers_item_takes_over_an_aggregators_link_post(demo_sources):
    """Reddit polled first (as a second worker may well do): its link post to the
    Alibaba story is published, then The Reel Report's own item takes that post over."""
    from dramawired.sources.models import Source

    reddit = Source.objects.get(kind=Source.Kind.REDDIT)
    ingest([reddit], force=True)
    link_post = Post.objects.get(original_url__contains="/reel-report/", source=reddit)
    assert link_post.title != ALIBABA  # the forum's own words
    slug = link_post.slug

    reports = {r.source: r for r in ingest(force=True)}
    post = Post.objects.get(pk=link_post.pk)
    assert (post.title, post.source.name, post.slug) == (ALIBABA, "The Reel Report", slug)
    assert reports["The Reel Report"].updated >= 1
    assert Post.objects.filter(title=ALIBABA).count() == 1
    # Every story once, as when the publishers come first.
    stories = [a for a in _originals() if not a.link]
    assert Post.objects.count() == len(stories)
    # Reddit's next poll leaves the publisher's post alone.
    [again] = ingest([reddit], force=True)
    assert again.new == again.updated == 0
    assert Post.objects.get(pk=post.pk).source.name == "The Reel Report"
