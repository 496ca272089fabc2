"""LoginDialog's glue and panels, with a stub account and no web server.

The page loads ``about:blank``; redirects are fed straight into the page's
``acceptNavigationRequest`` (what Chromium calls), so every path from a
navigation to a panel runs with the real core ``AuthorizationAttempt``.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

import pytest
from fake_desktop import record_opened_links
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWebEngineCore import QWebEngineLoadingInfo, QWebEnginePage
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from zoomdesk.core.config import Config
from zoomdesk.core.errors import AuthReason, AuthRequired, NetworkError, OAuthError
from zoomdesk.core.oauth import AuthorizationAttempt
from zoomdesk.core.user import User
from zoomdesk.ui.tasks import TaskRunner

REDIRECT = "http://127.0.0.1:9/zoomdesk/callback"
CONFIG = Config(client_id="cid", redirect_uri=REDIRECT, oauth_url="http://127.0.0.1:9")
USER = User(id="u1", email="sandbox@zoomdesk.test", first_name="Sandy")
NT = QWebEnginePage.NavigationType


class StubAccount:
    """``Account``'s sign-in half: real attempts (pointed at about:blank), scripted exchange."""

    def __init__(self, result: object = USER, gate: threading.Event | None = None) -> None:
        self.config = CONFIG
        self.result = result
        self.gate = gate
        self.attempts: list[AuthorizationAttempt] = []
        self.finish_calls: list[tuple[AuthorizationAttempt, str]] = []
        self.finished_writing = threading.Event()

    def begin_sign_in(self) -> AuthorizationAttempt:
        attempt = AuthorizationAttempt.start(self.config)
        attempt.url = "about:blank"
        self.attempts.append(attempt)
        return attempt

    def finish_sign_in(
        self, attempt: AuthorizationAttempt, code: str, cancelled: object = None
    ) -> object:
        self.finish_calls.append((attempt, code))
        if self.gate is not None:
            assert self.gate.wait(10)
        self.finished_writing.set()
        if isinstance(self.result, BaseException):
            raise self.result
        return self.result


def make_dialog(qtbot: QtBot, runner: TaskRunner, account: StubAccount) -> Any:
    from zoomdesk.ui.login.dialog import LoginDialog

    dialog = LoginDialog(account, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.state == "page")
    return dialog


def redirect(dialog: Any, query: str, nav: NT = NT.NavigationTypeRedirect) -> bool:
    """What Chromium does when the sandbox answers 302 to the redirect URI."""
    url = QUrl(f"{REDIRECT}?{query}")
    return bool(dialog.page.acceptNavigationRequest(url, nav, True))


def answer(dialog: Any, query: str, qtbot: QtBot, state: str) -> None:
    with qtbot.waitSignal(dialog.stateChanged, check_params_cb=lambda s: s == state):
        assert redirect(dialog, query) is False


def test_capture_exchanges_the_code_and_signs_in(qtbot: QtBot, runner: TaskRunner) -> None:
    account = StubAccount()
    dialog = make_dialog(qtbot, runner, account)
    attempt = account.attempts[0]
    with qtbot.waitSignal(dialog.signedIn, timeout=5000) as signed:
        assert redirect(dialog, f"code=abc&state={attempt.state}") is False
    assert signed.args == [USER]
    assert account.finish_calls == [(attempt, "abc")]
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.state == "signed_in"


def test_finishing_panel_replaces_the_view(qtbot: QtBot, runner: TaskRunner) -> None:
    gate = threading.Event()
    account = StubAccount(gate=gate)
    dialog = make_dialog(qtbot, runner, account)
    answer(dialog, f"code=abc&state={account.attempts[0].state}", qtbot, "finishing")
    assert dialog.stack.currentWidget() is dialog.panel
    assert dialog.panel.title.text() == "Finishing sign-in…"
    assert dialog.panel.busy.isVisible()
    assert not dialog.panel.action.isVisible()
    with qtbot.waitSignal(dialog.signedIn):
        gate.set()


