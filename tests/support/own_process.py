"""Run a GUI test in a fresh Python of its own: for tests whose ``app.exec()`` ends.

When an event loop of ``QApplication.exec()`` ends, Qt emits ``aboutToQuit``,
and QtWebEngine tears its browser context down on that signal. In a test
process where an earlier test started QtWebEngine (the login tests), that
teardown crashes the process (SIGSEGV inside libQt6WebEngineCore, seen from
``QCoreApplication::exit``), taking every later test with it. A test that runs
``entry.run_gui`` to its end therefore runs in a child pytest of its own.
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

CHILD = "ZOOMDESK_TEST_OWN_PROCESS"
REPO = Path(__file__).resolve().parents[2]
TIMEOUT_S = 180


def own_process(test: F) -> F:
    """Decorate a test: run it (same node id, same fixtures) in a child pytest."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> Any:
        if os.environ.get(CHILD) == "1":
            return test(*args, **kwargs)
        node = os.environ["PYTEST_CURRENT_TEST"].rsplit(" (", 1)[0]
        proc = subprocess.run(
            [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", node],
            cwd=REPO,
            env={**os.environ, CHILD: "1"},
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
        )
        assert proc.returncode == 0, f"{node} failed in its own process:\n" + (
            proc.stdout[-6000:] + proc.stderr[-3000:]
        )
        return None

    return run  # type: ignore[return-value]
