"""Stories: how well posts are grouped into the events they report, and what grouping costs.

    .venv/bin/python bench/stories.py HEADLINES [--category e] [--split tune|held]
                                     [--start 2014-06-02 --days 3] [--limit N]
    .venv/bin/python bench/stories.py --demo
    .venv/bin/python bench/stories.py --cost 100000

HEADLINES is real coverage already grouped by someone else, kept outside the repository:
the UCI News Aggregator's CSV (ID, TITLE, URL, PUBLISHER, CATEGORY, STORY, HOSTNAME,
TIMESTAMP in ms: Google News's clusters, 2014; the full set, 422k rows, as UCI ships it:
newsCorpora.csv, tab-separated without a header, read when the name ends in .tsv or the
first line has no TITLE), or JSON lines with title, outlet, story, published (ISO or unix
seconds) and optionally text. --category takes one or more letters ("btm": the other
sections together, as one stream).

--split keeps half of the true stories, chosen by a hash of the STORY id (blake2b, even:
"tune", odd: "held"): thresholds are tuned on one half and reported on the other, which
no choice has seen. --start/--days take a slice of time (the full set spans five months;
a story's takes were fetched within hours of each other). Each row becomes a post of its
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
import hashlib
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
    # In memory when the machine has it: the cache's files are renamed on every redraw.
    shm = Path("/dev/shm")
    var = Path(tempfile.mkdtemp(prefix="dramawired-stories-",
                                dir=shm if shm.is_dir() else None))
    os.environ.update(DJANGO_SETTINGS_MODULE="dramawired.settings.base",
                      DRAMAWIRED_VAR_DIR=str(var), DATABASE_URL=f"sqlite:///{var}/db.sqlite3",
                      DRAMAWIRED_LOG_LEVEL="WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return var


UCI_COLUMNS = ["ID", "TITLE", "URL", "PUBLISHER", "CATEGORY", "STORY", "HOSTNAME",
               "TIMESTAMP"]


def half(story: str) -> str:
    """Which half of the true stories `story` is in: "tune" or "held"."""
    return ("tune", "held")[hashlib.blake2b(story.encode(), digest_size=4).digest()[-1] % 2]


def _uci(path: Path):
    with path.open(encoding="utf-8", errors="replace", newline="") as f:
        tabbed = path.suffix == ".tsv" or not f.readline().startswith("ID,")
        f.seek(0)
        if tabbed:
            reader = csv.DictReader(f, UCI_COLUMNS, delimiter="\t", quoting=csv.QUOTE_NONE)
        else:
            reader = csv.DictReader(f)
        for r in reader:
            if r.get("STORY") and (r.get("TIMESTAMP") or "").isdigit():
                yield {"title": r["TITLE"], "outlet": r["PUBLISHER"] or r["HOSTNAME"],
                       "story": r["STORY"], "text": "", "category": r["CATEGORY"],
                       "at": datetime.fromtimestamp(int(r["TIMESTAMP"]) / 1000, UTC)}


def _json_lines(path: Path):
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            at = r["published"]
            at = (datetime.fromtimestamp(at, UTC) if isinstance(at, int | float)
                  else datetime.fromisoformat(at))
            yield {"title": r["title"], "outlet": r["outlet"], "story": r["story"],
                   "text": r.get("text", ""), "category": r.get("category"), "at": at}


def load(path: Path, category: str | None = None, limit: int | None = None,
         split: str | None = None, start: datetime | None = None,
         days: float | None = None) -> list[dict]:
    end = start + timedelta(days=days) if start and days else None
    rows = [r for r in (_uci(path) if path.suffix in (".csv", ".tsv") else _json_lines(path))
            if (not category or (r["category"] or "") in category)
            and (not split or half(r["story"]) == split)
            and (not start or r["at"] >= start) and (not end or r["at"] < end)]
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
    parser.add_argument("--category", help="only these CATEGORY letters of UCI's (e, b, t, m)")
    parser.add_argument("--split", choices=["tune", "held"],
                        help="half of the true stories, by a hash of their id")
    parser.add_argument("--start", type=lambda d: datetime.fromisoformat(d).replace(tzinfo=UTC),
                        help="first day (UTC) of the slice of time taken")
    parser.add_argument("--days", type=float, help="length of that slice")
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
            result = evaluate(load(args.headlines, args.category, args.limit, args.split,
                                   args.start, args.days), args.show)
        print(json.dumps(result, indent=1))
        print(f"load average: {os.getloadavg()[0]:.1f}", file=sys.stderr)
    finally:
        shutil.rmtree(var, ignore_errors=True)


if __name__ == "__main__":
    main()
