"""A total deadline per request: a server trickling bytes holds no call, nor the token lock."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests

from zoomdesk.core import filelock, http, oauth
from zoomdesk.core.api import ZoomClient
from zoomdesk.core.config import Config
from zoomdesk.core.errors import NetworkError
from zoomdesk.core.oauth import OAuthClient
from zoomdesk.core.tokens import RefreshManager, TokenSet, TokenStore

DEADLINE = 0.4
DRIP = 0.05  # seconds between two bytes: far below any read timeout
#: Time for the test's own work on a busy machine; far below what a trickle could take.
SLACK = 0.8


class TrickleServer:
    """``/body`` trickles its body, ``/headers`` its headers, ``/ok`` answers at once."""

    def __init__(self) -> None:
        self.hits: list[str] = []
        self.stop = threading.Event()
        self.conns: list[socket.socket] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self) -> None:
                super().setup()
                server.conns.append(self.connection)

            def do_GET(self) -> None:
                server.hits.append(self.path.split("?")[0])
                if self.path.startswith("/ok") or self.path.startswith("/v2/ok"):
                    self._answer(b"{}")
                elif "/headers" in self.path:
                    self.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
                    self._drip()
                else:
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", "1000")
                    self.end_headers()
                    self._drip()

            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length", "0")))
                self.do_GET()

            def _answer(self, body: bytes) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _drip(self) -> None:
                self.close_connection = True
                for _ in range(400):  # bounded: 20 s at most, whatever the client does
                    if server.stop.wait(DRIP):
                        return
                    try:
                        self.wfile.write(b" ")
                        self.wfile.flush()
                    except OSError:
                        return

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = False  # so that close() waits for every handler
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,))
        self._thread.start()

    def close(self) -> None:
        self.stop.set()
        self.httpd.shutdown()
        for conn in self.conns:  # kept-alive ones wait for a next request: end them
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        self.httpd.server_close()
        self._thread.join()


@pytest.fixture
def server() -> Iterator[TrickleServer]:
    srv = TrickleServer()
    yield srv
    srv.close()


class FixedToken:
    def access_token(self) -> str:
        return "t"

    def refresh_after_rejection(self, rejected: str) -> str:
        raise AssertionError("no 401 here")


def rest_client(url: str, session: requests.Session) -> ZoomClient:
    def no_sleep(seconds: float) -> None:
        raise AssertionError("a timeout is not retried")

    return ZoomClient(
        FixedToken(),
        lambda: url + "/v2",
        session=session,
        timeout=http.with_deadline(DEADLINE, (1.0, 5.0)),
        sleep=no_sleep,
    )


@pytest.mark.parametrize("path", ["/body", "/headers"])
def test_a_trickling_rest_answer_fails_at_the_deadline_and_is_not_retried(
    server: TrickleServer, path: str
) -> None:
    with http.new_session() as session:
        client = rest_client(server.url, session)
        started = time.monotonic()
        with pytest.raises(NetworkError, match="did not answer in time") as info:
            client._json("GET", path)
        assert time.monotonic() - started < DEADLINE + SLACK
        assert isinstance(info.value.__cause__, requests.Timeout)
        assert server.hits == ["/v2" + path]
        # The cut connection is not reused: the next call works.
        assert client._json("GET", "/ok") == {}


def test_the_session_deadline_applies_to_plain_timeouts(server: TrickleServer) -> None:
    with http.new_session(deadline=DEADLINE) as session:
        started = time.monotonic()
        with pytest.raises(requests.Timeout):
            session.get(server.url + "/body", timeout=(1.0, 5.0))
        assert time.monotonic() - started < DEADLINE + SLACK


def test_a_trickling_token_answer_fails_at_the_deadline_and_keeps_the_tokens(
    server: TrickleServer, tmp_path: Path
) -> None:
    store = TokenStore(tmp_path / "tokens.json")
    now = int(time.time())
    old = TokenSet(access_token="a", refresh_token="r", expires_at=now + 10, obtained_at=now)
    store.save(old)
    config = Config(client_id="c", redirect_uri="http://127.0.0.1/cb", oauth_url=server.url + "/x")
    with http.new_session() as session:
        client = OAuthClient(config, session, timeout=http.with_deadline(DEADLINE, (1.0, 5.0)))
        started = time.monotonic()
        with pytest.raises(NetworkError, match="did not answer in time"):
            RefreshManager(store, client).access_token()
        assert time.monotonic() - started < DEADLINE + SLACK
    assert server.hits == ["/x/oauth/token"]
    assert store.load() == old


def test_the_token_deadline_is_shorter_than_the_wait_for_the_token_lock() -> None:
    assert oauth.TOKEN_DEADLINE < filelock.DEFAULT_TIMEOUT
    config = Config(client_id="c", redirect_uri="http://127.0.0.1/cb")
    for timeout in (http.DEFAULT_TIMEOUT, (1.0, 90.0), 90.0, http.with_deadline(999.0)):
        client = OAuthClient(config, timeout=timeout)
        assert client._timeout.total == oauth.TOKEN_DEADLINE
    # A shorter one asked for is kept.
    assert OAuthClient(config, timeout=http.with_deadline(1.0))._timeout.total == 1.0
