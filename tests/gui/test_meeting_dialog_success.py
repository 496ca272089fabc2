"""The success page: what it shows, and each way to share the meeting."""

from __future__ import annotations

import errno
import threading
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
from fake_desktop import record_opened_links
from fake_zoom import BoxAnswer
from meeting_fakes import FakeAccount, as_read, open_dialog
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QDialog, QFileDialog
from pytestqt.qtbot import QtBot

import zoomdesk.ui.meeting.calendar_file as calendar_module
import zoomdesk.ui.meeting.success as success_module
from zoomdesk.core.meeting import Meeting, RecurrenceType
from zoomdesk.ui.meeting.dialog import MeetingDialog
from zoomdesk.ui.meeting.success import when_text
from zoomdesk.ui.tasks import TaskRunner


def created(qtbot: QtBot, runner: TaskRunner, *, zone: str = "", weekly: bool = False) -> Any:
    """A dialog on its success page, for a meeting next week at 09:30 in ``zone``."""
    dialog: MeetingDialog = open_dialog(qtbot, runner, FakeAccount(), user_name="Ada Lovelace")
    form = dialog.form
    form.topic.setText("Roadmap")
    form.set_start(datetime.combine(date.today() + timedelta(days=7), time(9, 30)))
    form.duration.set_minutes(45)
    if zone:
        form.timezone.set_zone(zone)
    if weekly:
        form.recurrence.kind.setCurrentIndex(int(RecurrenceType.WEEKLY))
        form.recurrence.end_times.setValue(3)
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    return dialog


def other_zone(dialog: MeetingDialog) -> str:
    """A zone whose offset differs from the viewer's (the machine's) zone."""
    viewer = dialog._viewer_tz()
    return "Asia/Kathmandu" if viewer != "Asia/Kathmandu" else "Europe/Berlin"


def test_shows_topic_time_link_id_passcode(qtbot: QtBot, runner: TaskRunner) -> None:
    dialog = created(qtbot, runner)
    view = dialog.success
    meeting: Meeting = view._meeting
    assert dialog.stack.currentWidget() is view
    assert view.title.text().endswith("Meeting scheduled")
    assert view.topic.text() == "Roadmap"
    viewer = dialog._viewer_tz()
    assert as_read(view.when.text()).endswith(f", 09:30 – 10:15 ({viewer})")
    assert not view.other_zone.isVisible()
    assert meeting.join_url in view.link.text() and "<a href=" in view.link.text()
    assert view.meeting_id.text() == meeting.formatted_id == "857 4635 2917"
    assert view.passcode.text() == meeting.password and meeting.password
    assert view.copy_invitation.hasFocus()


def test_time_in_both_zones_when_they_differ(qtbot: QtBot, runner: TaskRunner) -> None:
    probe = open_dialog(qtbot, runner)
    zone = other_zone(probe)
    dialog = created(qtbot, runner, zone=zone, weekly=True)
    view = dialog.success
    assert view.other_zone.isVisible()
    local = datetime.combine(date.today() + timedelta(days=7), time(9, 30), ZoneInfo(zone))
    here = local.astimezone(ZoneInfo(dialog._viewer_tz()))
    # Each line names its own day: across the date line they differ.
    shown = as_read(view.other_zone.text())
    assert shown == f"{when_text(local, 45)} in {zone}, the meeting's time zone"
    assert view.when.text().startswith(when_text(here, 45))
    assert view.repeats.isVisible() and view.repeats.text().endswith(", 3 times")


def test_copy_link_and_invitation(qtbot: QtBot, runner: TaskRunner) -> None:
    dialog = created(qtbot, runner)
    view = dialog.success
    meeting: Meeting = view._meeting
    clipboard = QGuiApplication.clipboard()
    qtbot.mouseClick(view.copy_link, Qt.MouseButton.LeftButton)
    assert clipboard.text() == meeting.join_url
    assert view.note.text() == "Link copied."
    qtbot.mouseClick(view.copy_invitation, Qt.MouseButton.LeftButton)
    # Zoom's text is asked for first (on a worker); this Zoom refuses it, as for an app
    # without the scope, and zoomdesk's own text is copied.
    qtbot.waitUntil(lambda: view.note.text().startswith("Invitation copied"))
    assert "zoomdesk's own text" in view.note.text()
    invitation = clipboard.text()
    assert invitation == meeting.invitation(dialog._viewer_tz(), host_name="Ada Lovelace")
    assert "Ada Lovelace is inviting you" in invitation
    assert meeting.join_url in invitation and meeting.password in invitation


