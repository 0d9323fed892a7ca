"""The Zyte (Scrapinghub) article-extraction-benchmark's metric, reimplemented faithfully
from its evaluate.py (github.com/scrapinghub/article-extraction-benchmark): the same
tokens, 4-gram shingles, per-page normalisation, means over pages and bootstrap."""

import random
import re
import statistics
from collections import Counter

_TOKEN = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)
NGRAM = 4


def _shingles(text: str) -> Counter:
    tokens = _TOKEN.findall(text or "")
    # As there: a text shorter than NGRAM tokens is one shingle, an empty one none.
    return Counter(s for i in range(max(1, len(tokens) - NGRAM + 1))
                   if (s := tuple(tokens[i: i + NGRAM])))


def shingle_matching(true: str, pred: str) -> tuple[float, float, float]:
    """(tp, fp, fn) over shingles, normalised to sum to 1 so long pages weigh no more."""
    want, got = _shingles(true), _shingles(pred)
    tp = fp = fn = 0.0
    for key in want.keys() | got.keys():
        t, p = want.get(key, 0), got.get(key, 0)
        tp += min(t, p)
        fp += max(0, p - t)
        fn += max(0, t - p)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (tp, fp, fn)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def page_f1(counts: tuple[float, float, float]) -> float:
    p, r = _precision(*counts), _recall(*counts)
    return 2 * p * r / (p + r) if p + r else 0.0


def metrics(pages: list[tuple[float, float, float]]) -> dict[str, float]:
    precision = statistics.mean([_precision(*c) for c in pages if c[0] + c[1] > 0])
    recall = statistics.mean([_recall(*c) for c in pages if c[0] + c[2] > 0])
    return {"f1": 2 * precision * recall / (precision + recall), "precision": precision,
            "recall": recall}


def bootstrap_difference(ours: list, other: list, n: int = 1000,
                         seed: int = 0) -> dict[str, tuple[float, float]]:
    """Mean and standard deviation of (ours minus other) over resampled page sets, as the
    benchmark's --bootstrap-differences does (seeded here, so runs repeat)."""
    rng, diffs = random.Random(seed), {}
    for _ in range(n):
        picks = [rng.randint(0, len(ours) - 1) for _ in ours]
        a, b = metrics([ours[i] for i in picks]), metrics([other[i] for i in picks])
        for key in a:
            diffs.setdefault(key, []).append(a[key] - b[key])
    return {k: (statistics.mean(v), statistics.stdev(v)) for k, v in diffs.items()}
