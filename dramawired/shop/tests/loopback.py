"""A merchant on 127.0.0.1: serves the test feeds (and anything given) on a free port."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

TESTDATA = Path(__file__).parent / "testdata"


class Merchant(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, bodies: dict[str, bytes] | None = None):
        self.bodies = bodies if bodies is not None else {}
        self.hits: list[str] = []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(handler):  # noqa: N802, N805 - http.server's naming
                self.hits.append(handler.path)
                name = handler.path.lstrip("/")
                body = self.bodies.get(name)
                if body is None and (TESTDATA / name).is_file() and "/" not in name:
                    body = (TESTDATA / name).read_bytes()
                if body is None:
                    return handler.send_error(404)
                handler.send_response(200)
                handler.send_header("Content-Type", "application/xml")
                handler.send_header("Content-Length", str(len(body)))
                handler.end_headers()
                handler.wfile.write(body)

            def log_message(self, *args):
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"
