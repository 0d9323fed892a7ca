"""var/ holds the database, the job queue, password-reset links and cached pages: the
site's own user alone may read them. A fresh var dir is made 0700 with 0600 files, and one
an older version left readable is tightened when the site starts."""

import stat
from pathlib import Path

from . import embedded

SEND_RESET_MAIL = """
import json
from django.core.mail import send_mail
from huey.contrib.djhuey import HUEY
send_mail("Password reset", "https://news.example.com/reset/MQ/abc-123/", None, ["a@b.example"])
print(json.dumps({"pending": HUEY.pending_count()}))
"""


def _mode(path: Path) -> str:
    return oct(stat.S_IMODE(path.stat().st_mode))


def _modes(var: Path) -> dict[str, str]:
    mail = list((var / "mail").iterdir())
    assert len(mail) == 1, mail
    return {"var": _mode(var), "database": _mode(var / "dramawired.sqlite3"),
            "queue": _mode(var / "queue.sqlite3"), "mail": _mode(var / "mail"),
            "a mail": _mode(mail[0])}


OWNER_ONLY = {"var": "0o700", "database": "0o600", "queue": "0o600", "mail": "0o700",
              "a mail": "0o600"}


def test_a_new_var_dir_is_for_the_owner_only(tmp_path):
    var = tmp_path / "var"
    embedded.cli(var, "migrate", "--no-input")
    assert embedded.shell_json(var, SEND_RESET_MAIL) == {"pending": 0}
    assert _modes(var) == OWNER_ONLY
    for extra in ("dramawired.sqlite3-wal", "dramawired.sqlite3-shm"):
        if (var / extra).exists():  # SQLite's WAL files, while a connection keeps them
            assert _mode(var / extra) == "0o600"


def test_a_readable_var_dir_left_by_an_older_version_is_tightened(tmp_path):
    var = tmp_path / "var"
    var.mkdir(mode=0o755)
    var.chmod(0o755)
    (var / "dramawired.sqlite3").touch(mode=0o644)
    (var / "queue.sqlite3").touch(mode=0o644)
    (var / "mail").mkdir(mode=0o755)
    (var / "mail" / "old.log").write_text("a reset link")
    for path in (var / "dramawired.sqlite3", var / "queue.sqlite3", var / "mail"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    embedded.cli(var, "migrate", "--no-input")
    assert (_mode(var), _mode(var / "dramawired.sqlite3"), _mode(var / "queue.sqlite3"),
            _mode(var / "mail")) == ("0o700", "0o600", "0o600", "0o700")
