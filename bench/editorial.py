"""Filing and tagging against articles an editor labelled: the real pipeline, one feed.

    .venv/bin/python bench/editorial.py ARTICLES.jsonl [--json] [--verbose]

Each line of ARTICLES.jsonl is one real article: id, title, body (paragraphs separated by a
blank line), full_text, category (a site category or "Uncategorized"), main_names (what a
reader expects as tags) and ok_names (every other acceptable tag); the labels are kept
outside the repository (README beside them).

A fresh SQLite database in a temporary folder gets one Source with no default category,
its feed served on 127.0.0.1: an RSS 2.0 item per article with its title and link and no
<category>, then ingest() runs once and the posts are read back. As real feeds do, an item
whose article we hold in full (full_text) carries a teaser (its first paragraph) and links
to a page: <title>, <h1> and the body as <p> paragraphs, so the extract stage does its
work. An item we hold only as headline and summary (a news API's or a dataset's) carries
that summary as its description and links to a page that answers 404: the pipeline files
and tags it from the feed's own text, as it must when a publisher's page cannot be had.

A tag is right if it matches a main or ok name once both are folded: case, accents,
punctuation and a leading "The" ignored. A single-word tag with a Zipf frequency of 4.5
or more is a frequent word; "common" counts those the labels do not accept as names of
the story ("Free", "Top", "Channel"), "frequent" counts them all (names such as "Texas",
"Twitter", "BBC" among them). Categories are judged on published posts;
articles the pipeline published no post for are counted apart.
"""

import argparse
import html
import json
import logging
import os
import re
import shutil
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.loopback import serve  # noqa: E402

UNCATEGORIZED = "Uncategorized"


def fold(name: str) -> str:
    """A name as it is compared: no case, accents, punctuation or leading "The"."""
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = " ".join(re.sub(r"[^\w\s]|_", " ", text.replace("'", "").replace("’", "")).split())
    return text.removeprefix("the ")


def page(article: dict) -> bytes:
    paras = [p for p in article["body"].split("\n\n") if p.strip()]
    title = html.escape(article["title"])
    return ("<!doctype html><html lang=en><head><meta charset=utf-8>"
            f"<title>{title}</title></head><body><article><h1>{title}</h1>"
            + "".join(f"<p>{html.escape(p)}</p>" for p in paras)
            + "</article></body></html>").encode()


def feed(articles: list[dict], base: str) -> bytes:
    now = time.time()
    items = []
    for n, a in enumerate(articles):
        teaser = a["body"].split("\n\n")[0] if a["full_text"] else a["body"]
        stamp = format_datetime(datetime.fromtimestamp(now - 60 * n, UTC), usegmt=True)
        items.append(f"<item><title>{html.escape(a['title'])}</title>"
                     f"<link>{base}/a/{quote(a['id'])}.html</link>"
                     f"<guid isPermaLink=\"false\">editorial-{html.escape(a['id'])}</guid>"
                     f"<pubDate>{stamp}</pubDate>"
                     + (f"<description>{html.escape(teaser)}</description>" if teaser else "")
                     + "</item>")
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Editorial bench</title><link>{base}/</link><description>labelled "
            f"articles</description>{''.join(items)}</channel></rss>").encode()


def run(articles: list[dict]) -> tuple[dict[str, tuple[str, list[str]]], float]:
    """Ingest the feed once in a fresh database: each article id's (category, tags)."""
    var = Path(tempfile.mkdtemp(prefix="dramawired-editorial-"))
    bodies = {f"a/{a['id']}.html": page(a) for a in articles if a["full_text"]}
    server = serve(bodies)
    bodies["feed.xml"] = feed(articles, f"http://127.0.0.1:{server.server_address[1]}")
    os.environ.update(DJANGO_SETTINGS_MODULE="dramawired.settings.base",
                      DRAMAWIRED_VAR_DIR=str(var), DATABASE_URL=f"sqlite:///{var}/db.sqlite3",
                      DRAMAWIRED_LOG_LEVEL="WARNING",
                      DRAMAWIRED_ALLOW_PRIVATE_NETWORKS="127.0.0.1/32",
                      DRAMAWIRED_MAX_ITEMS_PER_POLL=str(len(articles) + 1))
    import django

    django.setup()
    from django.core.management import call_command

    from dramawired.news.models import Post
    from dramawired.pipeline.run import ingest
    from dramawired.sources.models import Source

    call_command("migrate", verbosity=0)
    logging.getLogger("dramawired").handlers.clear()  # a 404 page is expected, not news
    base = f"http://127.0.0.1:{server.server_address[1]}"
    source = Source.objects.create(name="Editorial bench", feed_url=f"{base}/feed.xml",
                                   site_url=f"{base}/")
    started = time.perf_counter()
    ingest([source], force=True)
    seconds = time.perf_counter() - started
    server.shutdown()
    by_url = {f"{base}/a/{quote(a['id'])}.html": a["id"] for a in articles}
    results = {}
    for post in Post.objects.filter(source=source).select_related("category"):
        key = by_url.get(post.original_url)
        if key:
            results[key] = (post.category.name if post.category else UNCATEGORIZED,
                            [t.name for t in post.tags.all()])
    shutil.rmtree(var, ignore_errors=True)
    return results, seconds


