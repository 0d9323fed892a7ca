"""Never lose a story: an article page that cannot be had (refused, 4xx/5xx, a challenge
page) leaves the feed's own text published, the source says what went wrong with a count,
and a later retry upgrades the same post in place. Real feeds on a loopback server."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from dramawired.news.models import Post
from dramawired.pipeline.retry import retry_pages
from dramawired.pipeline.run import ingest
from dramawired.sources.models import Source

from .hostile import HostileServer

RSS = {"Content-Type": "application/rss+xml; charset=utf-8"}
# A port nothing listens on: connections are refused at once.
REFUSED = "http://127.0.0.1:9/"
TITLES = ["Invest $640M & more: “Alibaba” Bets on Hong Kong", "Björk & Rosalía Tease a Duet 🎶",
          "東京の映画祭が開幕", "Headline only"]
STORY = "<p>" + "The whole story, as the publisher's page tells it. " * 12 + "</p>"


def _feed(links: list[str], *, summaries: bool = True) -> bytes:
    items = "".join(
        f"<item><title>{t.replace('&', '&amp;')}</title><link>{link}</link>"
        f"<guid>g{i}</guid>"
        + (f"<description>Summary {i} of the story &amp; more.</description>"
           if summaries and t != "Headline only" else "")
        + "</item>" for i, (t, link) in enumerate(zip(TITLES, links, strict=True)))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Real</title><link>https://www.example.com/</link>{items}"
            "</channel></rss>").encode()


@pytest.fixture
def server():
    with HostileServer() as s:
        yield s


def _source(server, body: bytes, name="Real") -> Source:
    url = server.route("/feed.xml", body=body, headers=RSS)
    return Source.objects.create(name=name, feed_url=url)


@pytest.mark.django_db
def test_unreachable_pages_publish_the_feed_text_and_say_why(server):
    links = [f"{REFUSED}story/{i}" for i in range(4)]
    source = _source(server, _feed(links))
    [report] = ingest()
    assert (report.new, report.failed, report.from_feed) == (4, 0, 4)
    assert sorted(Post.objects.values_list("title", flat=True)) == sorted(TITLES)
    post = Post.objects.get(title=TITLES[0])
    assert "Summary 0 of the story &amp; more." in post.body
    assert post.original_url == links[0]
    assert Post.objects.get(title="Headline only").body == ""
    assert post.fetched_page.page_error and post.fetched_page.next_attempt is not None
    source.refresh_from_db()
    assert source.consecutive_failures == 0 and source.last_success is not None
    assert "4 article pages could not be fetched" in source.last_error
    # Refused connections (after three in a row the host is left alone: the fourth may
    # not be tried, depending on which thread gets there first).
    assert re.search(r"\(most common: ConnectError.* ×[34]\)", source.last_error)


@pytest.mark.django_db
def test_a_retry_upgrades_the_post_in_place_and_publishes_nothing_twice(server):
    links = [server.url(f"/story/{i}") for i in range(4)]
    for i in range(4):  # the pages are down at first
        server.route(f"/story/{i}", status=500 if i % 2 else 404, body=b"down")
    _source(server, _feed(links))
    [report] = ingest()
    assert report.from_feed == 4
    before = {p.pk: p.slug for p in Post.objects.all()}
    for i in range(4):  # back up
        server.route(f"/story/{i}", body=f"<html><head><title>{TITLES[i]}</title></head>"
                     f"<body><article><h1>{TITLES[i]}</h1>{STORY}</article></body></html>"
                     .encode(), headers={"Content-Type": "text/html; charset=utf-8"})
    result = retry_pages(now=timezone.now() + timedelta(hours=1))
    assert result.upgraded == 4
    assert {p.pk: p.slug for p in Post.objects.all()} == before
    for post in Post.objects.select_related("fetched_page"):
        assert "The whole story" in post.body, post.title
        assert post.fetched_page.page_error == "" and post.fetched_page.next_attempt is None
    # Due no more; and the feed read again is all known.
    assert retry_pages(now=timezone.now() + timedelta(days=1)).upgraded == 0
    Source.objects.update(etag="", last_modified="")
    [again] = ingest(force=True)
    assert (again.new, again.updated, again.duplicates) == (0, 0, 4)
    assert Post.objects.count() == 4


@pytest.mark.django_db
def test_a_failed_retry_waits_longer_and_gives_up(server, settings):
    settings.DRAMAWIRED_PAGE_RETRIES = 2
    _source(server, _feed([f"{REFUSED}s/{i}" for i in range(4)]))
    ingest()
    page = Post.objects.get(title=TITLES[0]).fetched_page
    first = retry_pages(now=timezone.now() + timedelta(hours=1))
    assert first.failed == 4 and first.upgraded == 0
    page.refresh_from_db()
    assert page.attempts == 1 and page.next_attempt > timezone.now() + timedelta(minutes=25)
    second = retry_pages(now=timezone.now() + timedelta(days=1))
    assert second.given_up == 4
    page.refresh_from_db()
    assert page.next_attempt is None and page.page_error
    assert Post.objects.count() == 4  # still published from the feed


@pytest.mark.django_db
def test_an_edited_post_is_never_upgraded(server):
    _source(server, _feed([server.url(f"/s/{i}") for i in range(4)]))
    ingest()
    Post.objects.filter(title=TITLES[1]).update(body="<p>Editor's own.</p>", edited=True)
    for i in range(4):
        server.route(f"/s/{i}", body=f"<html><body><article>{STORY}</article></body></html>"
                     .encode(), headers={"Content-Type": "text/html"})
    retry_pages(now=timezone.now() + timedelta(hours=1))
    assert Post.objects.get(title=TITLES[1]).body == "<p>Editor's own.</p>"


@pytest.mark.django_db
def test_a_poll_whose_items_all_fail_is_a_failure_with_the_reason(server):
    items = "".join(f"<item><title>t{i}</title><link>javascript:alert({i})</link></item>"
                    for i in range(3))
    source = _source(server, f'<rss version="2.0"><channel><title>x</title>{items}'
                             "</channel></rss>".encode())
    [report] = ingest()
    assert report.failed == 3 and report.new == 0
    source.refresh_from_db()
    assert source.consecutive_failures == 1
    assert source.last_error.startswith("all 3 items failed; most common:")
    assert "×3" in source.last_error


@pytest.mark.django_db
def test_a_poll_takes_at_most_its_cap_and_the_next_poll_the_rest(server, settings):
    settings.DRAMAWIRED_MAX_ITEMS_PER_POLL = 3
    source = _source(server, _feed([f"{REFUSED}c/{i}" for i in range(4)]))
    server.route("/feed.xml", body=_feed([f"{REFUSED}c/{i}" for i in range(4)]),
                 headers={**RSS, "ETag": '"v1"'})
    [first] = ingest()
    assert (first.new, first.held_back) == (3, 1)
    source.refresh_from_db()
    assert source.etag == ""  # not kept: a 304 would hide the rest
    assert "1 items left for the next poll" in source.last_error
    [second] = ingest(force=True)
    assert (second.new, second.duplicates) == (1, 3)
    assert Post.objects.count() == 4


@pytest.mark.django_db
def test_items_sharing_one_address_are_each_their_own_story(server):
    """A podcast's episodes all linking to the show's page, release notes linking to one
    page with #fragments: each item (its own id) is published, and the shared page is
    fetched for none of them."""
    show = server.route("/show", body=b"<html><body>The show.</body></html>",
                        headers={"Content-Type": "text/html"})
    items = "".join(
        f"<item><title>Episode {i}</title><link>{show}#ep{i % 2}</link><guid>ep-{i}</guid>"
        f"<description>What episode {i} is about, in a sentence or two.</description></item>"
        for i in range(5))
    _source(server, f'<rss version="2.0"><channel><title>Pod</title><link>{show}</link>'
                    f"{items}</channel></rss>".encode())
    [report] = ingest()
    assert (report.new, report.duplicates, report.failed) == (5, 0, 0)
    assert not [path for path, _ in server.requests if path.startswith("/show")]
    assert len({p.url_key for p in Post.objects.all()}) == 5
    Source.objects.update(etag="", last_modified="")
    [again] = ingest(force=True)
    assert (again.new, again.duplicates) == (0, 5)


@pytest.mark.django_db
def test_entries_without_ids_sharing_a_link_are_each_their_own_story(server):
    """A project's news feed: every entry links to the one news page, and none has an id."""
    items = "".join(f"<item><title>Release {i}</title><link>https://example.org/news.html"
                    f"</link><description>What is new in release {i}.</description></item>"
                    for i in range(6))
    _source(server, f'<rss version="2.0"><channel><title>News</title>'
                    f"<link>https://example.org</link>{items}</channel></rss>".encode())
    [report] = ingest()
    assert (report.new, report.duplicates) == (6, 0)
    Source.objects.update(etag="", last_modified="")
    [again] = ingest(force=True)
    assert (again.new, again.duplicates) == (0, 6)


