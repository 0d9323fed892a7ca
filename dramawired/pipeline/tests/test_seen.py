"""seen.py: the look-ups dedupe makes for every item cost the same with 10 posts or
100,000 (an index, never a read of every post), and the candidates' index answers as
comparing with every recent post would."""

import random

import pytest
from django.db import connection

from dramawired.news.models import Post, unique_slug
from dramawired.pipeline import seen
from dramawired.pipeline.dedupe import NONE, NearIndex, distance, fingerprint
from dramawired.pipeline.items import Keys
from dramawired.sources.models import Source


def _full_scan(fp, entries, max_distance, skip=()):
    best, best_d = None, max_distance + 1
    for cid, cfp in entries:
        if cid not in skip and (d := distance(fp, cfp)) < best_d:
            best, best_d = cid, d
    return best if fp != NONE else None


@pytest.mark.parametrize("max_distance", [-1, 0, 3, 8, 20, 63, 64])
def test_near_index_answers_as_a_full_scan(max_distance):
    """Stories in families a few bits apart (copies, edits) among unrelated ones: the
    closest within range, the first of equals, skipped ids left out."""
    rng = random.Random(max_distance)
    families = [rng.getrandbits(64) for _ in range(40)]

    def near():
        fp = rng.choice(families)
        for _ in range(rng.randint(0, 12)):
            fp ^= 1 << rng.randrange(64)
        return fp

    index, entries = NearIndex(max_distance), []
    for cid in range(2000):
        fp = near() if cid % 2 else rng.getrandbits(64)
        entries.append((cid, fp))
        index.add(cid, fp)
    for _ in range(300):
        fp, skip = near(), set(rng.sample(range(2000), 200))
        assert index.nearest(fp, skip=skip.__contains__) == \
            _full_scan(fp, entries, max_distance, skip)
    assert index.nearest(NONE) is None


@pytest.mark.django_db
def test_twin_skips_its_own_earlier_version_and_finds_another_sources_copy():
    one = Source.objects.create(name="One", feed_url="https://one.example/feed")
    other = Source.objects.create(name="Other", feed_url="https://other.example/feed")
    text = " ".join(f"word{i}" for i in range(40))
    fp = fingerprint(text)
    mine = Post.objects.create(title="A", slug="a", original_url="https://one.example/a",
                               url_key="key-a", source=one, fingerprint=f"{fp:016x}")
    candidates = seen.recent_fingerprints()
    story = type("Story", (), {"fingerprint": fp,
                               "keys": Keys(guid_key="", url_key="key-a", canonical_url="")})
    assert seen.twin(story, one, candidates) is None  # a revision of itself
    story.keys = Keys(guid_key="", url_key="key-b", canonical_url="")
    assert seen.twin(story, other, candidates) == mine.pk
    theirs = Post.objects.create(title="B", slug="b", original_url="https://other.example/b",
                                 url_key="key-c", source=other, fingerprint=f"{fp ^ 1:016x}")
    seen.catch_up(candidates)  # published by another worker since the poll began
    assert candidates.newest == theirs.pk
    story.keys = Keys(guid_key="", url_key="key-a", canonical_url="")
    assert seen.twin(story, one, candidates) == theirs.pk


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's EXPLAIN QUERY PLAN; "
                    "the SQLite pass of CI runs it (PostgreSQL plans a tiny table by statistics)")
def test_per_item_look_ups_read_no_whole_table():
    """What publishing one item asks of the posts table: each through an index (a scan of
    every post, per item, made a 10,000-item feed ingest at a quarter of its speed)."""
    source = Source.objects.create(name="One", feed_url="https://one.example/feed")
    Post.objects.create(title="A", slug="a", original_url="https://one.example/a",
                        url_key="key-a", guid_key="guid-a", source=source,
                        fingerprint="00000000000000ff")
    candidates = seen.recent_fingerprints()
    asked = []

    def record(execute, sql, params, many, context):
        asked.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        seen.own_posts(source, Keys(guid_key="guid-b", url_key="key-b", canonical_url="")).first()
        seen.catch_up(candidates)
        unique_slug(Post, "A")
    assert len(asked) == 3
    with connection.cursor() as cursor:
        for sql, params in asked:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = " / ".join(row[-1] for row in cursor.fetchall())
            # a scan, or every post of the source (its id alone is no key to an item)
            assert "SCAN news_post" not in plan and "(source_id=?)" not in plan, (sql, plan)
