"""Extraction quality on two public benchmarks of real pages: our extract stage against bare
trafilatura.

    .venv/bin/python bench/extraction.py [/work/eval/trafilatura] [--zyte /work/eval/zyte]
        [--verbose] [--jobs 2]

trafilatura's evaluation set: an export of trafilatura's repository `tests/` (evaldata.json,
eval/, cache/, eval_common.py). From a bare clone DIR of that repository:

    git --git-dir=DIR archive HEAD tests/eval tests/cache tests/evaldata.json \
        tests/eval_common.py | tar x --strip-components=1 -C /work/eval/trafilatura

Scored with trafilatura's own `eval_common.py`, imported from that folder (per page, each
"with" snippet found in the text is a true positive, each "without" snippet found a false
positive, after whitespace normalisation; counts summed over the set).

The Zyte (Scrapinghub) article-extraction-benchmark: its html/*.html.gz and
ground-truth.json (each page's articleBody), exported the same way from
github.com/scrapinghub/article-extraction-benchmark (`archive HEAD html ground-truth.json`,
no strip). Scored with that benchmark's metric, reimplemented here from its evaluate.py
(bench/zyte_metric.py): per page, counts of word 4-grams ("shingles" of \\w+ tokens) in
common with the true body, normalised by the page's total; precision and recall are the
means over pages (a page with no text counts for recall, not precision). Pages are read
as its run_trafilatura.py reads them (gzip, UTF-8 text).

Both sets stay outside this repository: the pages are other people's text.

"ours" is what a post gets: `extract_article` with an empty feed item (so the page is used),
then `sanitize_html`, then plain text. Our body leaves the headline out (the post shows it
above the story), so a page whose "with" snippets include its headline costs ours recall.
"bare" is `trafilatura.extract(page, include_comments=False)`. A page either side cannot
use counts as empty. Seconds are CPU seconds of the extraction alone, summed over pages.
"""

import argparse
import concurrent.futures as cf
import gzip
import html
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import zyte_metric  # noqa: E402  (beside this script)

NAMES = ("ours", "bare")


def _ours(page: bytes | str, url: str) -> str | None:
    from dramawired.pipeline.article import plain
    from dramawired.pipeline.extract import ExtractError, extract_article
    from dramawired.pipeline.fetch import decode_html
    from dramawired.pipeline.items import FeedItem
    from dramawired.pipeline.sanitize import sanitize_html

    text = page if isinstance(page, str) else decode_html(page)
    try:
        found = extract_article(text, url, FeedItem(guid=url, url=url, title=""))
    except ExtractError:
        return None
    return plain(sanitize_html(found.body_html, url)) or None


def _bare(page: bytes | str, url: str) -> str | None:
    import trafilatura

    return trafilatura.extract(page, include_comments=False)


RUNNERS = {"ours": _ours, "bare": _bare}


def _timed(fn, page, url):
    start = time.process_time()
    try:
        result, error = fn(page, url), ""
    except Exception as exc:  # a crash counts as an empty page, as eval_common does
        result, error = None, repr(exc)
    return result, time.process_time() - start, error


def _score_traf(job: tuple[str, str, dict]) -> tuple[str, dict]:
    here, url, item = job
    import eval_common

    page = eval_common.read_document(here, item["file"])
    out = {}
    for name in NAMES:
        result, seconds, error = _timed(RUNNERS[name], page, url)
        out[name] = (eval_common.count_item(item, result), not (result or "").strip(), seconds,
                     error)
    return url, out


def _score_zyte(job: tuple[str, str, str]) -> tuple[str, dict]:
    path, url, truth = job
    with gzip.open(path, "rt", encoding="utf8") as f:
        page = f.read()
    out = {}
    for name in NAMES:
        result, seconds, error = _timed(RUNNERS[name], page, url)
        out[name] = (zyte_metric.shingle_matching(truth, result or ""),
                     not (result or "").strip(), seconds, error)
    return url, out


def _init(here: str) -> None:
    if here:
        sys.path.insert(0, here)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dramawired.settings.test")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", help="export of trafilatura's tests/")
    parser.add_argument("--zyte", help="export of the Zyte article-extraction-benchmark")
    parser.add_argument("--verbose", action="store_true", help="list the pages ours loses")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--limit", type=int, default=0, help="score only the first N pages")
    args = parser.parse_args()
    if not args.folder and not args.zyte:
        parser.error("give trafilatura's folder, --zyte DIR, or both")
    if args.folder:
        _trafilatura_set(os.path.abspath(args.folder), args)
    if args.zyte:
        _zyte_set(Path(args.zyte), args)


def _run(score, jobs: list, here: str, workers: int) -> dict:
    with cf.ProcessPoolExecutor(workers, initializer=_init, initargs=(here,)) as pool:
        return dict(pool.map(score, jobs, chunksize=4))


