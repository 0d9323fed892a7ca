"""Servers on 127.0.0.1 for the shop's tests: a merchant serving the test feeds, and any
stand-in given a function answering (method, path, body) with (status, type, bytes)."""

import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

TESTDATA = Path(__file__).parent / "testdata"
Answer = tuple[int, str, bytes]


class Loopback(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, respond: Callable[[str, str, bytes], Answer]):
        self.hits: list[tuple[str, str, bytes]] = []

        class Handler(BaseHTTPRequestHandler):
            def _answer(handler):  # noqa: N805 - the server is `self`
                length = int(handler.headers.get("Content-Length") or 0)
                body = handler.rfile.read(length) if length else b""
                self.hits.append((handler.command, handler.path, body))
                status, kind, data = respond(handler.command, handler.path, body)
                handler.send_response(status)
                handler.send_header("Content-Type", kind)
                handler.send_header("Content-Length", str(len(data)))
                handler.end_headers()
                handler.wfile.write(data)

            do_GET = do_POST = _answer

            def log_message(self, *args):
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


def merchant() -> Loopback:
    """The files of testdata/ by name; anything else 404."""
    def respond(method, path, body) -> Answer:
        name = path.lstrip("/")
        if "/" in name or not (TESTDATA / name).is_file():
            return 404, "text/plain", b"Not Found"
        return 200, "application/xml", (TESTDATA / name).read_bytes()
    return Loopback(respond)
