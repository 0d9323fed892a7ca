"""Ctrl-C stops `dramawired ingest` at once, even while every page it waits for is being
dripped a byte at a time: the pages are abandoned, what was published is kept."""

import os
import signal
import subprocess
import sys
import time

from .hostile import HostileServer


def _env(var_dir) -> dict:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DRAMAWIRED_", "DATABASE_URL", "REDIS_URL", "DJANGO_"))}
    env.update(DJANGO_SETTINGS_MODULE="dramawired.settings.base", DRAMAWIRED_VAR_DIR=str(var_dir),
               DRAMAWIRED_ALLOW_PRIVATE_NETWORKS="1", DRAMAWIRED_FETCH_TIMEOUT="120",
               PYTHONUNBUFFERED="1")
    return env


def _cli(env, *args, **kwargs):
    return subprocess.run([sys.executable, "-m", "dramawired", *args], env=env, text=True,
                          capture_output=True, timeout=120, check=True, **kwargs)


def _ignored(pid: int) -> str:
    status = open(f"/proc/{pid}/status").read()
    mask = int(next(line.split()[1] for line in status.splitlines()
                    if line.startswith("SigIgn:")), 16)
    names = {s.value: s.name for s in signal.Signals}
    return ", ".join(names.get(n, str(n)) for n in range(1, 65) if mask >> (n - 1) & 1) \
        or "none"


def test_ctrl_c_stops_ingest_at_once(tmp_path):
    env = _env(tmp_path / "var")
    with HostileServer() as server:
        items = "".join(f"<item><title>Slow {i}</title><link>{server.url(f'/p/{i}')}</link>"
                        f"<guid>p{i}</guid></item>" for i in range(20))
        feed = server.route("/feed.xml", headers={"Content-Type": "application/rss+xml"},
                            body=f'<rss version="2.0"><channel><title>Slow</title>{items}'
                                 "</channel></rss>".encode())
        for i in range(20):  # each page sends its status line one byte a second
            server.route(f"/p/{i}", body=b"<p>late</p>", drip_headers=1.0)
        _cli(env, "migrate", "--no-input")
        _cli(env, "shell", "-c", "from dramawired.sources.models import Source; "
             f"Source.objects.create(name='Slow', feed_url='{feed}')")
        # As from a terminal: a shell runs a background job (`make test &`) with SIGINT
        # ignored, which the test runner and this child would inherit, and Python then
        # never turns Ctrl-C into KeyboardInterrupt.
        ingest = subprocess.Popen([sys.executable, "-m", "dramawired", "ingest"], env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                  preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        deadline = time.monotonic() + 60
        while not [p for p, _ in server.requests if p.startswith("/p/")]:
            assert time.monotonic() < deadline, "ingest never asked for a page"
            time.sleep(0.1)
        time.sleep(1)
        # Which signals it ignores (a parent that ignores SIGINT passes that on through exec).
        ignored = _ignored(ingest.pid)
        interrupted = time.monotonic()
        ingest.send_signal(signal.SIGINT)
        try:
            out, _ = ingest.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            ingest.kill()
            out, _ = ingest.communicate()
            raise AssertionError(f"still running 10 s after Ctrl-C; ignoring signals "
                                 f"{ignored}; its output:\n{out}") from None
        finally:
            ingest.kill()
        assert time.monotonic() - interrupted < 5, out
        assert ingest.returncode == 130, out
        assert "Interrupted" in out
