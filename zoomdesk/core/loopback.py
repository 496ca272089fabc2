"""The system browser's way in (RFC 8252): a one-shot listener on 127.0.0.1 for the sign-in answer.

``LoopbackReceiver(config)`` checks that the redirect URL is a loopback one
(``http://127.0.0.1:<port>/<path>``), listens on its port (a public client
whose port is busy or not given takes a free one, which Zoom accepts for
loopback URLs), and makes a fresh ``AuthorizationAttempt`` whose
``redirect_uri`` is the address really listened on, so the authorize and the
token request both send that one. ``wait()`` returns the first of: the answer
at the listener, an answer pasted by the user (``offer_pasted_url``),
``cancel()``, or the timeout. Every address is judged by the attempt's
``classify`` (``classify_navigation``), the same rules as the embedded view.

The server is the standard library's ``ThreadingHTTPServer``, one thread per
connection: browsers open speculative connections that may never send a
request, and a single-threaded server would sit on one of those while the real
answer waits behind it. The attempt's own lock makes "exactly one answer" hold
across those threads and the paste path. Nothing here logs a query string.
"""

from __future__ import annotations

import contextlib
import ipaddress
import logging
import os
import socket
import socketserver
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import SplitResult, urlsplit

from zoomdesk.core.config import Config
from zoomdesk.core.errors import ConfigError
from zoomdesk.core.loopback_pages import (
    HEADERS,
    NOT_FOUND_PAGE,
    NOT_OURS_PAGE,
    SIGNED_IN_PAGE,
    declined_page,
    page,
)
from zoomdesk.core.navigation import (
    Allow,
    Captured,
    Denied,
    Navigation,
    Rejected,
    classify_navigation,
)
from zoomdesk.core.oauth import AuthorizationAttempt

log = logging.getLogger(__name__)

#: How long a browser sign-in may take before the listener gives up (seconds).
DEFAULT_TIMEOUT = 300.0
#: The one address listened on: never 0.0.0.0, never "localhost" (which may
#: resolve to ::1 or, on a tampered hosts file, elsewhere).
LISTEN_HOST = "127.0.0.1"
#: What to register in the Zoom app. Below 32768, so that no common OS hands the
#: port out as an ephemeral one; not 53682, which rclone's own sign-in uses.
EXAMPLE_REDIRECT = "http://127.0.0.1:27183/zoomdesk/callback"
#: How often the serving thread looks at Cancel and the clock, and the waiting
#: one wakes (seconds). The OS may hand Ctrl+C to any thread, and Python runs
#: its handler only on the main thread once that wakes: a wait that slept until
#: the deadline left Ctrl+C unanswered for minutes.
_POLL = 0.1
#: An idle connection (a browser's speculative one) is dropped after this (seconds).
_IDLE = 10.0


@dataclass(frozen=True)
class TimedOut:
    """No answer came within ``seconds``; the listener is closed."""

    seconds: float


@dataclass(frozen=True)
class Cancelled:
    """``cancel()`` was called before an answer came; the listener is closed."""


#: What ``wait()`` returns. ``Captured`` carries the code for ``Account.finish_sign_in``.
Outcome = Captured | Denied | TimedOut | Cancelled


def loopback_problem(redirect_uri: str) -> str | None:
    """Why ``redirect_uri`` cannot take a browser sign-in, in plain words; None when it can."""
    try:
        parts = urlsplit(redirect_uri.strip())
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number 0-65535
    except ValueError:
        return "The redirect URL is not a valid URL."
    if parts.scheme == "http" and parts.hostname == LISTEN_HOST:
        return None
    return (
        "Signing in with the web browser needs a loopback redirect URL, "
        f"http://127.0.0.1:<port>/<path>, registered in your Zoom app (for example "
        f"{EXAMPLE_REDIRECT}, which the embedded window can use too); "
        f"the redirect URL set now is {redirect_uri.strip() or 'empty'}."
    )


