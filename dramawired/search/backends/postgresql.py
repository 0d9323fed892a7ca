"""PostgreSQL: a row per published post in search_searchdocument (models.py, migrations
0001-0002) and the lexemes they hold in search_searchterm. A search finds the newest
matches (pg_newest.py), then ranks only those with ts_rank."""

from django.db import connection, transaction

from dramawired.news.models import Post

from ..terms import WORD
from . import RECENCY_DAYS
from .pg_newest import DOCS, TERMS, buckets, newest

CONFIG = "english"  # stems as SQLite's porter tokenizer does
# A rebuild writes the oldest first: the table is then laid out in date order, which the
# newest-first walk (pg_newest.py) reads fastest.
REBUILD_ORDER = ("published_at", "pk")
POSTS = Post._meta.db_table
VECTOR = (f"setweight(to_tsvector('{CONFIG}', %s), 'A') || "
          f"setweight(to_tsvector('{CONFIG}', %s), 'B') || "
          f"setweight(to_tsvector('{CONFIG}', %s), 'D')")
RANKED = f"""
    SELECT p.id FROM {DOCS} AS d JOIN {POSTS} AS p ON p.id = d.post_id
    WHERE d.post_id = ANY(%s) AND p.status = %s AND p.published_at <= %s
    ORDER BY ts_rank(d.vector, %s::tsquery)
             / (1.0 + extract(epoch FROM %s - p.published_at) / 86400.0 / %s) DESC,
             p.published_at DESC, p.id DESC
    LIMIT %s"""


def tsquery(terms: list[str]) -> str:
    """to_tsquery text from plain words: each a quoted lexeme (terms hold only letters and
    digits, so nothing can close the quote), all required, the last a prefix. PostgreSQL
    normalises each one (stemming, stop words dropped) as websearch_to_tsquery would."""
    lexemes = [f"'{term}'" for term in terms]
    if len(terms[-1]) >= 2:
        lexemes[-1] += ":*"
    return " & ".join(lexemes)


def _text(text: str) -> str:
    """The words of `text` as a query is cut into words (terms.WORD), for PostgreSQL's
    parser: left whole, it reads "$1.2" as the number "1.2" (a search for "1.2 billion"
    asks for "1" and "2", and found nothing) and skips anything shaped like an XML tag
    ("<b>Nova</b>" kept only "Nova")."""
    return " ".join(WORD.findall(text))


def write(docs: dict, remove: list[int]) -> None:
    with connection.cursor() as cursor:
        if remove:
            cursor.execute(f"DELETE FROM {DOCS} WHERE post_id = ANY(%s)", [list(remove)])
        if not docs:
            return
        cursor.executemany(
            f"INSERT INTO {DOCS} (post_id, published_at, vector) "
            f"VALUES (%s, %s, array_to_tsvector(%s::text[]) || {VECTOR}) "
            f"ON CONFLICT (post_id) DO UPDATE SET published_at = EXCLUDED.published_at, "
            f"vector = EXCLUDED.vector",
            [(pk, d.published_at, buckets(d.published_at), _text(d.title),
              _text(f"{d.tags} {d.author}"), _text(d.body)) for pk, d in docs.items()])
        # Words are never removed from the list: one no document holds any longer only
        # widens a prefix search by a word that finds nothing.
        cursor.execute(
            f"INSERT INTO {TERMS} (word) SELECT DISTINCT word FROM {DOCS}, "
            f"unnest(tsvector_to_array(vector)) AS word "
            f"WHERE post_id = ANY(%s) AND word NOT LIKE '~%%' ON CONFLICT DO NOTHING",
            [list(docs)])


def clear() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {DOCS}")
        cursor.execute(f"DELETE FROM {TERMS}")


def optimize() -> None:
    """Statistics for the planner, and the GIN index's pending entries merged in (a search
    reads the whole pending list otherwise)."""
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {DOCS}")
        cursor.execute(f"ANALYZE {TERMS}")
        cursor.execute("SELECT gin_clean_pending_list('search_document_vector_gin')")


def ranked_ids(terms: list[str], now, limit: int, candidates: int) -> list[int]:
    with transaction.atomic(), connection.cursor() as cursor:
        # JIT-compiling a plan costs more than running these queries (set_config(..., true)
        # lasts until the transaction ends).
        cursor.execute("SELECT to_tsquery(%s, %s)::text, set_config('jit', 'off', true)",
                       [CONFIG, tsquery(terms)])
        query = cursor.fetchone()[0]
        if not query:  # nothing but stop words
            return []
        ids = newest(cursor, query, candidates, now)
        if not ids:
            return []
        cursor.execute(RANKED, [ids, Post.Status.PUBLISHED, now, query, now, RECENCY_DAYS,
                                limit])
        return [row[0] for row in cursor.fetchall()]
