"""What one deployment bench run starts and creates (databases, folders, processes), undone
in reverse order whatever happens, and the environment each process is given."""

import contextlib
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import serving  # bench/serving.py: free ports, waiting for a server to answer

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CLI = Path(sys.executable).with_name("dramawired")
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
REDIS_URL = "redis://127.0.0.1:6379/14"


class Scratch:
    """A temporary folder (under `parent`, or the system's) and the processes started in
    it, undone in reverse order by close()."""

    def __init__(self, prefix: str = "dramawired-bench-", parent: Path | None = None):
        self.undo = contextlib.ExitStack()
        self.var = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
        self.undo.callback(shutil.rmtree, self.var, ignore_errors=True)

    def close(self) -> None:
        self.undo.close()

    def folder(self, name: str) -> Path:
        path = self.var / name
        path.mkdir(parents=True)
        return path

    def start(self, name: str, command: list[str], env: dict | None = None):
        """A child in its own session (a Ctrl-C here reaches only this script, which stops
        it), its output in <var>/<name>.log."""
        log = self.var / f"{name}.log"
        with open(log, "wb") as out:
            proc = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL, start_new_session=True)
        proc.name, proc.log = name, log
        self.undo.callback(halt, proc)
        return proc


class Run(Scratch):
    """The deployment bench's: databases on PostgreSQL and Redis db 14 besides."""

    def __init__(self):
        super().__init__("dramawired-deploy-bench-")
        self.tag = f"dramawired_bench_{os.getpid()}"
        # One secret for every process, as one env file gives every unit the same.
        self.secret = secrets.token_urlsafe(50)
        import psycopg
        import redis

        try:
            self.redis = redis.Redis.from_url(REDIS_URL, socket_timeout=5)
            self.redis.flushdb()
            self.undo.callback(self.redis.flushdb)
            self.pg = psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True,
                                      connect_timeout=5)
            self.undo.callback(self.pg.close)
        except BaseException:
            self.close()
            raise

    def database(self, suffix: str, template: str | None = None) -> str:
        """A new database (a copy of `template`), dropped at the end; its URL."""
        name = f"{self.tag}_{suffix}"
        self.pg.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template
                                                        else ""))
        self.undo.callback(self.pg.execute, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        return f"{PG_SERVER}/{name}"


def halt(proc, sig=signal.SIGTERM, timeout=15) -> None:
    """Stop a child (gunicorn and nginx on SIGTERM, a worker gracefully on SIGINT), then
    anything left in its own process group."""
    if proc.poll() is None:
        proc.send_signal(sig)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pass
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def wait_until_up(url: str, proc) -> None:
    try:
        serving.wait_until_up(url, proc)
    except RuntimeError as exc:
        sys.exit(f"{proc.name}: {exc}\n{tail(proc)}")


def tail(proc, lines: int = 25) -> str:
    text = proc.log.read_text(errors="replace").splitlines()[-lines:]
    return f"--- {proc.name} ---\n" + "\n".join(text)


def cli(*args: str, env: dict) -> str:
    done = subprocess.run([str(CLI), *args], env=env, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"dramawired {' '.join(args)}: {done.stdout}{done.stderr}")
    return done.stdout


def environment(**extra) -> dict:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DRAMAWIRED_", "DATABASE_URL", "REDIS_URL", "DJANGO_"))}
    return {**env, **{k: str(v) for k, v in extra.items()}}


def deployment_env(run: Run, database_url: str, var: Path, queue: str) -> dict:
    """What deploy/dramawired.env.example sets, for this machine (HTTP: no TLS here)."""
    return environment(
        DJANGO_SETTINGS_MODULE="dramawired.settings.production",
        DRAMAWIRED_SECRET_KEY=run.secret, DRAMAWIRED_ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url, REDIS_URL=REDIS_URL, DRAMAWIRED_QUEUE_NAME=queue,
        DRAMAWIRED_VAR_DIR=var, DRAMAWIRED_HTTPS=0, DRAMAWIRED_DEBUG=0)
