"""The Zoom session ends while the meeting dialog is open: it offers *Sign in…*, the window
signs out behind it and runs its own sign-in over the dialog, and the meeting typed so far
is sent once, and only when the user sends it again.

The first tests drive the dialog alone with a scripted client; the last ones the whole
window against a real in-process sandbox whose grants are revoked, with a stand-in login
dialog (``headless_login_class``) or one the user cancels.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from meeting_fakes import DialogClient, FakeAccount, open_dialog, wait_idle
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot
from sandbox_signin import (
    headless_login_class,
    in_thread,
    save_sandbox_settings,
    sign_in_profile,
)

from zoomdesk.core.errors import AuthReason, AuthRequired, NetworkError
from zoomdesk.core.meeting import Meeting
from zoomdesk.sandbox import Sandbox
from zoomdesk.ui.meeting.dialog import MeetingDialog
from zoomdesk.ui.session import Backend
from zoomdesk.ui.tasks import TaskRunner
from zoomdesk.ui.window import main_window as mw
from zoomdesk.ui.window.main_window import MainWindow

AGENDA = "Budget, hiring, and the roadmap: typed once, never again."


@pytest.fixture
def account() -> FakeAccount:
    return FakeAccount(DialogClient())


def click(qtbot: QtBot, button: QWidget) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def fail_with_session_ended(qtbot: QtBot, dialog: MeetingDialog) -> list[object]:
    """Create, which fails with AuthRequired; what ``sessionEnded`` carried."""
    with qtbot.waitSignal(dialog.sessionEnded, timeout=20000) as ended:
        click(qtbot, dialog.create_button)
    wait_idle(qtbot, dialog, timeout=20000)
    return list(ended.args)


# -- the dialog alone --------------------------------------------------------------------------


def test_session_ended_offers_sign_in_instead_of_a_retry_that_cannot_work(
    qtbot: QtBot, runner: TaskRunner, account: FakeAccount
) -> None:
    account.client.failures["create_meeting"].append(AuthRequired())
    dialog = open_dialog(qtbot, runner, account)
    dialog.form.agenda.setText(AGENDA)
    (error,) = fail_with_session_ended(qtbot, dialog)
    assert isinstance(error, AuthRequired)
    banner = dialog.banner
    assert banner.tone() == "error"
    assert banner.label.text() == (
        "Your Zoom session has ended. Sign in again to continue; everything you entered is kept."
    )
    assert banner.sign_in.isVisible() and not banner.retry.isVisible()
    assert dialog.focusWidget() is banner.sign_in
    # Create would only fail the same way until the user has signed in.
    assert not dialog.create_button.isEnabled()
    assert dialog.create_button.toolTip() == "Sign in again first."
    assert dialog.form.isEnabled() and dialog.form.agenda.text() == AGENDA
    with qtbot.waitSignal(dialog.signInRequested):
        click(qtbot, banner.sign_in)
    assert account.client.names() == ["create_meeting"]  # nothing else was sent


def test_signed_in_again_waits_for_create_then_sends_the_form_once(
    qtbot: QtBot, runner: TaskRunner, account: FakeAccount
) -> None:
    account.client.failures["create_meeting"].append(AuthRequired())
    dialog = open_dialog(qtbot, runner, account, user_name="Ada Lovelace")
    dialog.form.topic.setText("Quarterly planning")
    dialog.form.agenda.setText(AGENDA)
    typed = dialog.form.draft().to_zoom_json()
    fail_with_session_ended(qtbot, dialog)

    other = FakeAccount(DialogClient())  # whoever signed in now gets the meeting
    dialog.signed_in_again(other, "Grace Hopper")
    assert dialog.banner.tone() == "note" and dialog.banner.isVisible()
    assert dialog.banner.label.text() == (
        "✓ Signed in as Grace Hopper. Everything you entered is kept: click Create to send "
        "the meeting to Zoom."
    )
    assert not dialog.banner.sign_in.isVisible() and not dialog.banner.retry.isVisible()
    assert dialog.create_button.isEnabled() and dialog.focusWidget() is dialog.create_button
    assert other.client.calls == []  # nothing is sent on the user's behalf
    with qtbot.waitSignal(dialog.saved, timeout=10000) as saved:
        click(qtbot, dialog.create_button)
    assert other.client.bodies("create_meeting") == [typed]
    # Only a refusal from Zoom proves no meeting was made: after any other failure
    # the next create looks for it first (here it finds none and creates).
    [looked_since] = other.client.lost_since
    assert looked_since is not None
    assert account.client.names() == ["create_meeting"]
    assert saved.args[0].topic == "Quarterly planning"
    assert dialog.success.isVisible()


def test_a_lost_create_is_still_looked_for_after_signing_in_again(
    qtbot: QtBot, runner: TaskRunner, account: FakeAccount
) -> None:
    """Answer lost, then the session ends during the look-up: after signing in, Create
    must look again rather than send a second meeting."""
    client = account.client
    client.failures["create_meeting"] += [NetworkError("timed out"), AuthRequired()]
    dialog = open_dialog(qtbot, runner, account)
    click(qtbot, dialog.create_button)
    wait_idle(qtbot, dialog)
    assert dialog.banner.retry.isVisible()
    with qtbot.waitSignal(dialog.sessionEnded):
        click(qtbot, dialog.banner.retry)
    wait_idle(qtbot, dialog)
    dialog.signed_in_again(account, "Ada Lovelace")
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        click(qtbot, dialog.create_button)
    first, *retries = client.lost_since
    assert first is None and len(retries) == 2
    assert retries[0] is not None and retries[1] == retries[0]


def test_a_first_create_whose_look_up_met_an_ended_session_is_looked_for_next_time(
    qtbot: QtBot, runner: TaskRunner, account: FakeAccount
) -> None:
    """The core lost the answer, looked for the meeting, and the session ended during
    that look-up: the first attempt fails with AuthRequired, yet Zoom may have the meeting."""
    client = account.client
    client.lost_answers.append(AuthRequired(AuthReason.SESSION_ENDED, lost_create_at=1.0))
    dialog = open_dialog(qtbot, runner, account)
    with qtbot.waitSignal(dialog.sessionEnded):
        click(qtbot, dialog.create_button)
    wait_idle(qtbot, dialog)
    dialog.signed_in_again(account, "Ada Lovelace")
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        click(qtbot, dialog.create_button)
    assert len(client.meetings) == 1 and dialog.success.recovered.isVisible()
    first, again = client.lost_since
    assert first is None and again is not None


def test_session_ended_while_loading_a_meeting_loads_it_after_signing_in(
    qtbot: QtBot, runner: TaskRunner, account: FakeAccount
) -> None:
    client = account.client
    answer = client.create_meeting({"topic": "Planning", "type": 2, "duration": 30,
                                    "start_time": "2031-03-04T10:00:00",
                                    "timezone": "Europe/Berlin"})  # fmt: skip
    item = Meeting.from_zoom_json({k: answer[k] for k in ("id", "topic", "type", "join_url")})
    client.failures["get_meeting"].append(AuthRequired())
    dialog = open_dialog(qtbot, runner, account, existing=item, wait=False)
    qtbot.waitUntil(dialog.banner.sign_in.isVisible)
    assert not dialog.ready()
    dialog.signed_in_again(account, "Ada Lovelace")
    qtbot.waitUntil(dialog.ready)
    assert dialog.form.topic.text() == "Planning" and not dialog.banner.isVisible()


# -- the window against the sandbox ------------------------------------------------------------

HeadlessLogin: Any = headless_login_class()
#: The parent each stand-in login dialog was given.
parents: list[QWidget | None] = []


class SigningIn(HeadlessLogin):  # type: ignore[misc, valid-type]
    """Signs in to the sandbox (as ``headless_login_class``), noting its parent."""

    def __init__(self, account: Any, runner: Any, parent: QWidget | None = None) -> None:
        parents.append(parent)
        super().__init__(account, runner, parent)


class CancelledLogin(QDialog):
    """A login dialog the user closes without signing in, as soon as it shows."""

    signedIn = Signal(object)  # noqa: N815 - LoginDialog's signal name

    def __init__(self, account: Any, runner: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        parents.append(parent)
        self.finished.connect(lambda _: closed.append(True))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self, self.reject)


closed: list[bool] = []


@pytest.fixture
def window(qtbot: QtBot, sandbox: Sandbox, tmp_path: Path) -> MainWindow:
    """Signed in to the sandbox with the user's own settings pointed at it."""
    home = save_sandbox_settings(sandbox, tmp_path / "profile")
    sign_in_profile(home)
    window = MainWindow(Backend(home))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.state == mw.SIGNED_IN and window.user is not None)
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=10000)
    return window


