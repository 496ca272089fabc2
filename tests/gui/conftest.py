"""GUI tests: QtWebEngine is imported before the QApplication exists (it must be),
and every test fails if it makes an HTTP request on the GUI thread."""

from __future__ import annotations

from collections.abc import Iterator

import PySide6.QtWebEngineWidgets  # noqa: F401  - must precede QApplication creation
import pytest
from pytestqt.qtbot import QtBot

from zoomdesk.core import ui_state
from zoomdesk.sandbox import Sandbox
from zoomdesk.ui.tasks import TaskRunner


@pytest.fixture(autouse=True)
def _no_http_on_gui_thread(gui_thread_http_guard: list[str]) -> list[str]:
    return gui_thread_http_guard


@pytest.fixture(autouse=True)
def _no_zone_remembered_from_another_test() -> None:
    """Each test's state dir is new; the zone this process remembered must be too."""
    ui_state.forget()


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    """A TaskRunner of its own; the test fails if a task is still running 10 s after it."""
    runner = TaskRunner()
    yield runner
    assert runner.wait_for_done(10000)


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    """A Zoom sandbox of the test's own on 127.0.0.1, stopped after it."""
    with Sandbox() as running:
        yield running
