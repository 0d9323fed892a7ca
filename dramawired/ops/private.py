"""The site's state is for its own user only: var/ holds the SQLite database, the job
queue, password-reset links (var/mail) and cached pages. Called by the settings, so every
dramawired process (web, worker, commands, tests) runs with it before it creates a file."""

import os
from pathlib import Path

OWNER_ONLY = 0o077  # umask: new files 0600, new folders 0700
# What an older version left readable there: tightened at start-up.
SENSITIVE = ("dramawired.sqlite3", "dramawired.sqlite3-wal", "dramawired.sqlite3-shm",
             "queue.sqlite3", "queue.sqlite3-wal", "queue.sqlite3-shm", "mail", "cache")


def keep_private(var_dir: Path) -> None:
    """Owner-only from now on, for var_dir and everything this process creates; var_dir and
    the files above made owner-only if they exist and are ours (someone else's are left)."""
    os.umask(os.umask(OWNER_ONLY) | OWNER_ONLY)  # keeps any stricter bits already set
    for path in (var_dir, *(var_dir / name for name in SENSITIVE)):
        try:
            if path.stat().st_uid == os.geteuid():
                path.chmod(0o700 if path.is_dir() else 0o600)
        except FileNotFoundError:
            pass
