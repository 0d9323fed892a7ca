"""Stories: how well posts are grouped into the events they report, and what grouping costs.

    .venv/bin/python bench/stories.py HEADLINES [--category e] [--limit N]
    .venv/bin/python bench/stories.py --demo
    .venv/bin/python bench/stories.py --cost 100000

HEADLINES is real coverage already grouped by someone else, kept outside the repository:
the UCI News Aggregator's CSV (ID, TITLE, URL, PUBLISHER, CATEGORY, STORY, HOSTNAME,
TIMESTAMP in ms: Google News's clusters, 2014), or JSON lines with title, outlet, story,
published (ISO or unix seconds) and optionally text. Each row becomes a post of its
outlet's source in a fresh SQLite database, in time order, and goes through
stories.grouping.group() exactly as a publish does. Printed: B-cubed precision, recall
and F1 (per post: the share of its predicted story that shares its true one, and the
reverse), pairwise precision and recall, and stories made.

--cost N seeds N posts over the last N/1,000 days (a thousand a day, each its own story
with its keys), then times group() for 300 new posts at "now": the cost of grouping one
post at that size.
"""

import argparse
import csv
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup() -> Path:
    var = Path(tempfile.mkdtemp(prefix="dramawired-stories-"))
    os.environ.update(DJANGO_SETTINGS_MODULE="dramawired.settings.base",
                      DRAMAWIRED_VAR_DIR=str(var), DATABASE_URL=f"sqlite:///{var}/db.sqlite3",
                      DRAMAWIRED_LOG_LEVEL="WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return var


def load(path: Path, category: str | None, limit: int | None) -> list[dict]:
    rows = []
    if path.suffix == ".csv":
        with path.open(encoding="utf-8", errors="replace", newline="") as f:
            for r in csv.DictReader(f):
                if not r.get("STORY") or (category and r.get("CATEGORY") != category):
                    continue
                rows.append({"title": r["TITLE"], "outlet": r["PUBLISHER"] or r["HOSTNAME"],
                             "story": r["STORY"], "text": "",
                             "at": datetime.fromtimestamp(int(r["TIMESTAMP"]) / 1000, UTC)})
    else:
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                at = r["published"]
                at = (datetime.fromtimestamp(at, UTC) if isinstance(at, int | float)
                      else datetime.fromisoformat(at))
                rows.append({"title": r["title"], "outlet": r["outlet"], "story": r["story"],
                             "text": r.get("text", ""), "at": at})
    rows.sort(key=lambda r: r["at"])
    return rows[:limit] if limit else rows


def demo_rows() -> list[dict]:
    """Every demo article (our own writing) once; the takes of each event in
    dramawired/demo/events.py share its story, every other article is a story alone."""
    from dramawired.demo.catalog import articles
    from dramawired.demo.events import EVENTS
    from dramawired.pipeline.article import plain

    event_of = {ref: name for name, refs in EVENTS.items() for ref in refs}
    # Only the events are labelled: any other article is marked "?" and left out of the
    # scores (the catalogue has link posts and follow-ups that are rightly one story),
    # except that one pulled into an event's story counts against its precision.
    rows = []
    for items in articles().values():
        for a in items:
            if a.original is None:  # a wire copy is content dedupe's, not a story's
                ref = f"{a.outlet.slug}/{a.slug}"
                rows.append({"title": a.title, "outlet": a.outlet.name, "text": plain(a.body),
                             "story": event_of.get(ref, "?"), "at": a.published})
    return sorted(rows, key=lambda r: r["at"])


def scores(gold: list[str], pred: list[int]) -> dict:
    """B-cubed and pairwise figures; a post labelled "?" is scored only as an intruder:
    each is a story of its own in the truth, and counted only inside an event's story."""
    events = {p for g, p in zip(gold, pred, strict=True) if g != "?"}
    kept = [(g if g != "?" else f"?{i}", p)
            for i, (g, p) in enumerate(zip(gold, pred, strict=True)) if g != "?" or p in events]
    gold, pred = [g for g, _ in kept], [p for _, p in kept]
    truth, made = defaultdict(set), defaultdict(set)
    for i, (g, p) in enumerate(zip(gold, pred, strict=True)):
        truth[g].add(i)
        made[p].add(i)
    n = len(gold)
    precision = sum(len(truth[gold[i]] & made[pred[i]]) / len(made[pred[i]]) for i in range(n)) / n
    recall = sum(len(truth[gold[i]] & made[pred[i]]) / len(truth[gold[i]]) for i in range(n)) / n

    def pairs(k: int) -> int:
        return k * (k - 1) // 2

    together = sum(pairs(len(members & truth[g])) for members in made.values()
                   for g in {gold[i] for i in members})
    said = sum(pairs(len(m)) for m in made.values())
    real = sum(pairs(len(m)) for m in truth.values())
    return {"posts": n, "true_stories": len(truth), "stories_made": len(made),
            "bcubed_precision": round(precision, 3), "bcubed_recall": round(recall, 3),
            "bcubed_f1": round(2 * precision * recall / (precision + recall), 3),
            "pairwise_precision": round(together / said, 3) if said else 1.0,
            "pairwise_recall": round(together / real, 3) if real else 1.0}


def evaluate(rows: list[dict], show: bool = False) -> dict:
    from dramawired.news.models import Post
    from dramawired.pipeline.tag import pick_tags
    from dramawired.sources.models import Source
    from dramawired.stories.grouping import group
    from dramawired.stories.models import StoryPost
    from dramawired.stories.repair import repair

    sources, pred, posts = {}, [], []
    started = time.perf_counter()
    for n, row in enumerate(rows):
        outlet = row["outlet"][:200] or "?"
        if outlet not in sources:
            sources[outlet] = Source.objects.create(
                name=f"{outlet} {len(sources)}", feed_url=f"https://example.com/{len(sources)}")
        post = Post.objects.create(title=row["title"][:500], slug=f"p{n}", url_key=f"k{n}",
                                   original_url=f"https://example.com/{n}",
                                   source=sources[outlet], published_at=row["at"])
        # The names the pipeline's tagger gives the story, as publish passes them.
        names = tuple(pick_tags(row["title"], row["text"]))
        pred.append(group(post, row["text"], names).story_id)
        posts.append(post.pk)
    seconds = time.perf_counter() - started
    gold = [r["story"] for r in rows]
    at_publish = scores(gold, pred)
    repair(now=rows[-1]["at"])  # the regrouping job, once, at the end
    story_of = dict(StoryPost.objects.values_list("post_id", "story_id"))
    if show:
        members = defaultdict(list)
        for row, pk in zip(rows, posts, strict=True):
            members[story_of[pk]].append(row)
        for group_rows in members.values():
            if len({r["story"] for r in group_rows}) > 1:
                print("mixed story:", *(f"  [{r['story'][:30]}] {r['title']}"
                                        for r in group_rows), sep="\n", file=sys.stderr)
    return {"at_publish": at_publish,
            "after_regrouping_job": scores(gold, [story_of[pk] for pk in posts]),
            "ms_per_post_with_publish": round(1000 * seconds / len(rows), 2)}


def cost(size: int) -> dict:
    from django.db import transaction
    from django.utils import timezone

    from dramawired.news.models import Post
    from dramawired.stories import grouping, similarity
    from dramawired.stories.grouping import EMPTY
    from dramawired.stories.models import Story, StoryKey, StoryPost

    rng = random.Random(7)
    names = [f"{a} {b}" for a in ("Nova", "Kiki", "Jasper", "Lucia", "Min-jun", "Callum",
                                   "Aiko", "Delphine", "Benny", "Gemma")
             for b in ("Reyes", "Blaze", "Okonkwo", "Ferrandez", "Park", "Ashby", "Tanabe",
                       "Rousseau", "Ortiz", "Starr")]
    verbs = ["wins", "joins", "slams", "confirms", "drops", "cancels", "teases", "marries",
             "splits from", "sues", "cast in", "tops", "returns to", "leaves"]
    things = ["Crown of Ash", "Harbor Lights", "the Grammys", "season 3", "Dune 3", "a new album",
              "the Met Gala", "Netflix", "a world tour", "Seoul", "the box office", "court"]
    now = timezone.now()

    def headline() -> str:
        return (f"{rng.choice(names)} {rng.choice(verbs)} {rng.choice(things)} "
                f"{rng.randint(1, 99999)}")

    start = time.perf_counter()
    per_day = 1000
    for first in range(0, size, 2000):
        with transaction.atomic():
            batch = []
            for n in range(first, min(first + 2000, size)):
                at = now - timedelta(days=(size - n) / per_day)
                batch.append(Post(title=headline(), slug=f"s{n}", url_key=f"u{n}",
                                  original_url=f"https://example.com/{n}", published_at=at))
            posts = Post.objects.bulk_create(batch)
            made = [similarity.terms(p.title) for p in posts]
            stories = Story.objects.bulk_create([Story(title=p.title, lead=p,
                first_published_at=p.published_at, last_published_at=p.published_at,
                post_count=1, outlet_count=1, centroid=similarity.add(EMPTY, t).to_json())
                for p, t in zip(posts, made, strict=True)])
            StoryPost.objects.bulk_create([StoryPost(post=p, story=s, terms=t.to_json())
                                           for p, s, t in zip(posts, stories, made, strict=True)])
            StoryKey.objects.bulk_create([StoryKey(key=k, story=s, at=p.published_at)
                                          for p, s, t in zip(posts, stories, made, strict=True)
                                          for k in t.keys()])
    seeded = time.perf_counter() - start
    wall, cpu = [], []
    for n in range(300):
        post = Post.objects.create(title=headline(), slug=f"new{n}", url_key=f"new{n}",
                                   original_url=f"https://example.com/new{n}",
                                   published_at=timezone.now())
        t0, c0 = time.perf_counter(), time.process_time()
        with transaction.atomic():  # as in publish: inside the post's transaction
            grouping.group(post, "")
        wall.append(1000 * (time.perf_counter() - t0))
        cpu.append(1000 * (time.process_time() - c0))
    wall.sort()
    return {"posts": size, "seed_seconds": round(seeded, 1),
            "group_ms_median": round(statistics.median(wall), 2),
            "group_ms_p95": round(wall[int(len(wall) * 0.95)], 2),
            "group_cpu_ms_mean": round(statistics.mean(cpu), 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("headlines", type=Path, nargs="?")
    parser.add_argument("--category", help="only this CATEGORY of a UCI CSV (e, b, t, m)")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--show", action="store_true",
                        help="print each made story that mixes true ones (to stderr)")
    parser.add_argument("--demo", action="store_true",
                        help="the demo's articles and its events (demo/events.py)")
    parser.add_argument("--cost", type=int, metavar="N", help="time grouping at N posts")
    args = parser.parse_args()
    var = setup()
    try:
        if args.cost:
            result = cost(args.cost)
        elif args.demo:
            result = evaluate(demo_rows(), args.show)
        else:
            result = evaluate(load(args.headlines, args.category, args.limit), args.show)
        print(json.dumps(result, indent=1))
        print(f"load average: {os.getloadavg()[0]:.1f}", file=sys.stderr)
    finally:
        shutil.rmtree(var, ignore_errors=True)


if __name__ == "__main__":
    main()
