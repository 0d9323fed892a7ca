"""One module per database: SQLite FTS5 on the embedded default, PostgreSQL full-text
search elsewhere. Each has the same three functions:

    write(docs: dict[post_id, Document], remove: list[post_id])  # upsert and delete rows
    clear()                                                       # empty the index
    ranked_ids(terms, now, limit) -> list[post_id]                # best first

Ranking is relevance divided by (1 + age in days / RECENCY_DAYS): a story weighs half as
much after RECENCY_DAYS, a third after twice that. Ties go to the newer post."""

from importlib import import_module

from django.db import connection

RECENCY_DAYS = 60.0


def backend():
    return import_module(f"{__name__}.{connection.vendor}")
