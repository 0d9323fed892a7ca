"""Source health and settings: success resets, failures back off exponentially up to a
day (Retry-After wins when the server gave one), each wait up to 10% early (jitter),
reset_backoff, and how keywords and
category rules typed by editors are read."""

from datetime import UTC, datetime, timedelta

import pytest

from dramawired.sources.models import (
    JITTER,
    MAX_BACKOFF,
    Source,
    guess_kind,
    split_keywords,
)

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


@pytest.fixture
def source(db):
    return Source.objects.create(name="Tea", feed_url="https://tea.example/feed",
                                 poll_interval=30)


def _waits(source, delay: timedelta) -> bool:
    """The next poll is `delay` from NOW, or up to JITTER of it earlier."""
    return NOW + delay * (1 - JITTER) <= source.next_attempt <= NOW + delay


def _fail(source, times, **kwargs):
    for _ in range(times):
        source.record_failure("HTTP 500 from https://tea.example/feed", now=NOW, **kwargs)


def test_success_schedules_next_poll_and_keeps_validators(source):
    _fail(source, 3)
    source.record_success(etag='"abc"', last_modified="Fri, 20 Nov 2026 09:30:00 GMT",
                          now=NOW)
    source.refresh_from_db()
    assert source.consecutive_failures == 0
    assert source.last_success == NOW
    assert _waits(source, timedelta(minutes=30))
    assert (source.etag, source.last_modified) == ('"abc"', "Fri, 20 Nov 2026 09:30:00 GMT")
    # The last error stays for editors to read.
    assert source.last_error.startswith("HTTP 500")


@pytest.mark.parametrize("failures, minutes", [(1, 30), (2, 60), (3, 120), (4, 240),
                                               (6, 960)])
def test_failures_double_the_wait(source, failures, minutes):
    _fail(source, failures)
    source.refresh_from_db()
    assert source.consecutive_failures == failures
    assert source.last_error_at == NOW
    assert _waits(source, timedelta(minutes=minutes))


def test_backoff_is_capped_at_a_day_even_after_months_of_failures(source):
    _fail(source, 7)  # 30 min * 2**6 = 32 h: over the cap
    assert source.next_attempt == NOW + MAX_BACKOFF == NOW + timedelta(hours=24)
    # A feed dead for months is still retried daily (2**n of a timedelta once overflowed).
    source.consecutive_failures = 400
    source.record_failure("still down", now=NOW)
    source.refresh_from_db()
    assert source.consecutive_failures == 401
    assert source.next_attempt == NOW + timedelta(hours=24)


def test_retry_after_is_honoured_and_capped(source):
    _fail(source, 5)  # the backoff alone would be 8 h
    source.record_failure("HTTP 429", retry_after=120, now=NOW)
    assert source.next_attempt == NOW + timedelta(seconds=120)
    source.record_failure("HTTP 429", retry_after=3 * 86400, now=NOW)
    assert source.next_attempt == NOW + MAX_BACKOFF


def test_long_errors_are_cut_for_storage(source):
    source.record_failure("x" * 5000, now=NOW)
    source.refresh_from_db()
    assert len(source.last_error) == 2000


def test_reset_backoff_makes_the_source_due_now(source):
    _fail(source, 4)
    assert not source.is_due(NOW)
    source.reset_backoff()
    source.refresh_from_db()
    assert source.consecutive_failures == 0
    assert source.next_attempt is None
    assert source.is_due(NOW)


def test_is_due(source):
    assert source.is_due(NOW)  # never polled
    source.record_success(now=NOW)
    assert not source.is_due(NOW + timedelta(minutes=26))
    assert source.is_due(NOW + timedelta(minutes=30))
    source.enabled = False
    assert not source.is_due(NOW + timedelta(days=1))


def test_keywords_by_comma_or_line_blanks_ignored():
    assert split_keywords("Nova Reyes, Kiki Blaze\n\n  tour ,\r\nK-drama,,") == [
        "Nova Reyes", "Kiki Blaze", "tour", "K-drama"]
    assert split_keywords("  \n , ") == []
    source = Source(include_keywords="award\nPremiere", exclude_keywords="spoiler, leak")
    assert source.include_list == ["award", "Premiere"]
    assert source.exclude_list == ["spoiler", "leak"]


def test_category_rules_keep_only_well_formed_lines():
    source = Source(category_rules=(
        "trailer => Movie\r\n"
        "  box office=>Movie  \n"
        "no arrow here\n"
        " => Music\n"
        "vinyl => \n"
        "K-drama => TV\n"
    ))
    assert source.category_rule_list == [
        ("trailer", "Movie"), ("box office", "Movie"), ("K-drama", "TV")]
    assert Source(category_rules="").category_rule_list == []


@pytest.mark.parametrize("url, kind", [
    ("https://www.youtube.com/feeds/videos.xml?channel_id=UC1", Source.Kind.YOUTUBE),
    ("https://www.reddit.com/r/PopDrama/.rss", Source.Kind.REDDIT),
    ("https://tea.example/feed", Source.Kind.FEED),
])
def test_kind_is_guessed_from_the_address(url, kind):
    assert guess_kind(url) == kind


def test_jitter_spreads_sources_polled_together(db):
    sources = [Source.objects.create(name=f"S{i}", feed_url=f"https://s{i}.example/feed")
               for i in range(20)]
    for source in sources:
        source.record_success(now=NOW)
    nexts = {s.next_attempt for s in sources}
    assert len(nexts) == 20  # not all in the same minute
    assert all(NOW + timedelta(minutes=27) <= n <= NOW + timedelta(minutes=30) for n in nexts)
