"""The main window against a real in-process sandbox: real Account, tokens, REST calls.

Signing in is done either headlessly (the sandbox's forms posted with requests on
a worker thread, then the real ``finish_sign_in``), through a stand-in login
dialog that does the same on the runner, or (marked e2e) through the real login
dialog with its QtWebEngine view.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fake_zoom import BoxAnswer
from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot
from sandbox_signin import (
    headless_login_class,
    in_thread,
    save_sandbox_settings,
    sign_in_profile,
)

from zoomdesk.core import paths
from zoomdesk.core.errors import SignInCancelled
from zoomdesk.sandbox import PUBLIC_CLIENT_ID, Sandbox
from zoomdesk.ui.session import Backend, SandboxBackend
from zoomdesk.ui.window import main_window as mw
from zoomdesk.ui.window.main_window import MainWindow

MEETING = {"topic": "Sandbox review", "type": 2, "start_time": "2031-03-04T10:00:00",
           "timezone": "Europe/Berlin", "duration": 45}  # fmt: skip
SERIES = {
    "topic": "Sandbox weekly", "type": 8, "start_time": "2031-03-03T09:00:00",
    "timezone": "Europe/Berlin", "duration": 30,
    "recurrence": {"type": 2, "repeat_interval": 1, "weekly_days": "2", "end_times": 3},
}  # fmt: skip


@pytest.fixture
def profile(sandbox: Sandbox, tmp_path: Path) -> Path:
    """A config dir whose config.json points at the sandbox, as a user's own app would."""
    home = tmp_path / "profile"
    save_sandbox_settings(sandbox, home)
    return home


def signed_in_profile(profile: Path, *meetings: dict[str, Any]) -> Path:
    sign_in_profile(profile, *meetings)
    return profile


def open_window(qtbot: QtBot, backend: Backend, state: str) -> MainWindow:
    window = MainWindow(backend)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.state == state, timeout=10000)
    if state == mw.SIGNED_IN:
        qtbot.waitUntil(lambda: window.user is not None and not window.runner.busy, timeout=10000)
    return window


HeadlessLogin: Any = headless_login_class()


def watchdog(ms: int = 20000) -> QTimer:
    """Ends nested event loops (app.exec, dialog.exec) if a test goes wrong, instead of hanging.

    pytest-timeout cannot interrupt a Qt event loop that runs no Python code.
    """
    from PySide6.QtWidgets import QApplication

    def fire() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog):
                widget.reject()
            widget.close()
        QApplication.quit()

    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(fire)
    timer.start(ms)
    return timer


