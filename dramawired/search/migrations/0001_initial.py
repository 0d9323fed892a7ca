import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

from dramawired.search.vendor_sql import VendorSQL


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("news", "0004_archive_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                ("post", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE,
                                              primary_key=True, related_name="search_document",
                                              serialize=False, to="news.post")),
                ("vector", django.contrib.postgres.search.SearchVectorField(null=True)),
            ],
        ),
        # The SQLite index. Not contentless: deleting from a contentless table needs the old
        # text (contentless_delete=1 needs SQLite 3.43; Debian 12 ships 3.40). porter stems
        # like PostgreSQL's 'english'; prefix indexes make live (prefix) queries cheap.
        VendorSQL(
            "sqlite",
            "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, tags, author, "
            "tokenize='porter unicode61 remove_diacritics 2', prefix='2 3')",
            "DROP TABLE search_fts",
        ),
        VendorSQL(
            "postgresql",
            "CREATE INDEX search_document_vector_gin ON search_searchdocument USING gin (vector)",
            "DROP INDEX search_document_vector_gin",
        ),
    ]
