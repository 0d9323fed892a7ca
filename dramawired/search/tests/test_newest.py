"""Only the newest matches are ranked (both back ends), and PostgreSQL's two ways of
finding them, walking by date and the GIN index, find the same posts."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from dramawired.search import index
from dramawired.search.index import search
from dramawired.search.models import SearchTerm

from .factories import make_post

postgresql = pytest.mark.skipif(connection.vendor != "postgresql",
                                reason="pg_newest.py is PostgreSQL's; SQLite asks FTS5")


def test_only_the_newest_candidates_are_ranked(db, monkeypatch):
    monkeypatch.setattr(index, "CANDIDATES", 3)
    in_title = make_post("Ondrelle premiere", "A night out.", days_ago=2)
    newest = make_post("Festival notes", "Ondrelle was there.", days_ago=1)
    third = make_post("Weekend notes", "Ondrelle was there.", days_ago=3)
    make_post("Market notes", "Ondrelle was there.", days_ago=4)  # the fourth newest
    make_post("Ondrelle wins", "The best of the year.", days_ago=10)  # strong, but older
    # The title match first, then the newer of two equal body matches.
    assert search("ondrelle") == [in_title.pk, newest.pk, third.pk]
    monkeypatch.setattr(index, "CANDIDATES", 300)
    assert len(search("ondrelle")) == 5


@pytest.fixture
def posts(db):
    """40 posts a day apart: 'quarnet' in every other one, 'velloran' in every tenth,
    'quarnetti' (for the prefix) in one."""
    made = []
    for n in range(40):
        words = ["quarnet"] * (n % 2 == 0) + ["velloran"] * (n % 10 == 4)
        made.append(make_post(f"Story {n}", " ".join(words + ["filler"]), days_ago=n + 1))
    make_post("Quarnetti arrives", days_ago=0.5)
    return made


def normalised(query: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsquery('english', %s)::text", [query])
        return cursor.fetchone()[0]


def newest_first(query: str) -> list[int]:
    """What pg_newest.newest must return: every match, newest first."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT d.post_id FROM search_searchdocument d "
                       "WHERE d.vector @@ to_tsquery('english', %s) "
                       "ORDER BY d.published_at DESC, d.post_id DESC", [query])
        return [row[0] for row in cursor.fetchall()]


@postgresql
@pytest.mark.parametrize("way", ["walk", "stretch", "whole index"])
@pytest.mark.parametrize("query", ["'quarnet'", "'quarnet':*", "'velloran'",
                                   "'quarnet' & 'velloran'", "'zzqx':*", "'story' & 'filler'"])
def test_walk_and_index_find_the_same_newest(posts, monkeypatch, way, query):
    from dramawired.search.backends import pg_newest

    with_way(pg_newest, monkeypatch, way)
    expected = newest_first(query)
    assert expected or query == "'zzqx':*"
    with connection.cursor() as cursor:
        for want in (1, 3, 7, 100):
            found = pg_newest.newest(cursor, normalised(query), want, timezone.now())
            assert found == expected[:want], want


def with_way(pg_newest, monkeypatch, way: str) -> None:
    with connection.cursor() as cursor:  # the planner's count of documents, as after autovacuum
        cursor.execute("ANALYZE search_searchdocument")
    monkeypatch.setattr(pg_newest, "SAMPLE", 4)
    monkeypatch.setattr(pg_newest, "MAX_WALK", 10**6 if way == "walk" else 0)
    monkeypatch.setattr(pg_newest, "STRETCH_COST", 10**6)  # a stretch is always worth it
    if way == "whole index":  # no stretch of time is short enough
        monkeypatch.setattr(pg_newest, "MAX_BUCKETS", 0)


@postgresql
@pytest.mark.parametrize("way", ["stretch", "whole index"])
@pytest.mark.parametrize("query", ["'velloran' & 'quarnet':*", "'filler' & 'quarnett':*",
                                   "'filler' & 'zzqx':*"])
def test_a_prefix_checked_on_each_row_finds_the_same_newest(posts, monkeypatch, way, query):
    from dramawired.search.backends import pg_newest

    with_way(pg_newest, monkeypatch, way)
    words = " & ".join(p for p in query.split(" & ") if not p.endswith(":*"))
    monkeypatch.setattr(pg_newest, "_lean", lambda *args: lambda covered: words)
    expected = newest_first(query)
    with connection.cursor() as cursor:
        for want in (1, 3, 100):
            found = pg_newest.newest(cursor, normalised(query), want, timezone.now())
            assert found == expected[:want], want


@postgresql
def test_the_index_is_asked_without_a_prefix_only_when_that_is_cheaper(posts):
    from dramawired.search.backends.pg_newest import _lean

    with connection.cursor() as cursor:
        # 'quarnet' starts words in half the posts, and every 'velloran' post has one.
        assert _lean(cursor, "'velloran' & 'quarnet':*", 4 / 2000, 41,
                     "'velloran' & ('quarnet' | 'quarnetti')")(41) == "'velloran'"
        # 'filler' is in every post, 'quarnett' starts a word in one...
        assert _lean(cursor, "'filler' & 'quarnett':*", 0, 41, "'filler' & 'quarnett':*")(
            41) is None
        # ... and, standing for that one word, is a word like any other.
        assert _lean(cursor, "'velloran' & 'quarnett':*", 0, 41,
                     "'velloran' & ('quarnetti')")(41) is None
        assert _lean(cursor, "'filler' & 'quarnet'", 0, 41, "'filler' & 'quarnet'")(
            41) is None  # no prefix


@postgresql
def test_stretches_of_time_are_the_finest_buckets_that_fit():
    from dramawired.search.backends.pg_newest import EPOCH, _stretch, buckets

    when = EPOCH + timedelta(days=700, hours=5)
    assert buckets(when) == ["~d700", "~w100", "~b25"]
    assert buckets(EPOCH - timedelta(hours=1)) == ["~d-1", "~w-1", "~b-1"]
    assert _stretch(when - timedelta(days=2), when) == (
        "('~d698' | '~d699' | '~d700')", EPOCH + timedelta(days=698))
    assert _stretch(when - timedelta(days=20), when) == (
        "('~w97' | '~w98' | '~w99' | '~w100')", EPOCH + timedelta(days=97 * 7))
    assert _stretch(when - timedelta(days=200), when)[1] == EPOCH + timedelta(days=17 * 28)
    assert _stretch(when - timedelta(days=500), when) is None


@postgresql
def test_a_prefix_stands_for_the_words_it_starts(posts, monkeypatch):
    from dramawired.search.backends import pg_newest

    words = set(SearchTerm.objects.values_list("word", flat=True))
    assert {"quarnet", "quarnetti"} <= words
    assert not [word for word in words if word.startswith("~")]  # no bucket of time
    with connection.cursor() as cursor:
        assert (pg_newest._exact(cursor, "'velloran' & 'quarnet':*")
                == "'velloran' & ('quarnet' | 'quarnetti')")
        assert pg_newest._exact(cursor, "'zzqx':*") == "'zzqx':*"  # no word: unchanged
        monkeypatch.setattr(pg_newest, "MAX_EXPANSION", 1)
        assert pg_newest._exact(cursor, "'quarnet':*") == "'quarnet':*"  # too many words


@postgresql
def test_scheduled_posts_among_the_newest_are_dropped(posts):
    scheduled = make_post("Quarnet tomorrow", days_ago=-1)
    matches = newest_first("'quarnet':*")  # the last word of a search is a prefix
    assert scheduled.pk == matches[0]
    found = search("quarnet")
    assert sorted(found) == sorted(matches[1:])
