"""One refresh at a time, across threads and across OS processes.

A local token endpoint on 127.0.0.1 rotates refresh tokens like Zoom and
counts POSTs; it answers slowly, so that every contender is waiting on the
lock while the first refresh is in flight. The refresh tests run against
both storages (tests/unit/core/conftest.py): with the real keyring, the
winner's tokens must be the ones in the keyring item.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from token_stores import ITEM

from zoomdesk.core.config import Config
from zoomdesk.core.errors import StoreError
from zoomdesk.core.filelock import FileLock
from zoomdesk.core.oauth import OAuthClient
from zoomdesk.core.tokens import RefreshManager, TokenSet, TokenStore

DELAY = 0.5


class TokenServer:
    """``POST /oauth/token`` with refresh-token rotation; ``posts`` counts the calls."""

    def __init__(self) -> None:
        self.posts = 0
        self.valid = "refresh-1"
        self._guard = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                form = parse_qs(self.rfile.read(length).decode())
                with server._guard:
                    server.posts += 1
                    n = server.posts
                    ok = self.path == "/oauth/token" and form.get("refresh_token") == [server.valid]
                    if ok:
                        server.valid = f"refresh-srv-{n}"
                time.sleep(DELAY)
                if ok:
                    status, body = (
                        200,
                        {
                            "access_token": f"access-srv-{n}",
                            "refresh_token": f"refresh-srv-{n}",
                            "token_type": "bearer",
                            "expires_in": 3599,
                        },
                    )
                else:
                    status, body = 400, {"reason": "Invalid Token!", "error": "invalid_grant"}
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[TokenServer]:
    srv = TokenServer()
    yield srv
    srv.close()


def expiring_store(store: TokenStore) -> TokenStore:
    now = int(time.time())
    store.save(
        TokenSet(
            access_token="access-1",
            refresh_token="refresh-1",
            expires_at=now + 60,
            obtained_at=now - 3539,
        )
    )
    return store


def client(url: str) -> OAuthClient:
    config = Config(client_id="c", redirect_uri="http://127.0.0.1/cb", oauth_url=url)
    return OAuthClient(config, timeout=(5.0, 10.0))


def test_threads_refresh_once(
    tmp_path: Path, server: TokenServer, open_store: Callable[[Path], TokenStore]
) -> None:
    path = tmp_path / "tokens.json"
    expiring_store(open_store(path))
    barrier = threading.Barrier(6)
    results: list[str] = []

    def worker() -> None:
        # Separate store and manager objects, as separate windows would have.
        manager = RefreshManager(open_store(path), client(server.url))
        barrier.wait()
        results.append(manager.access_token())

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert results == ["access-srv-1"] * 6
    assert server.posts == 1


CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from zoomdesk.core.config import Config
    from zoomdesk.core.oauth import OAuthClient
    from zoomdesk.core.tokens import RefreshManager, TokenStore

    path, url, ready, go, storage, item = sys.argv[1:7]
    config = Config(client_id="c", redirect_uri="http://127.0.0.1/cb", oauth_url=url)
    store = TokenStore(Path(path), storage=storage, item=item or None)
    manager = RefreshManager(store, OAuthClient(config, timeout=(5.0, 10.0)))
    Path(ready).touch()
    while not Path(go).exists():
        time.sleep(0.001)
    print(manager.access_token())
    """
)


def start_child(args: list[str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )


def wait_for(paths: list[Path], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not all(p.exists() for p in paths):
        assert time.monotonic() < deadline, "child processes did not start"
        time.sleep(0.01)


def test_two_processes_needing_a_refresh_at_once_post_only_once(
    tmp_path: Path,
    server: TokenServer,
    token_storage: str,
    open_store: Callable[[Path], TokenStore],
) -> None:
    path = tmp_path / "cfg" / "tokens.json"
    expiring_store(open_store(path))
    go = tmp_path / "go"
    readies = [tmp_path / f"ready-{i}" for i in range(2)]
    kind = [token_storage, ITEM if token_storage == "keyring" else ""]
    children = [start_child([str(path), server.url, str(r), str(go), *kind]) for r in readies]
    try:
        wait_for(readies)
        go.touch()
        outputs = [c.communicate(timeout=60) for c in children]
    finally:
        for c in children:
            c.kill()
    for child, (out, err) in zip(children, outputs, strict=True):
        assert child.returncode == 0, err
        assert out.strip() == "access-srv-1"
    assert server.posts == 1
    saved = open_store(path).load()
    assert saved is not None
    assert (saved.access_token, saved.refresh_token) == ("access-srv-1", "refresh-srv-1")
    # The winner is where the storage keeps it: in the keyring, tokens.json holds none.
    assert ("access-srv-1" in path.read_text()) is (token_storage == "file")


HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from zoomdesk.core.filelock import FileLock

    lock_path, held, release = (Path(a) for a in sys.argv[1:4])
    with FileLock(lock_path).hold():
        held.touch()
        while not release.exists():
            time.sleep(0.01)
    """
)


def test_the_os_lock_excludes_another_process(tmp_path: Path) -> None:
    lock_path = tmp_path / "tokens.json.lock"
    held, release = tmp_path / "held", tmp_path / "release"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(lock_path), str(held), str(release)],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for([held])
        started = time.monotonic()
        with pytest.raises(StoreError, match="holding"), FileLock(lock_path).hold(timeout=0.3):
            pass
        assert time.monotonic() - started >= 0.3
        release.touch()
        with FileLock(lock_path).hold(timeout=30):
            assert holder.wait(30) == 0
    finally:
        release.touch()
        holder.kill()
        holder.communicate(timeout=30)  # also closes the stderr pipe
    assert lock_path.exists()  # never deleted
