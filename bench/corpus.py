"""The synthetic posts the site benches seed, as plain data: our demo articles' titles,
bodies and bylines recombined into any number of posts, with authors and a long tail of
tags. bench/serving.py turns them into DramaWired rows, bench/wordpress_seed.py into
WordPress rows: the same stories on both sites."""

import random
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import accumulate

from django.utils.text import slugify

TITLE_FORMS = ["{}", "{}", "{}", "Update: {}", "{} — What We Know", "Report: {}",
               "Watch: {}", "{}, Sources Say", "Exclusive: {}", "Fans React: {}"]
FIRST = "Ava Ben Cleo Dario Elena Finn Greta Hiro Ines Jonah Kira Leo Mila Nico Omar Pia " \
        "Quinn Rosa Sami Tara Uma Vik Wren Xena Yara Zane Aria Bodhi Cyra Dax Esme Felix " \
        "Gus Hana Ivo Juno Kai Lena Mateo Nia Otto Pax".split()
LAST = "Ashford Brandt Castillo Delacroix Everly Fontaine Garrick Holloway Ibarra Jansen " \
       "Kowalski Lindgren Moreau Nakamura Okafor Pemberton Quist Rinaldi Sorensen Thorne " \
       "Underwood Valente Whitlock Xiong Yamada Zeller Abernathy Bishop Calloway Drummond " \
       "Ellery Farrow Gallo Hargrove Ingram Jovanovic Kestrel Larkin Mercer Navarro".split()


@dataclass
class Story:
    pk: int
    title: str
    slug: str  # the title's slug (Unicode letters kept) and the post's number
    excerpt: str
    body: str  # 3-6 <p> paragraphs
    published_at: datetime
    outlet: str  # the demo outlet's slug
    category: str  # its name
    original_url: str
    lead_image: str  # "" for one post in ten
    author: int  # index into Corpus.authors
    views: int
    shares: int
    tags: list[int]  # indexes into Corpus.tags, 3-6 of them


class Corpus:
    def __init__(self):
        from dramawired.demo.catalog import articles

        self.demo = [a for items in articles().values() for a in items if not a.original]
        self.paragraphs = {a.slug: re.findall(r"<p>.*?</p>", a.body, re.S) for a in self.demo}
        self.pool = [p for ps in self.paragraphs.values() for p in ps]
        names = list(dict.fromkeys(  # the stories' own proper nouns first, most named first
            n for a in self.demo for n in re.findall(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)+\b",
                                                     re.sub("<[^>]+>", " ", a.body))))
        names += [f"{f} {la}" for la in LAST for f in FIRST if f"{f} {la}" not in names]
        bylines = list(dict.fromkeys(a.author for a in self.demo if a.author))
        bylines += [f"{f} {la}" for f, la in zip(FIRST, reversed(LAST), strict=False)]
        self.authors = bylines[:50]
        self.tags = list(dict.fromkeys(names[:2000]))
        self.categories = sorted({a.category for a in self.demo})

    def stories(self, total: int, now: datetime):
        """Posts 1..total, the same ones for the same `total` (one seeded generator)."""
        rng = random.Random(1)
        # A long tail, as with real celebrity news: the most named tag is on ~9% of posts.
        cumulative = list(accumulate(1 / (rank + 10) for rank in range(len(self.tags))))
        indexes = range(len(self.tags))
        slugs: dict[str, str] = {}
        for pk in range(1, total + 1):
            a = self.demo[pk % len(self.demo)]
            title = TITLE_FORMS[pk // len(self.demo) % len(TITLE_FORMS)].format(a.title)
            slug = slugs.get(title) or slugs.setdefault(
                title, slugify(title, allow_unicode=True)[:180].strip("-"))
            own = self.paragraphs[a.slug]
            n = rng.randint(3, 6)
            body = "\n".join(own[:n] + rng.sample(self.pool, max(0, n - len(own))))
            when = now - timedelta(seconds=rng.uniform(60, 730 * 86400))
            views, shares = rng.randint(0, 50000), rng.randint(0, 900)
            chosen = dict.fromkeys(rng.choices(indexes, cum_weights=cumulative, k=8))
            tags = list(chosen)[:rng.randint(3, 6)]
            yield Story(
                pk=pk, title=title, slug=f"{slug}-{pk}", excerpt=a.summary, body=body,
                published_at=when, outlet=a.outlet.slug, category=a.category,
                original_url=f"https://{a.outlet.slug}.example/{when:%Y/%m}/{a.slug}-{pk}/",
                lead_image=f"https://img.{a.outlet.slug}.example/{when:%Y/%m}/{pk}.jpg"
                if pk % 10 else "", author=pk % len(self.authors), views=views,
                shares=shares, tags=tags)