def test_declined_shows_panel_and_try_again_starts_a_new_attempt(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    account = StubAccount()
    dialog = make_dialog(qtbot, runner, account)
    first = account.attempts[0]
    answer(dialog, f"error=access_denied&state={first.state}", qtbot, "declined")
    assert dialog.panel.title.text() == "You declined access"
    assert dialog.panel.action.text() == "Try again"
    assert dialog.panel.action.hasFocus() or not dialog.isActiveWindow()
    with qtbot.waitSignal(dialog.stateChanged, check_params_cb=lambda s: s == "loading"):
        qtbot.mouseClick(dialog.panel.action, Qt.MouseButton.LeftButton)
    assert len(account.attempts) == 2
    assert account.attempts[1].state != first.state
    assert dialog.stack.currentWidget() is dialog.view
    qtbot.waitUntil(lambda: dialog.state == "page")
    assert first.finished  # the declined attempt can never be answered again
    with qtbot.waitSignal(dialog.signedIn):
        redirect(dialog, f"code=new&state={account.attempts[1].state}")
    assert [code for _, code in account.finish_calls] == ["new"]


def test_state_mismatch_is_refused_without_token_request(qtbot: QtBot, runner: TaskRunner) -> None:
    account = StubAccount()
    dialog = make_dialog(qtbot, runner, account)
    answer(dialog, "code=abc&state=forged", qtbot, "refused")
    assert "does not belong to this sign-in attempt" in dialog.panel.message.text()
    assert "nobody was signed in" in dialog.panel.message.text()
    qtbot.wait(50)  # give a (wrongly) started task the chance to show up
    assert account.finish_calls == []
    assert not runner.busy


def test_other_zoom_error_is_shown(qtbot: QtBot, runner: TaskRunner) -> None:
    account = StubAccount()
    dialog = make_dialog(qtbot, runner, account)
    query = (
        f"error=invalid_scope&error_description=Scope+not+allowed&state={account.attempts[0].state}"
    )
    answer(dialog, query, qtbot, "denied")
    assert "Scope not allowed (invalid_scope)" in dialog.panel.message.text()
    assert account.finish_calls == []


@pytest.mark.parametrize(
    "error",
    [
        OAuthError("invalid_request", "Invalid authorization code", 400),
        NetworkError("Could not reach Zoom sign-in (127.0.0.1:9)."),
        AuthRequired(AuthReason.CODE_REFUSED),
    ],
)
def test_exchange_failure_panel_with_try_again(
    qtbot: QtBot, runner: TaskRunner, error: Exception
) -> None:
    account = StubAccount(result=error)
    dialog = make_dialog(qtbot, runner, account)
    with qtbot.waitSignal(dialog.stateChanged, check_params_cb=lambda s: s == "exchange_failed"):
        redirect(dialog, f"code=abc&state={account.attempts[0].state}")
    assert dialog.panel.message.text() == str(error)
    assert dialog.panel.action.text() == "Try again"
    with qtbot.waitSignal(dialog.stateChanged, check_params_cb=lambda s: s == "loading"):
        dialog.panel.action.click()
    assert len(account.attempts) == 2


def test_unexpected_exchange_error_shows_only_its_type(qtbot: QtBot, runner: TaskRunner) -> None:
    account = StubAccount(result=KeyError("access_token=SECRET"))
    dialog = make_dialog(qtbot, runner, account)
    with qtbot.waitSignal(dialog.stateChanged, check_params_cb=lambda s: s == "exchange_failed"):
        redirect(dialog, f"code=abc&state={account.attempts[0].state}")
    assert "KeyError" in dialog.panel.message.text()
    assert "SECRET" not in dialog.panel.message.text()


@dataclass
class FakeLoadingInfo:
    """Shaped like QWebEngineLoadingInfo, for the failure cases a test can't easily cause."""

    status_: QWebEngineLoadingInfo.LoadStatus
    domain: QWebEngineLoadingInfo.ErrorDomain
    error: str
    url_: str

    def status(self) -> QWebEngineLoadingInfo.LoadStatus:
        return self.status_

    def errorDomain(self) -> QWebEngineLoadingInfo.ErrorDomain:
        return self.domain

    def errorString(self) -> str:
        return self.error

    def errorCode(self) -> int:
        return 500 if self.domain == ED.HttpStatusCodeDomain else -3

    def url(self) -> QUrl:
        return QUrl(self.url_)


LS = QWebEngineLoadingInfo.LoadStatus
ED = QWebEngineLoadingInfo.ErrorDomain


def test_load_failure_panel_and_retry(qtbot: QtBot, runner: TaskRunner) -> None:
    account = StubAccount()
    dialog = make_dialog(qtbot, runner, account)
    info = FakeLoadingInfo(
        LS.LoadFailedStatus,
        ED.ConnectionErrorDomain,
        "net::ERR_NAME_NOT_RESOLVED",
        "https://zoom.us/oauth/authorize?state=x",
    )
    dialog._on_loading_changed(info)
    assert dialog.state == "load_failed"
    assert dialog.panel.title.text() == "Can't open the Zoom sign-in page"
    assert dialog.panel.message.text().startswith("zoom.us could not be loaded: ")
    assert "state=x" not in dialog.panel.message.text()
    assert dialog.panel.action.text() == "Retry"
    with qtbot.waitSignal(dialog.stateChanged, check_params_cb=lambda s: s == "page"):
        dialog.panel.action.click()


def test_real_connection_failure_shows_panel(qtbot: QtBot, runner: TaskRunner) -> None:
    account = StubAccount()
    dialog = make_dialog(qtbot, runner, account)
    with qtbot.waitSignal(dialog.stateChanged, check_params_cb=lambda s: s == "load_failed"):
        dialog.page.load(QUrl("http://127.0.0.1:9/oauth/authorize"))  # discard port: refused
    assert "127.0.0.1:9 could not be loaded" in dialog.panel.message.text()


@pytest.mark.parametrize(
    ("status", "domain"),
    [
        (LS.LoadStoppedStatus, ED.InternalErrorDomain),  # what a veto looks like
        (LS.LoadFailedStatus, ED.HttpStatusCodeDomain),  # the server's own error page
        (LS.LoadSucceededStatus, ED.NoErrorDomain),
    ],
)
def test_veto_and_http_errors_are_not_load_failures(
    qtbot: QtBot, runner: TaskRunner, status: Any, domain: Any
) -> None:
    dialog = make_dialog(qtbot, runner, StubAccount())
    dialog._on_loading_changed(FakeLoadingInfo(status, domain, "net::ERR_ABORTED", REDIRECT))
    assert dialog.state == "page"
    assert dialog.stack.currentWidget() is dialog.view


def test_cancel_before_capture_writes_nothing(qtbot: QtBot, runner: TaskRunner) -> None:
    account = StubAccount()
    dialog = make_dialog(qtbot, runner, account)
    attempt = account.attempts[0]
    page = dialog.page
    with qtbot.waitSignal(page.destroyed):
        dialog.cancel_button.click()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.state == "cancelled"
    assert dialog.attempt is None
    # Whatever the engine might still deliver is vetoed and leads nowhere.
    assert dialog._judge(type("R", (), {"url": REDIRECT})()).__class__.__name__ == "Stop"
    assert account.finish_calls == []
    assert not attempt.finished


def test_cancel_while_finishing_drops_the_result(qtbot: QtBot, runner: TaskRunner) -> None:
    gate = threading.Event()
    account = StubAccount(gate=gate)
    dialog = make_dialog(qtbot, runner, account)
    answer(dialog, f"code=abc&state={account.attempts[0].state}", qtbot, "finishing")
    task = dialog.task
    with qtbot.assertNotEmitted(dialog.signedIn):
        dialog.reject()
        assert task.cancelled
        gate.set()
        assert runner.wait_for_done(5000)  # no worker left behind
        qtbot.waitUntil(lambda: not runner.busy)
    assert dialog.state == "cancelled"


def test_escape_cancels(qtbot: QtBot, runner: TaskRunner) -> None:
    dialog = make_dialog(qtbot, runner, StubAccount())
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)


