"""Extraction quality on trafilatura's public evaluation set: our extract stage against bare
trafilatura.

    .venv/bin/python bench/extraction.py /work/eval/trafilatura [--verbose] [--jobs 2]

The folder is an export of trafilatura's repository `tests/` (evaldata.json, eval/, cache/,
eval_common.py); it stays outside this repository, as the pages are other people's text.
From a clone of that repository:

    git archive HEAD tests/eval tests/cache tests/evaldata.json tests/eval_common.py \
        | tar x --strip-components=1 -C /work/eval/trafilatura

Scoring is trafilatura's own: its `eval_common.py` is imported from that folder (per page,
each "with" snippet found in the text is a true positive, each "without" snippet found a
false positive, after whitespace normalisation; counts summed over the set).

"ours" is what a post gets: `extract_article` with an empty feed item (so the page is used),
then `sanitize_html`, then plain text. Our body leaves the headline out (the post shows it
above the story), so a page whose "with" snippets include its headline costs ours recall.
"bare" is `trafilatura.extract(page, include_comments=False)`. A page either side cannot
use counts as empty.
"""

import argparse
import concurrent.futures as cf
import html
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _ours(page: bytes, url: str) -> str | None:
    from dramawired.pipeline.article import plain
    from dramawired.pipeline.extract import ExtractError, extract_article
    from dramawired.pipeline.fetch import decode_html
    from dramawired.pipeline.items import FeedItem
    from dramawired.pipeline.sanitize import sanitize_html

    try:
        found = extract_article(decode_html(page), url, FeedItem(guid=url, url=url, title=""))
    except ExtractError:
        return None
    return plain(sanitize_html(found.body_html, url)) or None


def _bare(page: bytes, url: str) -> str | None:
    import trafilatura

    return trafilatura.extract(page, include_comments=False)


def _score_page(job: tuple[str, str, dict]) -> tuple[str, dict]:
    here, url, item = job
    import eval_common

    page = eval_common.read_document(here, item["file"])
    out = {}
    for name, fn in (("ours", _ours), ("bare", _bare)):
        start = time.perf_counter()
        result, counts, error = eval_common.run_and_count(lambda b, fn=fn: fn(b, url), page, item)
        out[name] = (counts, result is None or not result.strip(), time.perf_counter() - start,
                     repr(error) if error else "")
    return url, out


def _init(here: str) -> None:
    sys.path.insert(0, here)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dramawired.settings.test")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", help="export of trafilatura's tests/ (with eval_common.py)")
    parser.add_argument("--verbose", action="store_true", help="list the pages ours loses most")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--limit", type=int, default=0, help="score only the first N pages")
    args = parser.parse_args()
    here = os.path.abspath(args.folder)
    _init(here)
    import eval_common

    evaldata = eval_common.load_evaldata(here)
    urls = sorted(evaldata)[: args.limit or None]
    jobs = [(here, url, evaldata[url]) for url in urls]
    with cf.ProcessPoolExecutor(args.jobs, initializer=_init, initargs=(here,)) as pool:
        results = dict(pool.map(_score_page, jobs, chunksize=8))

    print(f"{len(urls)} pages")
    _print_scores(eval_common, urls, results)
    kinds: dict[str, list[str]] = {}
    for url in urls:
        kinds.setdefault(_kind(url, evaldata[url]), []).append(url)
    for kind, members in sorted(kinds.items()):
        print(f"\n{kind}: {len(members)} pages")
        _print_scores(eval_common, members, results)
    errors = [(url, results[url]["ours"][3]) for url in urls if results[url]["ours"][3]]
    for url, error in errors[:10]:
        print(f"error: {url}: {error}")
    if args.verbose:
        _print_losses(urls, results)


def _kind(url: str, item: dict) -> str:
    """The kinds of page the set tells apart: its "hard" pages (picked as hard for
    extractors), and the others by the region the annotators gave."""
    if url.startswith("hard::"):
        return "hard pages"
    region = item.get("region") or ""
    if region in ("DE", "AT", "CH"):
        return "German-language region"
    return "other regions" if region else "no region given"


def _print_scores(eval_common, urls: list[str], results: dict) -> None:
    print(f"{'':6} {'precision':>9} {'recall':>7} {'accuracy':>8} {'f1':>6} {'empty':>5} "
          f"{'seconds':>7}")
    for name in ("ours", "bare"):
        matrix = eval_common.ConfusionMatrix()
        for url in urls:
            matrix.add(results[url][name][0])
        p, r, a, f = matrix.scores()
        empty = sum(results[url][name][1] for url in urls)
        seconds = sum(results[url][name][2] for url in urls)
        print(f"{name:6} {p:9.4f} {r:7.4f} {a:8.4f} {f:6.4f} {empty:5d} {seconds:7.1f}")


def _net(counts: tuple[int, int, int, int]) -> int:
    tp, fp, _fn, _tn = counts
    return tp - fp


def _print_losses(urls: list[str], results: dict) -> None:
    """Pages where ours scores below bare (true minus false positives), worst first."""
    losses = sorted(((_net(results[u]["bare"][0]) - _net(results[u]["ours"][0]), u)
                     for u in urls), reverse=True)
    print("\npages ours loses (bare tp-fp minus ours tp-fp; ours/bare tp,fp,fn,tn):")
    for loss, url in losses:
        if loss <= 0:
            break
        ours, bare = results[url]["ours"], results[url]["bare"]
        empty = " EMPTY" if ours[1] and not bare[1] else ""
        print(f"  -{loss} {html.unescape(url)} {ours[0]} / {bare[0]}{empty}")
    wins = sum(1 for u in urls if _net(results[u]["ours"][0]) > _net(results[u]["bare"][0]))
    print(f"pages ours wins: {wins}, loses: {sum(1 for loss, _ in losses if loss > 0)}")


if __name__ == "__main__":
    main()
