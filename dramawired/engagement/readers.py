"""Each reader counts once per article a day, as the README promises, without the site
keeping who they are.

A reader is the pair (address, User-Agent): enough to tell a reload from a new reader,
and people behind one NAT with different browsers still count apart. What is kept is an
HMAC of that pair with the article and what was counted, under a key derived from
SECRET_KEY and the day, only in the cache and only until the day ends. The address itself
is never stored, and tomorrow's hashes cannot be linked to today's."""

from datetime import date, datetime, timedelta

from django.core.cache import cache
from django.utils import timezone
from django.utils.crypto import salted_hmac


def today() -> date:
    return timezone.now().date()  # UTC (USE_TZ): one day for every process


def seconds_left(now: datetime) -> int:
    """Seconds to the end of `now`'s day: what was remembered today is useless after."""
    midnight = datetime.combine(now.date() + timedelta(days=1), datetime.min.time(),
                                tzinfo=now.tzinfo)
    return max(1, round((midnight - now).total_seconds()))


def seen_key(request, post_id: int, what: str) -> str:
    reader = "\n".join([request.META.get("REMOTE_ADDR", ""),
                        request.headers.get("User-Agent", ""), str(post_id), what])
    digest = salted_hmac(f"dramawired.engagement.reader:{today().isoformat()}", reader,
                         algorithm="sha256").hexdigest()
    return f"engagement:seen:{digest}"


def first_time(request, post_id: int, what: str) -> bool:
    """True once a day for this reader, article and `what` ("view", "share:x"…).
    cache.add is one atomic "set if absent" on Redis and in memory, so a burst of
    reloads counts once. If the cache is down (add fails) nothing counts: a pause in the
    counters, never a flood."""
    return cache.add(seen_key(request, post_id, what), 1, seconds_left(timezone.now()))
