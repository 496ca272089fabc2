"""The :class:`Sandbox`: start, stop, and the knobs tests use from Python."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import asdict
from types import TracebackType
from typing import Any

from zoomdesk.sandbox import control
from zoomdesk.sandbox.model import (
    CALLBACK_PATH,
    CONFIDENTIAL_CLIENT_ID,
    CONFIDENTIAL_CLIENT_SECRET,
    PUBLIC_CLIENT_ID,
    Client,
)
from zoomdesk.sandbox.router import Router
from zoomdesk.sandbox.server import SandboxHTTPServer
from zoomdesk.sandbox.state import DAILY_LIMIT, Knobs, State


class Sandbox:
    """A local, strict Zoom (OAuth + REST) on ``host:port``, served from a daemon thread.

    ``clock`` (epoch seconds) replaces ``time.time`` so tests can move time;
    :meth:`advance_clock` does the same from outside. One sandbox runs once:
    after :meth:`stop`, make a new one.
    """

    PUBLIC_CLIENT_ID = PUBLIC_CLIENT_ID
    CONFIDENTIAL_CLIENT_ID = CONFIDENTIAL_CLIENT_ID
    CONFIDENTIAL_CLIENT_SECRET = CONFIDENTIAL_CLIENT_SECRET

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        access_token_ttl: int = 3599,
        latency: float = 0.0,
        *,
        clock: Callable[[], float] | None = None,
        daily_limit: int = DAILY_LIMIT,
    ) -> None:
        self._host = host
        self._port = port
        knobs = Knobs(access_token_ttl=access_token_ttl, latency=latency, daily_limit=daily_limit)
        self._state = State(clock or time.time, knobs)
        control.configure(self._state, asdict(knobs))  # the same checks as the knobs: ValueError
        self._stopping = threading.Event()
        self._server: SandboxHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._url: str | None = None

    # -- lifecycle ------------------------------------------------------------

    def start(self) -> str:
        """Bind, start serving, and return the base URL (``http://127.0.0.1:PORT``)."""
        if self._url is not None:
            raise RuntimeError("this Sandbox was already started; create a new one")
        router = Router(self._state, self._stopping.wait)
        server = SandboxHTTPServer((self._host, self._port), router, self._stopping)
        # The address really bound (``--port 0`` and host names resolved), not the one asked for.
        url = self.url_for(str(server.server_address[0]), int(server.server_address[1]))
        with self._state.lock:
            self._state.base_url = url
            for client in (
                Client(PUBLIC_CLIENT_ID, url + CALLBACK_PATH),
                Client(CONFIDENTIAL_CLIENT_ID, url + CALLBACK_PATH, CONFIDENTIAL_CLIENT_SECRET),
            ):
                self._state.clients.setdefault(client.client_id, client)
        self._server, self._url = server, url
        self._thread = threading.Thread(target=server.serve, name="zoomdesk-sandbox", daemon=True)
        self._thread.start()
        return url

    def stop(self) -> None:
        """Stop serving, end open connections and close every socket. Idempotent."""
        server, thread = self._server, self._thread
        if server is None or thread is None:
            return
        self._server = self._thread = None
        self._stopping.set()
        server.wake()
        thread.join()
        server.close_all()

    def __enter__(self) -> Sandbox:
        if self._url is None:
            self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def url(self) -> str:
        """The base URL; OAuth lives at ``url + "/oauth/..."``, REST at ``url + "/v2"``."""
        if self._url is None:
            raise RuntimeError("the Sandbox is not started")
        return self._url

    @property
    def address(self) -> tuple[str, int]:
        """The (host, port) the socket is bound to, e.g. ``("0.0.0.0", 8080)``."""
        if self._server is None:
            raise RuntimeError("the Sandbox is not running")
        return str(self._server.server_address[0]), int(self._server.server_address[1])

    @property
    def knob_token(self) -> str:
        """This run's token for the HTTP knobs that change anything (header ``X-Sandbox-Token``).

        The Python methods below need none: they are in the same process.
        """
        return self._state.knob_token

    @staticmethod
    def url_for(host: str, port: int) -> str:
        """The base URL to use for a socket bound to ``host:port``.

        A wildcard address is not one a browser can open: it becomes the
        loopback address of its family, on which the socket listens too.
        """
        return f"http://{_url_host(host)}:{port}"

    @property
    def redirect_uri(self) -> str:
        """The built-in clients' redirect URI (its hits are counted as leaks)."""
        return self.url + CALLBACK_PATH

    # -- configuration and knobs -------------------------------------------------

    def register_client(
        self, client_id: str, redirect_uri: str, client_secret: str | None = None
    ) -> None:
        """Add (or replace) an OAuth app; without a secret it is a public PKCE client."""
        with self._state.lock:
            self._state.clients[client_id] = Client(client_id, redirect_uri, client_secret)

    def set_access_token_ttl(self, seconds: int) -> None:
        """Lifetime of access tokens issued from now on."""
        self._configure(access_token_ttl=seconds)

    def set_latency(self, seconds: float) -> None:
        """Delay added before answering every request (outside ``/_sandbox/``)."""
        self._configure(latency=seconds)

    def set_daily_limit(self, limit: int) -> None:
        """Create/update requests allowed per user per UTC day (Zoom: 100)."""
        self._configure(daily_limit=limit)

    def set_max_page_size(self, size: int) -> None:
        """The largest page a listing answers (Zoom: 300), so that a few meetings page."""
        self._configure(max_page_size=size)

    def set_scopes(self, scopes: str) -> None:
        """The scopes sign-ins grant from now on (space-separated); tokens issued keep theirs."""
        self._configure(scopes=scopes)

    def inject_fault(self, kind: str, **options: Any) -> None:
        """Queue a fault, e.g. ``inject_fault("status", status=503, count=2, path_prefix="/v2")``.

        Kinds and options as in :mod:`zoomdesk.sandbox.faults`; raises ValueError.
        """
        with self._state.lock:
            control.add_faults(self._state, {"kind": kind, **options})

    def clear_faults(self) -> None:
        with self._state.lock:
            self._state.faults.clear()

    def expire_tokens(self) -> int:
        """Expire every access token now; returns how many were live."""
        with self._state.lock:
            return self._state.expire_access_tokens()

    def revoke_all(self) -> int:
        """Revoke every grant (all access and refresh tokens); returns how many."""
        with self._state.lock:
            return self._state.revoke_all()

    def advance_clock(self, seconds: float) -> None:
        """Move the sandbox clock forward: codes and tokens expire, the daily limit resets."""
        with self._state.lock:
            control.advance_clock(self._state, seconds)

    def reset(self) -> None:
        """Back to a fresh start: no grants, meetings, counters or faults; knobs as built."""
        with self._state.lock:
            self._state.reset()

    def state(self) -> dict[str, Any]:
        """The same counters as ``GET /_sandbox/state``."""
        with self._state.lock:
            return self._state.snapshot()

    def _configure(self, **changes: Any) -> None:
        with self._state.lock:
            control.configure(self._state, changes)


def _url_host(host: str) -> str:
    if host in ("", "0.0.0.0"):  # noqa: S104 - naming the wildcard, not binding to it
        return "127.0.0.1"
    if host == "::":
        return "[::1]"
    # A zone (fe80::1%eth0) is written %25 inside a URL (RFC 6874).
    return f"[{host.replace('%', '%25')}]" if ":" in host else host
