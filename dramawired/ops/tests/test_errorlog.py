"""Every unhandled exception in a request is logged with its traceback, on the web
server's console (journald under systemd): Django's default only mails it to ADMINS,
of which there are none, so a 500 used to leave no trace."""

import sqlite3

import pytest

from . import embedded


@pytest.fixture
def web(tmp_path):
    var = tmp_path / "var"
    embedded.cli(var, "migrate", "--no-input")
    web = embedded.start_web(var)
    yield web
    web.kill()
    web.client.close()


def test_a_500_is_logged_with_its_traceback_a_404_not_at_all(web, tmp_path):
    assert web.get("/no-such-story/").status_code == 404
    assert "django.request" not in web.log()  # readers' typos are no errors

    # A table gone (a migration half rolled back, say): the home page fails for real.
    with sqlite3.connect(tmp_path / "var" / "dramawired.sqlite3") as db:
        db.execute("DROP TABLE news_post")
    assert web.get("/").status_code == 500

    log = web.log()
    assert "ERROR django.request Internal Server Error: /" in log
    assert "Traceback (most recent call last):" in log
    assert "OperationalError: no such table: news_post" in log  # the cause, too
