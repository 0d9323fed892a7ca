"""The newest documents matching a tsquery on PostgreSQL: the candidates ranked_ids ranks.

Two ways to find them, each cheap where the other is dear:
- walking the documents newest first (the published_at index) and testing each row's
  vector, which sits inside the row (migration 0002): 1-2 µs a row, so cheap when matches
  are dense (300 matches of a name on one post in ten take 3,000 rows) and ruinous when
  they are rare.
- the GIN index on the vectors: it finds every match, but each must then be read from the
  table to learn its date, 3-13 µs a match (the table is far larger than PostgreSQL's
  cache), so that 11,000 matches took 100-160 ms. Each vector therefore also holds the day,
  week and four weeks its post was published in (`buckets`), and the index search asks only
  for the matches published in the stretch of time that should hold enough of them.
  The stretch has its own price, though: the index reads the postings of every document in
  its buckets (12 four-week buckets, 460,000 documents, took 40 ms), so when the matches are
  few in all (1,700 'kira & gallo' took 9 ms) the whole index is searched instead.
- a prefix is looked up in the index as the words it starts (`_exact`), whose postings the
  index reads whole: 'la & dama & de:*' read those of 64 words, 'de', 'deal', 'death'...
  (170 ms). When the other words are nearly as rare as the whole query, the index is asked
  for them alone and the prefix is checked on each row they lead to (11 ms).
The newest SAMPLE documents are walked first; the share of them that matches tells how long
a walk would be, how far back the index must look, and how many matches there are in all.
Measured at 1,000,000 posts.
"""

import math
import re
from datetime import UTC, datetime, timedelta

from ..models import SearchDocument, SearchTerm

DOCS = SearchDocument._meta.db_table
TERMS = SearchTerm._meta.db_table
SAMPLE = 2_000
MAX_WALK = 12_000  # rows a walk may read on top of the sample
MARGIN = 2  # how much longer than its estimate a walk or a stretch of time is made
BUCKETS = (("~d", 1), ("~w", 7), ("~b", 28))  # lexeme prefix, days (each divides the next)
MAX_BUCKETS = 16  # in one index search; a longer stretch is searched whole
# A match read from the table costs as much as this many documents' postings in the buckets
# of a stretch of time (1.5-7 µs against 0.09-0.13 µs at 1,000,000 posts).
STRETCH_COST = 25
MAX_EXPANSION = 200  # words a prefix may stand for in an index search
LEXEME = re.compile(r"'((?:[^']|'')*)'(:\*)?")  # a lexeme as tsquery text prints it
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

WALK = f"""
    SELECT post_id FROM (
        SELECT post_id, vector FROM {DOCS}
        ORDER BY published_at DESC, post_id DESC OFFSET %s LIMIT %s) AS newest
    WHERE vector @@ %s::tsquery LIMIT %s"""
EDGE = f"""
    SELECT published_at, post_id, (SELECT reltuples FROM pg_class WHERE oid = '{DOCS}'::regclass)
    FROM {DOCS} ORDER BY published_at DESC, post_id DESC OFFSET %s LIMIT 1"""
# How many of the newest documents match a query's whole words, and its prefixes.
SHARES = f"""
    SELECT count(*) FILTER (WHERE vector @@ %s::tsquery),
           count(*) FILTER (WHERE vector @@ %s::tsquery)
    FROM (SELECT vector FROM {DOCS} ORDER BY published_at DESC, post_id DESC LIMIT %s) AS newest"""
# The CTE keeps the planner from walking the date index itself for the LIMIT (hopeless
# when matches are rare): it finds the matches through the GIN index, then sorts them.
# The index is asked the first query; ts_match_vq (the function behind @@, which the index
# does not answer) checks the whole query on each row found.
INDEXED = f"""
    WITH hits AS MATERIALIZED (
        SELECT post_id, published_at FROM {DOCS}
        WHERE vector @@ %s::tsquery AND ts_match_vq(vector, %s::tsquery)
              AND (published_at, post_id) < (%s, %s))
    SELECT post_id FROM hits ORDER BY published_at DESC, post_id DESC LIMIT %s"""


def buckets(published_at: datetime) -> list[str]:
    """The lexemes that place a document in time: no reader's query can hold them (its
    words are letters and digits only, terms.py), and ts_rank counts only the query's."""
    day = (published_at - EPOCH) // timedelta(days=1)
    return [f"{name}{day // days}" for name, days in BUCKETS]


