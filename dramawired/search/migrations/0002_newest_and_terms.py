"""Search at a million posts (backends/pg_newest.py): each document keeps its post's date,
its vector holds the day, week and four weeks it was published in, and stays inside its
row; search_searchterm lists the lexemes for prefix searches. Existing documents are filled
in here; `dramawired search-reindex` also lays the table out oldest first, which makes
walking it newest first cheaper."""

from django.db import migrations, models

from dramawired.search.vendor_sql import VendorSQL


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchTerm",
            fields=[("word", models.TextField(primary_key=True, serialize=False))],
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="published_at",
            field=models.DateTimeField(null=True),
        ),
        migrations.AddIndex(
            model_name="searchdocument",
            index=models.Index(fields=["published_at", "post"], name="search_doc_newest"),
        ),
        VendorSQL(
            "postgresql",
            [
                # Rows up to 8 kB keep their vector inline and uncompressed (past 2 kB it
                # went to TOAST storage): walking and ranking then read no TOAST.
                "ALTER TABLE search_searchdocument SET (toast_tuple_target = 8160)",
                "ALTER TABLE search_searchdocument ALTER COLUMN vector SET STORAGE MAIN",
                "DROP INDEX search_document_vector_gin",
                # The lexemes of backends/pg_newest.py's buckets(): day, week, four weeks.
                "UPDATE search_searchdocument AS d SET published_at = p.published_at, "
                "vector = d.vector || array_to_tsvector(ARRAY["
                "'~d' || b.day, '~w' || floor(b.day / 7.0)::bigint, "
                "'~b' || floor(b.day / 28.0)::bigint]) "
                "FROM news_post AS p, LATERAL (SELECT floor(extract(epoch FROM "
                "p.published_at) / 86400)::bigint AS day) AS b WHERE p.id = d.post_id",
                "CREATE INDEX search_document_vector_gin ON search_searchdocument "
                "USING gin (vector)",
                "INSERT INTO search_searchterm (word) SELECT word "
                "FROM ts_stat('SELECT vector FROM search_searchdocument') "
                "WHERE word NOT LIKE '~%'",
            ],
            migrations.RunSQL.noop,
        ),
    ]
