"""Shop the story: up to three products an article names (the star, the show, the film),
matched on the article's tags and title against each product's story names and brand.

An article is drawn once per generation and kept (news/generations.py), and its page's
queries are counted: the block must cost none. So the products' names and what the block
shows are kept in the cache as one small index, written when products change (after the
change commits, once per import) and by the worker; an article reads it with one cache
get. A writing that changes what the index holds moves the layout's generation, so kept
articles are drawn again with it. If the index is missing (a cache flushed or evicted),
articles show no block and the worker is asked to write it again."""

import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from huey.contrib.djhuey import db_task

from dramawired.news.generations import bump_layout

from .money import format_money

INDEX_KEY = "shop:story-index:v1"
ASKED_KEY = "shop:story-index:asked"
SHOWN = 3


@dataclass(frozen=True)
class Entry:
    names: tuple[str, ...]  # lower case
    title: str
    url: str
    price: str
    image: str
    merchant: str  # affiliate products: who sells it
    in_stock: bool


def _names(product) -> tuple[str, ...]:
    names = [n.strip().lower() for n in product.story_names.split(",")]
    if product.brand_id:
        names.append(product.brand.name.strip().lower())
    return tuple(dict.fromkeys(n for n in names if len(n) >= 3))


def build() -> list[Entry]:
    from .models import Product

    products = (Product.objects.visible().select_related("brand").prefetch_related("images")
                .exclude(story_names="", brand__isnull=True).order_by("-in_stock", "-id"))
    return [Entry(names, p.title, p.get_absolute_url(), format_money(p.price, p.currency),
                  next((i.url for i in p.images.all()), ""),
                  p.merchant or "a partner" if p.is_affiliate else "", p.in_stock)
            for p in products if (names := _names(p))]


def write() -> None:
    index = build()
    if cache.get(INDEX_KEY) != index:
        cache.set(INDEX_KEY, index, None)
        bump_layout()  # kept articles are drawn again with the new block


_batch = threading.local()


@contextmanager
def batched():
    """Changes inside write the index once, at the end (an import of many products)."""
    if getattr(_batch, "on", False):
        yield
        return
    _batch.on, _batch.dirty = True, False
    try:
        yield
    finally:
        dirty = _batch.dirty
        _batch.on = _batch.dirty = False
        if dirty:
            changed()


def changed() -> None:
    """A product changed: the index is written again once the change is committed."""
    if getattr(_batch, "on", False):
        _batch.dirty = True
        return
    transaction.on_commit(write)


@db_task()
def rewrite_index():
    write()


def _ask_worker() -> None:
    if cache.add(ASKED_KEY, 1, 60):
        try:
            rewrite_index()
        except Exception:  # the queue is down: articles go on without the block
            cache.delete(ASKED_KEY)


def _mentions(title: str, name: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", title) is not None


def matching(title: str, tag_names: list[str]) -> list[Entry]:
    """The products an article with this title and these tags names, best first."""
    index = cache.get(INDEX_KEY)
    if index is None:
        _ask_worker()
        return []
    tags = {t.lower() for t in tag_names}
    title = title.lower()
    scored = []
    for n, entry in enumerate(index):
        score = sum(2 if name in tags else 1 for name in entry.names
                    if name in tags or _mentions(title, name))
        if score:
            scored.append((-score, not entry.in_stock, n, entry))
    return [entry for *_, entry in sorted(scored)[:SHOWN]]
