"""Release mode over real HTTP, on a clock the tests move: each outlet starts with two-thirds
of its catalogue out and adds one article per interval, dated by its release; pages and
images of what is not out yet are 404; a release changes the feed's ETag and Last-Modified;
every address a feed names answers; once everything is out, feeds stop changing, or with
reposts stories come back under new addresses. Off (the default), the publishers serve
everything as always."""

import calendar
import json
import re
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from html import unescape

import feedparser
import httpx
import pytest

from dramawired.demo.catalog import BY_SLUG, OUTLETS, articles, find
from dramawired.demo.feeds import render_feed
from dramawired.demo.release import repost_video
from dramawired.demo.server import DemoServer

T0 = int(datetime(2026, 12, 1, 9, 0, tzinfo=UTC).timestamp())  # after every catalogue date


class Clock:
    def __init__(self, now: float):
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return Clock(T0)


def serve(clock, every, reposts=False):
    server = DemoServer("127.0.0.1", 0, release_every=every, reposts=reposts,
                        clock=clock).start_in_thread()
    client = httpx.Client(base_url=server.base_url, timeout=10)
    return server, client


@pytest.fixture
def every_9s(clock):
    """Releases every 9 s (the nine outlets one second apart), then reposts."""
    server, client = serve(clock, 9, reposts=True)
    yield client
    client.close()
    server.stop()


@pytest.fixture
def every_minute(clock):
    server, client = serve(clock, 60)
    yield client
    client.close()
    server.stop()


@pytest.fixture
def reposting(clock):
    server, client = serve(clock, 60, reposts=True)
    yield client
    client.close()
    server.stop()


def oldest_first(slug):
    return list(reversed(articles()[slug]))


def at_start(slug) -> int:
    return round(len(articles()[slug]) * 2 / 3)


