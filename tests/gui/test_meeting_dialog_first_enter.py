"""Enter creates the meeting in the first New meeting dialog of a launch too.

The first dialog of a launch opens before the time zone list is loaded (later
ones find it cached): it shows a disabled form and nothing has the focus.
*Create* had been made the default button before it belonged to the dialog,
so the dialog had no default of its own and, on showing, took the first
auto-default button of its focus chain: the error banner's hidden *Sign in…*.
Enter then "pressed" a hidden button, which does nothing.
"""

from __future__ import annotations

import pytest
from meeting_fakes import FakeAccount
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

import zoomdesk.ui.meeting.dialog as meeting_dialog
from zoomdesk.ui.tasks import TaskRunner


@pytest.fixture
def first_of_the_launch(monkeypatch: pytest.MonkeyPatch) -> None:
    """As at the first dialog of a launch: no zone list in memory yet."""
    monkeypatch.setattr(meeting_dialog, "cached_catalog", lambda: None)


@pytest.mark.usefixtures("first_of_the_launch")
def test_enter_creates_in_the_first_dialog_of_a_launch(qtbot: QtBot, runner: TaskRunner) -> None:
    account = FakeAccount()
    dialog = meeting_dialog.MeetingDialog(account, runner)
    qtbot.addWidget(dialog, before_close_func=lambda d: d.done(0))
    dialog.show()
    dialog.activateWindow()
    assert not dialog.ready()  # shown while the zones load: the case of the first dialog
    qtbot.waitUntil(dialog.ready, timeout=10000)
    defaults = [b.text() for b in dialog.findChildren(QPushButton) if b.isDefault()]
    assert defaults == ["Create"]
    assert QApplication.focusWidget() is dialog.form.topic
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        qtbot.keyClick(dialog.form.topic, Qt.Key.Key_Return)
    assert account.client.names() == ["create_meeting"]


def test_create_stays_the_default_after_another_button_had_the_focus(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    from meeting_fakes import open_dialog

    dialog = open_dialog(qtbot, runner)
    dialog.cancel_button.setFocus()
    dialog.form.passcode.edit.setFocus()  # an auto-default button in between, then a field
    assert dialog.create_button.isDefault()