def _trafilatura_set(here: str, args) -> None:
    _init(here)
    import eval_common

    evaldata = eval_common.load_evaldata(here)
    urls = sorted(evaldata)[: args.limit or None]
    results = _run(_score_traf, [(here, u, evaldata[u]) for u in urls], here, args.jobs)
    print(f"trafilatura's evaluation set: {len(urls)} pages")
    _print_traf(eval_common, urls, results)
    kinds: dict[str, list[str]] = {}
    for url in urls:
        kinds.setdefault(_kind(url, evaldata[url]), []).append(url)
    for kind, members in sorted(kinds.items()):
        print(f"\n{kind}: {len(members)} pages")
        _print_traf(eval_common, members, results)
    _print_errors(urls, results)
    if args.verbose:
        _print_losses(urls, results, lambda c: c[0] - c[1], "tp-fp; ours/bare tp,fp,fn,tn")


def _zyte_set(folder: Path, args) -> None:
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf8"))
    keys = sorted(truth)[: args.limit or None]
    jobs = [(str(folder / "html" / f"{k}.html.gz"), truth[k]["url"],
             truth[k].get("articleBody", "")) for k in keys]
    results = _run(_score_zyte, jobs, "", args.jobs)
    urls = [truth[k]["url"] for k in keys]
    print(f"\nZyte article-extraction-benchmark: {len(urls)} pages")
    print(f"{'':6} {'precision':>9} {'recall':>7} {'f1':>6} {'empty':>5} {'seconds':>7}")
    for name in NAMES:
        counts = [results[u][name][0] for u in urls]
        m = zyte_metric.metrics(counts)
        print(f"{name:6} {m['precision']:9.4f} {m['recall']:7.4f} {m['f1']:6.4f} "
              f"{_empty(urls, results, name):5d} {_seconds(urls, results, name):7.1f}")
    diff = zyte_metric.bootstrap_difference([results[u]["ours"][0] for u in urls],
                                            [results[u]["bare"][0] for u in urls])
    print("ours minus bare (bootstrap, 1000 resamples): " + ", ".join(
        f"{k} {mean:+.4f} ± {std:.4f}" for k, (mean, std) in diff.items()))
    _print_errors(urls, results)
    if args.verbose:
        _print_losses(urls, results, zyte_metric.page_f1, "page F1; ours/bare tp,fp,fn")


def _kind(url: str, item: dict) -> str:
    """The kinds of page the set tells apart: its "hard" pages (picked as hard for
    extractors), and the others by the region the annotators gave."""
    if url.startswith("hard::"):
        return "hard pages"
    region = item.get("region") or ""
    if region in ("DE", "AT", "CH"):
        return "German-language region"
    return "other regions" if region else "no region given"


def _empty(urls: list[str], results: dict, name: str) -> int:
    return sum(results[u][name][1] for u in urls)


def _seconds(urls: list[str], results: dict, name: str) -> float:
    return sum(results[u][name][2] for u in urls)


def _print_traf(eval_common, urls: list[str], results: dict) -> None:
    print(f"{'':6} {'precision':>9} {'recall':>7} {'accuracy':>8} {'f1':>6} {'empty':>5} "
          f"{'seconds':>7}")
    for name in NAMES:
        matrix = eval_common.ConfusionMatrix()
        for url in urls:
            matrix.add(results[url][name][0])
        p, r, a, f = matrix.scores()
        print(f"{name:6} {p:9.4f} {r:7.4f} {a:8.4f} {f:6.4f} "
              f"{_empty(urls, results, name):5d} {_seconds(urls, results, name):7.1f}")


def _print_errors(urls: list[str], results: dict) -> None:
    errors = [(url, results[url]["ours"][3]) for url in urls if results[url]["ours"][3]]
    for url, error in errors[:10]:
        print(f"error: {url}: {error}")


def _print_losses(urls: list[str], results: dict, score, legend: str) -> None:
    """Pages where ours scores below bare by `score` of the page's counts, worst first."""
    def loss(u):
        return score(results[u]["bare"][0]) - score(results[u]["ours"][0])

    losses = sorted(((loss(u), u) for u in urls), reverse=True)
    print(f"\npages ours loses (bare minus ours, {legend}):")
    for delta, url in losses:
        if delta <= 1e-9:
            break
        ours, bare = results[url]["ours"], results[url]["bare"]
        empty = " EMPTY" if ours[1] and not bare[1] else ""
        counts = "/".join(str(tuple(round(c, 3) for c in r[0])) for r in (ours, bare))
        print(f"  -{delta:.3g} {html.unescape(url)} {counts}{empty}")
    wins = sum(1 for u in urls if loss(u) < -1e-9)
    print(f"pages ours wins: {wins}, loses: {sum(1 for d, _ in losses if d > 1e-9)}")


if __name__ == "__main__":
    main()
