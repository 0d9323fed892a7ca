"""Where a poll's articles are built: in the thread that fetched the page, or, for a poll
of many items, in another process, so that the poll uses a second core.

Building (extract, sanitize, categorize, tag, fingerprint) is CPU work in Python: in
threads it takes turns, under one lock, with the one thread that publishes, which after
each query waits for the lock again. In a process of its own it runs beside publishing,
on another core. A build is a function of its arguments alone (no database, no
settings), so an article is the same wherever it was built (bench/bigfeed.py --dump).

The processes are started once per process that polls (starting one takes a few
seconds: Django, trafilatura, the word lists) and kept; a poll's BuildPlan (~4 MB with
its classifier) is sent to each once, the first time that process builds for that poll.
"""

import concurrent.futures as cf
import logging
import multiprocessing
import os
import pickle
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace

from .article import BuildPlan
from .items import Article, FeedItem, Keys

log = logging.getLogger("dramawired.pipeline")

# A poll with fewer items to build builds them in its threads: the plan's trip to another
# process (~30 ms) and the first start of one are not worth it for a few items.
MIN_ITEMS = 50
KEEP_PLANS = 4  # plans a build process keeps: the polls of a few sources at once

# (item, keys, page html or None, page url, page error, plan) -> Article
BuildFunction = Callable[[FeedItem, Keys, str | None, str, str, BuildPlan], Article]


class Builder:
    """Builds the articles of one poll with its plan, where this process chose."""

    def __init__(self, build: BuildFunction, plan: BuildPlan, pool: cf.Executor | None,
                 building: threading.Semaphore):
        self.plan, self._build, self._pool, self._building = plan, build, pool, building
        self._key = uuid.uuid4().hex
        self._plan_bytes: bytes | None = None
        self._lock = threading.Lock()

    @property
    def remote(self) -> bool:
        return self._pool is not None

    def __call__(self, item: FeedItem, keys: Keys, page_html: str | None, page_url: str,
                 page_error: str = "") -> Article:
        if self._pool is not None:
            try:
                return self._remote(item, keys, page_html, page_url, page_error)
            except BrokenProcessPool:  # a build process died (killed, out of memory)
                log.warning("build process lost; building in this process instead")
                _discard(self._pool)
                self._pool = None
        with self._building:
            return self._build(item, keys, page_html, page_url, page_error, self.plan)

    def _remote(self, item, keys, page_html, page_url, page_error) -> Article:
        args = (item, keys, page_html, page_url, page_error)
        try:
            found, kept_page = self._pool.submit(_build_there, self._build, self._key,
                                                 None, args).result()
        except _NoPlan:  # that process has not built for this poll yet
            found, kept_page = self._pool.submit(_build_there, self._build, self._key,
                                                 self._pickled_plan(), args).result()
        # The item and the page went there and back: the article gets this side's own.
        return replace(found, item=item, page_html=page_html if kept_page else None)

    def _pickled_plan(self) -> bytes:
        with self._lock:
            if self._plan_bytes is None:
                self._plan_bytes = pickle.dumps(self.plan, protocol=pickle.HIGHEST_PROTOCOL)
            return self._plan_bytes


def builder(build: BuildFunction, plan: BuildPlan, items: int,
            building: threading.Semaphore, processes: int) -> Builder:
    """A builder for a poll of `items` items: in `processes` other processes when there
    are that many (0: never) and enough items to be worth it."""
    pool = _shared_pool(processes) if processes > 0 and items >= MIN_ITEMS else None
    return Builder(build, plan, pool, building)


# This process's build processes, started at the first large poll and kept.
_POOL: cf.ProcessPoolExecutor | None = None
_POOL_LOCK = threading.Lock()


def _shared_pool(processes: int) -> cf.ProcessPoolExecutor:
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            # forkserver: a clean process forks each worker (never this one, whose other
            # threads may hold locks), with Django and the stages imported once.
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload([__name__])
            _POOL = cf.ProcessPoolExecutor(processes, mp_context=context,
                                           initializer=_start)
        return _POOL


def _discard(pool: cf.Executor) -> None:
    global _POOL
    with _POOL_LOCK:
        if _POOL is pool:
            _POOL = None
    pool.shutdown(wait=False, cancel_futures=True)


def process_ids() -> list[int]:
    """The build processes of this process (benches read their CPU time)."""
    pool = _POOL
    return list(getattr(pool, "_processes", None) or ()) if pool is not None else []


def shutdown() -> None:
    """Stop this process's build processes (tests; a worker stopping)."""
    if _POOL is not None:
        _discard(_POOL)


# In a build process: the plans of the polls it built for, newest last.
_PLANS: OrderedDict[str, BuildPlan] = OrderedDict()


class _NoPlan(Exception):
    """This build process has not been sent the poll's plan."""


def _start() -> None:
    """A build process's start: Django set up (the stages' modules are the pipeline app's),
    with the parent's settings (DJANGO_SETTINGS_MODULE and the environment are
    inherited). No database is opened."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dramawired.settings.base")
    django.setup()


def _build_there(build: BuildFunction, key: str, plan_bytes: bytes | None,
                 args: tuple) -> tuple[Article, bool]:
    """Run in a build process: the article, without the item and page it was sent (the
    poll has them), and whether the article keeps that page."""
    plan = _PLANS.get(key)
    if plan is None:
        if plan_bytes is None:
            raise _NoPlan(key)
        plan = _PLANS[key] = pickle.loads(plan_bytes)
        while len(_PLANS) > KEEP_PLANS:
            _PLANS.popitem(last=False)
    found = build(*args, plan)
    return replace(found, item=None, page_html=None), found.page_html is not None