def entries(http, outlet) -> list[dict]:
    """The feed's entries in feed order: title, link, id and date (seconds)."""
    r = http.get(f"/{outlet.slug}/feed")
    assert r.status_code == 200
    if outlet.feed_format == "json":
        return [{"title": i["title"], "link": i["url"], "id": i["id"],
                 "date": datetime.fromisoformat(i["date_published"]).timestamp()}
                for i in json.loads(r.content)["items"]]
    feed = feedparser.parse(r.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return [{"title": e.title, "link": e.link, "id": e.id,
             "date": calendar.timegm(e.get("published_parsed") or e.updated_parsed)}
            for e in feed.entries]


def test_each_outlet_starts_with_two_thirds_out_and_adds_one_per_interval(every_9s, clock):
    for k in range(8):
        clock.now = T0 + (k + 1) * 9 - 1  # the last second before the (k+1)th round
        for outlet in OUTLETS:
            if outlet.slug == "r-popdrama":
                continue  # a link post waits for its story: test_links_and_copies_...
            catalogue = oldest_first(outlet.slug)
            out = at_start(outlet.slug) + k
            if out > len(catalogue):
                continue  # reposts now: test_after_everything_is_out_…
            got = entries(every_9s, outlet)
            assert sorted(e["title"] for e in got) == sorted(a.title for a in catalogue[:out])
            released = got[:out - at_start(outlet.slug)]
            # Newest first: what came out last leads, dated by its release (not its byline
            # date, or an aggregator would file it as old news).
            assert [e["title"] for e in released] == \
                [a.title for a in reversed(catalogue[at_start(outlet.slug):out])]
            assert all(T0 < e["date"] <= clock.now for e in released)
            assert all(e["date"] < T0 for e in got[len(released):])


def test_outlets_release_staggered_across_the_interval(every_minute, clock):
    clock.now = T0 + 119
    firsts = [entries(every_minute, o)[0]["date"] for o in OUTLETS if o.slug != "r-popdrama"]
    assert all(T0 + 60 <= t < T0 + 120 for t in firsts)
    assert len(set(firsts)) == len(firsts)  # no two outlets in the same second


def test_pages_and_images_of_unreleased_articles_are_404(every_minute, clock):
    for outlet in OUTLETS:
        newest = articles()[outlet.slug][0]
        assert every_minute.get(newest.path).status_code == 404, newest.path
        assert every_minute.get(newest.image_path).status_code == 404
        assert newest.title not in unescape(every_minute.get(f"/{outlet.slug}/").text)
    waiting = {o.slug: articles()[o.slug][0] for o in OUTLETS}  # each one's newest
    for step in range(1, 11):
        clock.now = T0 + step * 60
        for slug, newest in list(waiting.items()):
            page = every_minute.get(newest.path)
            if page.status_code == 404:
                continue
            # Out now: the page agrees with the feed, where it leads, dated by its release.
            lead = entries(every_minute, BY_SLUG[slug])[0]
            assert lead["title"] == newest.title
            assert T0 < lead["date"] <= clock.now
            when = datetime.fromtimestamp(lead["date"], UTC).isoformat()
            assert f'<meta property="article:published_time" content="{when}">' in page.text
            assert every_minute.get(newest.image_path).status_code == 200
            del waiting[slug]
    assert waiting == {}


def test_feed_etag_and_last_modified_change_when_an_article_is_released(every_minute, clock):
    first = every_minute.get("/starlight-daily/feed")
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    clock.now = T0 + 59  # nothing new yet: still a 304, both ways
    assert every_minute.get("/starlight-daily/feed", headers={"If-None-Match": etag}
                            ).status_code == 304
    assert every_minute.get("/starlight-daily/feed", headers={"If-Modified-Since": modified}
                            ).status_code == 304
    clock.now = T0 + 60  # the first outlet's first release
    r = every_minute.get("/starlight-daily/feed", headers={"If-None-Match": etag})
    assert r.status_code == 200 and r.headers["etag"] != etag
    assert r.headers["last-modified"] == format_datetime(
        datetime.fromtimestamp(T0 + 60, UTC), usegmt=True)
    assert every_minute.get("/starlight-daily/feed", headers={"If-Modified-Since": modified}
                            ).status_code == 200
    assert every_minute.get("/starlight-daily/feed", headers={
        "If-Modified-Since": r.headers["last-modified"]}).status_code == 304
    # Another outlet's release is later in the interval: its feed has not changed yet.
    assert every_minute.get("/tea-kettle/feed").headers["etag"] == \
        every_minute.get("/tea-kettle/feed").headers["etag"]
    assert parsedate_to_datetime(every_minute.get("/tea-kettle/feed").headers[
        "last-modified"]).timestamp() < T0


def _addresses(text: str, base: str) -> set[str]:
    """Our addresses in a feed (an Atom <id> names, it is not fetched)."""
    text = unescape(re.sub(r"<id>.*?</id>", "", text))
    return set(re.findall(re.escape(base) + r'[^"<>\s\\]*', text))


def _published(page: str) -> float:
    when = re.search(r'<meta property="article:published_time" content="([^"]+)">', page)
    return datetime.fromisoformat(when.group(1)).timestamp()


def test_links_and_copies_never_come_out_before_what_they_point_at(every_9s, clock):
    """Every address a feed names answers, and so does each page's canonical address
    (a wire copy's points at its original); a link post or a copy is dated no earlier
    than the story it links or copies."""
    base = str(every_9s.base_url).rstrip("/")
    pointers = {(slug, a.title): a.original or find(*a.link.split("/"))
                for slug, items in articles().items() for a in items if a.original or a.link}
    seen, checked = set(), set()  # once out, out for good: each is checked once
    for k in range(12):
        clock.now = T0 + k * 9 + 8
        for outlet in OUTLETS:
            feed = every_9s.get(f"/{outlet.slug}/feed").text
            for url in _addresses(feed, base) - checked:
                checked.add(url)
                r = every_9s.get(url)
                assert r.status_code == 200, (k, outlet.slug, url)
                canonical = re.search(r'<link rel="canonical" href="([^"]+)">', r.text)
                if canonical:
                    assert every_9s.get(canonical.group(1)).status_code == 200, url
            for entry in entries(every_9s, outlet):
                target = pointers.get((outlet.slug, entry["title"]))
                if target and (outlet.slug, entry["title"]) not in seen:
                    page = every_9s.get(target.path)
                    assert page.status_code == 200, target.path
                    assert _published(page.text) <= entry["date"], entry["title"]
                    seen.add((outlet.slug, entry["title"]))
    assert seen == set(pointers)  # every copy and link post came out within the test


def test_once_everything_is_out_feeds_stop_changing(every_minute, clock):
    clock.now = T0 + 3600
    first = {o.slug: every_minute.get(f"/{o.slug}/feed") for o in OUTLETS}
    clock.now = T0 + 6 * 3600
    for outlet in OUTLETS:
        r = every_minute.get(f"/{outlet.slug}/feed",
                             headers={"If-None-Match": first[outlet.slug].headers["etag"]})
        assert r.status_code == 304
        assert sorted(e["title"] for e in entries(every_minute, outlet)) == \
            sorted(a.title for a in articles()[outlet.slug])
        oldest = articles()[outlet.slug][-1]
        assert every_minute.get(oldest.path.rstrip("/") + "-2/").status_code == 404


def test_with_reposts_stories_come_back_under_new_addresses(reposting, clock):
    outlet, catalogue = BY_SLUG["starlight-daily"], oldest_first("starlight-daily")
    n, start = len(catalogue), at_start("starlight-daily")
    clock.now = T0 + (n - start + 1) * 60  # the whole catalogue, then the first repost
    got = entries(reposting, outlet)
    assert len(got) == n  # the feed keeps its length
    repost, oldest = got[0], catalogue[0]
    assert repost["title"] == f"{oldest.title} (repost 2)"  # the title whole, $ and all
    assert repost["link"].split("?")[0].endswith(f"/starlight-daily/{oldest.slug}-2/")
    assert repost["date"] == clock.now
    assert oldest.title not in [e["title"] for e in got]  # out of the feed's window…
    assert reposting.get(oldest.path).status_code == 200  # …but its page stays
    page = reposting.get(f"/starlight-daily/{oldest.slug}-2/")
    assert page.status_code == 200
    assert f">{repost['title']}</h1>" in unescape(page.content.decode(outlet.encoding))
    for wrong in (f"{oldest.slug}-02", f"{oldest.slug}-3", f"{oldest.slug}-1"):
        assert reposting.get(f"/starlight-daily/{wrong}/").status_code == 404, wrong
    # Hours on, every outlet's feed still has ids and addresses of its own per entry.
    clock.now = T0 + 6 * 3600
    for o in OUTLETS:
        got = entries(reposting, o)
        assert len(got) == len(articles()[o.slug])
        assert len({e["id"] for e in got}) == len(got)
        assert len({e["link"] for e in got}) == len(got)


def test_a_reposted_video_gets_a_new_id_and_watch_page(reposting, clock):
    dramacam, catalogue = BY_SLUG["dramacam"], oldest_first("dramacam")
    clock.now = T0 + 300  # its five are out, and the first two again
    video = repost_video(catalogue[0].video, 2)
    assert len(video) == 11 and video != catalogue[0].video
    assert any(e["link"].endswith(f"watch?v={video}") for e in entries(reposting, dramacam))
    assert reposting.get(f"/dramacam/watch?v={video}").status_code == 200
    assert reposting.get(f"/dramacam/watch?v={catalogue[0].video}").status_code == 200
    unreleased = repost_video(catalogue[0].video, 99)
    assert reposting.get(f"/dramacam/watch?v={unreleased}").status_code == 404


def test_reposts_cannot_take_a_catalogue_address():
    for slug, items in articles().items():
        slugs = {a.slug for a in items}
        taken = [s for s in slugs if re.fullmatch(r"(.+)-\d+", s)
                 and re.fullmatch(r"(.+)-\d+", s).group(1) in slugs]
        assert taken == [], slug


def test_off_by_default_everything_out_whatever_the_clock(clock):
    server = DemoServer("127.0.0.1", 0, clock=clock).start_in_thread()
    try:
        with httpx.Client(base_url=server.base_url, timeout=10) as http:
            for now in (T0, T0 + 10**6):
                clock.now = now
                for outlet in OUTLETS:
                    r = http.get(f"/{outlet.slug}/feed")
                    expected = render_feed(outlet, articles()[outlet.slug], server.base_url)
                    assert r.content == expected[0]
                    assert http.get(articles()[outlet.slug][0].path).status_code == 200
    finally:
        server.stop()


def test_demo_publishers_refuses_a_negative_interval():
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="release-every"):
        call_command("demo-publishers", "--port", "0", "--release-every", "-1")
