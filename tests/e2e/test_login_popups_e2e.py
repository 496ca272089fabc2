"""The real login view and a hostile sign-in page: pop-ups need a click, one window per click.

A loopback server stands in for Zoom's sign-in page. Its script calls
``window.open`` on load (https, ``mailto:``): nothing may reach the system
(Chromium itself never lets a web page open ``file:``). A click on its button
opens two https windows: only the first may.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from fake_desktop import record_opened_links
from login_e2e_support import sandbox_config
from PySide6.QtCore import QCoreApplication, QPoint, Qt
from pytestqt.qtbot import QtBot

from zoomdesk.core.account import Account
from zoomdesk.ui.tasks import TaskRunner

pytestmark = pytest.mark.e2e

PAGE = b"""<!doctype html><html><head><title>Sign in</title></head><body>
<button id="go" style="position:fixed;left:0;top:0;width:100%;height:100%"
  onclick="window.open('https://help.example.com/one'); window.open('https://help.example.com/two');">
  Help</button>
<script>
window.open('https://help.example.com/on-load?pwd=SECRET');
window.open('mailto:someone@example.com?subject=SECRET');
</script></body></html>"""


class PageServer:
    """Serves ``PAGE`` for every path: the "sign-in page" the dialog loads."""

    def __init__(self) -> None:
        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(PAGE)))
                self.end_headers()
                self.wfile.write(PAGE)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def page_server() -> Iterator[PageServer]:
    server = PageServer()
    yield server
    server.stop()


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    return record_opened_links(monkeypatch)


def window_requests(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.getMessage().startswith("new window for")]


def open_hostile_page(qtbot: QtBot, server: PageServer, runner: TaskRunner) -> Any:
    from zoomdesk.ui.login.dialog import LoginDialog

    dialog = LoginDialog(Account(sandbox_config(server.url)), runner)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.state == "page", timeout=10000)
    return dialog


def release(qtbot: QtBot, dialog: Any) -> None:
    with qtbot.waitSignal(dialog.engineReleased, timeout=5000):
        dialog.reject()
    dialog.deleteLater()


def test_window_open_on_load_opens_nothing(
    qtbot: QtBot,
    runner: TaskRunner,
    page_server: PageServer,
    opened: list[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="zoomdesk.ui.login.page")
    dialog = open_hostile_page(qtbot, page_server, runner)
    qtbot.waitUntil(lambda: len(window_requests(caplog)) == 2, timeout=10000)
    assert all("without a click" in m and m.endswith("dropped") for m in window_requests(caplog))
    QCoreApplication.processEvents()  # delivers the queued externalRequested, had there been one
    assert opened == []
    assert "SECRET" not in caplog.text
    release(qtbot, dialog)


def test_one_click_opens_one_https_window(
    qtbot: QtBot,
    runner: TaskRunner,
    page_server: PageServer,
    opened: list[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="zoomdesk.ui.login.page")
    dialog = open_hostile_page(qtbot, page_server, runner)
    qtbot.waitUntil(lambda: len(window_requests(caplog)) == 2, timeout=10000)
    target = dialog.view.focusProxy()
    assert target is not None
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    qtbot.waitUntil(lambda: len(window_requests(caplog)) == 4, timeout=10000)
    qtbot.waitUntil(lambda: opened == ["https://help.example.com/one"])
    first, second = window_requests(caplog)[2:]
    assert first.endswith("opened in the system browser")
    # Chromium spends the click on the first window.open: the second comes without one.
    assert second.endswith("dropped")
    QCoreApplication.processEvents()  # delivers a queued externalRequested for a second
    assert opened == ["https://help.example.com/one"]
    release(qtbot, dialog)