def judge(articles: list[dict], results: dict, seconds: float) -> dict:
    from wordfreq import zipf_frequency

    def share(part: int, whole: int) -> float:
        return round(part / whole, 3) if whole else 0.0

    confusion, wrong_tags, missed, lost, counts_off, commons = Counter(), {}, {}, [], {}, {}
    groups: dict[str, Counter] = {}
    totals = Counter()
    for a in articles:
        group = groups.setdefault("full text" if a["full_text"] else "headline+summary",
                                  Counter())
        group["articles"] += 1
        if a["id"] not in results:
            lost.append(a["id"])
            continue
        category, tags = results[a["id"]]
        main = {fold(n) for n in a["main_names"]}
        ok = main | {fold(n) for n in a["ok_names"]}
        right = [t for t in tags if fold(t) in ok]
        found = main & {fold(t) for t in tags}
        frequent = [t for t in tags if " " not in t.strip() and zipf_frequency(t, "en") >= 4.5]
        common = [t for t in frequent if fold(t) not in ok]
        confusion[(a["category"], category)] += 1
        counts = Counter(posts=1, filed=category == a["category"], tags=len(tags),
                         right=len(right), main=len(main), found=len(found),
                         in_range=3 <= len(tags) <= 8, common=len(common),
                         frequent=len(frequent))
        group.update(counts)
        totals.update(counts)
        if len(right) < len(tags):
            wrong_tags[a["id"]] = [t for t in tags if fold(t) not in ok]
        if not 3 <= len(tags) <= 8:
            counts_off[a["id"]] = tags
        if common:
            commons[a["id"]] = common
        if len(found) < len(main):
            missed[a["id"]] = [n for n in a["main_names"] if fold(n) not in found]

    def figures(c: Counter) -> dict:
        return {"articles": c["articles"], "posts": c["posts"],
                "category_accuracy": share(c["filed"], c["posts"]),
                "tag_precision": share(c["right"], c["tags"]),
                "main_names_found": share(c["found"], c["main"]),
                "posts_with_3_to_8_tags": share(c["in_range"], c["posts"]),
                "tags_per_post": share(c["tags"], c["posts"]), "common_word_tags": c["common"],
                "frequent_word_tags": c["frequent"]}

    totals["articles"] = len(articles)
    return {**figures(totals), "by_kind": {k: figures(c) for k, c in sorted(groups.items())},
            "not_published": lost, "seconds": round(seconds, 2),
            "articles_per_second": share(len(articles), seconds),
            "confusion": {f"{want} -> {got}": n for (want, got), n in sorted(confusion.items())},
            "wrong_tags": wrong_tags, "main_names_missed": missed,
            "tag_count_out_of_range": counts_off, "common_word_tag_list": commons,
            "misfiled": {a["id"]: f"{a['category']} -> {results[a['id']][0]}: {a['title']}"
                         for a in articles if a["id"] in results
                         and results[a["id"]][0] != a["category"]}}


def render(res: dict, verbose: bool) -> str:
    def block(name: str, f: dict) -> str:
        return (f"{name:18}{f['articles']:6}{f['posts']:6}{f['category_accuracy']:9.1%}"
                f"{f['tag_precision']:9.1%}{f['main_names_found']:9.1%}"
                f"{f['posts_with_3_to_8_tags']:9.1%}{f['tags_per_post']:7.1f}"
                f"{f['common_word_tags']:8}{f['frequent_word_tags']:9}")

    out = [f"{'':18}{'arts':>6}{'posts':>6}{'category':>9}{'tag prec':>9}{'main fnd':>9}"
           f"{'3-8 tags':>9}{'tags':>7}{'common':>8}{'frequent':>9}",
           *[block(k, f) for k, f in res["by_kind"].items()], block("ALL", res), "",
           f"category accuracy {res['category_accuracy']:.1%}; tag precision "
           f"{res['tag_precision']:.1%}; main names found {res['main_names_found']:.1%}; "
           f"posts with 3-8 tags {res['posts_with_3_to_8_tags']:.1%}; common-word tags "
           f"{res['common_word_tags']} (frequent words, names included: "
           f"{res['frequent_word_tags']})",
           f"not published: {len(res['not_published'])} {res['not_published'][:10]}",
           f"time: {res['seconds']} s for ingest() = {res['articles_per_second']} articles/s"]
    if verbose:
        cats = sorted({k.split(" -> ")[i] for k in res["confusion"] for i in (0, 1)})
        cells = {tuple(k.split(" -> ")): n for k, n in res["confusion"].items()}
        out += ["", "confusion (rows: label, columns: pipeline)",
                f"{'':14}" + "".join(f"{c[:6]:>7}" for c in cats)]
        out += [f"{want[:14]:14}" + "".join(f"{cells.get((want, got), '') or '.':>7}"
                                           for got in cats) for want in cats]
        out += ["", "misfiled:", *[f"  {k}: {v}" for k, v in res["misfiled"].items()]]
        out += ["", "wrong tags:", *[f"  {k}: {v}" for k, v in res["wrong_tags"].items()]]
        out += ["", "main names not found:",
                *[f"  {k}: {v}" for k, v in res["main_names_missed"].items()]]
        out += ["", "common-word tags:",
                *[f"  {k}: {v}" for k, v in res["common_word_tag_list"].items()]]
        out += ["", "posts with fewer than 3 or more than 8 tags:",
                *[f"  {k} ({len(v)}): {v}" for k, v in res["tag_count_out_of_range"].items()]]
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=Path)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--verbose", action="store_true",
                        help="confusion table, misfiled posts, wrong and missed tags")
    args = parser.parse_args()
    articles = [json.loads(line) for line in args.articles.read_text("utf-8").splitlines()
                if line.strip()]
    results, seconds = run(articles)
    res = judge(articles, results, seconds)
    print(json.dumps(res, indent=1, ensure_ascii=False) if args.json
          else render(res, args.verbose))


if __name__ == "__main__":
    main()
