"""A bench's publisher: serves a dict of bodies on 127.0.0.1 (a free port) in a thread.
The dict may be filled after the server starts (a feed that names the server's port)."""

import threading
from http.server import BaseHTTPRequestHandler
from socketserver import ThreadingTCPServer
from urllib.parse import unquote


def serve(bodies: dict[str, bytes]) -> ThreadingTCPServer:
    """`bodies` by path without its leading "/"; any other path answers 404."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = bodies.get(unquote(self.path.lstrip("/")))
            if body is None:
                return self.send_error(404)
            self.send_response(200)
            page = self.path.endswith((".html", ".htm"))
            self.send_header("Content-Type", "text/html; charset=utf-8" if page
                             else "application/xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingTCPServer(("127.0.0.1", 0), Handler)  # not HTTPServer: no getfqdn()
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