class LoopbackReceiver:
    """One browser sign-in: the listener, its attempt, and the first answer.

    Made on any thread (it binds a socket: a worker thread in the GUI). Raises
    ConfigError (key ``redirect_uri``) when the redirect URL is not loopback, or
    when a confidential client's registered port cannot be listened on: Zoom
    matches its redirect exactly. ``cancel`` and ``offer_pasted_url`` may be
    called from any thread while another one waits.
    """

    def __init__(self, config: Config, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        problem = loopback_problem(config.redirect_uri)
        if problem:
            raise ConfigError(problem, key="redirect_uri")
        parts = urlsplit(config.redirect_uri.strip())
        self._server = _listen(parts.port, public=config.is_public_client)
        try:
            self._start(config, parts, timeout)
        except BaseException:  # nothing else owns the port yet: give it back
            self._server.server_close()
            raise

    def _start(self, config: Config, parts: SplitResult, timeout: float) -> None:
        self.port = int(self._server.server_address[1])
        if self.port == parts.port:
            self.redirect_uri = config.redirect_uri.strip()  # exactly as registered
        else:
            self.redirect_uri = f"http://{LISTEN_HOST}:{self.port}{parts.path}"
        #: A new state and PKCE pair, never those of an earlier (embedded) attempt.
        self.attempt = AuthorizationAttempt.start(config, self.redirect_uri)
        self.timeout = timeout
        self._deadline = time.monotonic() + timeout
        self._lock = threading.Lock()
        self._outcome: Outcome | None = None
        self._done = threading.Event()
        self._server.receiver = self
        self._thread = threading.Thread(target=self._serve, name="zoomdesk-loopback", daemon=True)
        self._thread.start()
        log.info("browser sign-in: listening on %s:%d", LISTEN_HOST, self.port)

    def __repr__(self) -> str:
        return f"LoopbackReceiver(port={self.port}, outcome={type(self._outcome).__name__})"

    @property
    def authorize_url(self) -> str:
        """The page to open in the browser (it carries the state: never log it)."""
        return self.attempt.url

    @property
    def host(self) -> str:
        """The sign-in page's host, to tell the user where to look."""
        return urlsplit(self.attempt.url).hostname or ""

    @property
    def outcome(self) -> Outcome | None:
        return self._outcome

    def wait(self, timeout: float | None = None) -> Outcome | None:
        """Block until the outcome; None only when ``timeout`` (seconds) ran out before it.

        Without ``timeout`` it returns at the latest at the receiver's own
        deadline, with ``TimedOut``.
        """
        end = self._deadline if timeout is None else time.monotonic() + timeout
        while not self._done.is_set():
            now = time.monotonic()
            if now >= self._deadline:  # also when the serving thread is gone
                self._settle(TimedOut(self.timeout))
                break
            if now >= end:
                return None
            self._done.wait(min(end, self._deadline, now + _POLL) - now)
        return self._outcome

    def cancel(self) -> None:
        """End the wait now with ``Cancelled`` (unless an answer came first). Never blocks."""
        self._settle(Cancelled())

    def offer_pasted_url(self, url: str) -> Navigation:
        """Judge an address the user pasted (the one the browser ended at).

        ``Captured``/``Denied`` end the wait, as if the listener had it;
        ``Rejected`` (another attempt's state, say) and ``Allow`` (not the
        redirect at all) change nothing: the listener keeps waiting.
        """
        if self._done.is_set():
            return Rejected("This sign-in attempt is already finished.")
        decision = self.attempt.classify(url.strip())
        if isinstance(decision, Captured | Denied):
            self._settle(decision)
            log.info("browser sign-in: %s from a pasted address", type(decision).__name__)
        return decision

    def wait_closed(self, timeout: float = 2.0) -> bool:
        """Block until the port is closed (it closes on its own once there is an outcome)."""
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def close(self) -> None:
        """Cancel if still waiting, and wait (briefly) until the port is closed. Idempotent."""
        self.cancel()
        self.wait_closed()

    def __enter__(self) -> LoopbackReceiver:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- inside ---------------------------------------------------------------------------

    def _settle(self, outcome: Outcome) -> bool:
        """Record the first outcome; later ones are ignored. True if this one counted."""
        with self._lock:
            if self._outcome is not None:
                return False
            self._outcome = outcome
        self._done.set()
        return True

    def _serve(self) -> None:
        server = self._server
        try:
            while not self._done.is_set():
                if time.monotonic() >= self._deadline:
                    self._settle(TimedOut(self.timeout))
                    break
                server.handle_request()  # returns after _POLL without a connection
        except Exception as exc:  # never let the listener die silently: the wait ends
            log.warning("browser sign-in: the listener failed (%s)", type(exc).__name__)
            self._settle(Cancelled())
        finally:
            server.close_everything()
            log.info("browser sign-in: listener closed (%s)", type(self._outcome).__name__)

    # -- called by the listener's request handler, on its connection thread --------------

    def judge(self, path: str) -> tuple[int, str, Captured | Denied | None]:
        """Status, page and (for the one answer taken) the outcome, for a GET of ``path``.

        The outcome is settled by the caller once the page is sent, so the
        browser has its page before the waiting side moves on (and may exit).
        """
        if self._done.is_set() or not path.startswith("/") or not self._is_endpoint(path):
            return 404, NOT_FOUND_PAGE, None
        decision = self.attempt.classify(f"http://{LISTEN_HOST}:{self.port}{path}")
        if isinstance(decision, Captured):
            return 200, SIGNED_IN_PAGE, decision
        if isinstance(decision, Denied):
            return 200, declined_page(decision.error), decision
        if isinstance(decision, Rejected) and not self.attempt.finished:
            log.info("browser sign-in: refused an answer: %s", decision.reason)
            return 400, NOT_OURS_PAGE, None
        return 404, NOT_FOUND_PAGE, None  # the attempt is over

    def _is_endpoint(self, path: str) -> bool:
        """True when ``path`` (its query aside) is the redirect's, by the view's own rules."""
        bare = path.split("?", 1)[0].split("#", 1)[0]
        url = f"http://{LISTEN_HOST}:{self.port}{bare}"
        # Without an answer in it, only the endpoint itself is ever anything but Allow.
        return not isinstance(classify_navigation(url, self.redirect_uri, ""), Allow)

    def answered(self, outcome: Captured | Denied) -> None:
        """The page for ``outcome`` went out (or the browser left): the wait ends."""
        if self._settle(outcome):
            log.info("browser sign-in: %s at the listener", type(outcome).__name__)


def _listen(port: int | None, *, public: bool) -> _Server:
    """Bind 127.0.0.1 on the registered port; a public client falls back to a free one."""
    if port:
        try:
            return _Server((LISTEN_HOST, port))
        except OSError as exc:
            if not public:
                raise ConfigError(
                    f"Cannot listen on 127.0.0.1 port {port}, the redirect URL's "
                    f"({exc.strerror or exc}). An app with a client secret must use exactly the "
                    "registered port: close the program using it, or register a free port.",
                    key="redirect_uri",
                ) from None
            log.info("browser sign-in: port %d is busy; taking a free one", port)
    elif not public:
        raise ConfigError(
            "The redirect URL has no port. An app with a client secret must name the port "
            f"in the redirect URL registered in the Zoom app, for example {EXAMPLE_REDIRECT}.",
            key="redirect_uri",
        )
    return _Server((LISTEN_HOST, 0))


class _Server(ThreadingHTTPServer):
    """The listening socket; its handler threads; every open connection, to end them at close."""

    daemon_threads = True
    block_on_close = False
    # SO_REUSEADDR lets a second listener share the port on Windows; on POSIX it
    # only allows reuse over TIME_WAIT, which a sign-in right after another needs.
    allow_reuse_address = os.name != "nt"
    timeout = _POLL
    receiver: LoopbackReceiver

    def __init__(self, address: tuple[str, int]) -> None:
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        if os.name == "nt":  # no other program may bind the port while we hold it
            exclusive = getattr(socket, "SO_EXCLUSIVEADDRUSE")  # noqa: B009 - Windows only
            self.socket.setsockopt(socket.SOL_SOCKET, exclusive, 1)
        # Not HTTPServer.server_bind: its getfqdn() can wait on DNS for seconds.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = LISTEN_HOST, int(self.server_address[1])

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._open_lock:
            self._open.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._open_lock:
            self._open.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # The default prints a traceback on stderr; a client that hung up is no news.
        log.debug("browser sign-in: a connection failed")

    def close_everything(self) -> None:
        """Close the listening socket, then end the connections still open (idle ones)."""
        self.server_close()
        with self._open_lock:
            still_open = list(self._open)
        for sock in still_open:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


class _Handler(BaseHTTPRequestHandler):
    """GET of the redirect path: the answer page; anything else: 404. Logs no query."""

    server: _Server
    timeout = _IDLE
    protocol_version = "HTTP/1.1"
    server_version = "zoomdesk"
    sys_version = ""

    def do_GET(self) -> None:
        receiver = self.server.receiver
        outcome: Captured | Denied | None = None
        if _is_loopback(str(self.client_address[0])):
            status, page, outcome = receiver.judge(self.path)
        else:  # cannot happen on 127.0.0.1, but never take an answer from elsewhere
            status, page = 404, NOT_FOUND_PAGE
        log.debug("browser sign-in: GET %s -> %d", self.path.split("?", 1)[0][:100], status)
        try:
            self._send(status, page)
        finally:
            if outcome is not None:
                receiver.answered(outcome)

    def _not_found(self) -> None:
        self._send(404, NOT_FOUND_PAGE, body=self.command != "HEAD")

    do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _not_found  # noqa: N815

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # The default page repeats the request line, which may carry the code.
        self._send(code, NOT_FOUND_PAGE if code == 404 else page("Bad request", "Bad request"))

    def _send(self, status: int, page: str, body: bool = True) -> None:
        data = page.encode("utf-8")
        self.close_connection = True
        self.send_response(status)
        for name, value in HEADERS:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if body:
            self.wfile.write(data)
        self.wfile.flush()

    def log_message(self, format: str, *args: Any) -> None:
        """Silent: the base class would print the request line, query and code included."""


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
