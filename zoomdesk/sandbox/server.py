"""Socket plumbing: a threading HTTP/1.1 server that stops at once and cleanly.

``stop()`` wakes the accept loop through a socket pair (no poll interval to
wait out), shuts down open keep-alive connections so their threads return,
joins those threads and closes every socket. Logging names the method and
path only, never a query string, header or body.
"""

from __future__ import annotations

import contextlib
import logging
import selectors
import socket
import socketserver
import threading
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

from zoomdesk.sandbox.httpio import Drop, Request, Response
from zoomdesk.sandbox.router import Router

log = logging.getLogger("zoomdesk.sandbox")

MAX_BODY = 1024 * 1024
_JOIN_TIMEOUT = 5.0


class SandboxHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    # handle_request() waits at most this long; serve() only calls it when a
    # connection is already waiting, so this is only a bound, never a delay.
    timeout = 0.5

    def __init__(self, address: tuple[str, int], router: Router, stopping: threading.Event) -> None:
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.router = router
        self.stopping = stopping
        self._lock = threading.Lock()
        self._connections: set[socket.socket] = set()
        self._handler_threads: set[threading.Thread] = set()
        self._wake_r, self._wake_w = socket.socketpair()
        try:
            super().__init__(address, _Handler)
        except OSError:
            self._wake_r.close()
            self._wake_w.close()
            raise

    def server_bind(self) -> None:
        # HTTPServer.server_bind does a reverse DNS lookup (getfqdn), which can
        # stall for seconds on a machine without a resolver.
        socketserver.TCPServer.server_bind(self)
        self.server_name = str(self.server_address[0])
        self.server_port = int(self.server_address[1])

    def serve(self) -> None:
        """Accept connections until :meth:`wake` is called."""
        with selectors.DefaultSelector() as selector:
            selector.register(self, selectors.EVENT_READ)
            selector.register(self._wake_r, selectors.EVENT_READ)
            while not self.stopping.is_set():
                for key, _ in selector.select():
                    if key.fileobj is self._wake_r:
                        return
                    self.handle_request()

    def wake(self) -> None:
        with contextlib.suppress(OSError):
            self._wake_w.send(b"x")

    def process_request(self, request: Any, client_address: Any) -> None:
        thread = threading.Thread(
            target=self._serve_connection,
            args=(request, client_address),
            name="zoomdesk-sandbox-connection",
            daemon=True,
        )
        with self._lock:
            self._connections.add(request)
            self._handler_threads.add(thread)
        thread.start()

    def _serve_connection(self, request: Any, client_address: Any) -> None:
        try:
            self.finish_request(request, client_address)
        except Exception:
            self.handle_error(request, client_address)
        finally:
            # Close first, then leave the sets: stop() joins this thread until both are done.
            self.shutdown_request(request)
            with self._lock:
                self._connections.discard(request)
                self._handler_threads.discard(threading.current_thread())

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that hangs up mid-answer is normal in fault tests; stay quiet.
        log.debug("sandbox connection error", exc_info=True)

    def close_all(self) -> None:
        """After the accept loop ended: end open connections, join their threads, close."""
        with self._lock:
            connections = list(self._connections)
            threads = list(self._handler_threads)
        for connection in connections:
            with contextlib.suppress(OSError):  # already closed by its own thread
                connection.shutdown(socket.SHUT_RDWR)
        for thread in threads:
            thread.join(_JOIN_TIMEOUT)
        self.server_close()
        self._wake_r.close()
        self._wake_w.close()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like a real server
    server_version = "zoomdesk-sandbox"
    timeout = 30  # an idle keep-alive connection does not hold a thread forever
    # Headers and body go out in two writes; with Nagle on, the body waits for
    # the client's delayed ACK (40 ms on Linux) on every keep-alive request.
    disable_nagle_algorithm = True
    server: SandboxHTTPServer

    def version_string(self) -> str:
        return self.server_version

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def do_PATCH(self) -> None:
        self._serve()

    def do_DELETE(self) -> None:
        self._serve()

    def do_PUT(self) -> None:
        self._serve()

    def _serve(self) -> None:
        body = self._read_body()
        if body is None:
            return
        target, _, query = self.path.partition("?")
        request = Request(
            method=self.command,
            path=target,
            query=parse_qs(query.partition("#")[0], keep_blank_values=True),
            headers=_Headers(self.headers),
            body=body,
            client_host=str(self.client_address[0]),
        )
        outcome = self.server.router.handle(request)
        if isinstance(outcome, Drop):
            if outcome.delay > 0:
                self.server.stopping.wait(outcome.delay)
            self.close_connection = True
            log.debug("sandbox %s %s -> dropped", self.command, target)
            return
        self._write(outcome)

    def _read_body(self) -> bytes | None:
        if self.headers.get("Transfer-Encoding"):
            self._write(Response(411, b"Length Required"))
            self.close_connection = True
            return None
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_BODY:
            self._write(Response(413 if length > MAX_BODY else 400, b"Bad Content-Length"))
            self.close_connection = True
            return None
        return self.rfile.read(length) if length else b""

    def _write(self, response: Response) -> None:
        self.send_response(response.status)
        for name, value in response.headers:
            self.send_header(name, value)
        if response.status not in (204, 304):
            self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        if response.body and response.status not in (204, 304):
            self.wfile.write(response.body)

    # The base class logs the request line (query string included) to stderr.
    # A query can hold a token or code, so log the method and path only.

    def _safe_target(self) -> str:
        path = getattr(self, "path", "") or "-"
        return repr(path.partition("?")[0][:200])[1:-1]

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        log.debug("sandbox %s %s -> %s", self.command or "-", self._safe_target(), code)

    def log_error(self, format: str, *args: Any) -> None:
        log.debug("sandbox could not handle %s %s", self.command or "-", self._safe_target())

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("sandbox %s %s", self.command or "-", self._safe_target())


class _Headers:
    """The request's headers behind the small :class:`~httpio.Headers` interface."""

    def __init__(self, message: Message) -> None:
        self._message = message

    def get(self, name: str, /) -> str | None:
        value = self._message.get(name)
        return None if value is None else str(value)
