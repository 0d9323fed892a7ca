"""A publisher that misbehaves on purpose: a threaded HTTP/1.1 server on 127.0.0.1 whose
answers are written byte for byte as a test registers them, lies and stalls included.

    with HostileServer() as server:
        url = server.route("/feed.xml", body=rss, headers={"Content-Type": "application/rss+xml"})
        server.route("/hang", body=b"<p>hi</p>", drip_headers=0.2)  # status line + headers,
                                                                     # one byte every 0.2 s
        server.route("/trickle", body=b"x" * 500, drip_body=0.05)   # body one byte at a time
        server.route("/late", body=b"ok", delay=1.5)                # silence, then the answer
        server.route("/loop", status=302, headers={"Location": "/loop"})
        server.route("/liar", body=b"x" * 50, headers={"Content-Length": "5"})
        server.route("/cut", body=b"0123", headers={"Content-Length": "100"}, close=True)
        server.route("/endless", chunks=itertools.repeat(b"x" * 65536))  # chunked, no end
        server.url("/feed.xml"); server.requests  # [(path, {lower-case header: value}), ...]

route() returns the route's URL. Content-Length is added (len(body)) unless the headers
name one or `chunks` is given (then Transfer-Encoding: chunked). Connections are kept
alive unless `close`. Any other path answers 404. Handler threads are daemons and stop at
the next byte they write once the client has gone or the server is stopped.
"""

import socketserver
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from http import HTTPStatus

_MAX_HEAD = 64 * 1024


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] | list[tuple[str, str]] | None = None
    chunks: Iterable[bytes] | None = None
    delay: float = 0.0
    drip_headers: float = 0.0
    drip_body: float = 0.0
    close: bool = False

    def head(self) -> bytes:
        pairs = list((self.headers or {}).items() if isinstance(self.headers, dict)
                     else self.headers or [])
        names = {name.lower() for name, _ in pairs}
        if self.chunks is not None:
            pairs.append(("Transfer-Encoding", "chunked"))
        elif "content-length" not in names:
            pairs.append(("Content-Length", str(len(self.body))))
        if self.close:
            pairs.append(("Connection", "close"))
        try:
            reason = HTTPStatus(self.status).phrase
        except ValueError:
            reason = "Whatever"
        lines = [f"HTTP/1.1 {self.status} {reason}", *(f"{k}: {v}" for k, v in pairs)]
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


class _Handler(socketserver.StreamRequestHandler):
    server: "_Server"

    def handle(self):
        try:
            while not self.server.stopping.is_set():
                head = self._read_head()
                if head is None:
                    return
                request_line, *header_lines = head.decode("latin-1").split("\r\n")
                path = request_line.split(" ")[1] if request_line.count(" ") >= 2 else "/"
                headers = dict(line.split(":", 1) for line in header_lines if ":" in line)
                headers = {k.strip().lower(): v.strip() for k, v in headers.items()}
                self.server.requests.append((path, headers))
                route = self.server.routes.get(path.split("?")[0], Route(404, b"not here"))
                self._answer(route)
                if route.close or headers.get("connection", "").lower() == "close":
                    return
        except OSError:  # the client went away: nothing more to say
            return

    def _read_head(self) -> bytes | None:
        lines = []
        while sum(map(len, lines)) < _MAX_HEAD:
            line = self.rfile.readline(_MAX_HEAD)
            if not line:
                return None
            if line in (b"\r\n", b"\n"):
                return b"".join(lines).rstrip(b"\r\n")
            lines.append(line)
        return None

    def _send(self, data: bytes, drip: float = 0.0) -> None:
        pieces = [data[i:i + 1] for i in range(len(data))] if drip else [data]
        for piece in pieces:
            if self.server.stopping.is_set():
                raise ConnectionAbortedError
            self.wfile.write(piece)
            self.wfile.flush()
            if drip:
                time.sleep(drip)

    def _answer(self, route: Route) -> None:
        if route.delay and self.server.stopping.wait(route.delay):
            raise ConnectionAbortedError
        self._send(route.head(), route.drip_headers)
        if route.chunks is None:
            self._send(route.body, route.drip_body)
            return
        for chunk in route.chunks:
            self._send(b"%x\r\n%s\r\n" % (len(chunk), chunk), route.drip_body)
        self._send(b"0\r\n\r\n")


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.stopping = threading.Event()


class HostileServer:
    def __init__(self):
        self._server = _Server()
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def requests(self) -> list[tuple[str, dict[str, str]]]:
        return self._server.requests

    def url(self, path: str) -> str:
        return self.base_url + path

    def route(self, path: str, **answer) -> str:
        self._server.routes[path] = Route(**answer)
        return self.url(path)

    def start(self) -> "HostileServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.stopping.set()
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> "HostileServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
