"""Run the web server and a worker side by side, as `dramawired run` and the demo do:
one command for the whole site on one machine.

Each runs as its own `dramawired web` / `dramawired worker` process in its own session, so
a Ctrl-C reaches only this supervisor, which asks each to stop once, gracefully (gunicorn
finishes its requests, the worker its jobs); a second Ctrl-C stops them at once. If either
dies, the other is stopped too and the exit status says so.
"""

import signal
import subprocess
import sys
import time

CLI = [sys.executable, "-m", "dramawired"]
GRACE = 30  # seconds to finish running requests and jobs before being killed

# (graceful, at once) for each: gunicorn stops gracefully on TERM and at once on INT;
# huey's consumer finishes its jobs on INT and stops at once on TERM.
STOP = {"web": (signal.SIGTERM, signal.SIGINT), "worker": (signal.SIGINT, signal.SIGTERM)}


def run_site(port: int, *, bind: str = "127.0.0.1", out=sys.stdout) -> int:
    children = {
        "web": subprocess.Popen([*CLI, "web", "--bind", bind, "--port", str(port)],
                                start_new_session=True),
        "worker": subprocess.Popen([*CLI, "worker"], start_new_session=True),
    }
    stops, crashed = 0, False

    def stop(signum=None, frame=None):
        nonlocal stops
        urgency = min(stops, 1)
        stops += 1
        for name, child in children.items():
            if child.poll() is None:
                child.send_signal(STOP[name][urgency])

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        while all(child.poll() is None for child in children.values()) and not stops:
            time.sleep(0.2)
        if not stops:  # one died on its own: take the other down with it
            crashed = True
            dead = next(n for n, c in children.items() if c.poll() is not None)
            print(f"error: the {dead} process exited ({children[dead].returncode}); "
                  "stopping", file=sys.stderr)
            stop()
        deadline = time.monotonic() + GRACE
        for child in children.values():
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    print("Stopped.", file=out)
    return 1 if crashed or not _clean(children) else 0


def _clean(children) -> bool:
    # Stopped by us: gunicorn and huey's consumer exit 0 (a signal death is negative).
    return all(c.returncode in (0, -signal.SIGINT, -signal.SIGTERM) for c in children.values())
