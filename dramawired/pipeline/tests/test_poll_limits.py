"""What keeps one poll in bounds and honest: different videos of one channel are never
merged however alike their descriptions, a source's boilerplate is no evidence of a copy,
pages are built a few at a time (never all held at once), an item that takes too long is
given up, and a poll that lost its claim stops."""

import threading
import time

import pytest

from dramawired.news.models import Post, Syndication
from dramawired.pipeline import schedule
from dramawired.pipeline.dedupe import (
    distance,
    find_near_duplicate,
    fingerprint,
    repeated_lines,
)
from dramawired.pipeline.policy import ItemTimeout, tools
from dramawired.pipeline.run import ingest
from dramawired.sources.models import Source

from .hostile import HostileServer

SPONSOR = """This video is sponsored by NordShield VPN. Get 70% off with code DRAMA at the link!

Join this channel to get access to perks, early videos and the Discord.

Merch: the Tea Spill hoodie is back in stock in every size.

Follow us on every network. Business enquiries by email only, thank you so much.

Music by Epidemic Sound. All clips used under fair use for commentary and criticism.

Timestamps are in the pinned comment. Turn on notifications so you never miss an episode.

Our podcast is out every Friday on Spotify, Apple Podcasts and wherever you listen.

Instagram, TikTok and Threads: at teaspillofficial. Snapchat: at teaspill, we post daily.

Send us your tips through the form on our website, anonymously if you would rather.

Disclaimer: everything in this video is opinion and commentary based on public reports.

Editing by the Tea Spill team in Los Angeles. Thumbnail by our designer, credits below."""
EPISODES = ["The Zendaya rumour, explained", "Why the Dune 3 casting call matters",
            "Every Taylor Swift easter egg this week", "The Oscars host shortlist"]


def _youtube_feed() -> bytes:
    entries = "".join(f"""<entry><id>yt:video:vid{i}xyz</id><yt:videoId>vid{i}xyz</yt:videoId>
      <title>{title}</title><link rel="alternate" href="https://www.youtube.com/watch?v=vid{i}xyz"/>
      <published>2026-11-2{i}T10:00:00+00:00</published>
      <media:group><media:description>Episode {i}: {title}.

{SPONSOR}</media:description></media:group></entry>""" for i, title in enumerate(EPISODES))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns:yt="http://www.youtube.com/xml/schemas/2015"
      xmlns:media="http://search.yahoo.com/mrss/" xmlns="http://www.w3.org/2005/Atom">
<title>Tea Spill</title><link rel="alternate" href="https://www.youtube.com/channel/UCx"/>
{entries}</feed>""".encode()


def test_boilerplate_lines_leave_the_fingerprint():
    texts = [f"Episode {i}: {t}.\n{SPONSOR}" for i, t in enumerate(EPISODES)]
    ignore = repeated_lines(texts)
    assert len(ignore) == 11  # the eleven sponsor paragraphs, no episode line
    with_boiler = [fingerprint(f"{t}\n{x}") for t, x in zip(EPISODES, texts, strict=True)]
    without = [fingerprint(f"{t}\n{x}", ignore) for t, x in zip(EPISODES, texts, strict=True)]
    assert distance(with_boiler[0], with_boiler[1]) <= 8  # why videos were merged before
    # What is left is too short to fingerprint, or too far apart: no copy either way.
    assert all(find_near_duplicate(without[i], [(j, without[j]) for j in range(4) if j != i],
                                   8) is None for i in range(4))


@pytest.mark.django_db
@pytest.mark.parametrize("kind", [Source.Kind.YOUTUBE, Source.Kind.FEED])
def test_a_channels_videos_are_never_merged(kind):
    with HostileServer() as server:
        url = server.route("/videos.xml", body=_youtube_feed(),
                           headers={"Content-Type": "application/atom+xml"})
        Source.objects.create(name="Tea Spill", feed_url=url, kind=kind)
        [report] = ingest()
    assert (report.new, report.duplicates) == (4, 0)
    assert not Syndication.objects.exists()
    body = Post.objects.get(title=EPISODES[0]).body
    assert "70% off" in body and "&amp;amp;" not in body


def test_pages_are_built_a_few_at_a_time_in_order():
    running, peak, lock = [0], [0], threading.Lock()

    def build(n):
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        time.sleep(0.002)
        with lock:
            running[0] -= 1
        return n * 2

    with tools() as kit:
        submitted = []
        results = list(kit.map(build, (submitted.append(n) or n for n in range(200)),
                               budget=10))
        assert [r for _, r in results] == [n * 2 for n in range(200)]
        # Never more than two rounds of workers taken from the items ahead of the reader.
        assert peak[0] <= kit.workers


def test_an_item_over_its_budget_is_given_up_and_the_rest_go_on():
    ticks = []
    with tools() as kit:
        results = list(kit.map(lambda n: time.sleep(1.5) if n == 1 else n, [0, 1, 2],
                               budget=0.3, waiting=lambda: ticks.append(1), tick=0.1))
    assert results[0] == (0, 0) and results[2] == (2, 2)
    assert isinstance(results[1][1], ItemTimeout)
    assert ticks  # the poll was told it is still waiting (it renews its claim there)


@pytest.mark.django_db
def test_a_poll_that_lost_its_claim_stops(settings):
    settings.DRAMAWIRED_POLL_LEASE = 0  # every renewal is due at once
    source = Source.objects.create(name="s", feed_url="http://127.0.0.1:9/feed")
    token = schedule.claim(source.pk)
    progress = schedule.Renewing(source.pk, token, None)
    progress.item_done(source)  # still ours: renewed
    Source.objects.filter(pk=source.pk).update(claim="another-worker")
    with pytest.raises(schedule.ClaimLost):
        progress.item_done(source)
