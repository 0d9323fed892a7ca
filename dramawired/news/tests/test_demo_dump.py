"""The `site` fixture loads the demo from a dump made once per session (conftest.py) instead
of ingesting it in every test: what it loads must be what an ingest makes, row for row,
search index included, or the tests using it would test something else."""

from dramawired.news.models import Author, Category, Post, Syndication, Tag
from dramawired.pipeline.models import FetchedPage
from dramawired.pipeline.run import ingest
from dramawired.search.index import search
from dramawired.sources.models import Source

MODELS = [Post, Syndication, FetchedPage, Source, Category, Tag, Author]
# What differs between any two ingests: the time of the ingest (or of the load), the next
# poll (jittered), and guid_key, a hash of the item's id with its source's id.
PER_INGEST = {"created", "created_at", "updated_at", "fetched_at", "found_at", "last_success",
              "next_attempt", "claimed_until", "claim", "guid_key"}
QUERIES = ["nova", "$640M", "hong kong", "harbor lights", "tour", "zzzzqqq"]


def _key(obj):
    """A row named by its first unique field, not its id: ids depend on the order in which
    an ingest's concurrent page downloads finished."""
    if obj is None:
        return None
    field = next(f for f in obj._meta.concrete_fields if f.unique and not f.primary_key)
    value = getattr(obj, field.name)
    return _key(value) if field.is_relation else value


def _rows(model) -> list[str]:
    rows = []
    for obj in model._base_manager.all():
        row = {f.name: _key(getattr(obj, f.name)) if f.is_relation else getattr(obj, f.name)
               for f in model._meta.concrete_fields
               if not f.primary_key and f.name not in PER_INGEST}
        row.update({f.name: sorted(_key(o) for o in getattr(obj, f.name).all())
                    for f in model._meta.many_to_many})
        rows.append(repr(sorted(row.items())))
    return sorted(rows)


def _state() -> dict:
    # Sorted: posts ranked equal come in id order, and ids differ between two ingests.
    found = {q: sorted(Post.objects.get(pk=pk).slug for pk in search(q)) for q in QUERIES}
    return {"search": found, **{m.__name__: _rows(m) for m in MODELS}}


def test_the_loaded_demo_is_the_ingested_demo(site, request):
    loaded = _state()
    assert len(loaded["Post"]) > 80 and loaded["search"]["nova"]
    for model in (Post, Source, Tag, Author):
        model.objects.all().delete()
    request.getfixturevalue("demo_sources")
    ingest()
    assert _state() == loaded
