"""Release mode: demo publishers that keep publishing, so a running demo fills by itself.

Each outlet starts with the oldest two-thirds of its catalogue out and brings out the next
article every `every` seconds, oldest first. The outlets are staggered across the interval
so their releases do not all land in the same second. A released article is dated by its
release (it is news now: it sorts first in its feed, and no maximum age drops it), and its
page and image answer from that moment on; before, they are 404 like any unknown address.

When an outlet's whole catalogue is out, it stops: its feed stays as it is and answers 304.
With reposts=True it starts again instead: each story comes out once more under a new
address and GUID (`<slug>-2`, `-3`…) with " (repost 2)" after its title, as a publisher
republishing its archive would. That keeps feeds changing but adds no posts to the site:
DramaWired's content dedupe rightly links a repost to the post it already has (as
"Also reported by"), so reposts are off unless asked for.

Nothing is stored and no thread runs: what is out at a moment follows from the start time,
the interval and the clock, so a feed, the pages it links and their images always agree,
and tests move the clock instead of sleeping. Two rules keep outlets consistent with each
other: a wire copy comes out no earlier than its original, a link post no earlier than the
story it links (both the first time round; after that what they point at is out).
"""

from dataclasses import replace
from datetime import UTC, datetime

from .catalog import OUTLETS, DemoArticle, Shelf, articles

INITIAL_SHARE = 2 / 3  # of each outlet's catalogue out when the server starts
VIDEO_PREFIX = 7  # a reposted video keeps this much of its id; the rest counts the edition


class Release:
    """The release plan of every outlet, from `start` (whole seconds since the epoch)."""

    def __init__(self, start: int, every: int, reposts: bool = False):
        if every <= 0:
            raise ValueError("release interval must be a positive number of seconds")
        self.start, self.every, self.reposts = start, every, reposts
        self.plans = {o.slug: _Plan(o.slug, start + i * every // len(OUTLETS), every)
                      for i, o in enumerate(OUTLETS)}
        self.needs = {}  # (outlet, index) -> (outlet, index) it must not come out before
        for slug, plan in self.plans.items():
            for i, article in enumerate(plan.catalogue):
                if article.original:
                    self.needs[slug, i] = self._where(article.original.outlet.slug,
                                                      article.original.slug)
                elif article.link:
                    self.needs[slug, i] = self._where(*article.link.split("/"))
        # Slots a plan can have waiting on another outlet at once (bounds what items() reads).
        self.lag = max(p.n - p.initial for p in self.plans.values()) + 2

    def _where(self, outlet_slug: str, slug: str) -> tuple[str, int]:
        return outlet_slug, self.plans[outlet_slug].index[slug]

    def at(self, now: float) -> "Snapshot":
        return Snapshot(self, now)

    def time(self, outlet_slug: str, slot: int) -> int | None:
        """When the outlet's `slot` comes out, in seconds; None when out from the start."""
        plan = self.plans[outlet_slug]
        times = [plan.due(slot)]
        if (need := self.needs.get((outlet_slug, slot % plan.n))) is not None:
            times.append(self.time(*need))  # its first edition: out before any repost
        times = [t for t in times if t is not None]
        return max(times) if times else None


class _Plan:
    """One outlet: slot s is its catalogue's article s % n (oldest first), edition s // n + 1.
    Slots below `initial` are out from the start; slot s >= initial comes out at
    first + (s - initial + 1) * every."""

    def __init__(self, slug: str, first: int, every: int):
        self.catalogue = list(reversed(articles()[slug]))  # oldest first
        self.n = len(self.catalogue)
        self.initial = max(1, round(self.n * INITIAL_SHARE))
        self.first, self.every = first, every
        self.index = {a.slug: i for i, a in enumerate(self.catalogue)}

    def due(self, slot: int) -> int | None:
        if slot < self.initial:
            return None
        return self.first + (slot - self.initial + 1) * self.every

    def slots_due(self, now: float) -> int:
        """How many slots' own times have come by `now`."""
        return self.initial + max(0, int((now - self.first) // self.every))


class Snapshot(Shelf):
    """What is out at one moment: a server takes one per request."""

    def __init__(self, release: Release, now: float):
        self.release, self.now = release, now

    def _out(self, outlet_slug: str, slot: int) -> bool:
        if slot >= self.release.plans[outlet_slug].n and not self.release.reposts:
            return False
        when = self.release.time(outlet_slug, slot)
        return when is None or when <= self.now

    def edition(self, outlet_slug: str, slot: int) -> DemoArticle:
        """The article of `slot` as it comes out: dated by its release, and as a repost
        (new slug, video id and title) from the second time round."""
        plan = self.release.plans[outlet_slug]
        article, edition = plan.catalogue[slot % plan.n], slot // plan.n + 1
        when = self.release.time(outlet_slug, slot)
        if when is None:
            return article
        published = datetime.fromtimestamp(when, UTC)
        if edition == 1:
            return replace(article, published=published)
        return replace(article, slug=f"{article.slug}-{edition}",
                       title=f"{article.title} (repost {edition})", published=published,
                       video=repost_video(article.video, edition), edition=edition)

    def items(self, outlet_slug: str) -> list[DemoArticle]:
        """The latest releases, newest first, as many as the catalogue holds (a feed keeps
        its length once everything has been out)."""
        plan = self.release.plans[outlet_slug]
        due = plan.slots_due(self.now)
        if not self.release.reposts:
            due = min(due, plan.n)
        slots = [s for s in range(max(0, due - plan.n - self.release.lag), due)
                 if self._out(outlet_slug, s)]

        def newest(slot):  # out from the start: older than any release, in catalogue order
            when = self.release.time(outlet_slug, slot)
            return (when is not None, when or 0, slot)

        slots.sort(key=newest, reverse=True)
        return [self.edition(outlet_slug, s) for s in slots[:plan.n]]

    def find(self, outlet_slug: str, slug: str) -> DemoArticle | None:
        plan = self.release.plans.get(outlet_slug)
        if plan is None:
            return None
        if slug in plan.index:
            slot = plan.index[slug]
        else:
            base, _, edition = slug.rpartition("-")
            if base not in plan.index or not edition.isdigit() or int(edition) < 2:
                return None
            slot = (int(edition) - 1) * plan.n + plan.index[base]
        return self._released(outlet_slug, slot, lambda a: a.slug == slug)

    def find_video(self, outlet_slug: str, video: str) -> DemoArticle | None:
        plan = self.release.plans.get(outlet_slug)
        for i, article in enumerate(plan.catalogue if plan else []):
            if article.video == video:
                slot = i
            elif article.video and video[:VIDEO_PREFIX] == article.video[:VIDEO_PREFIX]:
                try:
                    slot = (int(video[VIDEO_PREFIX:], 36) - 1) * plan.n + i
                except ValueError:
                    continue
            else:
                continue
            if found := self._released(outlet_slug, slot, lambda a: a.video == video):
                return found
        return None

    def _released(self, outlet_slug, slot, matches) -> DemoArticle | None:
        if slot < 0 or not self._out(outlet_slug, slot):
            return None
        article = self.edition(outlet_slug, slot)
        return article if matches(article) else None  # "x-02" is not "x-2"


def repost_video(video: str, edition: int) -> str:
    """A reposted video's id: a re-upload gets an id of its own (11 characters still)."""
    if not video:
        return ""
    digits = ""
    while edition:
        edition, d = divmod(edition, 36)
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"[d] + digits
    return video[:VIDEO_PREFIX] + digits.rjust(11 - VIDEO_PREFIX, "0")