@pytest.mark.django_db
def test_blank_lines_before_the_xml_declaration_are_no_fault(server):
    source = _source(server, b"\n\n  " + _feed([f"{REFUSED}b/{i}" for i in range(4)]))
    [report] = ingest()
    assert report.new == 4 and "malformed" not in report.error
    source.refresh_from_db()
    assert source.consecutive_failures == 0


@pytest.mark.django_db
def test_a_host_that_stops_answering_is_left_alone_for_the_rest_of_the_poll(server, settings):
    """Pages that never answer cost the fetch deadline each: after a few in a row, the
    host's other pages are not asked for, and their stories come from the feed at once."""
    settings.DRAMAWIRED_FETCH = {**settings.DRAMAWIRED_FETCH, "timeout": 0.5, "per_host": 1}
    feed_host = HostileServer().__enter__()  # the feed on another host:port than the pages
    try:
        for i in range(10):
            server.route(f"/slow/{i}", body=b"<p>late</p>", delay=5)
        items = "".join(f"<item><title>Slow {i}</title><link>{server.url(f'/slow/{i}')}"
                        f"</link><guid>s{i}</guid><description>Summary {i}.</description>"
                        "</item>" for i in range(10))
        Source.objects.create(name="slow", feed_url=feed_host.route(
            "/feed.xml", headers=RSS, body=f'<rss version="2.0"><channel><title>x</title>'
                                           f"{items}</channel></rss>".encode()))
        [report] = ingest()
    finally:
        feed_host.__exit__(None, None, None)
    assert (report.new, report.from_feed) == (10, 10)
    asked = [path for path, _ in server.requests if path.startswith("/slow/")]
    assert len(asked) == 3
    assert "not answering" in report.error or "took over" in report.error
