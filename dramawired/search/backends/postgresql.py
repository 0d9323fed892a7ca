"""PostgreSQL: a tsvector per post in search_searchdocument, GIN-indexed (migration 0001)."""

from django.db import connection

from dramawired.news.models import Post

from ..models import SearchDocument
from . import RECENCY_DAYS

CONFIG = "english"  # stems as SQLite's porter tokenizer does
DOCS = SearchDocument._meta.db_table
POSTS = Post._meta.db_table
VECTOR = (f"setweight(to_tsvector('{CONFIG}', %s), 'A') || "
          f"setweight(to_tsvector('{CONFIG}', %s), 'B') || "
          f"setweight(to_tsvector('{CONFIG}', %s), 'D')")
NO_TAGS = str.maketrans("<>", "  ")


def tsquery(terms: list[str]) -> str:
    """to_tsquery text from plain words: each a quoted lexeme (terms hold only letters and
    digits, so nothing can close the quote), all required, the last a prefix. PostgreSQL
    normalises each one (stemming, stop words dropped) as websearch_to_tsquery would."""
    lexemes = [f"'{term}'" for term in terms]
    if len(terms[-1]) >= 2:
        lexemes[-1] += ":*"
    return " & ".join(lexemes)


def _text(text: str) -> str:
    """PostgreSQL's parser skips anything shaped like an XML tag ("<b>Nova</b>" keeps only
    "Nova"; "<script>alert(1)</script>" yields nothing): a title's words count as words."""
    return text.translate(NO_TAGS)


def write(docs: dict, remove: list[int]) -> None:
    with connection.cursor() as cursor:
        if remove:
            cursor.execute(f"DELETE FROM {DOCS} WHERE post_id = ANY(%s)", [list(remove)])
        cursor.executemany(
            f"INSERT INTO {DOCS} (post_id, vector) VALUES (%s, {VECTOR}) "
            f"ON CONFLICT (post_id) DO UPDATE SET vector = EXCLUDED.vector",
            [(pk, _text(d.title), _text(f"{d.tags} {d.author}"), _text(d.body))
             for pk, d in docs.items()])


def clear() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {DOCS}")


def optimize() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {DOCS}")


def ranked_ids(terms: list[str], now, limit: int) -> list[int]:
    sql = f"""
        SELECT p.id FROM {DOCS} AS d JOIN {POSTS} AS p ON p.id = d.post_id,
             to_tsquery('{CONFIG}', %s) AS q
        WHERE d.vector @@ q AND p.status = %s AND p.published_at <= %s
        ORDER BY ts_rank(d.vector, q)
                 / (1.0 + extract(epoch FROM %s - p.published_at) / 86400.0 / %s) DESC,
                 p.published_at DESC, p.id DESC
        LIMIT %s"""
    with connection.cursor() as cursor:
        cursor.execute(sql, [tsquery(terms), Post.Status.PUBLISHED, now, now, RECENCY_DAYS,
                             limit])
        return [row[0] for row in cursor.fetchall()]