@pytest.fixture
def headless_login(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    import zoomdesk.ui.login.dialog

    HeadlessLogin.opened = []
    monkeypatch.setattr(zoomdesk.ui.login.dialog, "LoginDialog", HeadlessLogin)
    return HeadlessLogin.opened


# -- the user's own app (here pointed at the sandbox) ----------------------------------------


def test_signed_in_window_lists_what_zoom_has(qtbot: QtBot, profile: Path) -> None:
    window = open_window(qtbot, Backend(signed_in_profile(profile, MEETING, SERIES)), mw.SIGNED_IN)
    page = window.pages.signed_in
    assert (
        page.name.full_text() == "Sandy Box" and page.email.full_text() == "sandbox@zoomdesk.test"
    )
    topics = [m.topic for m in page.meetings.model.meetings]
    assert topics == ["Sandbox weekly", "Sandbox review"]


def test_sign_in_from_the_signed_out_page(
    qtbot: QtBot, profile: Path, headless_login: list[Any]
) -> None:
    window = open_window(qtbot, Backend(profile), mw.SIGNED_OUT)
    with qtbot.waitSignal(window.meetingsShown, timeout=10000):
        window.pages.signed_out.sign_in_button.click()
    assert window.state == mw.SIGNED_IN
    assert (profile / "tokens.json").exists()
    assert "No upcoming meetings" in window.pages.signed_in.meetings.message


def test_delete_through_the_window_reaches_zoom(
    qtbot: QtBot, sandbox: Sandbox, profile: Path
) -> None:
    window = open_window(qtbot, Backend(signed_in_profile(profile, MEETING)), mw.SIGNED_IN)
    window.pages.signed_in.meetings.view.setCurrentIndex(
        window.pages.signed_in.meetings.view_index(0, 0)
    )
    BoxAnswer("Delete")
    window.menus.meeting["delete"].trigger()
    with qtbot.waitSignal(window.meetingsShown, timeout=10000) as shown:
        window.meeting_actions.pending.send_now()  # as Undo's time running out does
    assert shown.args == [0]
    assert sandbox.state()["meetings"] == 0


def test_expired_access_token_is_refreshed_without_the_user_noticing(
    qtbot: QtBot, sandbox: Sandbox, profile: Path
) -> None:
    window = open_window(qtbot, Backend(signed_in_profile(profile, MEETING)), mw.SIGNED_IN)
    sandbox.expire_tokens()
    with qtbot.waitSignal(window.meetingsShown, timeout=10000):
        window.refresh()
    assert window.state == mw.SIGNED_IN and window.status.text == ""
    assert sandbox.state()["token_requests"].get("refresh_token") == 1


def test_revoked_session_goes_back_to_signed_out(
    qtbot: QtBot, sandbox: Sandbox, profile: Path
) -> None:
    window = open_window(qtbot, Backend(signed_in_profile(profile, MEETING)), mw.SIGNED_IN)
    sandbox.revoke_all()
    sandbox.expire_tokens()
    window.refresh()
    qtbot.waitUntil(lambda: window.state == mw.SIGNED_OUT, timeout=10000)
    assert "Sign in again" in window.pages.signed_out.message.text()


def test_sign_out_revokes_and_deletes_the_tokens(
    qtbot: QtBot, sandbox: Sandbox, profile: Path
) -> None:
    window = open_window(qtbot, Backend(signed_in_profile(profile)), mw.SIGNED_IN)
    BoxAnswer("Sign out")
    window.menus.sign_out.trigger()
    qtbot.waitUntil(lambda: window.state == mw.SIGNED_OUT, timeout=10000)
    assert not (profile / "tokens.json").exists()
    assert sandbox.state()["revoke_requests"] >= 1


def test_zoom_unreachable_while_loading(qtbot: QtBot, sandbox: Sandbox, profile: Path) -> None:
    home = signed_in_profile(profile, MEETING)
    sandbox.inject_fault("drop", count=3, path_prefix="/v2/users/me/meetings")
    window = open_window(qtbot, Backend(home), mw.SIGNED_IN)
    meetings = window.pages.signed_in.meetings
    qtbot.waitUntil(lambda: "Can't reach Zoom" in meetings.message, timeout=15000)
    with qtbot.waitSignal(window.meetingsShown, timeout=10000):
        meetings._message_button.click()
    assert meetings.model.rowCount() == 1


# -- the sandbox mode --------------------------------------------------------------------------


def test_try_the_sandbox_from_the_first_run_page(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, Backend(), mw.FIRST_RUN)
    window.pages.first_run.sandbox_button.click()
    qtbot.waitUntil(lambda: window.state == mw.SIGNED_OUT, timeout=10000)
    try:
        assert window.backend.sandbox
        assert window.pages.banner is not None and window.pages.banner.isVisible()
        assert window.windowTitle() == "Sandbox"
        assert window.pages.signed_out.hint.isVisible()
        sandbox_config = paths.config_dir() / "sandbox" / "config.json"
        saved = json.loads(sandbox_config.read_text())
        assert saved["client_id"] == PUBLIC_CLIENT_ID
        assert not paths.config_path().exists()  # the user's own settings stay untouched
    finally:
        window.shutdown()


def test_sandbox_mode_signs_in_schedules_lists_and_stops(
    qtbot: QtBot, tmp_path: Path, headless_login: list[Any]
) -> None:
    backend = SandboxBackend(tmp_path / "sandbox")
    window = open_window(qtbot, backend, mw.SIGNED_OUT)
    with qtbot.waitSignal(window.meetingsShown, timeout=10000):
        window.menus.sign_in.trigger()
    account = window.account
    assert account is not None
    in_thread(lambda: account.client.create_meeting(MEETING))
    with qtbot.waitSignal(window.meetingsShown, timeout=10000) as shown:
        window.menus.refresh.trigger()
    assert shown.args == [1]
    url = backend.url
    window.shutdown()
    import requests

    with pytest.raises(requests.ConnectionError):
        in_thread(lambda: requests.get(url + "/_sandbox/state", timeout=2))


def test_stale_sandbox_tokens_are_cleared_at_start(qtbot: QtBot, tmp_path: Path) -> None:
    home = tmp_path / "sandbox"
    home.mkdir()
    (home / "tokens.json").write_text('{"version": 1, "access_token": "old"}')
    backend = SandboxBackend(home)
    window = open_window(qtbot, backend, mw.SIGNED_OUT)
    window.shutdown()
    assert not (home / "tokens.json").exists()


def test_run_gui_sandbox_opens_and_stops_the_sandbox(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from zoomdesk.ui import entry

    windows: list[MainWindow] = []
    real = mw.MainWindow

    def spy(backend: Backend) -> MainWindow:
        window = real(backend)
        windows.append(window)
        window.stateChanged.connect(
            lambda state: state == mw.SIGNED_OUT and QTimer.singleShot(0, window.close)
        )
        return window

    monkeypatch.setattr(mw, "MainWindow", spy)
    guard = watchdog()
    assert entry.run_gui(sandbox=True) == 0
    assert guard.isActive(), "the window never reached the signed-out page"
    guard.stop()
    backend = windows[0].backend
    assert isinstance(backend, SandboxBackend) and backend._server is None  # stopped


def test_run_login_returns_the_user_or_raises_when_cancelled(
    qtbot: QtBot,
    profile: Path,
    headless_login: list[Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from zoomdesk.ui import entry

    account = in_thread(lambda: Backend(profile).load().account)
    guard = watchdog()
    user = entry.run_login(account)
    assert headless_login[0].error is None
    assert user is not None and user.email == "sandbox@zoomdesk.test"

    import zoomdesk.ui.login.dialog

    class Cancelled(QDialog):
        signedIn = Signal(object)  # noqa: N815 - LoginDialog's signal name

        def __init__(
            self, account: Any, runner: Any, parent: QWidget | None = None, **_way: Any
        ) -> None:
            super().__init__(parent)
            QTimer.singleShot(0, self.reject)

    monkeypatch.setattr(zoomdesk.ui.login.dialog, "LoginDialog", Cancelled)
    with pytest.raises(SignInCancelled):
        entry.run_login(account)
    assert guard.isActive()
    guard.stop()


# -- the real login dialog ---------------------------------------------------------------------


@pytest.mark.e2e
def test_sign_in_through_the_real_login_dialog(
    qtbot: QtBot, sandbox: Sandbox, profile: Path
) -> None:
    from zoomdesk.ui.login.sandbox_autofill import SandboxAutofill

    window = open_window(qtbot, Backend(signed_in_profile(profile, MEETING)), mw.SIGNED_IN)
    BoxAnswer("Sign out")
    window.sign_out()
    qtbot.waitUntil(lambda: window.state == mw.SIGNED_OUT, timeout=10000)
    window.sign_in()
    dialog = window.login_dialog
    SandboxAutofill(dialog.page, decision="allow")
    with qtbot.waitSignal(window.meetingsShown, timeout=30000) as shown:
        pass
    assert shown.args == [1] and window.state == mw.SIGNED_IN
    assert sandbox.state()["callback_hits"] == 0  # the redirect never left the app


# -- loading the login dialog ahead of use -----------------------------------------------------

_PRELOAD_CHECK = """
import json, sys, threading
from pathlib import Path
from PySide6.QtCore import QTimer
from zoomdesk.core.config import save_file
from zoomdesk.sandbox import CALLBACK_PATH, PUBLIC_CLIENT_ID
from zoomdesk.ui.login import preload as login_preload
from zoomdesk.ui.window import main_window as mw
from zoomdesk.ui.app import create_app
from zoomdesk.ui.session import Backend

url = "http://127.0.0.1:9"  # never contacted: signed out, nothing is asked of Zoom
home = Path(sys.argv[1])
save_file({"client_id": PUBLIC_CLIENT_ID, "redirect_uri": url + CALLBACK_PATH,
           "oauth_url": url, "api_url": url + "/v2"}, home / "config.json")
importers = []
real_import = __import__
def spy(name, *args, **kwargs):
    if name == "zoomdesk.ui.login.dialog" and name not in sys.modules:
        importers.append(threading.current_thread() is threading.main_thread())
    return real_import(name, *args, **kwargs)
__builtins__.__import__ = spy
app = create_app()
window = mw.MainWindow(Backend(home))
states = []
window.stateChanged.connect(states.append)
window.stateChanged.connect(lambda s: s == mw.SIGNED_OUT and QTimer.singleShot(50, app.quit))
QTimer.singleShot(20000, app.quit)
window.show()
app.exec()
finished = login_preload.wait(30)
window.runner.wait_for_done()
print(json.dumps({"states": states, "finished": finished, "importers": importers,
                  "webengine": sorted(m for m in sys.modules if "QtWebEngine" in m)}))
"""


def test_signed_out_window_loads_the_login_module_off_the_gui_thread(tmp_path: Path) -> None:
    """Signed out, the login dialog's modules (QtWebEngine) load on a background thread,
    so *Sign in* does not pay for the import. (A signed-in window loads none of them:
    test_layers.)"""
    import os
    import subprocess
    import sys

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "xdg"))
    done = subprocess.run(
        [sys.executable, "-c", _PRELOAD_CHECK, str(tmp_path / "profile")],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["states"][-1] == mw.SIGNED_OUT
    assert result["finished"] is True
    assert result["importers"] == [False]  # imported once, and not by the GUI thread
    assert "PySide6.QtWebEngineCore" in result["webengine"]
    assert "PySide6.QtWebEngineWidgets" in result["webengine"]
