"""Indexes for the article page's "You might also like" (views/article.py, related()).

Raw SQL, not AddIndex: the first is on the tags' auto-created link table, which has no
model of its own to hold Meta.indexes; the second would be an odd Meta index on a model
another change is editing. IF NOT EXISTS works on SQLite and PostgreSQL alike. Measured on
bench/serving.py's database at 100,000 posts: the related query 15-20 ms -> 4 ms.
"""

from django.db import migrations

INDEXES = [
    # The links of a few tags, post ids read from the index alone (the unique
    # (post_id, tag_id) index serves the other direction).
    ("news_post_tags_tag_post", "news_post_tags (tag_id, post_id)"),
    # Is a linked post published, and when: answered from the index, not the post's row
    # (rows hold the bodies, so each lookup was a page read).
    ("news_post_id_status_published", "news_post (id, status, published_at)"),
]


class Migration(migrations.Migration):

    dependencies = [
        ("news", "0006_tag_vocabulary_category_by"),
    ]

    operations = [
        migrations.RunSQL(f"CREATE INDEX IF NOT EXISTS {name} ON {table}",
                          f"DROP INDEX IF EXISTS {name}")
        for name, table in INDEXES
    ]