def newest(cursor, query: str, want: int, now: datetime) -> list[int]:
    """Post ids of the `want` newest documents matching `query` (normalised tsquery
    text), newest first. Scheduled posts count among the newest (ranked_ids drops them):
    the documents' dates are only copies, which a bulk UPDATE of the posts leaves behind."""
    hits = _walk(cursor, query, 0, SAMPLE, want)
    walked = SAMPLE
    if len(hits) >= want or not (found := _edge(cursor, walked)):
        return hits
    edge, total = found
    density = len(hits) / SAMPLE
    rows = math.ceil((want - len(hits)) / density * MARGIN) if density else math.inf
    if rows <= MAX_WALK:
        hits += _walk(cursor, query, walked, rows, want - len(hits))
        walked += rows
        if len(hits) >= want or not (found := _edge(cursor, walked)):
            return hits
        edge, total = found
    exact = _exact(cursor, query)
    lean = _lean(cursor, query, density, total, exact)
    # The stretch before the walked documents that should hold the rest, from how many
    # documents the walk met per second, grown fourfold if it fell short, then everything;
    # everything at once when the matches left in it cost less to read than the stretch.
    per_second = walked / max((now - edge[0]).total_seconds(), 1.0)
    left = density * max(total - walked, 0)
    for grow in (1, 4):
        if not density:
            break
        seconds = (want - len(hits)) / density * MARGIN * grow / per_second
        stretch = _stretch(edge[0] - timedelta(seconds=seconds), edge[0])
        if stretch is None:
            break
        cover, start = stretch
        if (edge[0] - start).total_seconds() * per_second > left * STRETCH_COST:
            break
        asked = lean((edge[0] - start).total_seconds() * per_second) or exact
        hits += _indexed(cursor, f"{asked} & {cover}", query, edge, want - len(hits))
        if len(hits) >= want:
            return hits
        edge = (start, 0)  # everything from `start` on has been searched
    asked = lean(max(total - walked, 0)) or exact
    return hits + _indexed(cursor, asked, query, edge, want - len(hits))


def _walk(cursor, query, skip: int, rows: int, want: int) -> list[int]:
    cursor.execute(WALK, [skip, rows, query, want])
    return [row[0] for row in cursor.fetchall()]


def _edge(cursor, walked: int):
    """The bound below which the documents are not walked yet: (published_at, post_id + 1)
    of the newest of them (the bound is exclusive, that one is not), and about how many
    documents there are (the planner's count, -1 before any ANALYZE); None if none is left."""
    cursor.execute(EDGE, [walked])
    row = cursor.fetchone()
    return row and ((row[0], row[1] + 1), row[2])


def _indexed(cursor, asked: str, query: str, edge, want: int) -> list[int]:
    cursor.execute(INDEXED, [asked, query, *edge, want])
    return [row[0] for row in cursor.fetchall()]


def _lean(cursor, query: str, density: float, total: float, exact: str):
    """A function of how many documents an index search covers: `query` without its
    prefixes when reading the rows their words alone lead to costs less than the prefixes'
    postings, else None. Always None for a query without both, or whose prefixes each
    stand for one word in `exact` (one query for the shares otherwise)."""
    parts = query.split(" & ")
    words = [p for p in parts if LEXEME.fullmatch(p) and not p.endswith(":*")]
    prefixes = [p for p in parts if LEXEME.fullmatch(p) and p.endswith(":*")]
    if (not words or not prefixes or len(words) + len(prefixes) < len(parts)
            or (" | " not in exact and ":*" not in exact)):
        return lambda covered: None
    lean = " & ".join(words)
    cursor.execute(SHARES, [lean, " & ".join(prefixes), SAMPLE])
    with_words, with_prefixes = (n / SAMPLE for n in cursor.fetchone())
    # Prefix postings are read across all `total` documents, the extra rows only in the
    # documents covered.
    return lambda covered: lean if (with_prefixes * total > STRETCH_COST * covered
                                    * max(with_words - density, 0)) else None


def _stretch(first: datetime, last: datetime):
    """tsquery text for the documents published from `first`'s bucket through `last`'s,
    in the finest buckets that take at most MAX_BUCKETS, and when those start; None if
    even the coarsest take more."""
    day_first, day_last = ((when - EPOCH) // timedelta(days=1) for when in (first, last))
    for name, days in BUCKETS:
        lo, hi = day_first // days, day_last // days
        if hi - lo < MAX_BUCKETS:
            cover = " | ".join(f"'{name}{n}'" for n in range(lo, hi + 1))
            return f"({cover})", EPOCH + timedelta(days=lo * days)
    return None


def _exact(cursor, query: str) -> str:
    """`query` with each prefix replaced by the words the index holds that start with it:
    a prefix is matched in the GIN index by reading every posting of every such word, a
    list of words by skipping through them alongside the other words of the query
    ('kira & gallo:*' took 45 ms, 'kira & gallo' 10). A prefix starting more words than
    MAX_EXPANSION, or none, stays a prefix."""
    def expand(found: re.Match) -> str:
        if not found.group(2):
            return found.group(0)
        prefix = found.group(1).replace("''", "'")
        cursor.execute(f"SELECT word FROM {TERMS} WHERE word LIKE %s ORDER BY word LIMIT %s",
                       [_like(prefix) + "%", MAX_EXPANSION + 1])
        words = [row[0] for row in cursor.fetchall()]
        if not words or len(words) > MAX_EXPANSION:
            return found.group(0)
        return "(" + " | ".join("'" + word.replace("'", "''") + "'" for word in words) + ")"
    return LEXEME.sub(expand, query)


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
