"""Window-less commands never import PySide6; `zoomdesk sandbox` runs in the foreground."""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest
import requests
from cli_support import QT, REPO, Cli


@pytest.mark.parametrize(
    "args",
    [
        ("--version",),
        ("whoami", "--json"),
        ("meetings", "list"),
        ("meetings", "create", "--topic", "T"),
    ],
)
def test_no_pyside6_in_sys_modules(signed_in: Cli, args: tuple[str, ...]) -> None:
    loaded = signed_in.loaded(*args, packages=QT)
    assert loaded.code == 0, loaded.stderr
    assert loaded.modules == []


def test_no_pyside6_in_importtime(signed_in: Cli) -> None:
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "zoomdesk", "meetings", "list"],
        cwd=REPO,
        env=signed_in.env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert proc.returncode == 0
    imported = [line.split("|")[-1].strip() for line in proc.stderr.splitlines() if "|" in line]
    assert "zoomdesk.core.api" in imported  # the listing really ran
    assert not [m for m in imported if m.startswith(QT)]


def test_sandbox_command_runs_until_terminated(cli: Cli) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "zoomdesk", "sandbox", "--port", "0", "--access-token-ttl", "60"],
        cwd=REPO,
        env=cli.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        head = [proc.stdout.readline() for _ in range(5)]  # the URL and four export lines
        first = head[0]
        assert first.startswith("Zoom sandbox running at http://127.0.0.1:")
        assert "export ZOOMDESK_CLIENT_ID=sandbox-public-client\n" in head
        url = first.rsplit(" ", 1)[-1].strip()
        knobs = requests.get(f"{url}/_sandbox/state", timeout=5).json()["knobs"]
        assert knobs["access_token_ttl"] == 60
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=10)
    assert proc.returncode == 0, err
    assert "Traceback" not in err


def test_sandbox_command_refuses_bad_values(cli: Cli) -> None:
    r = cli.run("sandbox", "--access-token-ttl", "0")
    assert r.returncode == 2 and "access_token_ttl" in r.stderr
