"""GUI tests: QtWebEngine is imported before the QApplication exists (it must be),
and every test fails if it makes an HTTP request on the GUI thread."""

from __future__ import annotations

import PySide6.QtWebEngineWidgets  # noqa: F401  - must precede QApplication creation
import pytest


@pytest.fixture(autouse=True)
def _no_http_on_gui_thread(gui_thread_http_guard: list[str]) -> list[str]:
    return gui_thread_http_guard
