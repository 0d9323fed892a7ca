"""How each source is doing, for the admin's Source health page: one row per source,
those failing now first, each with its posts per day over the last 30 days.

Two queries for any number of sources: the sources, and their posts counted per source
and day in one aggregate. Nothing is read per row.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone

from dramawired.news.models import Post

from .models import Source

DAYS = 30
# The chart: one bar per day, BAR_WIDTH wide with a 1 px gap, at most CHART_HEIGHT tall.
BAR_WIDTH = 3
CHART_HEIGHT = 24
CHART_WIDTH = DAYS * (BAR_WIDTH + 1) - 1


@dataclass(frozen=True)
class Bar:
    day: date
    posts: int
    x: int
    y: int
    height: int


@dataclass
class Row:
    source: Source
    status: str  # "ok", "warning", "failing", "disabled" or "polling"
    per_day: list[tuple[date, int]] = field(default_factory=list)

    @property
    def failing(self) -> bool:
        """Failing now: enabled, and its last poll failed (a disabled source is not polled,
        whatever its count says)."""
        return self.source.enabled and self.source.consecutive_failures > 0

    @property
    def status_label(self) -> str:
        if self.status == "failing":
            return f"failing {self.source.consecutive_failures}×"
        return {"polling": "being polled now",
                "warning": "ok, with warnings"}.get(self.status, self.status)

    @property
    def total(self) -> int:
        return sum(n for _, n in self.per_day)

    @property
    def bars(self) -> list[Bar]:
        """The chart, scaled to this source's busiest day. A day without posts is a 1 px
        stub, so every day has something to point at (and its own tooltip)."""
        peak = max((n for _, n in self.per_day), default=0) or 1
        bars = []
        for i, (day, n) in enumerate(self.per_day):
            height = max(1, round(CHART_HEIGHT * n / peak))
            bars.append(Bar(day, n, i * (BAR_WIDTH + 1), CHART_HEIGHT - height, height))
        return bars


def status(source: Source, now: datetime) -> str:
    if not source.enabled:
        return "disabled"
    if source.claimed_until and source.claimed_until > now:
        return "polling"
    if source.consecutive_failures:
        return "failing"
    # The last poll went through but lost items or pages: its warning says why.
    warned = (source.last_error.startswith("warning:") and source.last_error_at
              and source.last_success and source.last_error_at >= source.last_success)
    return "warning" if warned else "ok"


def days(now: datetime) -> list[date]:
    """The last DAYS days in the site's time zone, oldest first, today last."""
    today = timezone.localdate(now)
    return [today - timedelta(days=DAYS - 1 - i) for i in range(DAYS)]


def posts_per_day(now: datetime) -> dict[int, dict[date, int]]:
    """{source id: {day: posts}} over the last DAYS days, in one grouped query.

    Counted by created_at, the day we first published it: the chart shows what the source
    delivered when, whatever dates the publisher put on its stories (fetched_at moves
    whenever the publisher revises a story). Indexed with the source."""
    first = days(now)[0]
    since = datetime.combine(first, time.min, tzinfo=timezone.get_current_timezone())
    rows = (Post.objects.filter(source__isnull=False, created_at__gte=since,
                                created_at__lte=now)
            .annotate(day=TruncDate("created_at"))
            .values("source", "day").annotate(n=Count("pk"))
            # No ordering: Post's default one would be added to the GROUP BY.
            .order_by())
    counts: dict[int, dict[date, int]] = {}
    for row in rows:
        counts.setdefault(row["source"], {})[row["day"]] = row["n"]
    return counts


def source_health(now: datetime | None = None) -> list[Row]:
    """Every source: failing now first (most failures first), then the rest by name."""
    now = now or timezone.now()
    counts = posts_per_day(now)
    window = days(now)
    rows = []
    for source in Source.objects.all():
        per_source = counts.get(source.pk, {})
        rows.append(Row(source, status(source, now),
                        [(day, per_source.get(day, 0)) for day in window]))
    rows.sort(key=lambda r: (not r.failing,
                             -r.source.consecutive_failures if r.failing else 0,
                             r.source.name.casefold()))
    return rows
