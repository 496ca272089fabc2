"""Live validation: each core message appears under its own field, which is outlined and
described for screen readers, and *Create* stays disabled until the draft is valid."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from meeting_fakes import open_dialog, shown_errors
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from zoomdesk.core.meeting import JOIN_BEFORE_HOST_CONFLICT, RecurrenceType
from zoomdesk.ui.meeting.form import MeetingForm
from zoomdesk.ui.tasks import TaskRunner


def weekly(form: MeetingForm) -> None:
    form.recurrence.kind.setCurrentIndex(int(RecurrenceType.WEEKLY))


def no_days(form: MeetingForm) -> None:
    weekly(form)
    form.recurrence.days.set_days(())


def monthly(form: MeetingForm) -> None:
    form.recurrence.kind.setCurrentIndex(int(RecurrenceType.MONTHLY))


def end_before_start(form: MeetingForm) -> None:
    form.recurrence.kind.setCurrentIndex(int(RecurrenceType.DAILY))
    form.recurrence.end_on.setChecked(True)
    form.recurrence.end_date.setDate(date.today() - timedelta(days=1))


# (what the user does, the widget that must be marked, a word of the message)
CASES: list[tuple[str, Callable[[MeetingForm], Any], Callable[[MeetingForm], QWidget], str]] = [
    ("empty topic", lambda f: f.topic.clear(), lambda f: f.topic, "topic"),
    ("long topic", lambda f: f.topic.setText("t" * 201), lambda f: f.topic, "200"),
    ("past start", lambda f: f.set_start(datetime.now() - timedelta(days=1)),
     lambda f: f.start, "passed"),
    ("unknown zone", lambda f: f.timezone.setEditText("Mars/Olympus"),
     lambda f: f.timezone, "Mars/Olympus"),
    ("zero minutes", lambda f: (f.duration.set_minutes(1), f.duration.minutes.setValue(0)),
     lambda f: f.duration.minutes, "at least 1 minute"),
    ("bad passcode", lambda f: f.passcode.setText("no spaces!"),
     lambda f: f.passcode.edit, "not allowed"),
    ("long passcode", lambda f: f.passcode.setText("abcdefghijk"),
     lambda f: f.passcode.edit, "at most 10"),
    ("long agenda", lambda f: f.agenda.setText("a" * 2001), lambda f: f.agenda.edit, "2,000"),
    ("no weekday", no_days, lambda f: f.recurrence.days, "at least one day"),
    ("interval", lambda f: (weekly(f), f.recurrence.interval.setValue(13)),
     lambda f: f.recurrence.interval, "1 to 12 weeks"),
    ("monthly interval", lambda f: (monthly(f), f.recurrence.interval.setValue(4)),
     lambda f: f.recurrence.interval, "1 to 3 months"),
    ("too many times", lambda f: (weekly(f), f.recurrence.end_times.setValue(61)),
     lambda f: f.recurrence.end_times, "1 to 60 times"),
    ("end before start", end_before_start, lambda f: f.recurrence.end_date, "after the first"),
]  # fmt: skip


@pytest.mark.parametrize(("what", "act", "widget", "word"), CASES, ids=[c[0] for c in CASES])
def test_message_next_to_its_field(
    qtbot: QtBot,
    runner: TaskRunner,
    what: str,
    act: Callable[[MeetingForm], Any],
    widget: Callable[[MeetingForm], QWidget],
    word: str,
) -> None:
    dialog = open_dialog(qtbot, runner)
    form = dialog.form
    assert shown_errors(form) == [] and dialog.create_button.isEnabled()
    act(form)
    messages = shown_errors(form)
    assert len(messages) == 1 and word in messages[0], messages
    target = widget(form)
    assert target.property("invalid") is True
    assert word in target.accessibleDescription()
    # The label sits right under (or beside) the field, in the same container.
    label = next(lb for lb in form.findChildren(QLabel, "fieldError") if lb.isVisible())
    assert (
        label.parentWidget().isAncestorOf(target) or label.parentWidget() is target.parentWidget()
    )
    assert not dialog.create_button.isEnabled()


def test_fixing_the_field_clears_the_message(qtbot: QtBot, runner: TaskRunner) -> None:
    dialog = open_dialog(qtbot, runner)
    form = dialog.form
    form.topic.clear()
    assert not dialog.create_button.isEnabled()
    form.topic.setText("Back again")
    assert shown_errors(form) == []
    assert form.topic.property("invalid") is False
    assert form.topic.accessibleDescription() == ""
    assert dialog.create_button.isEnabled()


def test_join_before_host_with_waiting_room_is_explained(qtbot: QtBot, runner: TaskRunner) -> None:
    dialog = open_dialog(qtbot, runner)
    options = dialog.form.options
    assert options.waiting_room.isChecked()
    options.join_before_host.setChecked(True)
    assert shown_errors(dialog.form) == [JOIN_BEFORE_HOST_CONFLICT]
    assert options.join_before_host.property("invalid") is True
    assert not dialog.create_button.isEnabled()
    options.waiting_room.setChecked(False)
    assert shown_errors(dialog.form) == [] and dialog.create_button.isEnabled()


def test_several_problems_at_once(qtbot: QtBot, runner: TaskRunner) -> None:
    form = open_dialog(qtbot, runner).form
    form.topic.clear()
    form.passcode.setText("a b")
    form.agenda.setText("x" * 2500)
    assert len(shown_errors(form)) == 3


def test_instant_meeting_ignores_the_start_time(qtbot: QtBot, runner: TaskRunner) -> None:
    dialog = open_dialog(qtbot, runner)
    dialog.form.set_start(datetime.now() - timedelta(hours=2))
    assert not dialog.create_button.isEnabled()
    dialog.form.start_now.setChecked(True)
    assert shown_errors(dialog.form) == [] and dialog.create_button.isEnabled()


def test_a_passcode_error_reveals_the_passcode(qtbot: QtBot, runner: TaskRunner) -> None:
    from PySide6.QtWidgets import QLineEdit

    passcode = open_dialog(qtbot, runner).form.passcode
    assert passcode.edit.echoMode() == QLineEdit.EchoMode.Password
    passcode.setText("with space")
    assert passcode.edit.echoMode() == QLineEdit.EchoMode.Normal
