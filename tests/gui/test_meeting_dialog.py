"""The meeting dialog's fields: defaults, every draft field, keyboard, closing."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from meeting_fakes import FakeAccount, open_dialog, validate_request
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from zoomdesk.core.meeting import (
    PASSCODE_CHARS,
    AutoRecording,
    MeetingDraft,
    MeetingSettings,
    MeetingType,
)
from zoomdesk.core.timezones import cached_catalog
from zoomdesk.ui.meeting.dialog import MeetingDialog, default_topic
from zoomdesk.ui.tasks import TaskRunner


def test_default_topic() -> None:
    assert default_topic("Ada Lovelace") == "Ada's Zoom meeting"
    assert default_topic("  ") == "My Zoom meeting"
    assert default_topic("") == "My Zoom meeting"


def test_new_meeting_defaults(qtbot: QtBot, runner: TaskRunner) -> None:
    dialog = open_dialog(qtbot, runner, user_name="Ada Lovelace")
    draft = dialog.form.draft()
    catalog = cached_catalog()
    assert catalog is not None
    assert dialog.windowTitle() == "New meeting"
    assert dialog.create_button.text() == "Create"
    assert draft.topic == "Ada's Zoom meeting"
    assert draft.type == MeetingType.SCHEDULED
    assert draft.timezone == catalog.system
    [system] = [zone for zone in catalog.zones if zone.name == catalog.system]
    assert dialog.form.timezone.currentText() == system.label
    assert dialog.form.timezone.currentText().startswith("(GMT")
    # The next half hour (at least 10 minutes away), in the meeting's zone.
    assert draft.start is not None
    assert draft.start.minute in (0, 30)
    now = datetime.now(ZoneInfo(draft.timezone)).replace(tzinfo=None)
    assert timedelta(minutes=10) <= draft.start - now <= timedelta(minutes=41)
    assert draft.duration == 60
    assert 6 <= len(draft.passcode) <= 10 and set(draft.passcode) <= PASSCODE_CHARS
    assert draft.recurrence is None
    assert draft.validate() == {}
    assert dialog.create_button.isEnabled()
    assert dialog.create_button.isDefault()
    assert not dialog.banner.isVisible()


def test_no_name_gives_a_neutral_topic(qtbot: QtBot, runner: TaskRunner) -> None:
    assert open_dialog(qtbot, runner).form.draft().topic == "My Zoom meeting"


def test_every_field_reaches_the_draft_and_a_schema_valid_body(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    form = open_dialog(qtbot, runner).form
    form.topic.setText("Quarterly planning")
    start = (datetime.now() + timedelta(days=3)).replace(hour=9, minute=30, second=0, microsecond=0)
    form.set_start(start)
    form.timezone.set_zone("America/New_York")
    form.duration.preset.setCurrentIndex(form.duration.preset.findData(90))
    form.passcode.setText("Plan-2030")
    form.agenda.setText("Budget\nHiring")
    opts = form.options
    for box in (opts.host_video, opts.participant_video, opts.mute_upon_entry):
        box.setChecked(True)
    opts.waiting_room.setChecked(False)
    opts.join_before_host.setChecked(True)
    opts.auto_recording.setCurrentIndex(opts.auto_recording.findData("cloud"))

    draft = form.draft()
    assert draft == MeetingDraft(
        topic="Quarterly planning",
        type=MeetingType.SCHEDULED,
        start=start,
        timezone="America/New_York",
        duration=90,
        passcode="Plan-2030",
        agenda="Budget\nHiring",
        settings=MeetingSettings(
            host_video=True,
            participant_video=True,
            join_before_host=True,
            mute_upon_entry=True,
            waiting_room=False,
            auto_recording=AutoRecording.CLOUD,
        ),
    )
    assert draft.validate() == {}
    validate_request("POST", "/users/me/meetings", draft.to_zoom_json())


def test_duration_presets_and_custom(qtbot: QtBot, runner: TaskRunner) -> None:
    duration = open_dialog(qtbot, runner).form.duration
    presets = [duration.preset.itemText(i) for i in range(duration.preset.count())]
    assert presets == ["15 min", "30 min", "45 min", "1 h", "1.5 h", "2 h", "Custom…"]
    assert not duration.minutes.isVisible()
    duration.preset.setCurrentIndex(0)
    assert duration.value() == 15
    duration.preset.setCurrentIndex(presets.index("Custom…"))
    assert duration.minutes.isVisible()
    duration.minutes.setValue(50)
    assert duration.value() == 50
    duration.set_minutes(120)  # a preset again: the spin box hides
    assert duration.preset.currentText() == "2 h" and not duration.minutes.isVisible()
    duration.set_minutes(75)
    assert duration.preset.currentText() == "Custom…" and duration.value() == 75


def test_passcode_show_hide_and_new(qtbot: QtBot, runner: TaskRunner) -> None:
    passcode = open_dialog(qtbot, runner).form.passcode
    assert passcode.edit.echoMode() == QLineEdit.EchoMode.Password
    qtbot.mouseClick(passcode.show_button, Qt.MouseButton.LeftButton)
    assert passcode.edit.echoMode() == QLineEdit.EchoMode.Normal
    assert passcode.show_button.text() == "Hide"
    qtbot.mouseClick(passcode.show_button, Qt.MouseButton.LeftButton)
    assert passcode.edit.echoMode() == QLineEdit.EchoMode.Password
    seen = {passcode.text()}
    for _ in range(5):
        qtbot.mouseClick(passcode.new_button, Qt.MouseButton.LeftButton)
        assert set(passcode.text()) <= PASSCODE_CHARS and 6 <= len(passcode.text()) <= 10
        seen.add(passcode.text())
    assert len(seen) > 1


def test_agenda_counter_turns_red_past_2000(qtbot: QtBot, runner: TaskRunner) -> None:
    agenda = open_dialog(qtbot, runner).form.agenda
    assert agenda.counter.text() == "0 / 2000"
    agenda.setText("x" * 123)
    assert agenda.counter.text() == "123 / 2000"
    assert "color" not in agenda.counter.styleSheet()
    agenda.setText("x" * 2001)
    assert agenda.counter.text() == "2001 / 2000"
    assert "#c62828" in agenda.counter.styleSheet()


def test_start_now_and_no_fixed_time(qtbot: QtBot, runner: TaskRunner) -> None:
    form = open_dialog(qtbot, runner).form
    form.start_now.setChecked(True)
    draft = form.draft()
    assert draft.type == MeetingType.INSTANT and draft.start is None
    assert not form.start.isEnabled() and not form.recurrence.isEnabled()
    body = draft.to_zoom_json()
    assert "start_time" not in body and body["type"] == 1
    validate_request("POST", "/users/me/meetings", body)
    form.no_fixed_time.setChecked(True)
    assert form.draft().type == MeetingType.RECURRING_NO_FIXED_TIME
    validate_request("POST", "/users/me/meetings", form.draft().to_zoom_json())
    form.scheduled.setChecked(True)
    assert form.start.isEnabled() and form.draft().type == MeetingType.SCHEDULED


def test_enter_in_agenda_is_a_newline_enter_elsewhere_creates(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    account = FakeAccount()
    dialog = open_dialog(qtbot, runner, account)
    dialog.activateWindow()
    dialog.form.agenda.edit.setFocus()
    qtbot.keyClicks(dialog.form.agenda.edit, "one")
    qtbot.keyClick(dialog.form.agenda.edit, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.form.agenda.edit, "two")
    assert dialog.form.agenda.text() == "one\ntwo"
    assert account.client.calls == []
    dialog.form.topic.setFocus()
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        qtbot.keyClick(dialog.form.topic, Qt.Key.Key_Return)
    assert account.client.names() == ["create_meeting"]


def test_tab_order_follows_the_form(qtbot: QtBot, runner: TaskRunner) -> None:
    dialog = open_dialog(qtbot, runner)
    form = dialog.form
    expected = [
        form.topic,
        form.scheduled,
        form.start,
        form.duration.preset,
        form.end,
        form.timezone,
        form.recurrence.kind,
        form.passcode.edit,
        form.passcode.show_button,
        form.passcode.new_button,
        form.agenda.edit,
        form.options.host_video,
        form.options.participant_video,
        form.options.waiting_room,
        form.options.join_before_host,
        form.options.mute_upon_entry,
        form.options.auto_recording,
        form.more.toggle,  # *Options*, closed
        dialog.page.defaults_button,
        dialog.cancel_button,
        dialog.create_button,
        form.topic,  # round again: the scroll area around the form is no Tab stop
    ]
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    form.topic.setFocus()
    seen = [dialog.focusWidget()]
    # Tab also steps through the date/time edit's sections (day, month ...) first.
    for _ in range(60):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        if dialog.focusWidget() is not seen[-1]:
            seen.append(dialog.focusWidget())
        if len(seen) == len(expected):
            break
    names = [w.accessibleName() or w.objectName() or type(w).__name__ for w in seen]
    assert seen == expected, names


def answer_box(monkeypatch: pytest.MonkeyPatch, answer: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []

    def question(parent: object, title: str, text: str, *args: object) -> object:
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_escape_without_changes_closes_without_asking(
    qtbot: QtBot, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = answer_box(monkeypatch, QMessageBox.StandardButton.Cancel)
    dialog = open_dialog(qtbot, runner)
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked == [] and not dialog.isVisible()


def test_escape_after_typing_asks_first(
    qtbot: QtBot, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = answer_box(monkeypatch, QMessageBox.StandardButton.Cancel)
    dialog: MeetingDialog = open_dialog(qtbot, runner)
    qtbot.keyClicks(dialog.form.topic, " (draft)")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked == ["Discard this meeting? What you entered will be lost."]
    assert dialog.isVisible() and dialog.form.topic.text().endswith("(draft)")

    answer_box(monkeypatch, QMessageBox.StandardButton.Discard)
    with qtbot.waitSignal(dialog.rejected):
        dialog.cancel_button.click()
    assert not dialog.isVisible()


def test_changing_a_value_back_counts_as_unchanged(qtbot: QtBot, runner: TaskRunner) -> None:
    dialog = open_dialog(qtbot, runner)
    topic = dialog.form.topic.text()
    dialog.form.topic.setText("Something else")
    assert dialog.is_dirty()
    dialog.form.topic.setText(topic)
    assert not dialog.is_dirty()


def test_widgets_have_accessible_names(qtbot: QtBot, runner: TaskRunner) -> None:
    form = open_dialog(qtbot, runner).form
    for widget in (form.topic, form.start, form.timezone, form.duration.preset,
                   form.passcode.edit, form.agenda.edit, form.recurrence.kind,
                   form.options.auto_recording, *form.recurrence.day_buttons.values()):  # fmt: skip
        assert widget.accessibleName(), widget