def login_with(monkeypatch: pytest.MonkeyPatch, cls: type) -> None:
    import zoomdesk.ui.login.dialog

    parents.clear()
    closed.clear()
    monkeypatch.setattr(zoomdesk.ui.login.dialog, "LoginDialog", cls)


def new_meeting_dialog(qtbot: QtBot, window: MainWindow) -> MeetingDialog:
    window.menus.new.trigger()
    qtbot.waitUntil(lambda: window.findChild(MeetingDialog) is not None)
    dialog = window.findChild(MeetingDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.ready, timeout=10000)
    return dialog


def fill(dialog: MeetingDialog) -> dict[str, Any]:
    dialog.form.topic.setText("Quarterly planning")
    dialog.form.agenda.setText(AGENDA)
    dialog.form.passcode.setText("q3plan")
    return dialog.form.draft().to_zoom_json()


def meetings_at(account: Any) -> list[dict[str, Any]]:
    def fetch() -> list[dict[str, Any]]:
        listed = account.client.list_meetings("scheduled")
        return [account.client.get_meeting(int(m["id"])) for m in listed]

    return in_thread(fetch)


def test_session_ended_sign_in_from_the_dialog_then_create_once(
    qtbot: QtBot, sandbox: Sandbox, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = new_meeting_dialog(qtbot, window)
    typed = fill(dialog)
    sandbox.revoke_all()  # e.g. the user removed the app at zoom.us: the session is over
    fail_with_session_ended(qtbot, dialog)
    # The window knows too: signed out behind the dialog, which stays with the form.
    qtbot.waitUntil(lambda: window.state == mw.SIGNED_OUT)
    assert dialog.isVisible() and dialog.banner.sign_in.isVisible()
    assert sandbox.state()["meetings"] == 0

    login_with(monkeypatch, SigningIn)
    with qtbot.waitSignal(window.meetingsShown, timeout=20000):
        click(qtbot, dialog.banner.sign_in)
    assert parents == [dialog]  # the window's sign-in, over the dialog
    assert window.state == mw.SIGNED_IN
    assert window.pages.signed_in.name.full_text() == "Sandy Box"
    assert dialog.banner.label.text().startswith("✓ Signed in as Sandy Box.")
    assert dialog.form.draft().to_zoom_json() == typed
    assert sandbox.state()["meetings"] == 0  # sent only when the user says so

    with qtbot.waitSignal(window.meetingsShown, timeout=20000) as shown:
        click(qtbot, dialog.create_button)
    assert shown.args == [1]
    assert dialog.stack.currentWidget() is dialog.success
    assert sandbox.state()["meetings"] == 1
    (created,) = meetings_at(window.account)
    assert created["topic"] == "Quarterly planning" and created["agenda"] == AGENDA
    assert created["password"] == "q3plan"


def test_cancelled_sign_in_keeps_the_dialog_and_what_was_typed(
    qtbot: QtBot, sandbox: Sandbox, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = new_meeting_dialog(qtbot, window)
    typed = fill(dialog)
    sandbox.revoke_all()
    fail_with_session_ended(qtbot, dialog)
    qtbot.waitUntil(lambda: window.state == mw.SIGNED_OUT)

    login_with(monkeypatch, CancelledLogin)
    click(qtbot, dialog.banner.sign_in)
    qtbot.waitUntil(lambda: closed == [True])
    assert parents == [dialog]
    assert dialog.isVisible() and dialog.stack.currentWidget() is dialog.page
    assert dialog.banner.tone() == "error" and dialog.banner.sign_in.isVisible()
    assert dialog.form.draft().to_zoom_json() == typed
    assert not dialog.create_button.isEnabled()
    assert window.state == mw.SIGNED_OUT

    # Not stuck: signing in later still works, and the meeting is created once.
    login_with(monkeypatch, SigningIn)
    with qtbot.waitSignal(window.meetingsShown, timeout=20000):
        click(qtbot, dialog.banner.sign_in)
    with qtbot.waitSignal(dialog.saved, timeout=20000):
        click(qtbot, dialog.create_button)
    assert sandbox.state()["meetings"] == 1
