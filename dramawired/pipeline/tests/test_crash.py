"""A real crash: `dramawired ingest` killed with SIGKILL half-way, then run again.
Nothing is published twice and nothing is lost (its own SQLite file, real processes)."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from dramawired.demo.catalog import articles

CLI = Path(sys.executable).with_name("dramawired")


def _posts(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [row[0] for row in conn.execute("select title from news_post")]


def _wait_for_claims_to_lapse(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        [until] = conn.execute("select max(claimed_until) from sources_source").fetchone()
    lapse = datetime.fromisoformat(until).replace(tzinfo=UTC)
    time.sleep(max(0.0, (lapse - datetime.now(UTC)).total_seconds()) + 0.2)


def test_sigkill_mid_ingest_then_rerun(publishers, tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "dramawired.settings.test",
           "DRAMAWIRED_VAR_DIR": str(tmp_path),
           # One page at a time, so the run is slow enough to be killed in the middle.
           "DRAMAWIRED_FETCH_WORKERS": "1", "DRAMAWIRED_FETCH_PER_HOST": "1",
           # The killed run's claim on the source it was polling lapses this soon.
           # Long enough for the next run to start while it holds on a loaded machine.
           "DRAMAWIRED_POLL_LEASE": "15"}
    env.pop("DATABASE_URL", None)
    db = tmp_path / "dramawired.sqlite3"

    def cli(*args):
        return subprocess.run([str(CLI), *args], env=env, capture_output=True, text=True,
                              timeout=120, check=True)

    cli("migrate", "--no-input")
    cli("sources", "import-opml", f"{publishers.base_url}/opml.xml")
    victim = subprocess.Popen([str(CLI), "ingest"], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(_posts(db)) < 20:
        time.sleep(0.05)
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    killed_at = len(_posts(db))
    expected = {a.title for items in articles().values() for a in items
                if a.original is None and not a.link}
    assert 20 <= killed_at < len(expected), "the kill must land mid-run"

    # Straight away, the source the dead run was polling is still claimed: skipped, not
    # polled twice at once. Once the claim lapses the re-run picks it up.
    assert "another worker is polling it" in cli("ingest").stdout
    _wait_for_claims_to_lapse(db)
    cli("ingest")
    titles = _posts(db)
    assert len(titles) == len(set(titles)) == len(expected)
    assert set(titles) == expected
