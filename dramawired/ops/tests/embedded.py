"""`dramawired` commands run as an operator runs them, in processes of their own, on the
embedded default (SQLite and the SQLite queue in a var dir of the test's own) whatever
services the test run itself has: what settings do at start-up can only be seen in a
fresh process."""

import json
import os
import secrets
import subprocess
from pathlib import Path

from .deployment import CLI, Web, free_port

# Good enough for production settings: random, 67 characters.
STRONG_KEY = secrets.token_urlsafe(50)


def env(var_dir: Path, **overrides) -> dict:
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith(("DRAMAWIRED_", "DATABASE_URL", "REDIS_URL", "DJANGO_"))}
    clean.update({"DJANGO_SETTINGS_MODULE": "dramawired.settings.base",
                  "DRAMAWIRED_VAR_DIR": str(var_dir), "PYTHONUNBUFFERED": "1",
                  # gunicorn's control socket: one per test, not one for the machine.
                  "XDG_RUNTIME_DIR": str(var_dir.parent)})
    clean.update({k: str(v) for k, v in overrides.items()})
    return clean


def production(**overrides) -> dict:
    """The environment of deploy/dramawired.env.example, as far as these tests need it."""
    return {"DJANGO_SETTINGS_MODULE": "dramawired.settings.production",
            "DRAMAWIRED_SECRET_KEY": STRONG_KEY, "DRAMAWIRED_ALLOWED_HOSTS": "testserver",
            **overrides}


def cli(var_dir: Path, *args: str, check: bool = True, **overrides) -> subprocess.CompletedProcess:
    result = subprocess.run([str(CLI), *args], env=env(var_dir, **overrides), text=True,
                            capture_output=True, timeout=120, stdin=subprocess.DEVNULL)
    if check and result.returncode:
        raise AssertionError(f"dramawired {' '.join(args)} exited {result.returncode}\n"
                             f"{result.stdout}\n{result.stderr}")
    return result


def shell_json(var_dir: Path, code: str, **overrides):
    """What `code` (run by `dramawired shell`) printed last, read as JSON."""
    out = cli(var_dir, "shell", "-c", code, **overrides).stdout
    return json.loads(out.strip().splitlines()[-1])


def start_web(var_dir: Path, **overrides) -> Web:
    """`dramawired web` on a free port, answering; its output in var_dir/../web.log."""
    port = free_port()
    web = Web("web", ["web", "--port", str(port), "--workers", "1"], env(var_dir, **overrides),
              var_dir.parent / "web.log", port)
    web.wait_ready()
    return web
