"""What the content classifier learns from, and where the trained one is kept.

It learns from the project's seed set and names table (classify.SEED, gazetteer.TABLE:
keyed by category slug, so a renamed category keeps its examples), each category's name and
description, the posts whose category an editor set or confirmed (a post an editor filed
under Uncategorized teaches "none of these"), and, at half weight, the posts a publisher's
own feed category or a source rule filed. The newest TrainedClassifier row is the one in
use: each process keeps it in memory and loads it again only when a newer row appears,
which costs a one-row query per poll. A fresh site trains from the seed at first use
(3-7 s on two busy cores, for the 4,364-story seed).
"""

import hashlib
import json
import logging
import threading
from dataclasses import replace

from dramawired.news.models import Category, Post

from . import classify, gazetteer
from .article import plain
from .models import TrainedClassifier

log = logging.getLogger("dramawired.pipeline")

UNCATEGORIZED = "uncategorized"  # the slug of the category that means "none"
# A category's own name and description weigh as much as this many stories.
DESCRIPTION_WEIGHT = 3.0
# The newest editor-filed posts learnt from: bounds training time and memory.
EDITOR_POSTS = 5000
# Posts a publisher filed (its feed's category or a source rule named one of ours) teach
# the names of its beat ("Taylor Swift" is Music) at half an editor's weight. Posts the
# classifier filed itself never teach it: it would learn its own mistakes.
PUBLISHER_POSTS, PUBLISHER_WEIGHT = 5000, 0.5
KEEP = 3  # rows kept: the one in use and the two before it

_lock = threading.Lock()
# (row id and digest, classifier): a database that reuses the id of a deleted row
# (SQLite, a test's rolled-back transaction) still gets the row's own classifier.
_loaded: tuple[tuple[int, str], classify.Classifier] | None = None
_fitted: tuple[str, dict] | None = None  # (digest, weights) of this process's last fit


def examples() -> list[classify.Example]:
    """Everything the classifier learns from, labelled by category id (None: none of
    the site's categories). Seed examples of a category the site no longer has are left
    out."""
    categories = list(Category.objects.exclude(slug=UNCATEGORIZED))
    by_slug = {c.slug: c.pk for c in categories}
    found = [replace(e, label=by_slug.get(e.label)) for e in classify.seed()
             if e.label is None or e.label in by_slug]
    found += [classify.Example(c.name, c.description, c.pk, DESCRIPTION_WEIGHT)
              for c in categories]
    known = set(by_slug.values())
    for filed_by, limit, weight in (
            ([Post.FiledBy.EDITOR], EDITOR_POSTS, 1.0),
            ([Post.FiledBy.FEED, Post.FiledBy.RULE], PUBLISHER_POSTS, PUBLISHER_WEIGHT)):
        posts = (Post.objects.filter(category_by__in=filed_by).order_by("-pk")
                 .values_list("title", "body", "category_id")[:limit])
        found += [classify.Example(title, plain(body), category if category in known
                                   else None, weight) for title, body, category in posts]
    return found


def names() -> list[tuple[str, int]]:
    """The names table, each name labelled by its category's id (names of a category
    the site no longer has left out)."""
    by_slug = dict(Category.objects.exclude(slug=UNCATEGORIZED).values_list("slug", "pk"))
    return [(name, by_slug[slug]) for name, slug in gazetteer.entries() if slug in by_slug]


def _digest(found: list[classify.Example], table: list[tuple[str, int]]) -> str:
    data = json.dumps([classify.FORMAT, table] + [[e.title, e.text, e.label, e.weight]
                                                 for e in found], ensure_ascii=False)
    return hashlib.sha256(data.encode()).hexdigest()


def _summary(found: list[classify.Example]) -> str:
    names = dict(Category.objects.values_list("pk", "name"))
    counts: dict[str, int] = {}
    for e in found:
        name = names.get(e.label, "(none of these)")
        counts[name] = counts.get(name, 0) + 1
    return ", ".join(f"{name}: {n}" for name, n in sorted(counts.items()))


def retrain(*, force: bool = False) -> TrainedClassifier | None:
    """Train on what there is to learn from now and store the result, unless the newest
    stored classifier learnt from exactly that (or `force`). None when there is not
    enough to learn from (fewer than two kinds of example)."""
    global _fitted
    found, table = examples(), names()
    digest = _digest(found, table)
    latest = TrainedClassifier.objects.defer("weights").first()
    if latest is not None and latest.digest == digest and not force:
        return latest
    if _fitted is None or _fitted[0] != digest:  # tests' fresh databases share one fit
        try:
            _fitted = (digest, classify.train(found, table).to_json())
        except ValueError as exc:
            log.warning("classifier not trained: %s", exc)
            return None
    row = TrainedClassifier.objects.create(weights=_fitted[1], digest=digest,
                                           summary=_summary(found))
    old = TrainedClassifier.objects.values_list("pk", flat=True)[KEEP:]
    TrainedClassifier.objects.filter(pk__in=list(old)).delete()
    log.info("classifier trained examples=%d features=%d", len(found),
             len(_fitted[1]["terms"]))
    return row


def current() -> classify.Classifier | None:
    """The classifier in use, labelled by category id; trained first on a fresh site."""
    global _loaded
    key = TrainedClassifier.objects.values_list("pk", "digest").first()
    with _lock:
        if key is not None and _loaded is not None and _loaded[0] == key:
            return _loaded[1]
        row = TrainedClassifier.objects.filter(pk=key[0]).first() if key else retrain()
        if row is None:
            return None
        try:
            model = classify.Classifier.from_json(row.weights)
        except ValueError as exc:  # an older format, or a damaged row: learn again
            log.warning("stored classifier %d unusable (%s); retraining", row.pk, exc)
            row = retrain(force=True)
            if row is None:
                return None
            model = classify.Classifier.from_json(row.weights)
        _loaded = ((row.pk, row.digest), model)
        return model


def classifier() -> classify.Classifier | None:
    """The classifier in use, labelled by the categories' names as they stand now."""
    model = current()
    if model is None:
        return None
    return model.relabel(dict(Category.objects.exclude(slug=UNCATEGORIZED)
                              .values_list("pk", "name")))