def test_external_links_and_windows_go_to_the_system_browser(
    qtbot: QtBot, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = record_opened_links(monkeypatch)
    dialog = make_dialog(qtbot, runner, StubAccount())
    help_url = QUrl("https://support.zoom.us/hc/en-us")
    assert (
        dialog.page.acceptNavigationRequest(help_url, NT.NavigationTypeLinkClicked, True) is False
    )
    qtbot.waitUntil(lambda: opened == ["https://support.zoom.us/hc/en-us"])

    class FakeWindowRequest:  # shaped like QWebEngineNewWindowRequest
        def __init__(self, url: str, clicked: bool = True) -> None:
            self.url = QUrl(url)
            self.clicked = clicked

        def requestedUrl(self) -> QUrl:
            return self.url

        def isUserInitiated(self) -> bool:
            return self.clicked

    dialog.page._on_new_window(FakeWindowRequest("https://zoom.us/privacy", clicked=False))
    dialog.page._on_new_window(FakeWindowRequest("https://zoom.us/terms"))
    dialog.page._on_new_window(FakeWindowRequest(f"{REDIRECT}?code=abc&state=x"))
    qtbot.waitUntil(lambda: len(opened) == 2)
    qtbot.wait(20)
    assert opened == ["https://support.zoom.us/hc/en-us", "https://zoom.us/terms"]
    assert dialog.state == "page"


def test_widgets_without_text_have_accessible_names(qtbot: QtBot, runner: TaskRunner) -> None:
    dialog = make_dialog(qtbot, runner, StubAccount())
    for widget in (dialog.view, dialog.progress, dialog.origin.line):
        assert widget.accessibleName()
    assert dialog.windowTitle() == "Sign in to Zoom"
    assert not dialog.cancel_button.autoDefault()  # Enter in the form never cancels


def test_origin_bar_shows_host_and_lock(qtbot: QtBot) -> None:
    from zoomdesk.ui.login.panels import OriginBar

    bar = OriginBar()
    qtbot.addWidget(bar)
    assert bar.line.text() == "Connecting…"
    bar.set_url("https://zoom.us/oauth/authorize?state=s&code_challenge=c")
    assert bar.line.text() == "zoom.us — secure connection (https)"
    assert (bar.secure, bar.icon.accessibleName()) == (True, "Secure connection")
    bar.set_url("http://127.0.0.1:8123/oauth/signin")
    assert bar.line.text() == "127.0.0.1:8123 — not encrypted (http)"
    assert (bar.secure, bar.icon.accessibleName()) == (False, "Connection not encrypted")
    assert bar.line.isReadOnly()


def test_crashed_renderer_shows_retry(qtbot: QtBot, runner: TaskRunner) -> None:
    dialog = make_dialog(qtbot, runner, StubAccount())
    crashed = QWebEnginePage.RenderProcessTerminationStatus.CrashedTerminationStatus
    dialog._on_renderer_gone(crashed, 11)
    assert dialog.state == "load_failed"
    assert dialog.panel.title.text() == "The sign-in page stopped"
    with qtbot.waitSignal(dialog.stateChanged, check_params_cb=lambda s: s == "page"):
        dialog.panel.action.click()


def test_logs_never_carry_the_code_or_state(
    qtbot: QtBot, runner: TaskRunner, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("DEBUG")
    account = StubAccount()
    dialog = make_dialog(qtbot, runner, account)
    state = account.attempts[0].state
    with qtbot.waitSignal(dialog.signedIn):
        redirect(dialog, f"code=SECRETCODE42&state={state}")
    # the failure paths log too
    dialog2 = make_dialog(qtbot, runner, StubAccount())
    redirect(dialog2, f"code=SECRETCODE43&state={state}")
    dialog2.show_load_failure(f"{REDIRECT}?code=SECRETCODE44&state={state}", "net::ERR_FAILED")
    assert caplog.records, "expected some log lines"
    for secret in ("SECRETCODE", state):
        assert secret not in caplog.text


def test_context_menu_has_no_save_inspect_or_download(qtbot: QtBot, runner: TaskRunner) -> None:
    dialog = make_dialog(qtbot, runner, StubAccount())
    wa = QWebEnginePage.WebAction
    for hidden in (wa.ViewSource, wa.SavePage, wa.InspectElement, wa.DownloadLinkToDisk):
        assert not dialog.page.action(hidden).isVisible()
    assert dialog.page.action(wa.Copy).isVisible()
