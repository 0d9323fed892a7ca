"""SQLite FTS5: the virtual table `search_fts` (migration 0001), rowid = post id."""

from django.db import connection

from dramawired.news.models import Post

from . import RECENCY_DAYS

# bm25 weights per column (title, body, tags, author): a word in the title counts ten times
# one in the body; tags and bylines name who a story is about.
WEIGHTS = "10.0, 1.0, 4.0, 4.0"
POSTS = Post._meta.db_table
# A rebuild writes in rowid order: FTS5 flushes its pending terms to a new segment whenever
# a rowid is not above the last one (in date order 20,000 posts took 160 s).
REBUILD_ORDER = ("pk",)


def match(terms: list[str]) -> str:
    """An FTS5 query from plain words: every word a quoted string (quotes inside doubled),
    all required; the last a prefix, as the reader may still be typing it."""
    phrases = ['"' + term.replace('"', '""') + '"' for term in terms]
    if len(terms[-1]) >= 2:
        phrases[-1] += "*"
    return " ".join(phrases)


def write(docs: dict, remove: list[int]) -> None:
    with connection.cursor() as cursor:
        ids = [*docs, *remove]
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            cursor.execute(f"DELETE FROM search_fts WHERE rowid IN "
                           f"({', '.join(['%s'] * len(chunk))})", chunk)
        cursor.executemany(
            "INSERT INTO search_fts (rowid, title, body, tags, author) VALUES (%s, %s, %s, %s, %s)",
            [(pk, d.title, d.body, d.tags, d.author) for pk, d in docs.items()])


def clear() -> None:
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_fts")


def optimize() -> None:
    """Merge the index's segments into one (after a rebuild)."""
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")


def ranked_ids(terms: list[str], now, limit: int, candidates: int) -> list[int]:
    now = connection.ops.adapt_datetimefield_value(now)
    # The newest `candidates` matches, then ranked. bm25() is negative, lower is better:
    # dividing by the age factor moves old posts down.
    sql = f"""
        SELECT id FROM (
            SELECT p.id, p.published_at, f.score FROM (
                SELECT rowid AS id, bm25(search_fts, {WEIGHTS}) AS score
                FROM search_fts WHERE search_fts MATCH %s
            ) AS f JOIN {POSTS} AS p ON p.id = f.id
            WHERE p.status = %s AND p.published_at <= %s
            ORDER BY p.published_at DESC, p.id DESC
            LIMIT %s)
        ORDER BY score / (1.0 + (julianday(%s) - julianday(published_at)) / %s),
                 published_at DESC, id DESC
        LIMIT %s"""
    with connection.cursor() as cursor:
        cursor.execute(sql, [match(terms), Post.Status.PUBLISHED, now, candidates, now,
                             RECENCY_DAYS, limit])
        return [row[0] for row in cursor.fetchall()]