def test_open_in_zoom_and_the_link(
    qtbot: QtBot, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = record_opened_links(monkeypatch)
    dialog = created(qtbot, runner)
    view = dialog.success
    qtbot.mouseClick(view.open_zoom, Qt.MouseButton.LeftButton)
    view.link.linkActivated.emit(view._meeting.join_url)
    assert opened == [view._meeting.join_url] * 2
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    qtbot.mouseClick(view.open_zoom, Qt.MouseButton.LeftButton)
    assert "copy it instead" in view.note.text()


def chooser(view: Any) -> QFileDialog:
    """The open "Save .ics" file dialog."""
    # A closed one may linger until its deferred delete runs.
    [found] = [d for d in view.findChildren(QFileDialog, "saveIcsChooser") if d.isVisible()]
    return found


def choose(view: Any, name: Path) -> None:
    """Type ``name`` into the file dialog and press Save."""
    dialog = chooser(view)
    dialog.selectFile(str(name))
    dialog.accept()


def test_save_to_calendar_writes_an_ics_off_the_gui_thread(
    qtbot: QtBot, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    target = tmp_path / "roadmap"  # no suffix: .ics is added
    threads: list[bool] = []
    real = calendar_module.write_ics

    def write(path: Path, meeting: Meeting) -> Path:
        threads.append(threading.current_thread() is threading.main_thread())
        return real(path, meeting)

    monkeypatch.setattr(calendar_module, "write_ics", write)
    dialog = created(qtbot, runner, weekly=True)
    view = dialog.success
    qtbot.mouseClick(view.save_ics, Qt.MouseButton.LeftButton)
    assert chooser(view).selectedFiles()[0].endswith("Roadmap.ics")  # named after the topic
    choose(view, target)
    qtbot.waitUntil(lambda: view.note.text().startswith("Saved to"))
    assert threads == [False]
    saved = target.with_suffix(".ics")
    raw = saved.read_bytes()
    assert b"\r\n" in raw
    calendar = icalendar.Calendar.from_ical(raw)
    (event,) = [c for c in calendar.walk("VEVENT")]
    meeting: Meeting = view._meeting
    assert str(event["SUMMARY"]) == "Roadmap"
    assert event.decoded("DTSTART") == meeting.start
    assert event.decoded("DURATION") == timedelta(minutes=45)
    assert str(event["URL"]) == meeting.join_url
    assert event["RRULE"]["FREQ"] == ["WEEKLY"] and event["RRULE"]["COUNT"] == [3]
    assert str(saved) in view.note.text()


def test_save_cancelled_or_failing(
    qtbot: QtBot, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    dialog = created(qtbot, runner)
    view = dialog.success
    qtbot.mouseClick(view.save_ics, Qt.MouseButton.LeftButton)
    chooser(view).reject()
    assert view.note.text() == "" and view.save_ics.isEnabled()

    def disk_full(path: Path, meeting: Meeting) -> Path:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(calendar_module, "write_ics", disk_full)
    qtbot.mouseClick(view.save_ics, Qt.MouseButton.LeftButton)
    choose(view, tmp_path / "x.ics")
    qtbot.waitUntil(lambda: view.note.text().startswith("Could not save"))
    assert "No space left on device" in view.note.text()
    assert view.save_ics.isEnabled()


def test_save_asks_before_replacing_a_file_named_without_its_suffix(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path
) -> None:
    """The dialog asked about "roadmap"; zoomdesk writes "roadmap.ics", so it asks too."""
    existing = tmp_path / "roadmap.ics"
    existing.write_text("keep me")
    dialog = created(qtbot, runner)
    view = dialog.success
    qtbot.mouseClick(view.save_ics, Qt.MouseButton.LeftButton)
    answer = BoxAnswer("No")
    choose(view, tmp_path / "roadmap")  # typed without ".ics"
    qtbot.waitUntil(lambda: answer.clicked)
    assert "roadmap.ics" in answer.box_text and "Replace" in answer.box_text
    assert existing.read_text() == "keep me" and view.note.text() == ""
    qtbot.mouseClick(view.save_ics, Qt.MouseButton.LeftButton)
    answer = BoxAnswer("Yes")
    choose(view, tmp_path / "roadmap")
    qtbot.waitUntil(lambda: view.note.text().startswith("Saved to"))
    assert answer.clicked and existing.read_text().startswith("BEGIN:VCALENDAR")


def test_close_and_escape_on_the_success_page(qtbot: QtBot, runner: TaskRunner) -> None:
    dialog = created(qtbot, runner)
    with qtbot.waitSignal(dialog.finished) as finished:
        qtbot.mouseClick(dialog.success.close_button, Qt.MouseButton.LeftButton)
    assert finished.args == [QDialog.DialogCode.Accepted]
    other = created(qtbot, runner)
    with qtbot.waitSignal(other.rejected):  # no question: the meeting exists
        qtbot.keyClick(other, Qt.Key.Key_Escape)


def test_instant_meeting_wording(qtbot: QtBot, runner: TaskRunner) -> None:
    dialog = open_dialog(qtbot, runner)
    dialog.form.start_now.setChecked(True)
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.create_button.click()
    assert dialog.success.title.text().endswith("Your meeting is ready")
    assert dialog.success.when.text().startswith("Starts now")


def test_link_markup_is_escaped(qtbot: QtBot) -> None:
    view = success_module.SuccessView(TaskRunner())
    qtbot.addWidget(view)
    meeting = Meeting.from_zoom_json(
        {"id": 1234567890, "topic": "x", "type": 2, "duration": 30, "timezone": "UTC",
         "start_time": "2030-01-01T10:00:00Z", "join_url": 'https://z.example/j/1?a=1&b="<i>'}
    )  # fmt: skip
    view.show_meeting(meeting, "UTC")
    # Not a URL a browser would take as it is: shown as text, not as a link.
    assert view.link.textFormat() == Qt.TextFormat.PlainText
    assert view.link.text() == meeting.join_url
    assert QUrl("https://z.example").isValid()
