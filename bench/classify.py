"""The content classifier (pipeline/classify.py), measured without the rest of the pipeline.

    .venv/bin/python bench/classify.py [--bbc DIR] [--labelled FILE.jsonl] [--c 10]

Prints: cross-validated accuracy on the seed set (5 folds: each story predicted by a
classifier that never saw it); on the BBC news set (a folder of CSV files with text and
category, kept outside the repository) the share of off-topic stories (business,
politics, sport, tech) kept out of every category and the share of entertainment stories
filed somewhere; on a labelled set of real articles (JSON lines with title, body and
category, outside the repository) the accuracy with Uncategorized counted wrong for an
entertainment story; training and prediction times; all at several thresholds.
"""

import argparse
import csv
import json
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dramawired.pipeline import classify  # noqa: E402

THRESHOLDS = (0.0, 0.3, 0.35, 0.4, 0.5)
OFF_TOPIC = {"business", "politics", "sport", "tech"}


def cross_validate(examples, folds: int, c: float) -> list[tuple[str | None, list]]:
    """(true label, probabilities) for every example, each from a model without it."""
    order = list(range(len(examples)))
    random.Random(7).shuffle(order)
    out = []
    for k in range(folds):
        held = set(order[k::folds])
        model = classify.train([e for i, e in enumerate(examples) if i not in held], c=c)
        out += [(examples[i].label, model.probabilities(
            classify.document(examples[i].title, examples[i].text))) for i in sorted(held)]
    return out


def accuracy(results, threshold: float) -> float:
    """Right label with enough confidence; an unsure answer on a story that has a
    category counts wrong, on an off-topic one right."""
    right = 0
    for label, probs in results:
        top, p = probs[0]
        guess = top if p >= threshold else None
        right += guess == label
    return right / len(results)


def bbc(model, folder: Path) -> list[tuple[str, list]]:
    rows = []
    for name in ("val.csv", "test.csv", "train.csv"):
        path = folder / name
        if path.exists():
            with path.open(encoding="utf-8") as f:
                rows += [(r["category"], model.probabilities(classify.document("", r["text"])))
                         for r in csv.DictReader(f)]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bbc", type=Path, default=Path("/work/eval/bbc"))
    parser.add_argument("--labelled", type=Path, default=None,
                        help="JSON lines: title, body, category (a name or slug)")
    parser.add_argument("--c", type=float, default=1000.0)
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()

    seed = classify.seed()
    started = time.perf_counter()
    model = classify.train(seed, c=args.c)
    print(f"seed: {len(seed)} examples, {len(model.vocabulary)} features, trained in "
          f"{time.perf_counter() - started:.2f}s, "
          f"{len(json.dumps(model.to_json())) / 1e6:.2f} MB as JSON")

    results = cross_validate(seed, args.folds, args.c)
    print(f"seed cross-validation ({args.folds} folds): " + ", ".join(
        f"t={t}: {accuracy(results, t):.3f}" for t in THRESHOLDS))

    if args.bbc.is_dir():
        rows = bbc(model, args.bbc)
        off = [probs for label, probs in rows if label in OFF_TOPIC]
        ent = [probs for label, probs in rows if label == "entertainment"]
        for t in THRESHOLDS:
            kept_out = sum(p[0][0] is None or p[0][1] < t for p in off) / len(off)
            filed = sum(p[0][0] is not None and p[0][1] >= t for p in ent) / len(ent)
            print(f"BBC t={t}: off-topic kept out {kept_out:.3f} ({len(off)}), "
                  f"entertainment filed {filed:.3f} ({len(ent)})")

    if args.labelled:
        with args.labelled.open(encoding="utf-8") as f:
            rows = [json.loads(line) for line in f if line.strip()]
        slugs = {e.label for e in seed if e.label}
        results = []
        for row in rows:
            want = str(row.get("category") or "").casefold()
            want = want if want in slugs else None  # Uncategorized / off-topic
            results.append((want, model.probabilities(
                classify.document(row["title"], row.get("body") or ""))))
        print(f"labelled {args.labelled.name} ({len(rows)}): " + ", ".join(
            f"t={t}: {accuracy(results, t):.3f}" for t in THRESHOLDS))

    texts = [(e.title, e.text * 8) for e in seed[:200]]
    started = time.perf_counter()
    for title, text in texts:
        model.predict(title, text)
    per = (time.perf_counter() - started) / len(texts)
    words = statistics.mean(len(t.split()) for _, t in texts)
    print(f"prediction: {per * 1e3:.2f} ms per story of ~{words:.0f} words")


if __name__ == "__main__":
    main()
