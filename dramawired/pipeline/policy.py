"""Where settings become policy: the fetch policy and the tools polls share (one HTTP
client, the per-host limits, a bounded pool of page builders), the age limit, and what a
source's settings make of its items (BuildPlan)."""

import concurrent.futures as cf
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings

from dramawired.news.models import Category

from . import building, feedmemo, training
from .article import BuildPlan
from .building import Builder, BuildFunction
from .fetch import FetchPolicy, HostLimiter, make_client
from .page_tree import ExtractRules


def policy_from_settings() -> FetchPolicy:
    conf = settings.DRAMAWIRED_FETCH
    return FetchPolicy(
        timeout=conf["timeout"],
        max_bytes=conf["max_bytes"],
        max_redirects=conf["max_redirects"],
        allow_private=settings.DRAMAWIRED_ALLOW_PRIVATE_NETWORKS,
        allowed_networks=settings.DRAMAWIRED_ALLOWED_NETWORKS,
        user_agent=settings.DRAMAWIRED_USER_AGENT,
    )


def max_age() -> timedelta | None:
    """Feed items older than this are not taken: the age limit, or the retention age (an
    older item would be purged, then come back)."""
    days = min((d for d in (settings.DRAMAWIRED_MAX_AGE_DAYS,
                            settings.DRAMAWIRED_RETENTION_DAYS) if d), default=0)
    return timedelta(days=days) if days else None


def plan_for(source, items=(), known: tuple[str, ...] | None = None) -> BuildPlan:
    """What every item of one poll (or retry, or reprocess) of `source` is built with;
    `items` are the feed's, whose repeated lines are the source's boilerplate; `known`,
    the category names, when the caller has them already."""
    return BuildPlan(
        full_text=source.full_text if source else True,
        rules=tuple(source.category_rule_list) if source else (),
        default=source.default_category.name if source and source.default_category_id
        else "",
        known=known if known is not None else tuple(
            Category.objects.values_list("name", flat=True)),
        boilerplate=feedmemo.boilerplate(items),
        classifier=training.classifier(),
        extract_rules=ExtractRules(source.story_selector.strip(),
                                   tuple(source.drop_selector_list)) if source
        else ExtractRules())


def build_processes() -> int:
    """Processes that build a large poll's articles beside the one that publishes: one
    fewer than the cores, or the DRAMAWIRED_BUILD_PROCESSES setting if there is one (0:
    always in threads)."""
    default = max((os.cpu_count() or 1) - 1, 0)
    return int(getattr(settings, "DRAMAWIRED_BUILD_PROCESSES", default))


class ItemTimeout(TimeoutError):
    """An item's page and article took longer than its budget; the poll goes on."""


@dataclass
class Tools:
    """What polls share: an HTTP client, the per-host limits, a pool of page builders."""

    client: object
    policy: FetchPolicy
    limiter: HostLimiter
    pool: cf.ThreadPoolExecutor
    workers: int
    # Pages are fetched `workers` at a time, but built (extract, sanitize, tag) only as
    # many at a time as there are cores: building is CPU work that threads do not speed
    # up past that, and each build of a large page holds its parsed tree in memory.
    building: threading.Semaphore = field(
        default_factory=lambda: threading.Semaphore(os.cpu_count() or 2))

    def builder(self, build: BuildFunction, plan: BuildPlan, items: int) -> Builder:
        """What builds a poll's `items` articles with `plan` (building.py): this process's
        threads, or for a large poll its build processes."""
        return building.builder(build, plan, items, self.building, build_processes())

    def map(self, build: Callable, items: Iterable, *, budget: float,
            waiting: Callable[[], None] = lambda: None, tick: float = 5.0) -> Iterator:
        """(item, result or exception) for each item, in order, built `workers` at a
        time. At most twice that many are in flight, so a poll of many large pages never
        holds them all in memory at once. `waiting` runs every `tick` seconds while an
        item is pending (the poll renews its claim there); an item still pending after
        `budget` seconds is given up as ItemTimeout (its thread cannot be stopped, but the
        nesting and size caps bound what it can still cost)."""
        pending: deque = deque()
        items = iter(items)

        def refill():
            while len(pending) < 2 * self.workers and (item := next(items, None)) is not None:
                pending.append((item, self.pool.submit(build, item)))

        refill()
        while pending:
            item, job = pending.popleft()
            started = time.monotonic()
            while True:
                try:
                    result = job.result(timeout=tick)
                    break
                except cf.TimeoutError:
                    if time.monotonic() - started > budget:
                        job.cancel()
                        result = ItemTimeout(f"gave up after {budget:g}s")
                        break
                    waiting()
                except Exception as exc:  # the item's own error, handed to the caller
                    result = exc
                    break
            refill()
            yield item, result


# One per process: every poll in a worker respects the same per-host limits and waits.
_LIMITER: HostLimiter | None = None


def reset_host_limits() -> None:
    """Forget every host's "wait N seconds" (tests: one test's 429 never blocks the next)."""
    global _LIMITER
    _LIMITER = None


@contextmanager
def tools():
    global _LIMITER
    if _LIMITER is None:
        _LIMITER = HostLimiter(settings.DRAMAWIRED_FETCH["per_host"])
    policy = policy_from_settings()
    workers = settings.DRAMAWIRED_FETCH["workers"]
    pool = cf.ThreadPoolExecutor(workers)
    try:
        with make_client(policy) as client:
            yield Tools(client, policy, _LIMITER, pool, workers)
    except BaseException:
        # Ctrl-C or an error: queued items are dropped, not waited for.
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
