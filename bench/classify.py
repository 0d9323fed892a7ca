"""The content classifier (pipeline/classify.py), measured without the rest of the pipeline.

    .venv/bin/python bench/classify.py [--bbc DIR] [--labelled FILE.jsonl ...] [--c 10]

Prints: cross-validated accuracy on the seed set (5 folds: each story predicted by a
classifier that never saw it); on the BBC news set (a folder of CSV files with text and
category, kept outside the repository) the share of off-topic stories (business,
politics, sport, tech) kept out of every category and the share of entertainment stories
filed somewhere; on a labelled set of real articles (JSON lines with title, body and
category, outside the repository) the accuracy with Uncategorized counted wrong for an
entertainment story (and on its headline items alone); training and prediction times;
all under several decision rules (classify.decide's threshold and margin).
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

from dramawired.pipeline import classify, gazetteer  # noqa: E402

# (threshold, margin) pairs for classify.decide; the first is the one in use.
RULES = ((classify.CONFIDENT, classify.MARGIN), (0.35, 0.0), (0.25, 1.0), (0.25, 2.0),
         (0.35, 1.5))
OFF_TOPIC = {"business", "politics", "sport", "tech"}


def cross_validate(examples, folds: int, c: float, names=(), boost: float = 0.0
                   ) -> list[tuple[str | None, list]]:
    """(true label, probabilities) for every example, each from a model without it."""
    order = list(range(len(examples)))
    random.Random(7).shuffle(order)
    out = []
    for k in range(folds):
        held = set(order[k::folds])
        model = classify.train([e for i, e in enumerate(examples) if i not in held],
                               names, c=c, boost=boost)
        out += [(examples[i].label, model.probabilities(
            classify.document(examples[i].title, examples[i].text))) for i in sorted(held)]
    return out


def accuracy(results, rule: tuple[float, float]) -> float:
    """Right label by classify.decide; an unsure answer on a story that has a category
    counts wrong, on an off-topic one right."""
    return sum(classify.decide(probs, *rule) == label for label, probs in results) / len(results)


def show(rule: tuple[float, float]) -> str:
    return f"t={rule[0]}/m={rule[1]}"


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
    parser.add_argument("--labelled", type=Path, action="append", default=[],
                        help="JSON lines: title, body, category (a name or slug); "
                             "may be given more than once")
    parser.add_argument("--c", type=float, default=1000.0)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--boost", type=float, default=classify.NAME_BOOST,
                        help="log-odds a names-table name adds (0: leave the table out)")
    args = parser.parse_args()

    names = gazetteer.entries() if args.boost else []
    seed = classify.seed()
    started = time.perf_counter()
    model = classify.train(seed, names, c=args.c, boost=args.boost)
    print(f"seed: {len(seed)} examples and {len(names)} names, "
          f"{len(model.vocabulary)} features, trained in "
          f"{time.perf_counter() - started:.2f}s, "
          f"{len(json.dumps(model.to_json())) / 1e6:.2f} MB as JSON")

    results = cross_validate(seed, args.folds, args.c, names, args.boost)
    print(f"seed cross-validation ({args.folds} folds): " + ", ".join(
        f"{show(r)}: {accuracy(results, r):.3f}" for r in RULES))

    if args.bbc.is_dir():
        rows = bbc(model, args.bbc)
        off = [probs for label, probs in rows if label in OFF_TOPIC]
        ent = [probs for label, probs in rows if label == "entertainment"]
        for r in RULES:
            kept_out = sum(classify.decide(p, *r) is None for p in off) / len(off)
            filed = sum(classify.decide(p, *r) is not None for p in ent) / len(ent)
            print(f"BBC {show(r)}: off-topic kept out {kept_out:.3f} ({len(off)}), "
                  f"entertainment filed {filed:.3f} ({len(ent)})")

    for labelled in args.labelled:
        with labelled.open(encoding="utf-8") as f:
            rows = [json.loads(line) for line in f if line.strip()]
        slugs = {e.label for e in seed if e.label}
        results = []
        for row in rows:
            want = str(row.get("category") or "").casefold()
            want = want if want in slugs else None  # Uncategorized / off-topic
            results.append((want, model.probabilities(
                classify.document(row["title"], row.get("body") or ""))))
        print(f"labelled {labelled.name} ({len(rows)}): " + ", ".join(
            f"{show(r)}: {accuracy(results, r):.3f}" for r in RULES))
        # Headline(+summary) items, as most feeds carry them (full_text false).
        short = [res for res, row in zip(results, rows, strict=True)
                 if row.get("full_text") is False]
        if short:
            print(f"  headline items ({len(short)}): " + ", ".join(
                f"{show(r)}: {accuracy(short, r):.3f}" for r in RULES))

    texts = [(e.title, e.text * 8) for e in seed[:200]]
    started = time.perf_counter()
    for title, text in texts:
        model.predict(title, text)
    per = (time.perf_counter() - started) / len(texts)
    words = statistics.mean(len(t.split()) for _, t in texts)
    print(f"prediction: {per * 1e3:.2f} ms per story of ~{words:.0f} words")


if __name__ == "__main__":
    main()
