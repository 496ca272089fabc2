"""The recurrence editor: kinds, Mon..Sun buttons as Zoom's 1=Sun..7=Sat, monthly modes,
end conditions, defaults from the start date, and the summary line in the dialog."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from meeting_fakes import open_dialog, validate_request
from pytestqt.qtbot import QtBot

from zoomdesk.core.meeting import MeetingType, Recurrence, RecurrenceType
from zoomdesk.ui.meeting.recurrence_editor import RecurrenceEditor
from zoomdesk.ui.tasks import TaskRunner

TUESDAY = date(2030, 1, 15)  # a Tuesday in the 3rd week
KIND = {None: 0, RecurrenceType.DAILY: 1, RecurrenceType.WEEKLY: 2, RecurrenceType.MONTHLY: 3}


@pytest.fixture
def editor(qtbot: QtBot) -> RecurrenceEditor:
    editor = RecurrenceEditor()
    qtbot.addWidget(editor)
    editor.set_start_date(TUESDAY)
    editor.show()
    return editor


def choose(editor: RecurrenceEditor, kind: RecurrenceType | None) -> None:
    editor.kind.setCurrentIndex(KIND[kind])


def test_does_not_repeat_by_default(editor: RecurrenceEditor) -> None:
    assert editor.recurrence() is None
    assert not editor.interval.isVisible() and not editor.ends.isVisible()


def test_weekday_buttons_run_monday_to_sunday_as_zoom_numbers(editor: RecurrenceEditor) -> None:
    assert [b.text() for b in editor.day_buttons.values()] == [
        "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]  # fmt: skip
    assert list(editor.day_buttons) == [2, 3, 4, 5, 6, 7, 1]
    choose(editor, RecurrenceType.WEEKLY)
    assert editor.days.isVisible()
    # The start day (a Tuesday = 3) is preselected.
    assert editor.recurrence() == Recurrence(RecurrenceType.WEEKLY, weekly_days=(3,), end_times=7)
    editor.day_buttons[3].setChecked(False)
    editor.day_buttons[2].setChecked(True)  # Mon
    editor.day_buttons[1].setChecked(True)  # Sun
    editor.interval.setValue(2)
    editor.end_times.setValue(6)
    rec = editor.recurrence()
    assert rec is not None and set(rec.weekly_days) == {1, 2}
    assert (rec.repeat_interval, rec.end_times, rec.end_date) == (2, 6, None)
    assert editor.unit.text() == "weeks"


def test_daily(editor: RecurrenceEditor) -> None:
    choose(editor, RecurrenceType.DAILY)
    editor.interval.setValue(1)
    assert editor.unit.text() == "day"
    assert not editor.days.isVisible() and not editor.monthly.isVisible()
    assert editor.recurrence() == Recurrence(RecurrenceType.DAILY, end_times=7)


def test_monthly_by_day_or_by_weekday(editor: RecurrenceEditor) -> None:
    choose(editor, RecurrenceType.MONTHLY)
    assert editor.monthly.isVisible()
    assert editor.recurrence() == Recurrence(RecurrenceType.MONTHLY, monthly_day=15, end_times=7)
    assert not editor.month_week.isEnabled()
    editor.by_weekday.setChecked(True)
    assert editor.month_week.isEnabled() and not editor.month_day.isEnabled()
    # Defaults from the start: the third Tuesday.
    assert editor.recurrence() == Recurrence(
        RecurrenceType.MONTHLY, monthly_week=3, monthly_week_day=3, end_times=7
    )
    editor.month_week.setCurrentIndex(editor.month_week.findData(-1))
    editor.month_week_day.setCurrentIndex(editor.month_week_day.findData(6))
    rec = editor.recurrence()
    assert rec is not None and (rec.monthly_week, rec.monthly_week_day) == (-1, 6)
    assert [editor.month_week.itemText(i) for i in range(5)] == [
        "first", "second", "third", "fourth", "last"]  # fmt: skip


def test_late_start_day_defaults_to_the_last_week(qtbot: QtBot) -> None:
    editor = RecurrenceEditor()
    qtbot.addWidget(editor)
    editor.set_start_date(date(2030, 1, 29))
    assert editor.month_week.currentData() == -1


def test_ends_on_a_date(editor: RecurrenceEditor) -> None:
    choose(editor, RecurrenceType.DAILY)
    editor.end_on.setChecked(True)
    assert editor.end_date.isEnabled() and not editor.end_times.isEnabled()
    rec = editor.recurrence()
    assert rec is not None and rec.end_times is None
    assert rec.end_date == date(2030, 2, 15)  # default: a month after the start


@pytest.mark.parametrize(
    "rec",
    [
        None,
        Recurrence(RecurrenceType.DAILY, repeat_interval=3, end_times=10),
        Recurrence(RecurrenceType.WEEKLY, repeat_interval=2, weekly_days=(2, 4), end_times=6),
        Recurrence(RecurrenceType.WEEKLY, weekly_days=(1, 7), end_date=date(2030, 3, 1)),
        Recurrence(RecurrenceType.MONTHLY, monthly_day=31, end_times=12),
        Recurrence(RecurrenceType.MONTHLY, repeat_interval=3, monthly_week=-1,
                   monthly_week_day=2, end_date=date(2031, 1, 1)),
    ],
)  # fmt: skip
def test_set_then_read_back(editor: RecurrenceEditor, rec: Recurrence | None) -> None:
    editor.set_recurrence(rec)
    assert editor.recurrence() == rec


def test_summary_and_type_in_the_dialog(qtbot: QtBot, runner: TaskRunner) -> None:
    dialog = open_dialog(qtbot, runner)
    form = dialog.form
    start = datetime.combine(date.today() + timedelta(days=7), datetime.min.time())
    form.set_start(start.replace(hour=10))
    editor = form.recurrence
    choose(editor, RecurrenceType.WEEKLY)
    for number, button in editor.day_buttons.items():
        button.setChecked(number in (2, 4))  # Mon, Wed
    editor.interval.setValue(2)
    editor.end_times.setValue(6)
    assert editor.summary.text() == "Every 2 weeks on Mon and Wed, 6 times"
    draft = form.draft()
    assert draft.type == MeetingType.RECURRING_FIXED_TIME
    body = draft.to_zoom_json()
    assert body["recurrence"] == {"type": 2, "repeat_interval": 2, "weekly_days": "2,4",
                                  "end_times": 6}  # fmt: skip
    validate_request("POST", "/users/me/meetings", body)
    assert dialog.create_button.isEnabled()

    choose(editor, RecurrenceType.MONTHLY)
    editor.by_weekday.setChecked(True)
    editor.month_week.setCurrentIndex(editor.month_week.findData(-1))
    editor.month_week_day.setCurrentIndex(editor.month_week_day.findData(6))
    editor.end_times.setValue(1)
    assert editor.summary.text() == "Every 2 months on the last Friday, once"
    validate_request("POST", "/users/me/meetings", form.draft().to_zoom_json())

    choose(editor, None)
    assert editor.summary.text() == ""
    assert form.draft().type == MeetingType.SCHEDULED


def test_no_summary_while_the_recurrence_has_errors(qtbot: QtBot, runner: TaskRunner) -> None:
    """No "Every 99 weeks on Sun" right under "Choose at least one day of the week"."""
    dialog = open_dialog(qtbot, runner)
    editor = dialog.form.recurrence
    choose(editor, RecurrenceType.WEEKLY)
    assert editor.summary.isVisible()
    editor.days.set_days(())
    editor.interval.setValue(99)
    assert editor.days_error.isVisible() and editor.interval_error.isVisible()
    assert not editor.summary.isVisible()
    editor.interval.setValue(2)
    assert not editor.summary.isVisible()  # still no day
    editor.day_buttons[2].setChecked(True)
    assert editor.summary.isVisible() and editor.summary.text().startswith("Every 2 weeks on Mon")
    # An error elsewhere in the form leaves the summary alone.
    dialog.form.topic.clear()
    assert editor.summary.isVisible()
