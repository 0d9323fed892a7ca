"""A TCP proxy on 127.0.0.1 that a test can cut and restore, to take a service (PostgreSQL,
Redis) away from the processes behind it without touching the service itself.

cut() closes every connection through the proxy and stops listening, so clients see what
they see when a server goes down: their open connections drop and new ones are refused at
once (ECONNREFUSED), never left hanging. restore() listens on the same port again.

stall() is the nastier outage, a server that stops answering without closing anything:
bytes already on their way are held, and new connections are accepted by the kernel but
never answered, until resume().
"""

import socket
import threading

ACCEPT_POLL = 0.1  # seconds: how soon the accept loop notices a cut


class TcpProxy:
    def __init__(self, upstream_host: str, upstream_port: int, host: str = "127.0.0.1"):
        self.upstream = (upstream_host, upstream_port)
        self.host = host
        self.port = 0
        self._lock = threading.Lock()
        self._sockets: set[socket.socket] = set()
        self._stop: threading.Event | None = None
        self._acceptor: threading.Thread | None = None
        self.accepted = 0
        self._flowing = threading.Event()
        self._flowing.set()
        self.restore()

    @property
    def up(self) -> bool:
        return self._acceptor is not None

    def restore(self) -> None:
        """Listen (again, on the same port after a cut) and relay new connections."""
        if self.up:
            return
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        # The cut left the port's old connections in TIME_WAIT: listen on it all the same.
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((self.host, self.port))
        listener.listen(128)
        listener.settimeout(ACCEPT_POLL)
        self.port = listener.getsockname()[1]
        self._stop = threading.Event()
        self._acceptor = threading.Thread(target=self._accept, args=(listener, self._stop),
                                          daemon=True, name=f"proxy-{self.port}")
        self._acceptor.start()

    def stall(self) -> None:
        """Stop answering: nothing relayed, nothing refused, until resume()."""
        self._flowing.clear()

    def resume(self) -> None:
        self._flowing.set()

    def cut(self) -> None:
        """Drop every connection and refuse new ones until restore()."""
        self._flowing.set()  # a stalled relay lets go, onto the closed sockets
        if not self.up:
            return
        self._stop.set()
        self._acceptor.join()  # the listener is closed when this returns
        self._acceptor = None
        with self._lock:
            sockets, self._sockets = self._sockets, set()
        for sock in sockets:
            _close(sock)

    close = cut

    def _accept(self, listener: socket.socket, stop: threading.Event) -> None:
        try:
            while not stop.is_set():
                if not self._flowing.is_set():  # stalled: the kernel's backlog holds them
                    stop.wait(ACCEPT_POLL)
                    continue
                try:
                    client, _ = listener.accept()
                except TimeoutError:
                    continue
                except OSError:
                    return
                client.settimeout(None)
                try:
                    server = socket.create_connection(self.upstream, timeout=5)
                except OSError:
                    _close(client)
                    continue
                server.settimeout(None)
                with self._lock:
                    self.accepted += 1
                    self._sockets |= {client, server}
                for src, dst in ((client, server), (server, client)):
                    threading.Thread(target=self._pump, args=(src, dst), daemon=True).start()
        finally:
            listener.close()

    def _pump(self, src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                self._flowing.wait()
                dst.sendall(data)
        except OSError:
            pass
        finally:
            with self._lock:
                self._sockets -= {src, dst}
            _close(src)
            _close(dst)


def _close(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    sock.close()
