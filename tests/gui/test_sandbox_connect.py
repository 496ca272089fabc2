"""Leaving the sandbox is something the user can act on: *Connect your Zoom account…*
stops the sandbox and opens the first-run setup of the user's own backend."""

from __future__ import annotations

from pathlib import Path

import requests
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sandbox_signin import in_thread, save_sandbox_settings

from zoomdesk.sandbox import Sandbox
from zoomdesk.ui.session import Backend, SandboxBackend
from zoomdesk.ui.window import main_window as mw
from zoomdesk.ui.window.main_window import MainWindow


def open_sandbox_window(qtbot: QtBot, tmp_path: Path) -> tuple[MainWindow, str]:
    backend = SandboxBackend(tmp_path / "sandbox")
    window = MainWindow(backend)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.state == mw.SIGNED_OUT, timeout=10000)
    return window, backend.url


def test_connect_your_zoom_account_opens_the_first_run_setup(qtbot: QtBot, tmp_path: Path) -> None:
    window, url = open_sandbox_window(qtbot, tmp_path)  # as --sandbox, or run.sh unconfigured
    banner = window.pages.banner
    assert banner is not None and banner.isVisible()
    assert banner.connect_button.text() == "&Connect your Zoom account…"
    qtbot.mouseClick(banner.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.state == mw.FIRST_RUN, timeout=10000)
    assert not window.backend.sandbox and not banner.isVisible()
    assert window.windowTitle() != "Sandbox"
    assert window.runner.wait_for_done(5000)
    try:
        in_thread(lambda: requests.get(url + "/_sandbox/state", timeout=2))
        raise AssertionError("the sandbox still answers")
    except requests.ConnectionError:
        pass  # stopped
    # And back in: the way out does not close the way in.
    window.pages.first_run.sandbox_button.click()
    qtbot.waitUntil(lambda: window.state == mw.SIGNED_OUT and window.backend.sandbox, timeout=10000)
    window.shutdown()


def test_an_own_app_already_set_up_goes_to_its_sign_in(qtbot: QtBot, tmp_path: Path) -> None:
    with Sandbox() as zoom:
        home = tmp_path / "own"
        save_sandbox_settings(zoom, home)  # "the user's own app", here another sandbox
        own = Backend(home)
        window = MainWindow(own)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.state == mw.SIGNED_OUT, timeout=10000)
        window.start_sandbox()
        qtbot.waitUntil(
            lambda: window.backend.sandbox and window.state == mw.SIGNED_OUT, timeout=10000
        )
        assert window.pages.banner is not None
        window.pages.banner.connect_button.click()
        qtbot.waitUntil(
            lambda: window.backend is own and window.state == mw.SIGNED_OUT, timeout=10000
        )
        assert window.runner.wait_for_done(5000)
