"""End to end through the GUI: the main window against an in-process sandbox; a meeting is
created, edited and deleted only by setting widget values and clicking, and the
sandbox is checked after each step (``/_sandbox/state`` counters and ``GET``).

Signing in posts the sandbox's forms headlessly (the login view has its own e2e tests).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from meeting_fakes import sandbox_config, validate_request
from PySide6.QtCore import QDate, QDateTime, QPoint, Qt, QTime, QTimer, QTimeZone
from PySide6.QtWidgets import QApplication, QCheckBox, QMessageBox
from pytestqt.qtbot import QtBot
from sandbox_signin import in_thread, sign_in_headless

from zoomdesk.core.config import save_file
from zoomdesk.sandbox import Sandbox
from zoomdesk.ui.meeting.dialog import MeetingDialog
from zoomdesk.ui.session import Backend
from zoomdesk.ui.window import main_window as mw
from zoomdesk.ui.window.main_window import MainWindow

pytestmark = pytest.mark.e2e


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    with Sandbox() as sandbox:
        yield sandbox


@pytest.fixture
def window(qtbot: QtBot, sandbox: Sandbox, tmp_path: Path) -> Iterator[MainWindow]:
    profile = tmp_path / "profile"
    save_file(sandbox_config(sandbox.url), profile / "config.json")
    backend = Backend(profile)
    account = backend.load().account
    in_thread(lambda: sign_in_headless(account))
    window = MainWindow(backend)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.state == mw.SIGNED_IN, timeout=10000)
    qtbot.waitUntil(lambda: window.user is not None and not window.runner.busy, timeout=10000)
    yield window
    assert window.runner.wait_for_done(10000)


def click_box(qtbot: QtBot, box: QCheckBox) -> None:
    """A click on the check box's square: its row may be wider than its text."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def open_meeting_dialog(qtbot: QtBot, window: MainWindow, trigger: Any) -> MeetingDialog:
    trigger()
    qtbot.waitUntil(lambda: window.findChild(MeetingDialog) is not None, timeout=5000)
    dialog = window.findChild(MeetingDialog)
    assert isinstance(dialog, MeetingDialog)
    qtbot.waitUntil(dialog.ready, timeout=10000)
    return dialog


def stored(window: MainWindow, meeting_id: int) -> dict[str, Any]:
    """``GET /v2/meetings/{id}`` as Zoom would answer it (off the GUI thread)."""
    account = window.account
    assert account is not None
    result: dict[str, Any] = in_thread(lambda: account.client.get_meeting(meeting_id))
    return result


def click_in_next_box(text: str) -> None:
    """Press the button labelled ``text`` in the message box about to open."""

    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, press)
            return
        for button in box.buttons():
            if button.text().replace("&", "") == text:
                button.click()
                return
        box.reject()

    QTimer.singleShot(0, press)


