"""``zoomdesk --self-test`` from the virtualenv (.ci/frozen-smoke runs it from the packages).

Each run is a subprocess: the self-test owns its QApplication and sets the Qt
environment before Qt starts, which a pytest process that already has a
QApplication can't offer.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _run_self_test(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, HOME=str(home))
    env.pop("QT_QPA_PLATFORM", None)  # the self-test picks offscreen by itself
    code = "import sys; from zoomdesk.ui.selftest import run_self_test; "
    code += f"sys.exit(run_self_test({', '.join(args)}))"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.e2e
def test_self_test_signs_in_and_creates_a_meeting(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    run = _run_self_test(home)
    assert run.returncode == 0, run.stderr
    report = [line for line in run.stderr.splitlines() if line.startswith("self-test:")]
    assert len(report) == 2, run.stderr
    assert report[0].startswith("self-test: keyring: ")  # tests/packaging/test_keyring_packaging.py
    assert report[1].startswith("self-test: sign-in ok (sandbox@zoomdesk.test), meeting created")
    # Everything went to its own temporary directory, nothing under HOME.
    assert list(home.iterdir()) == []


@pytest.mark.e2e
def test_self_test_reports_a_timeout_in_one_line(tmp_path: Path) -> None:
    run = _run_self_test(tmp_path, "timeout=0.05")
    assert run.returncode == 1
    report = [line for line in run.stderr.splitlines() if line.startswith("self-test: FAILED")]
    assert len(report) == 1, run.stderr
    assert report[0].startswith("self-test: FAILED: timed out after 0.05 s")
