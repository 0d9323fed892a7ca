"""The embedded default's file cache: add() has exactly one winner when several processes
add the same key at once (the once-per-reader counters rely on it)."""

import multiprocessing

from dramawired.filecache import FileCache


def _race(folder: str, key: str, start, results) -> None:
    cache = FileCache(folder, {})
    start.wait()
    results.put(cache.add(key, 1, 60))


def test_add_has_one_winner_across_processes(tmp_path):
    ctx = multiprocessing.get_context("fork")
    for round_ in range(15):
        start, results = ctx.Barrier(6), ctx.Queue()
        procs = [ctx.Process(target=_race, args=(str(tmp_path), f"k{round_}", start, results))
                 for _ in range(6)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(30)
        assert sorted(results.get(timeout=5) for _ in procs) == [False] * 5 + [True]


def test_add_keeps_the_usual_meaning(tmp_path):
    cache = FileCache(str(tmp_path), {})
    assert cache.add("a", 1, 60) and not cache.add("a", 2, 60) and cache.get("a") == 1
    assert cache.add("b", 1, None) and cache.get("b") == 1  # None: never expires
    cache.set("c", 1, -1)  # already expired: may be added again
    assert cache.add("c", 3, 60) and cache.get("c") == 3
