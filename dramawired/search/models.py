"""The search index's tables on PostgreSQL (backends/postgresql.py says how they are used).

On SQLite the FTS5 virtual table `search_fts` (created in migration 0001, see
backends/sqlite.py) is the index and these tables stay empty: the models exist on both so
that one migration history serves both back ends and `flush` empties them on PostgreSQL."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchDocument(models.Model):
    """A published post's words. Written by dramawired.search.index on every change to the
    post, its tags or its author."""

    post = models.OneToOneField("news.Post", primary_key=True, on_delete=models.CASCADE,
                                related_name="search_document")
    # Weighted, with positions (title A, tags and author B, body D), and on PostgreSQL the
    # lexemes that place the post in time (backends/pg_newest.py's buckets()).
    vector = SearchVectorField(null=True)
    published_at = models.DateTimeField(null=True)  # the post's, to find the newest matches

    class Meta:
        indexes = [models.Index(fields=["published_at", "post"], name="search_doc_newest")]

    def __str__(self) -> str:
        return f"search document of post {self.post_id}"


class SearchTerm(models.Model):
    """Every lexeme the index holds, to turn a prefix into the words it starts."""

    word = models.TextField(primary_key=True)

    def __str__(self) -> str:
        return self.word
