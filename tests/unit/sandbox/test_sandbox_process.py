"""Lifecycle, threads and processes: imports, clean stop, concurrency, the foreground CLI."""

from __future__ import annotations

import gc
import json
import os
import signal
import subprocess
import sys
import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
import zoom_schema
from sandbox_support import TIMEOUT, Api, sign_in

from zoomdesk.sandbox import Sandbox

REPO = Path(__file__).resolve().parents[3]


def test_importing_the_sandbox_loads_only_the_standard_library() -> None:
    code = (
        "import json, sys, zoomdesk.sandbox; "
        "print(json.dumps(sorted(m for m in sys.modules "
        "if m.split('.')[0] in ('PySide6', 'shiboken6', 'requests', 'urllib3') "
        "or m.startswith(('zoomdesk.core', 'zoomdesk.ui')))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=30,
        check=True,
    )
    assert json.loads(result.stdout) == []


def test_lifecycle_rules() -> None:
    box = Sandbox()
    with pytest.raises(RuntimeError):
        _ = box.url
    url = box.start()
    assert url == box.url and url.startswith("http://127.0.0.1:")
    assert box.redirect_uri == url + "/zoomdesk/callback"
    with pytest.raises(RuntimeError):
        box.start()
    box.stop()
    box.stop()  # idempotent
    with pytest.raises(requests.ConnectionError):
        requests.get(url, timeout=TIMEOUT)


def test_stop_is_quick_and_clean_with_open_connections() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        box = Sandbox()
        box.start()
        threads_before = threading.active_count()
        sessions = [requests.Session() for _ in range(3)]
        for s in sessions:  # keep-alive connections stay open after each answer
            assert s.get(box.url + "/", timeout=TIMEOUT).status_code == 200
        started = time.monotonic()
        box.stop()
        assert time.monotonic() - started < 2.0
        assert threading.active_count() <= threads_before - 1
        for s in sessions:
            s.close()
        del box
        gc.collect()
    assert not [w for w in caught if issubclass(w.category, ResourceWarning)]


def test_bind_failure_raises_and_leaks_nothing() -> None:
    with Sandbox() as first:
        port = int(first.url.rsplit(":", 1)[1])
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ResourceWarning)
            with pytest.raises(OSError):
                Sandbox(port=port).start()
            gc.collect()
        assert not [w for w in caught if issubclass(w.category, ResourceWarning)]


def test_concurrent_creates_get_unique_ids(session: requests.Session, sandbox: Sandbox) -> None:
    zoom_schema.require()  # here: pytest.skip in a worker thread would be just its error
    token = sign_in(session, sandbox)["access_token"]
    ids: list[int] = []
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            with requests.Session() as own:
                api = Api(own, sandbox, token)
                for i in range(10):
                    ids.append(api.create({"topic": f"T{n}-{i}", "type": 3})["id"])
        except BaseException as exc:  # reported below, in the test thread
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors
    assert len(set(ids)) == 80
    assert sandbox.state()["meetings"] == 80


# -- the foreground command -----------------------------------------------------------------


@pytest.fixture
def foreground() -> Iterator[subprocess.Popen[str]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "zoomdesk.sandbox", "--port", "0", "--access-token-ttl", "120"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    yield process
    if process.poll() is None:
        process.kill()
    process.communicate(timeout=10)


def read_banner(process: subprocess.Popen[str]) -> tuple[str, list[str]]:
    assert process.stdout is not None
    first = process.stdout.readline().strip()
    url = first.rsplit(" ", 1)[1]
    exports = [process.stdout.readline().strip() for _ in range(4)]
    return url, exports


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGTERM, 0), (signal.SIGINT, 130)])
def test_python_m_runs_in_the_foreground(
    foreground: subprocess.Popen[str], sig: signal.Signals, code: int
) -> None:
    url, exports = read_banner(foreground)
    assert url.startswith("http://127.0.0.1:")
    assert exports == [
        "export ZOOMDESK_CLIENT_ID=sandbox-public-client",
        f"export ZOOMDESK_REDIRECT_URI={url}/zoomdesk/callback",
        f"export ZOOMDESK_OAUTH_URL={url}",
        f"export ZOOMDESK_API_URL={url}/v2",
    ]
    state = requests.get(url + "/_sandbox/state", timeout=TIMEOUT).json()
    assert state["knobs"]["access_token_ttl"] == 120
    foreground.send_signal(sig)
    _, stderr = foreground.communicate(timeout=10)
    assert foreground.returncode == code
    assert "sandbox-password" in stderr  # the account is shown to the human
    assert "Traceback" not in stderr


def test_bad_arguments_exit_cleanly() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "zoomdesk.sandbox", "--access-token-ttl", "0"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert "access_token_ttl" in result.stderr and "Traceback" not in result.stderr
