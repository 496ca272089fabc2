"""The sign-in dialog's browser way, and its hand-off from the embedded view, against the sandbox.

The desktop's browser: the offscreen platform has no ``QDesktopServices.openUrl``
(it answers False and warns), and under X11 Qt runs ``xdg-open``, whose choice
of browser depends on the machine. So ``openUrl`` is replaced here by what
``xdg-open`` would do with ``$BROWSER``: it starts ``tests/support/fake_browser.py``
(the CLI tests' ``$BROWSER`` script) as a separate process, with the URL. The
dialog's code path up to ``openUrl`` is the real one; the browser walks the
sandbox's forms and lands on the dialog's real loopback listener.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from fake_browser import LOG, MODE, browser_command
from login_dialogs import open_login_dialog, release_login_dialog
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from zoomdesk.core import paths
from zoomdesk.core.account import Account
from zoomdesk.core.config import Config
from zoomdesk.core.loopback import EXAMPLE_REDIRECT
from zoomdesk.sandbox import CONFIDENTIAL_CLIENT_ID, CONFIDENTIAL_CLIENT_SECRET, Sandbox
from zoomdesk.ui import single_instance
from zoomdesk.ui.login.browser_flow import BrowserFlow
from zoomdesk.ui.login.sandbox_autofill import SandboxAutofill
from zoomdesk.ui.tasks import TaskRunner

pytestmark = pytest.mark.e2e


def config(sandbox: Sandbox, sign_in: str = "browser", **changes: str) -> Config:
    base = sandbox.url.rstrip("/")
    values = {
        "client_id": "sandbox-public-client",
        "redirect_uri": f"{base}/zoomdesk/callback",
        "oauth_url": base,
        "api_url": f"{base}/v2",
        "sign_in": sign_in,
        **changes,
    }
    return Config(**values)


class Desktop:
    """``QDesktopServices.openUrl`` as ``xdg-open`` + ``$BROWSER`` would do it (see above)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, mode: str) -> None:
        self.command = browser_command(tmp_path)
        self.log = tmp_path / "browser.jsonl"
        self.env = {**os.environ, MODE: mode, LOG: str(self.log)}
        self.opened: list[str] = []
        self.browsers: list[subprocess.Popen[bytes]] = []
        self.mode = mode
        monkeypatch.setattr(QDesktopServices, "openUrl", self.open_url)

    def open_url(self, url: QUrl) -> bool:
        text = url.toString(QUrl.ComponentFormattingOption.FullyEncoded)
        self.opened.append(text)
        if self.mode != "none":
            self.browsers.append(subprocess.Popen([self.command, text], env=self.env))
        return True

    def notes(self) -> list[dict[str, Any]]:
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text().splitlines()]

    def close(self) -> None:
        for browser in self.browsers:
            assert browser.wait(20) == 0


