"""A million posts in minutes on PostgreSQL: bench/corpus.py's stories (the ones
bench/serving.py's seed() writes through the ORM), written with COPY.

Each story's own values are written; every other column (and any a later migration adds)
gets the model's default, prepared once as bulk_create would prepare it.
"""

import hashlib
import time

from corpus import Corpus  # bench/corpus.py, beside this script

CHUNK = 10_000
SAME = (  # the Post fields a Story has under the same name
    "title", "slug", "excerpt", "body", "lead_image", "original_url", "published_at")


def _copy(cursor, model, rows) -> None:
    """COPY rows (dicts by attribute name) into model's table; the primary key is left to
    the database unless the rows give it."""
    from django.db import connection

    fields = [f for f in model._meta.concrete_fields
              if not f.primary_key or f.attname in rows[0]]
    blank = model()
    default = {f.attname: f.get_db_prep_save(f.pre_save(blank, True), connection)
               for f in fields}
    names = [f.attname for f in fields]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with cursor.copy(f"COPY {model._meta.db_table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([row.get(name, default[name]) for name in names])


def seed(total: int) -> None:
    from django.db import connection, transaction
    from django.utils import timezone
    from django.utils.text import slugify

    from dramawired.demo.catalog import OUTLETS
    from dramawired.news.models import Author, Category, Post, Tag
    from dramawired.sources.models import Source

    corpus = Corpus()
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        categories = dict(Category.objects.values_list("name", "pk"))
        sources = {o.slug: Source.objects.create(
            name=o.name, site_url=f"https://{o.slug}.example/",
            feed_url=f"https://{o.slug}.example/feed/").pk for o in OUTLETS}
        authors = [a.pk for a in Author.objects.bulk_create(
            [Author(name=n, slug=slugify(n)) for n in corpus.authors])]
        tags = [t.pk for t in Tag.objects.bulk_create(
            [Tag(name=n, slug=slugify(n)) for n in corpus.tags])]
        posts, links = [], []
        for s in corpus.stories(total, timezone.now()):
            row = {name: getattr(s, name) for name in SAME}
            row.update(id=s.pk, url_key=hashlib.sha256(s.original_url.encode()).hexdigest(),
                       source_id=sources[s.outlet], author_id=authors[s.author],
                       category_id=categories[s.category], fetched_at=s.published_at,
                       view_count=s.views, share_count=s.shares)
            posts.append(row)
            links += [(s.pk, tags[t]) for t in s.tags]
            if len(posts) == CHUNK or s.pk == total:
                _copy(cursor, Post, posts)
                _copy(cursor, Post.tags.through,
                      [{"post_id": p, "tag_id": t} for p, t in links])
                posts, links = [], []
                if s.pk % (CHUNK * 10) == 0:
                    print(f"  {s.pk:,} posts ({time.perf_counter() - started:.0f} s)",
                          flush=True)
        # The posts carry their own ids: move the identity sequence past them.
        cursor.execute(f"SELECT setval(pg_get_serial_sequence('{Post._meta.db_table}', 'id'), "
                       f"{total})")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"{len(tags)} tags, {len(authors)} authors")
