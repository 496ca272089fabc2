"""The real login view against an in-process sandbox on loopback.

Forms are filled and submitted with ``runJavaScript`` (``SandboxAutofill``), so
every navigation, the 302 to the redirect URI and its veto happen in Chromium
exactly as with a person at the keyboard.
"""

from __future__ import annotations

import stat
from typing import Any

import pytest
from fake_desktop import record_opened_links
from login_dialogs import open_login_dialog, release_login_dialog
from login_e2e_support import (
    CountingServer,
    sandbox_config,
    sandbox_state,
    webengine_children,
    webengine_page_processes,
)
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from zoomdesk.core import paths
from zoomdesk.core.account import Account
from zoomdesk.core.oauth import authorize_url, new_pkce
from zoomdesk.ui.login.sandbox_autofill import SandboxAutofill
from zoomdesk.ui.tasks import TaskRunner

pytestmark = pytest.mark.e2e

SANDBOX_EMAIL = "sandbox@zoomdesk.test"


def stage(qtbot: QtBot, autofill: SandboxAutofill, name: str, timeout: int = 10000) -> None:
    qtbot.waitUntil(lambda: autofill.stage == name and autofill.waiting, timeout=timeout)


def test_approve_saves_tokens_and_signs_in(qtbot: QtBot, runner: TaskRunner, sandbox: Any) -> None:
    account = Account(sandbox_config(sandbox.url))
    dialog = open_login_dialog(account, runner)
    autofill = SandboxAutofill(dialog.page, decision="allow", pause_at={"signin"})
    stage(qtbot, autofill, "signin")
    port = sandbox.url.rstrip("/").rsplit(":", 1)[1]
    assert dialog.origin.line.text() == f"127.0.0.1:{port} — not encrypted (http)"
    with qtbot.waitSignal(dialog.signedIn, timeout=15000) as signed:
        autofill.resume()
    assert signed.args[0].email == SANDBOX_EMAIL
    assert dialog.result() == QDialog.DialogCode.Accepted
    tokens = paths.tokens_path()
    assert stat.S_IMODE(tokens.stat().st_mode) == 0o600
    assert stat.S_IMODE(tokens.parent.stat().st_mode) == 0o700
    assert account.is_signed_in()
    state = sandbox_state(sandbox.url)
    assert state["callback_hits"] == 0
    assert state["token_requests"]["authorization_code"] == 1
    assert autofill.history == ["signin", "consent"]
    release_login_dialog(qtbot, dialog)


def test_decline_then_try_again(qtbot: QtBot, runner: TaskRunner, sandbox: Any) -> None:
    account = Account(sandbox_config(sandbox.url))
    dialog = open_login_dialog(account, runner)
    autofill = SandboxAutofill(dialog.page, decision="deny")
    qtbot.waitUntil(lambda: dialog.state == "declined", timeout=15000)
    assert dialog.panel.title.text() == "You declined access"
    assert not paths.tokens_path().exists()
    assert sandbox_state(sandbox.url)["token_requests"]["authorization_code"] == 0
    autofill.decision = "allow"
    with qtbot.waitSignal(dialog.signedIn, timeout=15000):
        dialog.panel.action.click()
    assert paths.tokens_path().exists()
    assert sandbox_state(sandbox.url)["callback_hits"] == 0
    release_login_dialog(qtbot, dialog)


def test_cancel_at_consent_writes_nothing(qtbot: QtBot, runner: TaskRunner, sandbox: Any) -> None:
    account = Account(sandbox_config(sandbox.url))
    dialog = open_login_dialog(account, runner)
    autofill = SandboxAutofill(dialog.page, pause_at={"consent"})
    stage(qtbot, autofill, "consent")
    signed: list[object] = []
    dialog.signedIn.connect(signed.append)
    assert dialog.state == "page"
    release_login_dialog(qtbot, dialog)
    qtbot.wait(100)  # anything late would arrive now
    assert signed == []
    assert not paths.tokens_path().exists()
    assert not runner.busy
    state = sandbox_state(sandbox.url)
    assert state["token_requests"]["authorization_code"] == 0
    assert state["callback_hits"] == 0


def test_answer_for_another_attempt_is_refused(
    qtbot: QtBot, runner: TaskRunner, sandbox: Any
) -> None:
    """A sign-in page that carries a state this dialog never issued (login CSRF)."""
    config = sandbox_config(sandbox.url)
    dialog = open_login_dialog(Account(config), runner)
    SandboxAutofill(dialog.page, decision="allow")
    dialog.page.load(QUrl(authorize_url(config, "forged-state", new_pkce().challenge)))
    qtbot.waitUntil(lambda: dialog.state == "refused", timeout=15000)
    assert "does not belong to this sign-in attempt" in dialog.panel.message.text()
    state = sandbox_state(sandbox.url)
    assert state["token_requests"]["authorization_code"] == 0
    assert state["callback_hits"] == 0
    release_login_dialog(qtbot, dialog)


