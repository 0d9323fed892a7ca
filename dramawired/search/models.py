"""The search index's rows on PostgreSQL.

On SQLite the FTS5 virtual table `search_fts` (created in migration 0001, see
backends/sqlite.py) is the index and this table stays empty: the model exists on both so
that one migration history serves both back ends and `flush` empties it on PostgreSQL."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchDocument(models.Model):
    """A published post's words, weighted: title A, tags and author B, body D. Written by
    dramawired.search.index on every change to the post, its tags or its author."""

    post = models.OneToOneField("news.Post", primary_key=True, on_delete=models.CASCADE,
                                related_name="search_document")
    vector = SearchVectorField(null=True)

    def __str__(self) -> str:
        return f"search document of post {self.post_id}"
