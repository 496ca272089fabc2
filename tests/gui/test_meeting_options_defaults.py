"""*Save as my defaults*, new meetings from them, *Duplicate*, and *Copy invitation* with
Zoom's own text: the dialog's ways to start a meeting from what the user had."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest
from meeting_fakes import FakeAccount, open_dialog, signed_in_account, wait_idle
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot
from sandbox_signin import in_thread

from zoomdesk.core import config, paths
from zoomdesk.core.meeting import Meeting, MeetingType
from zoomdesk.core.meeting_defaults import load_defaults
from zoomdesk.sandbox import Sandbox
from zoomdesk.ui.meeting import form as form_module
from zoomdesk.ui.meeting.dialog import MeetingDialog
from zoomdesk.ui.meeting.starting import SAVED, duplicate_of
from zoomdesk.ui.tasks import TaskRunner


def choose(combo: Any, value: object) -> None:
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)


def save_defaults(qtbot: QtBot, dialog: MeetingDialog) -> None:
    qtbot.mouseClick(dialog.page.defaults_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.defaults.busy())


def test_saved_defaults_start_the_next_meeting_and_survive_a_settings_save(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    dialog = open_dialog(qtbot, runner)
    form = dialog.form
    form.duration.set_minutes(45)
    form.timezone.set_zone("Asia/Tokyo")
    form.options.waiting_room.setChecked(False)
    form.options.mute_upon_entry.setChecked(True)
    qtbot.mouseClick(form.more.toggle, Qt.MouseButton.LeftButton)
    choose(form.more.audio, "voip")
    form.more.alternative_hosts.setText("kim.lee@zoomdesk.test")
    form.topic.setText("Only this meeting's")
    save_defaults(qtbot, dialog)
    assert dialog.banner.tone() == "note" and SAVED in dialog.banner.label.text()
    saved = json.loads(paths.config_path().read_text())["defaults"]
    assert (saved["duration"], saved["timezone"]) == (45, "Asia/Tokyo")
    assert saved["settings"]["audio"] == "voip" and saved["settings"]["waiting_room"] is False
    assert "Only this meeting's" not in json.dumps(saved)
    assert form.topic.text() == "Only this meeting's"  # the form is as it was
    # The Settings form saves config.json: the defaults stay.
    config.save_file({"client_id": "cid", "redirect_uri": "https://example.com/cb"})
    dialog.done(0)
    again = open_dialog(qtbot, runner)
    draft = again.form.draft()
    assert (draft.duration, draft.timezone) == (45, "Asia/Tokyo")
    assert draft.settings.mute_upon_entry and not draft.settings.waiting_room
    assert draft.settings.alternative_hosts == ("kim.lee@zoomdesk.test",)
    assert again.form.more.audio.currentData() == "voip"
    assert draft.topic != "Only this meeting's" and draft.validate() == {}
    assert not again.is_dirty()  # defaults are where it starts, not a change to discard


def test_defaults_with_errors_are_not_saved(qtbot: QtBot, runner: TaskRunner) -> None:
    dialog = open_dialog(qtbot, runner)
    qtbot.mouseClick(dialog.form.more.toggle, Qt.MouseButton.LeftButton)
    dialog.form.more.alternative_hosts.setText("not an address")
    save_defaults(qtbot, dialog)
    assert dialog.banner.tone() == "error" and "Fix the marked fields" in dialog.banner.label.text()
    assert load_defaults().empty
    assert dialog.form.more.alternative_hosts.text() == "not an address"


def test_a_defaults_file_that_cannot_be_written_keeps_the_form(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    paths.config_path().mkdir(parents=True)  # a folder where the file should be
    dialog = open_dialog(qtbot, runner)
    dialog.form.topic.setText("Half filled")
    dialog.form.duration.set_minutes(30)
    save_defaults(qtbot, dialog)
    assert dialog.banner.tone() == "error"
    assert "Your defaults were not saved" in dialog.banner.label.text()
    assert dialog.form.topic.text() == "Half filled" and dialog.form.duration.value() == 30
    assert dialog.create_button.isEnabled()


def test_duplicate_fills_a_new_meeting_at_a_new_time(
    qtbot: QtBot, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = datetime(2030, 1, 7, 7, 50, tzinfo=form_module.UTC)
    original = {
        "id": 81234567891, "topic": "Weekly sync", "type": 8, "timezone": "Europe/Berlin",
        "start_time": "2030-01-14T08:00:00Z", "duration": 30, "password": "Ab3xY9",
        "agenda": "Notes", "join_url": "https://zoom.example/j/81234567891",
        "recurrence": {"type": 2, "repeat_interval": 1, "weekly_days": "2", "end_times": 4},
        "settings": {"waiting_room": False, "mute_upon_entry": True, "audio": "voip",
                     "alternative_hosts": "kim.lee@zoomdesk.test"},
    }  # fmt: skip
    draft = duplicate_of(Meeting.from_zoom_json(original), now)
    account = FakeAccount()
    dialog = open_dialog(qtbot, runner, account, start_from=draft)
    form = dialog.form
    assert dialog.windowTitle() == "New meeting" and dialog.create_button.text() == "Create"
    shown = form.draft()
    assert (shown.topic, shown.type, shown.duration, shown.agenda) == (
        "Weekly sync", MeetingType.RECURRING_FIXED_TIME, 30, "Notes")  # fmt: skip
    assert shown.start == datetime(2030, 1, 7, 9, 0)  # 08:50 in Berlin: the next half hour
    assert shown.recurrence is not None and shown.recurrence.weekly_days == (2,)
    assert shown.settings.mute_upon_entry and shown.settings.alternative_hosts == (
        "kim.lee@zoomdesk.test",)  # fmt: skip
    assert shown.passcode and shown.passcode != "Ab3xY9"
    monkeypatch.setattr(form_module, "now", lambda: now)
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.create_button.click()
    (body,) = account.client.bodies("create_meeting")
    assert body["topic"] == "Weekly sync" and body["start_time"] == "2030-01-07T09:00:00"


def test_duplicate_from_the_window(qtbot: QtBot) -> None:
    from fake_zoom import FakeAccount as WindowAccount
    from fake_zoom import FakeBackend

    from zoomdesk.ui.window import menus as wm
    from zoomdesk.ui.window.main_window import MainWindow

    window = MainWindow(FakeBackend(account=WindowAccount()))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.pages.signed_in.meetings.model.rowCount() == 3)
    meeting = next(m for m in window.pages.signed_in.meetings.model.meetings if m.type == 8)
    window.meeting_actions.handle(wm.DUPLICATE, meeting)
    qtbot.waitUntil(lambda: window.findChild(MeetingDialog) is not None)
    dialog = window.findChild(MeetingDialog)
    qtbot.waitUntil(dialog.ready)
    draft = dialog.form.draft()
    assert draft.topic == meeting.topic and draft.type == MeetingType.RECURRING_FIXED_TIME
    assert not dialog.editing and draft.start != meeting.start
    assert ("get_meeting", (meeting.id,)) in window.account.calls.log  # the whole meeting
    dialog.done(0)
    assert any(a.objectName() == wm.DUPLICATE or "uplicate" in a.text()
               for a in window.menus.meeting.values())  # fmt: skip


# -- Copy invitation: Zoom's own text ---------------------------------------------------


def test_copy_invitation_uses_zooms_own_text(
    qtbot: QtBot, runner: TaskRunner, sandbox: Sandbox
) -> None:
    account = signed_in_account(sandbox.url)
    dialog = open_dialog(qtbot, runner, account, user_name="Sandy Box")
    dialog.form.topic.setText("Invitation check")
    with qtbot.waitSignal(dialog.saved, timeout=20000) as saved:
        dialog.create_button.click()
    meeting = saved.args[0]
    zoom_text = in_thread(lambda: account.client.meeting_invitation(meeting.id))
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(dialog.success.copy_invitation, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Invitation copied" in dialog.success.note.text(), timeout=20000)
    text = QGuiApplication.clipboard().text()
    assert text == zoom_text.replace("\r\n", "\n").strip("\n")
    assert "zoomdesk's own" not in dialog.success.note.text()
    wait_idle(qtbot, dialog)