def test_sandbox_down_shows_error_then_retry_works(qtbot: QtBot, runner: TaskRunner) -> None:
    from zoomdesk.sandbox import Sandbox

    first = Sandbox(port=0)
    base = first.start()
    port = int(base.rstrip("/").rsplit(":", 1)[1])
    first.stop()  # now nothing listens on the port the settings name
    account = Account(sandbox_config(base))
    dialog = open_login_dialog(account, runner)
    qtbot.waitUntil(lambda: dialog.state == "load_failed", timeout=15000)
    assert dialog.stack.currentWidget() is dialog.panel
    assert "refused the connection" in dialog.panel.message.text()
    assert dialog.panel.action.text() == "Retry"
    again = Sandbox(port=port)
    again.start()
    try:
        SandboxAutofill(dialog.page, decision="allow")
        with qtbot.waitSignal(dialog.signedIn, timeout=15000):
            dialog.panel.action.click()
    finally:
        release_login_dialog(qtbot, dialog)
        again.stop()


def test_links_leaving_the_flow_open_in_the_system_browser(
    qtbot: QtBot,
    runner: TaskRunner,
    sandbox: Any,
    monkeypatch: pytest.MonkeyPatch,
    callback_server: CountingServer,
) -> None:
    opened = record_opened_links(monkeypatch)
    dialog = open_login_dialog(Account(sandbox_config(sandbox.url)), runner)
    autofill = SandboxAutofill(dialog.page, pause_at={"signin"})
    stage(qtbot, autofill, "signin")
    url_before = dialog.page.url()
    # Another host than 127.0.0.1, and https: only https links leave the app.
    elsewhere = f"https://localhost:{callback_server.port}/help"
    plain_http = f"http://localhost:{callback_server.port}/help"

    def click(url: str) -> None:
        dialog.page.runJavaScript(
            f"var a = document.createElement('a'); a.href = '{url}'; a.textContent = 'help';"
            "document.body.appendChild(a); a.click();"
        )

    click(plain_http)  # refused: not https
    click(elsewhere)
    qtbot.waitUntil(lambda: opened == [elsewhere])
    # A script's window.open, without a click: dropped (see test_login_popups_e2e.py).
    dialog.page.runJavaScript(f"window.open('{elsewhere}?popup=1')")
    qtbot.wait(100)
    assert opened == [elsewhere]
    assert dialog.page.url() == url_before
    assert dialog.state == "page"
    assert callback_server.hits == []  # nothing was loaded in the view
    release_login_dialog(qtbot, dialog)


def test_escape_in_the_page_cancels(qtbot: QtBot, runner: TaskRunner, sandbox: Any) -> None:
    dialog = open_login_dialog(Account(sandbox_config(sandbox.url)), runner)
    autofill = SandboxAutofill(dialog.page, pause_at={"signin"})
    stage(qtbot, autofill, "signin")
    dialog.activateWindow()
    dialog.view.setFocus()
    target = dialog.view.focusProxy() or dialog.view
    with qtbot.waitSignal(dialog.rejected, timeout=5000):
        qtbot.keyClick(target, Qt.Key.Key_Escape)
    release_login_dialog(qtbot, dialog)


def test_twenty_sign_ins_never_touch_the_redirect_host(
    qtbot: QtBot, runner: TaskRunner, sandbox: Any, callback_server: CountingServer
) -> None:
    """The leak check: the redirect URI is a live server that counts requests; it gets none."""
    redirect = f"http://127.0.0.1:{callback_server.port}/zoomdesk/callback"
    sandbox.register_client("leak-check-client", redirect)
    account = Account(sandbox_config(sandbox.url, "leak-check-client", redirect))
    zygotes = webengine_children()
    for run in range(20):
        dialog = open_login_dialog(account, runner)
        SandboxAutofill(dialog.page, decision="allow")
        with qtbot.waitSignal(dialog.signedIn, timeout=15000):
            pass
        release_login_dialog(qtbot, dialog)
        assert callback_server.hits == [], f"redirect host reached in run {run + 1}"
    state = sandbox_state(sandbox.url)
    assert state["token_requests"]["authorization_code"] == 20
    assert state["callback_hits"] == 0
    assert callback_server.hits == []
    # Closed dialogs leave no renderer behind, and the engine's own helper
    # processes (started once per application) did not multiply.
    qtbot.waitUntil(lambda: webengine_page_processes() == [], timeout=10000)
    assert len(webengine_children()) <= max(len(zygotes), 2)


def test_page_processes_exit_when_the_dialog_closes(
    qtbot: QtBot, runner: TaskRunner, sandbox: Any
) -> None:
    dialog = open_login_dialog(Account(sandbox_config(sandbox.url)), runner)
    autofill = SandboxAutofill(dialog.page, pause_at={"signin"})
    stage(qtbot, autofill, "signin")
    assert webengine_page_processes(), "expected a renderer process for the open page"
    release_login_dialog(qtbot, dialog)
    qtbot.waitUntil(lambda: webengine_page_processes() == [], timeout=10000)
