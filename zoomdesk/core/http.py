"""The one place that builds HTTP sessions and knows zoomdesk's timeouts.

Every request of a session from ``new_session()`` has a total deadline besides
its (connect, read) timeouts: the read timeout counts from one byte to the
next, so a server that trickles a byte now and then could hold a call (and the
token lock) for as long as it likes. When the deadline passes, the socket is
shut down and the call raises ``requests.ReadTimeout``. The deadline is the
``total`` of a ``Limits`` passed as ``timeout=`` (see ``with_deadline``), else
the session's ``deadline``. It covers connecting, sending, the answer and any
redirects; with ``stream=True`` (zoomdesk never streams) only up to the headers.

``ZOOMDESK_HTTP_TIMEOUT`` (``READ`` or ``CONNECT,READ`` seconds) overrides the
default timeouts for the whole process; tests use it to meet a silent server
without waiting 20 s. Values that are not positive numbers are ignored.
"""

from __future__ import annotations

import contextlib
import math
import os
import socket
import threading
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from requests.models import PreparedRequest, Response
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from zoomdesk import __version__

TIMEOUT_ENV = "ZOOMDESK_HTTP_TIMEOUT"


def _timeout_from(value: str | None) -> tuple[float, float] | None:
    try:
        parts = [float(p) for p in (value or "").split(",")]
    except ValueError:
        return None
    if len(parts) not in (1, 2) or not all(math.isfinite(p) and p > 0 for p in parts):
        return None
    return (parts[0], parts[-1]) if len(parts) == 2 else (min(5.0, parts[0]), parts[0])


#: (connect, read) seconds for every request zoomdesk makes.
DEFAULT_TIMEOUT: tuple[float, float] = _timeout_from(os.environ.get(TIMEOUT_ENV)) or (5.0, 20.0)
USER_AGENT = f"zoomdesk/{__version__}"
#: Total seconds for one request when its ``timeout=`` names no deadline.
DEFAULT_DEADLINE = 60.0

#: What ``timeout=`` takes: seconds, or (connect, read), which may be ``Limits``.
Timeouts = float | tuple[float, float]


class Limits(tuple[float, float]):
    """(connect, read) timeouts, as requests takes them, that also carry ``total``.

    A tuple so that requests and the type of ``timeout=`` take it as is.
    """

    total: float

    def __new__(cls, connect: float, read: float, total: float) -> Limits:
        self = super().__new__(cls, (connect, read))
        self.total = total
        return self

    def __repr__(self) -> str:
        return f"Limits(connect={self[0]}, read={self[1]}, total={self.total})"


def with_deadline(total: float, timeout: Timeouts = DEFAULT_TIMEOUT) -> Limits:
    """``timeout``'s (connect, read) with a total deadline of at most ``total`` seconds."""
    connect, read = timeout if isinstance(timeout, tuple) else (timeout, timeout)
    if isinstance(timeout, Limits):
        total = min(total, timeout.total)
    return Limits(connect, read, total)


class _Watch:
    """One request's deadline: when it passes, the socket in use is shut down."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._sock: socket.socket | None = None
        self._guard = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def attach(self, sock: socket.socket | None) -> None:
        if sock is None:
            return
        with self._guard:
            self._sock = sock
            if self.expired:
                _cut(sock)

    def _expire(self) -> None:
        with self._guard:
            self.expired = True
            if self._sock is not None:
                _cut(self._sock)

    def close(self) -> None:
        self._timer.cancel()
        with self._guard:
            self._sock = None  # a late timer must not cut the connection's next request


def _cut(sock: socket.socket) -> None:
    # socket.socket's shutdown, not SSLSocket's: that one also drops the TLS state
    # under the reading thread. Either way the blocked read returns at once.
    with contextlib.suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


def _late(watch: _Watch, request: PreparedRequest) -> requests.Timeout:
    return requests.exceptions.ReadTimeout(
        f"No complete answer within {watch.seconds:g} s.", request=request
    )


_current = threading.local()


def _watch(sock: socket.socket | None) -> None:
    watch: _Watch | None = getattr(_current, "watch", None)
    if watch is not None:
        watch.attach(sock)


class _WatchedHTTPConnection(HTTPConnection):
    """Hands each socket it uses to the deadline of the request in this thread."""

    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        _watch(sock)  # the TCP socket, so that a stalled TLS handshake can be cut too
        return sock

    def connect(self) -> None:
        super().connect()
        _watch(self.sock)  # the TLS socket replaces the TCP one

    def request(self, *args: Any, **kwargs: Any) -> None:
        _watch(self.sock)  # a kept-alive connection (None before its first connect)
        super().request(*args, **kwargs)


class _WatchedHTTPSConnection(_WatchedHTTPConnection, HTTPSConnection):
    pass


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


_POOLS = {"http": _HTTPPool, "https": _HTTPSPool}


class _Adapter(HTTPAdapter):
    """urllib3 pools whose connections report their sockets to the deadline."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = _POOLS

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        if not proxy.lower().startswith("socks"):
            # SOCKS has its own connection classes: there only the timeouts apply.
            manager.pool_classes_by_scheme = _POOLS
        return manager


class _NoNetrcAuth(requests.auth.AuthBase):
    """Session-level auth that changes nothing.

    requests looks up ``~/.netrc`` only when neither the request nor the
    session has auth; having this one switches that lookup off. A stray netrc
    entry for zoom.us or 127.0.0.1 would otherwise be sent as Basic auth: it
    would replace our Bearer header and add an Authorization header to a public
    client's token request.
    """

    def __call__(self, r: PreparedRequest) -> PreparedRequest:
        return r


class _Session(requests.Session):
    deadline = DEFAULT_DEADLINE

    def send(self, request: PreparedRequest, **kwargs: Any) -> Response:
        if getattr(_current, "watch", None) is not None:
            return super().send(request, **kwargs)  # a redirect: the first deadline holds
        timeout = kwargs.get("timeout")
        watch = _Watch(timeout.total if isinstance(timeout, Limits) else self.deadline)
        _current.watch = watch
        try:
            response = super().send(request, **kwargs)
        except Exception as exc:
            # A cut shows up as a dropped connection or a short body: say what it was.
            if watch.expired and not isinstance(exc, requests.Timeout):
                raise _late(watch, request) from exc
            raise
        else:
            # A cut in the headers can pass for a complete, empty answer.
            if watch.expired:
                response.close()
                raise _late(watch, request)
            return response
        finally:
            _current.watch = None
            watch.close()

    def rebuild_auth(self, prepared_request: PreparedRequest, response: Response) -> None:
        # requests' own redirect rule (drop Authorization when the host changes)
        # without its second .netrc lookup for the new host.
        original = response.request.url
        url = prepared_request.url
        headers = prepared_request.headers
        if "Authorization" not in headers or not original or not url:
            return
        if self.should_strip_auth(original, url):  # type: ignore[no-untyped-call]
            del headers["Authorization"]


def new_session(deadline: float = DEFAULT_DEADLINE) -> requests.Session:
    """A session with zoomdesk's User-Agent and deadlines; callers always pass ``timeout=``.

    ``deadline`` is for requests whose ``timeout=`` names none. Proxy and
    CA-bundle environment variables are honoured; ``.netrc`` never is.
    """
    session = _Session()
    session.deadline = deadline
    adapter = _Adapter()
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    session.headers["User-Agent"] = USER_AGENT
    session.auth = _NoNetrcAuth()
    return session
