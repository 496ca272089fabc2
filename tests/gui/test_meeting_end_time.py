"""Times that read right: the dialog's *Ends* field in step with the duration, an end on
another day shown with its date (list, details), meetings under way marked in the list,
and *At* on a "Start now" meeting offering the next half hour in the meeting's zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from meeting_fakes import DialogClient, FakeAccount, as_read, open_dialog, shown_errors
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from zoomdesk.core import wallclock
from zoomdesk.core.meeting import Meeting, MeetingDraft, MeetingType
from zoomdesk.core.timezones import load_catalog
from zoomdesk.ui.meeting import form as form_module
from zoomdesk.ui.meeting.end_time import show_wall
from zoomdesk.ui.meeting.form import MeetingForm
from zoomdesk.ui.meeting.success import when_text
from zoomdesk.ui.tasks import TaskRunner
from zoomdesk.ui.window.list_model import IN_PROGRESS, MeetingListModel

BERLIN = "Europe/Berlin"
START = datetime(2031, 12, 21, 14, 30)


def make_form(qtbot: QtBot, start: datetime = START, duration: int = 60) -> MeetingForm:
    form = MeetingForm()
    qtbot.addWidget(form)
    form.set_viewer_zone(BERLIN)
    form.set_zones(load_catalog().zones)
    form.set_draft(MeetingDraft(topic="Sync", start=start, timezone=BERLIN, duration=duration))
    return form


def user_sets_end(form: MeetingForm, wall: datetime) -> None:
    """The end as the user leaves it (the edit's own setter: not the program's ``show_end``)."""
    show_wall(form.end, wall)


def test_the_end_shows_start_plus_duration_and_follows_both(qtbot: QtBot) -> None:
    form = make_form(qtbot)
    assert form.end.value() == datetime(2031, 12, 21, 15, 30)
    form.duration.set_minutes(90)  # the duration moves the end
    assert form.end.value() == datetime(2031, 12, 21, 16, 0)
    form.set_start(datetime(2031, 12, 21, 23, 0))  # the start moves it too, duration kept
    assert form.end.value() == datetime(2031, 12, 22, 0, 30)
    assert form.draft().duration == 90


def test_changing_the_end_changes_the_duration(qtbot: QtBot) -> None:
    form = make_form(qtbot)
    user_sets_end(form, datetime(2031, 12, 21, 16, 15))
    assert form.duration.value() == 105 and form.duration.preset.currentText() == "Custom…"
    user_sets_end(form, datetime(2031, 12, 21, 15, 0))
    assert form.duration.value() == 30 and form.duration.preset.currentText() == "30 min"
    # Past midnight: a meeting longer than the rest of the day is allowed (up to Zoom's 30 h).
    user_sets_end(form, datetime(2031, 12, 22, 13, 9))
    assert form.draft().duration == 22 * 60 + 39
    assert shown_errors(form) == []


def focus(qtbot: QtBot, widget: QWidget) -> None:
    widget.window().show()
    widget.window().activateWindow()
    qtbot.waitUntil(widget.window().isActiveWindow)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def test_typing_an_end_keeps_the_focus_there(qtbot: QtBot) -> None:
    form = make_form(qtbot)
    focus(qtbot, form.end)
    user_sets_end(form, datetime(2031, 12, 21, 16, 15))  # a custom duration, 105 min
    assert form.duration.minutes.isVisible() and form.duration.value() == 105
    assert QApplication.focusWidget() is form.end  # not moved to the minutes


def test_choosing_custom_yourself_goes_to_the_minutes(qtbot: QtBot) -> None:
    form = make_form(qtbot)
    focus(qtbot, form.duration.preset)
    qtbot.keyClick(form.duration.preset, Qt.Key.Key_End)  # the last entry: Custom…
    assert form.duration.preset.currentText() == "Custom…"
    qtbot.waitUntil(form.duration.minutes.hasFocus)


def test_the_end_keeps_the_minutes_that_pass_across_dst(qtbot: QtBot) -> None:
    form = make_form(qtbot, start=datetime(2031, 3, 30, 1, 0))  # Berlin skips 02:00-03:00
    user_sets_end(form, datetime(2031, 3, 30, 4, 0))
    assert form.duration.value() == 120
    form.duration.set_minutes(60)
    assert form.end.value() == datetime(2031, 3, 30, 3, 0)


def test_an_end_before_the_start_is_a_clear_error_on_the_end(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    dialog = open_dialog(qtbot, runner)
    form = dialog.form
    form.timezone.set_zone(BERLIN)
    form.set_start(START)
    form.duration.set_minutes(60)
    user_sets_end(form, datetime(2031, 12, 21, 13, 0))
    assert shown_errors(form) == [
        "The meeting would end before it starts (14:30 on 21 Dec 2031): choose a later end."
    ]
    assert form.end.property("invalid") is True  # outlined in red, like every field in error
    assert not dialog.create_button.isEnabled()
    assert "end before it starts" in dialog.create_button.toolTip()
    assert form.duration.value() == 60  # the duration is not touched by a wrong end
    # Changing the start keeps the duration and moves the end: the error is gone.
    form.set_start(datetime(2031, 12, 21, 10, 0))
    assert form.end.value() == datetime(2031, 12, 21, 11, 0)
    assert shown_errors(form) == [] and dialog.create_button.isEnabled()
    # An end equal to the start is no meeting either.
    user_sets_end(form, datetime(2031, 12, 21, 10, 0))
    assert shown_errors(form) == ["The meeting would end as it starts: choose a later end."]
    # Correcting the end itself clears it, and sets the duration.
    user_sets_end(form, datetime(2031, 12, 21, 10, 45))
    assert shown_errors(form) == [] and form.duration.value() == 45


def test_an_end_past_zooms_limit_is_the_durations_error(qtbot: QtBot, runner: TaskRunner) -> None:
    dialog = open_dialog(qtbot, runner)
    form = dialog.form
    form.set_start(START)
    user_sets_end(form, START + timedelta(hours=31))
    assert form.duration.value() == 31 * 60
    assert any("at most 30 hours" in message for message in shown_errors(form))
    assert not dialog.create_button.isEnabled()


def test_the_end_sets_the_duration_zoom_gets(qtbot: QtBot, runner: TaskRunner) -> None:
    client = DialogClient()
    dialog = open_dialog(qtbot, runner, FakeAccount(client))
    form = dialog.form
    form.timezone.set_zone(dialog._viewer_tz())  # the success page's first line is in it
    form.set_start(datetime(2031, 12, 21, 22, 0))
    user_sets_end(form, datetime(2031, 12, 22, 1, 30))
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    [body] = client.bodies("create_meeting")
    assert body["duration"] == 210 and body["start_time"] == "2031-12-21T22:00:00"
    # The success page shows the end with its own date.
    assert as_read(dialog.success.when.text()).startswith(
        "Sun 21 Dec 2031, 22:00 – Mon 22 Dec 2031, 01:30"
    )


def test_the_end_is_off_without_a_fixed_start(qtbot: QtBot) -> None:
    form = make_form(qtbot)
    assert form.end.isEnabled()
    form.start_now.setChecked(True)
    assert not form.end.isEnabled()
    form.no_fixed_time.setChecked(True)
    assert not form.end.isEnabled()
    form.scheduled.setChecked(True)
    assert form.end.isEnabled() and form.end.accessibleName() == "End date and time"


def test_the_end_row_has_an_access_key_and_sits_under_the_duration(qtbot: QtBot) -> None:
    form = make_form(qtbot)
    form.show()
    label = next(
        w
        for w in form.findChildren(type(form.general_error))
        if w.buddy() is form.end  # type: ignore[attr-defined]
    )
    assert label.text() == "End&s:"

    def top(widget: Any) -> int:
        return int(widget.mapTo(form, widget.rect().topLeft()).y())

    assert top(form.duration) < top(form.end) < top(form.timezone)


# -- a "Start now" meeting, edited, scheduled with *At* -----------------------------------

NOW = datetime(2031, 12, 21, 13, 7, tzinfo=UTC)


def instant(**extra: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "id": 85746352918, "topic": "Now", "type": 1, "duration": 40,
        "join_url": "https://z/j/2", "settings": {"waiting_room": True},
        "start_time": "2031-12-21T12:00:00Z",  # Zoom gives instant meetings a start too
    }  # fmt: skip
    raw.update(extra)
    return raw


def edit(qtbot: QtBot, runner: TaskRunner, raw: dict[str, Any]) -> Any:
    client = DialogClient()
    client.meetings[raw["id"]] = dict(raw)
    return open_dialog(qtbot, runner, FakeAccount(client), existing=Meeting.from_zoom_json(raw))


@pytest.fixture
def frozen_now(monkeypatch: pytest.MonkeyPatch) -> datetime:
    monkeypatch.setattr(form_module, "now", lambda: NOW)
    return NOW


@pytest.mark.parametrize(
    ("zone", "proposed"),
    [("America/New_York", datetime(2031, 12, 21, 8, 30)),  # 08:07 there: 08:30
     ("Asia/Kolkata", datetime(2031, 12, 21, 19, 0))],  # 18:37 there: 19:00
)  # fmt: skip
def test_at_on_a_start_now_meeting_proposes_the_next_half_hour_in_its_zone(
    qtbot: QtBot, runner: TaskRunner, frozen_now: datetime, zone: str, proposed: datetime
) -> None:
    dialog = edit(qtbot, runner, instant(timezone=zone))
    form = dialog.form
    assert form.start_now.isChecked() and not form.start.isEnabled()
    form.scheduled.setChecked(True)
    draft = form.draft()
    assert draft.type == MeetingType.SCHEDULED and draft.timezone == zone
    assert draft.start == proposed and draft.start.year != 2000
    assert form.end.value() == proposed + timedelta(minutes=40)
    assert shown_errors(form) == [] and dialog.create_button.isEnabled()


def test_a_start_now_meeting_without_a_zone_gets_the_users(
    qtbot: QtBot, runner: TaskRunner, frozen_now: datetime
) -> None:
    dialog = edit(qtbot, runner, instant())
    form = dialog.form
    viewer = dialog._viewer_tz()
    form.scheduled.setChecked(True)
    draft = form.draft()
    assert draft.timezone == viewer
    expected = wallclock.next_half_hour(NOW, ZoneInfo(viewer))
    assert draft.start == expected
    # Unchanged until the user picks *At*: nothing to save.
    form.start_now.setChecked(True)
    assert not dialog.create_button.isEnabled()


# -- what the list and the details say --------------------------------------------------


def test_when_text_of_a_meeting_ending_another_day() -> None:
    start = datetime(2031, 12, 21, 14, 30, tzinfo=ZoneInfo(BERLIN))
    assert when_text(start, 22 * 60 + 39) == "Sun 21 Dec 2031, 14:30 – Mon 22 Dec 2031, 13:09"
    assert when_text(start, 45) == "Sun 21 Dec 2031, 14:30 – 15:15"


def listed(start: str, duration: int, meeting_id: int = 1) -> Meeting:
    return Meeting.from_zoom_json(
        {"id": meeting_id, "topic": f"M{meeting_id}", "type": 2, "start_time": start,
         "duration": duration, "timezone": "UTC", "join_url": "https://z/j/1"}
    )  # fmt: skip


def test_a_meeting_under_way_is_marked_in_progress_in_words(qtbot: QtBot) -> None:
    model = MeetingListModel()
    under_way = listed("2031-12-21T13:00:00Z", 60, 1)
    later = listed("2031-12-21T15:00:00Z", 30, 2)
    model.set_meetings([under_way, later], "UTC", now=NOW)
    when = model.index(0, MeetingListModel.WHEN)
    assert model.data(when) == f"Today, 13:00–14:00 · {IN_PROGRESS}"
    assert model.data(when, Qt.ItemDataRole.AccessibleTextRole).endswith("in progress")
    assert model.data(when, MeetingListModel.StatusRole) == IN_PROGRESS
    assert model.data(when, Qt.ItemDataRole.FontRole).bold()
    other = model.index(1, MeetingListModel.WHEN)
    assert model.data(other) == "Today, 15:00–15:30"
    assert model.data(other, MeetingListModel.StatusRole) == ""
    # Time passes: the first has ended, the second has begun.
    changed: list[object] = []
    model.dataChanged.connect(lambda *args: changed.append(args))
    model.set_now(datetime(2031, 12, 21, 15, 10, tzinfo=UTC))
    assert changed
    assert model.data(when, MeetingListModel.StatusRole) == ""
    assert model.data(other) == f"Today, 15:00–15:30 · {IN_PROGRESS}"


def test_the_list_refreshes_its_clock(qtbot: QtBot) -> None:
    from zoomdesk.ui.window.meeting_list import MeetingList

    widget = MeetingList()
    qtbot.addWidget(widget)
    assert widget._clock.isActive() and widget._clock.interval() <= 60_000


def test_today_follows_the_clock(qtbot: QtBot) -> None:
    model = MeetingListModel()
    model.set_meetings([listed("2031-12-22T09:00:00Z", 30)], "UTC", now=NOW)
    assert model.data(model.index(0, 0)).startswith("Tomorrow")
    model.set_now(datetime.combine(date(2031, 12, 22), time(1), UTC))
    assert model.data(model.index(0, 0)).startswith("Today")
