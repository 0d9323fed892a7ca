"""`dramawired run`: the web server and a worker as one command, as an operator runs them,
on a deployment of its own (SQLite on the first CI pass, PostgreSQL + Redis on the second).
Ctrl-C stops both and leaves nothing running; a dead worker takes the web server down too."""

import os
import signal
import socket
from pathlib import Path

from .deployment import assert_each_story_once, expected_titles, free_port, wait_until


def _children(pid: int) -> dict[str, int]:
    """`run`'s child processes by role ("web", "worker"), from /proc."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            args = (entry / "cmdline").read_bytes().split(b"\0")
        except (OSError, IndexError, ValueError):
            continue
        if ppid == pid:
            for role in ("web", "worker"):
                if role.encode() in args:
                    found[role] = int(entry.name)
    return found


def _listening(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


def _start(dep, port: int):
    run = dep.start_run(port)
    run.wait_ready(90)
    children = wait_until(lambda: (c := _children(run.pid)).keys() == {"web", "worker"} and c,
                          10, "run's web and worker processes", detail=dep.tails)
    return run, children


def test_run_serves_polls_and_stops_on_ctrl_c(deployment, publishers):
    dep = deployment
    expected = expected_titles()
    dep.cli("migrate", "--no-input")
    dep.cli("sources", "import-opml", f"{publishers.base_url}/opml.xml")
    port = free_port()
    run, children = _start(dep, port)
    assert run.get("/").status_code == 200
    # The worker polls by itself: every demo story published once, and on the site.
    wait_until(lambda: dep.post_count() >= len(expected) and dep.idle(), 90,
               "run's worker to publish the demo stories", interval=0.2, detail=dep.tails)
    assert_each_story_once(dep)
    slug = dep.query("SELECT slug FROM news_post ORDER BY id LIMIT 1")[0][0]
    assert run.get(f"/{slug}/").status_code == 200
    family = dep.stray_pids()  # run, web (gunicorn and its workers), worker
    assert {run.pid, *children.values()} <= set(family)

    run.signal(signal.SIGINT)
    assert run.wait(30) == 0, run.tail()
    assert "Stopped." in run.log()
    assert not _listening(port)
    assert dep.stray_pids() == [], "a process of `run` outlived it"


def test_run_stops_the_web_server_when_the_worker_dies(deployment):
    dep = deployment
    port = free_port()
    run, children = _start(dep, port)  # `run` migrates a new database itself

    os.kill(children["worker"], signal.SIGKILL)
    status = run.wait(45)
    assert status != 0
    assert "the worker process exited" in run.log()
    assert not _listening(port)
    assert dep.stray_pids() == [], "a process of `run` outlived it"
