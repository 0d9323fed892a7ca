"""One module per database: SQLite FTS5 on the embedded default, PostgreSQL full-text
search elsewhere. Each has the same four functions, and REBUILD_ORDER, the order of
posts a rebuild writes:

    write(docs: dict[post_id, Document], remove: list[post_id])  # upsert and delete rows
    clear()                                                       # empty the index
    optimize()                                                    # after a rebuild
    ranked_ids(terms, now, limit, candidates) -> list[post_id]    # best first

A search matches posts holding every word (the last one as a prefix) and ranks the newest
`candidates` of them (CANDIDATES), all of them when fewer match: a name on one post in ten
matches 100,000 posts of a million, and ranking them all took seconds. Among those,
ranking is relevance divided by (1 + age in days / RECENCY_DAYS): a story weighs half as
much after RECENCY_DAYS, a third after twice that. Ties go to the newer post."""

from importlib import import_module

from django.db import connection

RECENCY_DAYS = 60.0
CANDIDATES = 300  # also the most a results page lists: 25 pages of 12


def backend():
    return import_module(f"{__name__}.{connection.vendor}")
