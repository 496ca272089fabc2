"""End-to-end tests: the real QtWebEngine view against the sandbox on loopback.

QtWebEngine is imported before the QApplication exists (it must be), and every
test fails if it makes an HTTP request on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import PySide6.QtWebEngineWidgets  # noqa: F401  - must precede QApplication creation
import pytest
from login_e2e_support import CountingServer


@pytest.fixture(autouse=True)
def _no_http_on_gui_thread(gui_thread_http_guard: list[str]) -> list[str]:
    return gui_thread_http_guard


# --- fixtures for the login view against the sandbox -----------------------------


@pytest.fixture
def callback_server() -> Iterator[CountingServer]:
    server = CountingServer()
    yield server
    server.stop()


@pytest.fixture
def sandbox() -> Iterator[Any]:
    from zoomdesk.sandbox import Sandbox

    box = Sandbox(port=0)
    box.start()
    yield box
    box.stop()


@pytest.fixture
def runner(qtbot: Any) -> Iterator[Any]:
    from zoomdesk.ui.tasks import TaskRunner

    runner = TaskRunner()
    yield runner
    assert runner.wait_for_done(10000), "a worker thread was left running"
