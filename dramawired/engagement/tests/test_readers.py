"""Each reader counts once per article a day, and who they are is never stored: the cache
holds a keyed hash of their address and agent under a key that changes every day."""

from datetime import date

import pytest
from django.test import RequestFactory, override_settings

from dramawired.engagement import readers
from dramawired.news.models import Post

from .conftest import CHROME, counts, reader

TODAY, TOMORROW = date(2025, 3, 1), date(2025, 3, 2)


@pytest.fixture
def today(monkeypatch):
    """The reader's day, moved by setting .day (the counter asks for it on every hit)."""
    class Clock:
        day = TODAY

    monkeypatch.setattr(readers, "today", lambda: Clock.day)
    return Clock


def test_a_script_reloading_the_beacon_counts_once(post, today):
    script = reader(site=None, HTTP_ORIGIN="http://testserver")  # a forged origin
    for _ in range(50):
        assert script.post(f"/e/view/{post.pk}/").status_code == 204
        script.get(f"/e/view/{post.pk}.gif")
    for network in ("facebook", "x", "facebook"):
        script.get(f"/share/{post.pk}/{network}/")
    script.post(f"/e/share/{post.pk}/")
    script.post(f"/e/share/{post.pk}/")
    assert counts(post) == (1, 3)  # one view; one share per network (facebook, x, copy)


def test_once_per_reader_per_article_per_day(post, today):
    other = Post.objects.create(title="Other", slug="other", url_key="o",
                                original_url="https://pub.example/other")
    reader().post(f"/e/view/{post.pk}/")
    reader().post(f"/e/view/{post.pk}/")
    reader().post(f"/e/view/{other.pk}/")  # another article
    reader(agent=CHROME + " Edg/130").post(f"/e/view/{post.pk}/")  # another browser, same NAT
    reader("203.0.113.8").post(f"/e/view/{post.pk}/")  # another address
    assert counts(post) == (3, 0) and counts(other) == (1, 0)
    today.day = TOMORROW
    reader().post(f"/e/view/{post.pk}/")
    reader().post(f"/e/view/{post.pk}/")
    assert counts(post) == (4, 0)


def request(address="203.0.113.7", agent=CHROME):
    return RequestFactory().post("/", REMOTE_ADDR=address, HTTP_USER_AGENT=agent)


def test_the_cache_key_keeps_no_address_or_agent_and_depends_on_the_secret(today):
    key = readers.seen_key(request(), 5, "view")
    assert "203.0.113.7" not in key and "Chrome" not in key and "Mozilla" not in key
    assert key == readers.seen_key(request(), 5, "view")
    others = {readers.seen_key(request("203.0.113.8"), 5, "view"),
              readers.seen_key(request(agent="Firefox"), 5, "view"),
              readers.seen_key(request(), 6, "view"),
              readers.seen_key(request(), 5, "share:x")}
    with override_settings(SECRET_KEY="another site's secret " * 3):
        others.add(readers.seen_key(request(), 5, "view"))
    today.day = TOMORROW
    others.add(readers.seen_key(request(), 5, "view"))
    assert key not in others and len(others) == 6


def test_what_is_remembered_expires_with_the_day(today):
    from datetime import UTC, datetime

    assert readers.seconds_left(datetime(2025, 3, 1, 23, 59, 30, tzinfo=UTC)) == 30
    assert readers.seconds_left(datetime(2025, 3, 1, 0, 0, tzinfo=UTC)) == 86_400
