"""/healthz answers 200 while the database and the queue answer, 200 "degraded" naming the
queue when only the queue is down, and 503 when the database is; it is never cached, by
the page cache or anyone else. The details (queue depth, failing sources, errors) are for
callers on this machine and editors: the test client calls from 127.0.0.1, and a reader
elsewhere hears the status alone."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from huey.contrib.djhuey import HUEY

from dramawired.pipeline import jobs
from dramawired.sources.models import Source


def _source(name: str, **fields) -> Source:
    return Source.objects.create(name=name, feed_url=f"https://{name}.example/feed", **fields)


@pytest.mark.django_db
def test_healthz_reports_database_queue_and_last_poll(client, queue):
    now = timezone.now()
    _source("ok", last_success=now - timedelta(seconds=42))
    _source("older", last_success=now - timedelta(hours=3))
    failing = _source("failing", consecutive_failures=2, last_error="HTTP 500")
    _source("off", enabled=False, consecutive_failures=9)  # not polled: not failing now
    jobs.poll_source(failing.pk)
    # A retry waiting its turn: what the consumer does with a task whose time is not yet.
    HUEY.add_schedule(jobs.poll_source.s(failing.pk, delay=600))

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "ok" and body["database"] == "ok" and "failed" not in body
    assert body["queue"] == {"status": "ok", "pending": 1, "scheduled": 1}
    assert body["last_poll"]["failing_sources"] == 1
    assert body["last_poll"]["at"] == (now - timedelta(seconds=42)).isoformat()
    assert 42 <= body["last_poll"]["age_seconds"] < 60


@pytest.mark.django_db
def test_healthz_before_any_poll(client, queue):
    body = client.get("/healthz").json()
    assert body["last_poll"] == {"at": None, "age_seconds": None, "failing_sources": 0}
    assert body["queue"] == {"status": "ok", "pending": 0, "scheduled": 0}


@pytest.mark.django_db
def test_healthz_is_never_cached(client, queue):
    source = _source("tea", last_success=timezone.now())
    first = client.get("/healthz")
    assert "no-store" in first["Cache-Control"] and "max-age=0" in first["Cache-Control"]
    assert "X-Cache" not in first  # the page cache neither stored nor served it
    source.consecutive_failures = 1
    source.save(update_fields=["consecutive_failures"])
    second = client.get("/healthz")
    assert "X-Cache" not in second
    assert second.json()["last_poll"]["failing_sources"] == 1


@pytest.mark.django_db
def test_healthz_answers_get_only(client, queue):
    assert client.post("/healthz").status_code == 405


@pytest.mark.django_db
def test_healthz_is_degraded_but_200_when_the_queue_storage_is_gone(client, lost_queue):
    with pytest.raises(Exception, match="unable to open database file"):
        jobs.queue_depth()  # the failure is genuine, not staged
    response = client.get("/healthz")

    # Readers are still served: a load balancer must keep this node.
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded" and body["database"] == "ok"
    assert body["queue"]["status"] == "error"
    assert "unable to open database file" in body["queue"]["error"]
    assert body["failed"] == {"queue": body["queue"]["error"]}
    assert body["last_poll"]["failing_sources"] == 0  # the database part still reports


@pytest.mark.django_db(transaction=True)  # a connection can be closed only outside atomic
def test_healthz_is_503_when_the_database_is_gone(client, queue, monkeypatch, tmp_path):
    if connection.vendor == "sqlite":
        missing = str(tmp_path / "missing" / "db.sqlite3")  # a folder that does not exist
    else:
        missing = "dramawired_missing_database"
    monkeypatch.setitem(connection.settings_dict, "NAME", missing)
    connection.close()  # the next query connects again, to the missing database

    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error" and body["database"] == "error"
    assert body["failed"]["database"].startswith("OperationalError")
    assert body["queue"] == {"status": "ok", "pending": 0, "scheduled": 0}
    assert body["last_poll"] is None
    monkeypatch.undo()
    assert Source.objects.count() == 0  # and the database is back for the next test


READER = "203.0.113.9"  # a caller on another machine (behind nginx: the reader's address)


@pytest.mark.django_db
def test_a_public_caller_hears_the_status_alone(client, queue):
    _source("failing", consecutive_failures=2, last_error="HTTP 500 at https://pub.example/")
    response = client.get("/healthz", REMOTE_ADDR=READER)
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_a_public_caller_hears_degraded_without_the_error(client, lost_queue):
    response = client.get("/healthz", REMOTE_ADDR=READER)
    assert response.status_code == 200
    assert response.json() == {"status": "degraded"}


@pytest.mark.django_db
@pytest.mark.parametrize("local", ["127.0.0.1", "::1", "127.0.0.53"])
def test_every_loopback_caller_hears_the_details(client, queue, local):
    body = client.get("/healthz", REMOTE_ADDR=local).json()
    assert body["queue"] == {"status": "ok", "pending": 0, "scheduled": 0}


@pytest.mark.django_db
def test_editors_hear_the_details_from_anywhere_readers_do_not(client, queue,
                                                                django_user_model):
    _source("failing", consecutive_failures=1)
    reader = django_user_model.objects.create_user("reader", password="pw")
    client.force_login(reader)
    assert client.get("/healthz", REMOTE_ADDR=READER).json() == {"status": "ok"}
    editor = django_user_model.objects.create_user("ed", password="pw", is_staff=True)
    client.force_login(editor)
    body = client.get("/healthz", REMOTE_ADDR=READER).json()
    assert body["status"] == "ok" and body["last_poll"]["failing_sources"] == 1


@pytest.mark.django_db(transaction=True)
def test_a_public_caller_hears_503_when_the_database_is_gone(client, queue, monkeypatch,
                                                             tmp_path, django_user_model):
    # With a session cookie, too: looking up who is asking needs the database that is gone.
    client.force_login(django_user_model.objects.create_user("reader", password="pw"))
    if connection.vendor == "sqlite":
        missing = str(tmp_path / "missing" / "db.sqlite3")
    else:
        missing = "dramawired_missing_database"
    monkeypatch.setitem(connection.settings_dict, "NAME", missing)
    connection.close()

    response = client.get("/healthz", REMOTE_ADDR=READER)

    assert response.status_code == 503
    assert response.json() == {"status": "error"}
    monkeypatch.undo()