@pytest.fixture
def activations(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every window the browser way brought to the front."""
    seen: list[Any] = []
    real = single_instance.activate

    def record(widget: Any, token: str = "") -> None:
        seen.append(widget)
        real(widget, token)

    monkeypatch.setattr(single_instance, "activate", record)
    return seen


def port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def listening_port(dialog: Any) -> int:
    return int(dialog.browser.receiver.port)


# --- sign_in = browser: no web view ----------------------------------------------------


def test_browser_way_signs_in_without_a_web_view(
    qtbot: QtBot,
    runner: TaskRunner,
    sandbox: Sandbox,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    activations: list[Any],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    desktop = Desktop(monkeypatch, tmp_path, "allow")
    account = Account(config(sandbox))
    dialog = open_login_dialog(account, runner)
    assert dialog.findChildren(QWebEngineView) == []
    answers: list[tuple[Any, str]] = []
    dialog.browser.captured.connect(lambda attempt, code: answers.append((attempt, code)))
    with qtbot.waitSignal(dialog.signedIn, timeout=20000) as signed:
        pass
    desktop.close()
    assert signed.args[0].email == "sandbox@zoomdesk.test"
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert account.is_signed_in() and paths.tokens_path().exists()
    assert activations == [dialog]
    assert dialog.findChildren(QWebEngineView) == []
    (url,) = desktop.opened
    redirect = parse_qs(urlsplit(url).query)["redirect_uri"][0]
    assert redirect.startswith("http://127.0.0.1:") and redirect.endswith("/zoomdesk/callback")
    (note,) = desktop.notes()
    assert note["status"] == 200 and "Signed in" in note["page"]
    # The answer's code and state are nowhere on screen.
    shown = " ".join(w.text() for w in dialog.findChildren(type(dialog.origin.line)))
    assert note["code"] not in shown and note["state"] not in shown
    assert note["code"] not in caplog.text and note["state"] not in caplog.text
    ((attempt, code),) = answers
    assert code == note["code"] and attempt.pkce.verifier not in caplog.text
    oauth = sandbox.state()["oauth_requests"]
    assert [entry["endpoint"] for entry in oauth] == ["authorize", "token"]
    assert oauth[0]["redirect_uri"] == oauth[1]["redirect_uri"] == redirect
    assert oauth[0]["code_challenge_method"] == "S256"
    release_login_dialog(qtbot, dialog)


def test_waiting_panel_copy_link_and_cancel_closes_the_listener(
    qtbot: QtBot, runner: TaskRunner, sandbox: Sandbox, tmp_path: Path, monkeypatch: Any
) -> None:
    desktop = Desktop(monkeypatch, tmp_path, "none")  # a browser that never comes back
    dialog = open_login_dialog(Account(config(sandbox)), runner)
    qtbot.waitUntil(lambda: bool(desktop.opened) and dialog.browser.receiver is not None)
    panel = dialog.browser_panel
    assert dialog.state == "browser"
    assert dialog.stack.currentWidget() is panel
    assert panel.title.text() == "Continue in your browser…"
    host = urlsplit(sandbox.url).netloc
    assert f"Sign in to {host.split(':')[0]}" in panel.message.text()
    assert dialog.origin.line.text().startswith(host)
    port = listening_port(dialog)
    assert not port_is_free(port)

    panel.copy_button.click()
    assert QGuiApplication.clipboard().text() == desktop.opened[0] == dialog.browser.url
    assert "Link copied" in panel.note.text()
    panel.open_button.click()
    assert desktop.opened == [desktop.opened[0]] * 2

    with qtbot.waitSignal(dialog.engineReleased, timeout=5000):
        dialog.cancel_button.click()
    qtbot.waitUntil(lambda: port_is_free(port), timeout=3000)
    assert dialog.state == "cancelled" and dialog.result() == QDialog.DialogCode.Rejected
    dialog.deleteLater()


def test_cancel_before_the_listener_is_up_leaves_no_listener(
    qtbot: QtBot, runner: TaskRunner, sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    from zoomdesk.ui.login import browser_flow

    made: list[Any] = []

    def spy(*args: Any, **kwargs: Any) -> Any:
        made.append(real(*args, **kwargs))
        return made[-1]

    real = browser_flow.LoopbackReceiver
    monkeypatch.setattr(browser_flow, "LoopbackReceiver", spy)
    flow = BrowserFlow(runner)
    flow.start(config(sandbox))
    flow.cancel()  # at once: the worker is still binding the port
    assert runner.wait_for_done(5000)
    (receiver,) = made
    assert type(receiver.outcome).__name__ == "Cancelled"
    assert receiver.wait_closed(2.0) and port_is_free(receiver.port)
    assert flow.receiver is None


def test_declined_in_the_browser_then_try_again_is_a_new_attempt(
    qtbot: QtBot, runner: TaskRunner, sandbox: Sandbox, tmp_path: Path, monkeypatch: Any
) -> None:
    desktop = Desktop(monkeypatch, tmp_path, "deny")
    dialog = open_login_dialog(Account(config(sandbox)), runner)
    qtbot.waitUntil(lambda: dialog.state == "declined", timeout=20000)
    assert dialog.panel.title.text() == "You declined access"
    first = desktop.opened[0]
    desktop.mode = "none"
    dialog.panel.action.click()
    qtbot.waitUntil(lambda: len(desktop.opened) == 2 and dialog.state == "browser")
    state = {parse_qs(urlsplit(u).query)["state"][0] for u in desktop.opened}
    challenge = {parse_qs(urlsplit(u).query)["code_challenge"][0] for u in desktop.opened}
    assert len(state) == 2 and len(challenge) == 2 and first == desktop.opened[0]
    assert not paths.tokens_path().exists()
    desktop.close()
    release_login_dialog(qtbot, dialog)


def test_no_answer_in_time_says_so(
    qtbot: QtBot, runner: TaskRunner, sandbox: Sandbox, tmp_path: Path, monkeypatch: Any
) -> None:
    Desktop(monkeypatch, tmp_path, "none")
    monkeypatch.setattr(BrowserFlow, "timeout", 0.5)
    dialog = open_login_dialog(Account(config(sandbox)), runner)
    qtbot.waitUntil(lambda: dialog.state == "timed_out", timeout=5000)
    assert dialog.panel.title.text() == "The browser sign-in timed out"
    assert dialog.panel.action.text() == "Try again"
    release_login_dialog(qtbot, dialog)


def test_a_confidential_clients_busy_port_is_explained(
    qtbot: QtBot, runner: TaskRunner, sandbox: Sandbox, tmp_path: Path, monkeypatch: Any
) -> None:
    Desktop(monkeypatch, tmp_path, "none")
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        port = squatter.getsockname()[1]
        cfg = config(
            sandbox,
            client_id=CONFIDENTIAL_CLIENT_ID,
            client_secret=CONFIDENTIAL_CLIENT_SECRET,
            redirect_uri=f"http://127.0.0.1:{port}/zoomdesk/callback",
        )
        dialog = open_login_dialog(Account(cfg), runner)
        qtbot.waitUntil(lambda: dialog.state == "unavailable", timeout=5000)
    assert dialog.panel.title.text() == "Can't wait for the browser"
    assert f"port {port}" in dialog.panel.message.text()
    release_login_dialog(qtbot, dialog)


def test_a_redirect_that_is_not_loopback_explains_what_to_register(
    qtbot: QtBot, runner: TaskRunner, sandbox: Sandbox, tmp_path: Path, monkeypatch: Any
) -> None:
    desktop = Desktop(monkeypatch, tmp_path, "none")
    cfg = config(sandbox, redirect_uri="https://example.com/zoomdesk/callback")
    dialog = open_login_dialog(Account(cfg), runner)
    assert dialog.state == "needs_loopback"
    message = dialog.panel.message.text()
    assert EXAMPLE_REDIRECT in message and "https://example.com/zoomdesk/callback" in message
    assert "Redirect URL in zoomdesk's Settings" in message
    assert desktop.opened == [] and dialog.findChildren(QWebEngineView) == []
    assert dialog.panel.action.text() == "Sign in in this window"
    dialog.panel.action.click()  # the embedded view needs no loopback URL: made now
    assert dialog.state == "loading" and len(dialog.findChildren(QWebEngineView)) == 1
    release_login_dialog(qtbot, dialog)


def test_embedded_can_be_forced_over_the_setting(
    qtbot: QtBot, runner: TaskRunner, sandbox: Sandbox, tmp_path: Path, monkeypatch: Any
) -> None:
    """`zoomdesk login --embedded` with ``sign_in = browser``: the window, as asked."""
    from zoomdesk.ui.login.dialog import LoginDialog

    desktop = Desktop(monkeypatch, tmp_path, "none")
    dialog = LoginDialog(Account(config(sandbox)), runner, way="embedded")
    dialog.show()
    assert dialog.state == "loading" and len(dialog.findChildren(QWebEngineView)) == 1
    assert desktop.opened == []
    release_login_dialog(qtbot, dialog)


# --- the hand-off from the embedded view -----------------------------------------------


def test_the_sandbox_google_button_hands_off_to_the_browser(
    qtbot: QtBot,
    runner: TaskRunner,
    sandbox: Sandbox,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    activations: list[Any],
) -> None:
    desktop = Desktop(monkeypatch, tmp_path, "google")
    account = Account(config(sandbox, sign_in="embedded"))
    dialog = open_login_dialog(account, runner)
    autofill = SandboxAutofill(dialog.page, pause_at={"signin"})
    qtbot.waitUntil(lambda: autofill.stage == "signin" and autofill.waiting, timeout=15000)
    embedded = dialog.attempt
    with qtbot.waitSignal(dialog.signedIn, timeout=30000):
        dialog.page.runJavaScript("document.getElementById('google').click()")
        qtbot.waitUntil(lambda: dialog.state != "page", timeout=15000)
        assert dialog.state == "browser"
        assert dialog.browser_panel.reason.text().startswith(
            "Google doesn't allow signing in inside apps"
        )
        assert dialog.attempt is None  # the embedded attempt is dropped
    desktop.close()
    assert account.is_signed_in() and activations == [dialog]
    (url,) = desktop.opened
    query = parse_qs(urlsplit(url).query)
    assert query["state"][0] != embedded.state
    assert query["code_challenge"][0] != embedded.pkce.challenge
    (note,) = desktop.notes()
    assert note["status"] == 200
    release_login_dialog(qtbot, dialog)


def test_a_provider_that_refuses_embedded_views_hands_off_on_navigation(
    qtbot: QtBot, runner: TaskRunner, sandbox: Sandbox, tmp_path: Path, monkeypatch: Any
) -> None:
    from PySide6.QtWebEngineCore import QWebEnginePage

    desktop = Desktop(monkeypatch, tmp_path, "none")
    dialog = open_login_dialog(Account(config(sandbox, sign_in="embedded")), runner)
    qtbot.waitUntil(lambda: dialog.state == "page", timeout=15000)
    google = QUrl("https://accounts.google.com/o/oauth2/v2/auth?client_id=zoom")
    link = QWebEnginePage.NavigationType.NavigationTypeLinkClicked
    assert dialog.page.acceptNavigationRequest(google, link, True) is False
    qtbot.waitUntil(lambda: dialog.state == "browser")
    qtbot.waitUntil(lambda: len(desktop.opened) == 1)
    assert urlsplit(desktop.opened[0]).hostname == "127.0.0.1"  # the sandbox, not Google
    release_login_dialog(qtbot, dialog)


def test_hand_off_with_a_redirect_that_is_not_loopback_explains_it(
    qtbot: QtBot, runner: TaskRunner, sandbox: Sandbox, tmp_path: Path, monkeypatch: Any
) -> None:
    from PySide6.QtWebEngineCore import QWebEnginePage

    desktop = Desktop(monkeypatch, tmp_path, "none")
    cfg = config(sandbox, sign_in="embedded", redirect_uri="https://example.com/cb")
    dialog = open_login_dialog(Account(cfg), runner)
    qtbot.waitUntil(lambda: dialog.attempt is not None and dialog.state in ("loading", "page"))
    apple = QUrl("https://appleid.apple.com/auth/authorize")
    redirect = QWebEnginePage.NavigationType.NavigationTypeRedirect
    assert dialog.page.acceptNavigationRequest(apple, redirect, True) is False
    qtbot.waitUntil(lambda: dialog.state == "needs_loopback")
    message = dialog.panel.message.text()
    assert message.startswith("Apple doesn't allow signing in inside apps")
    assert EXAMPLE_REDIRECT in message
    assert desktop.opened == []
    release_login_dialog(qtbot, dialog)


GOOGLE_POPUP = b"""<!doctype html><html><head><title>Sign in</title></head><body>
<button style="position:fixed;left:0;top:0;width:100%;height:100%"
  onclick="window.open('https://accounts.google.com/o/oauth2/v2/auth?client_id=zoom')">
  Sign in with Google</button></body></html>"""


@pytest.fixture
def popup_server() -> Iterator[str]:
    """A sign-in page whose button opens Google's sign-in in a pop-up, as Zoom's does."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from threading import Thread

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(GOOGLE_POPUP)))
            self.end_headers()
            self.wfile.write(GOOGLE_POPUP)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_google_pop_up_hands_off_to_the_browser(
    qtbot: QtBot, runner: TaskRunner, popup_server: str, tmp_path: Path, monkeypatch: Any
) -> None:
    from PySide6.QtCore import QPoint, Qt

    desktop = Desktop(monkeypatch, tmp_path, "none")
    cfg = Config(
        client_id="cid",
        redirect_uri=f"{popup_server}/zoomdesk/callback",
        oauth_url=popup_server,
    )
    dialog = open_login_dialog(Account(cfg), runner)
    qtbot.waitUntil(lambda: dialog.state == "page", timeout=10000)
    target = dialog.view.focusProxy()
    assert target is not None
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    qtbot.waitUntil(lambda: dialog.state == "browser", timeout=10000)
    qtbot.waitUntil(lambda: len(desktop.opened) == 1)
    assert urlsplit(desktop.opened[0]).netloc == urlsplit(popup_server).netloc  # not Google
    assert dialog.browser_panel.reason.text().startswith("Google doesn't allow")
    release_login_dialog(qtbot, dialog)