def test_create_edit_delete_through_the_gui(
    qtbot: QtBot, window: MainWindow, sandbox: Sandbox
) -> None:
    assert sandbox.state()["meetings"] == 0
    first_day = date.today() + timedelta(days=9)

    # -- create: a weekly series on Mon and Wed, in New York --------------------------
    dialog = open_meeting_dialog(qtbot, window, window.menus.new.trigger)
    form = dialog.form
    form.topic.selectAll()
    qtbot.keyClicks(form.topic, "E2E design review")
    start = QDateTime(QDate(first_day.year, first_day.month, first_day.day), QTime(9, 30),
                      QTimeZone(QTimeZone.Initialization.UTC))  # fmt: skip
    form.start.setDateTime(start)
    form.timezone.setCurrentIndex(form.timezone.findData("America/New_York"))
    form.duration.preset.setCurrentIndex(form.duration.preset.findData(45))
    form.recurrence.kind.setCurrentIndex(form.recurrence.kind.findText("Weekly"))
    for number, button in form.recurrence.day_buttons.items():
        if button.isChecked() != (number in (2, 4)):
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    form.recurrence.end_times.setValue(4)
    form.passcode.edit.clear()
    qtbot.keyClicks(form.passcode.edit, "e2e-Pass")
    qtbot.keyClicks(form.agenda.edit, "Walk through")
    qtbot.keyClick(form.agenda.edit, Qt.Key.Key_Return)  # a newline, not "Create"
    qtbot.keyClicks(form.agenda.edit, "the designs")
    click_box(qtbot, form.options.mute_upon_entry)
    assert form.recurrence.summary.text() == "Weekly on Mon and Wed, 4 times"
    validate_request("POST", "/users/me/meetings", form.draft().to_zoom_json())
    with qtbot.waitSignal(dialog.saved, timeout=10000) as saved:
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    meeting_id = saved.args[0].id
    assert sandbox.state()["meeting_ids"] == [meeting_id]
    zoom = stored(window, meeting_id)
    assert zoom["topic"] == "E2E design review" and zoom["type"] == 8
    assert zoom["timezone"] == "America/New_York" and zoom["duration"] == 45
    assert zoom["password"] == "e2e-Pass" and zoom["agenda"] == "Walk through\nthe designs"
    assert zoom["recurrence"]["weekly_days"] == "2,4" and zoom["recurrence"]["end_times"] == 4
    assert zoom["settings"]["mute_upon_entry"] is True
    assert dialog.success.meeting_id.text() == saved.args[0].formatted_id
    with qtbot.waitSignal(window.meetingsShown, timeout=10000):
        qtbot.mouseClick(dialog.success.close_button, Qt.MouseButton.LeftButton)
    meetings = window.pages.signed_in.meetings
    assert [m.topic for m in meetings.model.meetings] == ["E2E design review"]

    # -- edit: rename, two hours, waiting room off -------------------------------------
    meetings.view.setCurrentIndex(meetings.view_index(0, 0))
    dialog = open_meeting_dialog(qtbot, window, window.menus.meeting["edit"].trigger)
    form = dialog.form
    assert form.topic.text() == "E2E design review"
    assert form.recurrence.summary.text() == "Weekly on Mon and Wed, 4 times"
    assert not dialog.create_button.isEnabled()
    form.topic.selectAll()
    qtbot.keyClicks(form.topic, "E2E design review (long)")
    form.duration.preset.setCurrentIndex(form.duration.preset.findData(120))
    click_box(qtbot, form.options.waiting_room)
    patch = form.draft().patch_from(dialog._original)
    assert patch == {"topic": "E2E design review (long)", "duration": 120,
                     "settings": {"waiting_room": False}}  # fmt: skip
    validate_request("PATCH", f"/meetings/{meeting_id}", patch)
    with qtbot.waitSignal(dialog.saved, timeout=10000) as saved:
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert saved.args[0].topic == "E2E design review (long)"
    zoom = stored(window, meeting_id)
    assert (zoom["topic"], zoom["duration"]) == ("E2E design review (long)", 120)
    assert zoom["settings"]["waiting_room"] is False
    assert zoom["settings"]["mute_upon_entry"] is True  # untouched
    assert zoom["recurrence"]["weekly_days"] == "2,4"
    requests = [(r["method"], r["path"]) for r in sandbox.state()["requests"]]
    assert ("PATCH", f"/v2/meetings/{meeting_id}") in requests
    with qtbot.waitSignal(window.meetingsShown, timeout=10000):
        qtbot.mouseClick(dialog.success.close_button, Qt.MouseButton.LeftButton)

    # -- delete, from the main window's list -------------------------------------------
    meetings.view.setCurrentIndex(meetings.view_index(0, 0))
    click_in_next_box("Delete all occurrences")
    window.menus.meeting["delete"].trigger()
    qtbot.waitUntil(lambda: window.meeting_actions.pending.pending is not None, timeout=10000)
    with qtbot.waitSignal(window.meetingsShown, timeout=10000) as shown:
        window.meeting_actions.pending.send_now()  # as Undo's time running out does
    assert shown.args == [0]
    assert sandbox.state()["meetings"] == 0


def test_instant_meeting_through_the_gui(
    qtbot: QtBot, window: MainWindow, sandbox: Sandbox
) -> None:
    dialog = open_meeting_dialog(qtbot, window, window.menus.new.trigger)
    # On the button's circle: the widget is as wide as the form, its text is not.
    radio = dialog.form.start_now
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(6, radio.height() // 2))
    assert dialog.form.draft().type == 1
    with qtbot.waitSignal(dialog.saved, timeout=10000) as saved:
        qtbot.keyClick(dialog.form.topic, Qt.Key.Key_Return)  # Enter creates
    zoom = stored(window, saved.args[0].id)
    assert zoom["type"] == 1 and sandbox.state()["meetings"] == 1
    assert dialog.success.title.text().endswith("Your meeting is ready")
