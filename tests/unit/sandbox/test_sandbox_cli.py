"""The foreground command's banner: the URL it really listens on, the knob token, the warnings.

Tests bind to loopback addresses only; the wildcard and outside addresses are
played by a stand-in :class:`Sandbox` that binds nothing.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import requests
from sandbox_support import TIMEOUT

from zoomdesk.sandbox import Sandbox, cli

REPO = Path(__file__).resolve().parents[3]
TOKEN_LINE = "Knob token"


def read_until_token(process: subprocess.Popen[str]) -> list[str]:
    """The banner up to the token line; a banner without one ends in 10 s, not at pytest's limit."""
    assert process.stdout is not None
    lines: list[str] = []
    watchdog = threading.Timer(10, process.kill)
    watchdog.start()
    try:
        for line in iter(process.stdout.readline, ""):
            lines.append(line.rstrip("\n"))
            if line.startswith(TOKEN_LINE):
                break
    finally:
        watchdog.cancel()
        watchdog.join()
    return lines


@pytest.mark.parametrize(
    ("host", "shown"), [("127.0.0.2", "127.0.0.2"), ("localhost", "127.0.0.1")]
)
def test_the_banner_shows_where_it_listens_and_the_knob_token(host: str, shown: str) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "zoomdesk.sandbox", "--host", host, "--port", "0"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        lines = read_until_token(process)
        match = re.fullmatch(r"Zoom sandbox running at http://([0-9.]+):(\d+)", lines[0])
        assert match, lines
        assert match[1] == shown and int(match[2]) != 0
        url = f"http://{match[1]}:{match[2]}"
        assert f"export ZOOMDESK_OAUTH_URL={url}" in lines
        assert requests.get(url + "/", timeout=TIMEOUT).status_code == 200  # really there
        assert lines[-1].startswith(TOKEN_LINE) and "X-Sandbox-Token" in lines[-1]
        token = lines[-1].rsplit(" ", 1)[1]
        knob = url + "/_sandbox/config"
        refused = requests.post(knob, json={"latency": 0.1}, timeout=TIMEOUT)
        assert refused.status_code == 403
        headers = {"X-Sandbox-Token": token}
        taken = requests.post(knob, json={"latency": 0.1}, headers=headers, timeout=TIMEOUT)
        assert taken.status_code == 200
    finally:
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=10)
    assert process.returncode == 0
    assert "warning" not in stderr.lower() and "Traceback" not in stderr


def test_the_url_is_the_bound_address() -> None:
    with Sandbox(host="localhost") as box:
        host, port = box.address
        assert (host, box.url) == ("127.0.0.1", f"http://127.0.0.1:{port}")
        with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT):
            pass


class StandIn:
    """A :class:`Sandbox` that pretends to be bound to ``ADDRESS`` and asks to stop at once."""

    ADDRESS = ("0.0.0.0", 4321)

    def __init__(self, host: str, port: int, access_token_ttl: int) -> None:
        self.knob_token = "stand-in-token"

    @property
    def address(self) -> tuple[str, int]:
        return self.ADDRESS

    def start(self) -> str:
        signal.raise_signal(signal.SIGTERM)  # run_cli's handler ends the wait
        url = Sandbox.url_for(*self.ADDRESS)
        self.redirect_uri = url + "/zoomdesk/callback"
        return url

    def stop(self) -> None:
        pass


@pytest.mark.parametrize(
    ("address", "url", "warned"),
    [
        ("0.0.0.0", "http://127.0.0.1:4321", "every interface"),
        ("::", "http://[::1]:4321", "every interface"),
        ("192.0.2.10", "http://192.0.2.10:4321", "192.0.2.10"),
        ("127.0.0.2", "http://127.0.0.2:4321", None),
        ("::1", "http://[::1]:4321", None),
    ],
)
def test_a_host_off_loopback_is_warned_about(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    address: str,
    url: str,
    warned: str | None,
) -> None:
    monkeypatch.setattr(StandIn, "ADDRESS", (address, 4321))
    monkeypatch.setattr(cli, "Sandbox", StandIn)
    assert cli.run_cli(host=address, port=4321) == 0
    out, err = capsys.readouterr()
    assert out.splitlines()[0] == f"Zoom sandbox running at {url}"
    assert "stand-in-token" in out and "stand-in-token" not in err
    if warned is None:
        assert "warning" not in err.lower()
    else:
        assert "warning" in err.lower() and warned in err and f"{address} port 4321" in err
