"""`dramawired demo --no-serve` from the installed CLI on a fresh checkout (no var/ yet),
using publishers already listening on the port: what `make demo` does before serving."""

import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from dramawired.demo.catalog import OUTLETS

CLI = Path(sys.executable).with_name("dramawired")


def test_demo_sets_up_from_nothing(publishers, tmp_path):
    var = tmp_path / "fresh" / "var"  # does not exist, as on a fresh clone
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "dramawired.settings.test",
           "DRAMAWIRED_VAR_DIR": str(var), "DRAMAWIRED_DEMO_PASSWORD": "pw-for-test"}
    env.pop("DATABASE_URL", None)
    port = str(urlsplit(publishers.base_url).port)
    run = subprocess.run([str(CLI), "demo", "--no-serve", "--publishers-port", port],
                         env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    assert f"Sources: {len(OUTLETS)} added, 0 already there." in run.stdout
    new = re.search(rf"{len(OUTLETS)} sources, (\d+) new posts", run.stdout)
    assert new and int(new.group(1)) >= 80
    assert "user: editor  password: pw-for-test" in run.stdout
    assert (var / "dramawired.sqlite3").is_file()
