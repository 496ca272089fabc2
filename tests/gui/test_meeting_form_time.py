"""The form's time fields: the start in the user's own zone, the time zone search (no
message while typing, a plain one once done), and a start in the repeated hour of an
autumn night kept as the second of the two."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from meeting_fakes import (
    DialogClient,
    FakeAccount,
    as_read,
    open_dialog,
    press_key,
    shown_errors,
    spy_zone_lookups,
    type_keys,
    wait_idle,
)
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from zoomdesk.core import timezones
from zoomdesk.core.meeting import Meeting, MeetingDraft, MeetingType
from zoomdesk.core.timezones import load_catalog
from zoomdesk.ui.meeting.form import MeetingForm
from zoomdesk.ui.tasks import TaskRunner

BERLIN, NEW_YORK = "Europe/Berlin", "America/New_York"


def berlin_form(qtbot: QtBot, start: datetime, zone: str = NEW_YORK) -> MeetingForm:
    """A form of a user in Berlin, showing a meeting at ``start`` in ``zone``."""
    form = MeetingForm()
    qtbot.addWidget(form)
    form.set_viewer_zone(BERLIN)
    form.set_zones(load_catalog().zones)
    form.set_draft(
        MeetingDraft(topic="Sync", type=MeetingType.SCHEDULED, start=start, timezone=zone)
    )
    return form


def local_line(form: MeetingForm) -> str:
    """The "your time" line, or "" while it is hidden."""
    return "" if form.local_start.isHidden() else as_read(form.local_start.text())


# -- the start in the user's own zone ------------------------------------------------------


def test_a_start_in_another_zone_is_also_shown_in_the_users_own(qtbot: QtBot) -> None:
    form = berlin_form(qtbot, datetime(2026, 11, 30, 9, 30))
    assert local_line(form) == "That is Mon 30 Nov 2026, 15:30 your time (Europe/Berlin)."
    # It follows the date and time, across midnight and the two DST calendars
    # (New York has moved its clocks on 15 March 2026, Berlin not yet).
    form.start.setTime(QTime(20, 0))
    assert local_line(form) == "That is Tue 1 Dec 2026, 02:00 your time (Europe/Berlin)."
    form.start.setDate(QDate(2026, 3, 15))
    assert local_line(form) == "That is Mon 16 Mar 2026, 01:00 your time (Europe/Berlin)."


def test_no_line_when_it_would_say_nothing_new(qtbot: QtBot) -> None:
    form = berlin_form(qtbot, datetime(2026, 11, 30, 9, 30))
    assert local_line(form)
    form.timezone.set_zone(BERLIN)  # the user's own zone
    assert local_line(form) == ""
    form.timezone.set_zone("Europe/Paris")  # another zone, the same wall time
    assert local_line(form) == ""
    form.timezone.set_zone(NEW_YORK)
    assert local_line(form)
    form.start_now.setChecked(True)  # no fixed start: nothing to convert
    assert local_line(form) == ""
    form.no_fixed_time.setChecked(True)
    assert local_line(form) == ""
    form.scheduled.setChecked(True)
    assert local_line(form)
    form.timezone.setEditText("Mars/Olympus")  # no such zone: its message explains
    assert local_line(form) == ""
    # 02:30 on 8 March 2026 does not exist in New York (the clocks skip it).
    form.timezone.set_zone(NEW_YORK)
    form.set_start(datetime(2026, 3, 8, 2, 30))
    assert local_line(form) == ""


def test_the_line_sits_under_the_start_and_is_muted(qtbot: QtBot) -> None:
    form = berlin_form(qtbot, datetime(2026, 11, 30, 9, 30))
    form.show()
    line = form.local_start
    assert line.isVisible() and line.property("muted") is True
    assert line.accessibleName() == "Start in your time zone"
    start = form.start.geometry()
    assert line.geometry().top() >= start.bottom() and line.geometry().left() == start.left()
    assert form.start_now.geometry().top() > line.geometry().bottom()


@pytest.fixture
def in_berlin() -> Iterator[None]:
    """This computer's zone, as the zone catalog reads it, is Berlin (whatever ``TZ`` says)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezones, "system_timezone", lambda: BERLIN)
        yield
    load_catalog()  # the process's catalog with the real system zone again


def test_the_dialog_uses_the_users_own_zone(
    qtbot: QtBot, runner: TaskRunner, in_berlin: None
) -> None:
    dialog = open_dialog(qtbot, runner)
    form = dialog.form
    assert form.viewer_zone() == BERLIN == dialog._viewer_tz()
    assert local_line(form) == ""  # a new meeting starts in the user's zone
    form.timezone.set_zone(NEW_YORK)
    assert local_line(form).endswith(" your time (Europe/Berlin).")


def test_the_form_takes_the_users_zone_from_the_dialog(
    qtbot: QtBot, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch, in_berlin: None
) -> None:
    from zoomdesk.ui.meeting import dialog as meeting_dialog
    from zoomdesk.ui.meeting import timezone_picker

    # The dialog loads a catalog of its own; the process's one says Berlin.
    monkeypatch.setattr(meeting_dialog, "cached_catalog", lambda: None)
    monkeypatch.setattr(timezone_picker, "cached_catalog", lambda: None)
    monkeypatch.setattr(
        timezone_picker, "load_catalog", lambda: replace(load_catalog(), system="Asia/Kolkata")
    )
    dialog = open_dialog(qtbot, runner)
    assert timezones.cached_catalog() is not None
    assert timezones.cached_catalog().system == BERLIN
    assert dialog.form.viewer_zone() == dialog._viewer_tz() == "Asia/Kolkata"
    # A form on its own has no zone of its own: whoever shows it says which.
    form = MeetingForm()
    qtbot.addWidget(form)
    form.set_zones(load_catalog().zones)
    assert form.viewer_zone() == ""


# -- the time zone search ------------------------------------------------------------------


def focus_zone(qtbot: QtBot, form: MeetingForm) -> None:
    """Keyboard focus to the time zone field, its text selected (typing replaces it)."""
    form.window().activateWindow()
    qtbot.waitUntil(form.window().isActiveWindow)
    form.timezone.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.timezone)
    form.timezone.lineEdit().selectAll()


def type_zone(qtbot: QtBot, form: MeetingForm, text: str) -> None:
    """Type ``text`` over the time zone, where the user's keys go."""
    focus_zone(qtbot, form)
    type_keys(qtbot, text)


def next_year(form: MeetingForm) -> None:
    """A start far enough ahead to be in the future in any zone (any day, 29 February too)."""
    form.set_start(datetime.combine(date.today() + timedelta(days=365), time(9, 30)))


def press_enter(qtbot: QtBot) -> None:
    press_key(qtbot, Qt.Key.Key_Return)


def test_no_message_while_typing_a_search(
    qtbot: QtBot, runner: TaskRunner, in_berlin: None
) -> None:
    dialog = open_dialog(qtbot, runner)
    form = dialog.form
    next_year(form)
    height = form.sizeHint().height()
    focus_zone(qtbot, form)
    for key in "new yo":
        type_keys(qtbot, key)
        assert shown_errors(form) == [] and form.timezone.property("invalid") is not True
        assert form.sizeHint().height() == height
    assert not dialog.create_button.isEnabled()  # not a zone yet
    press_enter(qtbot)  # the one zone found
    assert form.timezone.zone() == NEW_YORK and shown_errors(form) == []
    assert dialog.create_button.isEnabled()
    assert local_line(form)  # now shown: New York is not the user's zone


def test_the_message_comes_once_done_in_plain_words(qtbot: QtBot, runner: TaskRunner) -> None:
    dialog = open_dialog(qtbot, runner)
    form = dialog.form
    next_year(form)
    type_zone(qtbot, form, "xyz")
    assert shown_errors(form) == []
    press_enter(qtbot)
    assert shown_errors(form) == ["No time zone called “xyz”. Pick one from the list."]
    assert form.timezone.property("invalid") is True
    assert not dialog.create_button.isEnabled()
    # Typing again: the message stays as it was until done again (no jumping).
    height = form.sizeHint().height()
    type_keys(qtbot, "w")
    assert shown_errors(form) == ["No time zone called “xyz”. Pick one from the list."]
    assert form.sizeHint().height() == height
    press_enter(qtbot)
    assert shown_errors(form) == ["No time zone called “xyzw”. Pick one from the list."]
    # A search that finds one zone clears it on Enter.
    type_zone(qtbot, form, "kolkata")
    press_enter(qtbot)
    assert form.timezone.zone() == "Asia/Kolkata" and shown_errors(form) == []
    assert dialog.create_button.isEnabled()


@pytest.mark.parametrize(
    ("typed", "close_the_list", "zone"),
    [("est5edt", False, "EST5EDT"), ("kolkata", False, "Asia/Kolkata"),
     ("kolkata", True, "Asia/Kolkata"), ("new york", False, NEW_YORK)],
)  # fmt: skip
def test_enter_that_ends_a_zone_search_does_not_create_the_meeting(
    qtbot: QtBot, runner: TaskRunner, typed: str, close_the_list: bool, zone: str
) -> None:
    account = FakeAccount()
    dialog = open_dialog(qtbot, runner, account)
    form = dialog.form
    next_year(form)
    type_zone(qtbot, form, typed)
    if close_the_list:
        press_key(qtbot, Qt.Key.Key_Escape)  # closes the list, not the dialog
        assert dialog.isVisible() and form.timezone.is_searching()
    press_enter(qtbot)  # ends the search: the zone is chosen, nothing is sent
    assert form.timezone.zone() == zone and not form.timezone.is_searching()
    assert not dialog.is_busy() and account.client.calls == []
    assert dialog.stack.currentWidget() is dialog.page and dialog.create_button.isEnabled()
    press_enter(qtbot)  # no search pending: Enter creates, as anywhere else in the form
    wait_idle(qtbot, dialog)
    assert account.client.names() == ["create_meeting"]
    assert account.client.bodies("create_meeting")[0]["timezone"] == zone
    assert dialog.stack.currentWidget() is dialog.success


def test_a_name_that_is_no_zone_is_looked_up_once(
    qtbot: QtBot, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = open_dialog(qtbot, runner)
    form = dialog.form
    next_year(form)
    lookups = spy_zone_lookups(monkeypatch)
    typed = ["q", "qx", "qxz"]  # what the field holds, key by key
    type_zone(qtbot, form, "qxz")
    press_enter(qtbot)
    assert shown_errors(form) == ["No time zone called “qxz”. Pick one from the list."]
    assert [name for name in lookups if name.lower() in typed] == typed  # once each, at most
    lookups.clear()
    # Every later edit validates the form again; "qxz" is known to be no zone by now.
    form.topic.setText("Standup")
    form.duration.set_minutes(45)
    form.start.setTime(QTime(10, 0))
    assert [name for name in lookups if name.lower() in typed] == []
    assert shown_errors(form) == ["No time zone called “qxz”. Pick one from the list."]


def test_a_zone_set_by_the_program_is_judged_at_once(qtbot: QtBot, runner: TaskRunner) -> None:
    form = open_dialog(qtbot, runner).form
    form.timezone.setEditText("Mars/Olympus")
    assert shown_errors(form) == ["No time zone called “Mars/Olympus”. Pick one from the list."]
    assert "IANA" not in form.timezone.accessibleDescription()
    form.timezone.setEditText("")
    assert shown_errors(form) == ["Choose a time zone."]


# -- the repeated hour of an autumn night --------------------------------------------------

SECOND_0230 = "2031-10-26T01:30:00Z"  # 02:30 CET: the *second* 02:30 of that night in Berlin


def night_shift(start_time: str = SECOND_0230, **extra: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "id": 85746352917, "topic": "Night shift", "type": 2, "duration": 30,
        "start_time": start_time, "timezone": BERLIN, "join_url": "https://z/j/1",
        "settings": {"waiting_room": True, "join_before_host": False},
    }  # fmt: skip
    raw.update(extra)
    return raw


def edit(qtbot: QtBot, runner: TaskRunner, raw: dict[str, Any]) -> Any:
    client = DialogClient()
    client.meetings[raw["id"]] = dict(raw)
    account = FakeAccount(client)
    return open_dialog(qtbot, runner, account, existing=Meeting.from_zoom_json(raw))


def test_the_second_0230_stays_the_second(qtbot: QtBot, runner: TaskRunner) -> None:
    dialog = edit(qtbot, runner, night_shift())
    form = dialog.form
    # Opened and untouched: nothing to save.
    assert dialog.create_button.toolTip() == "Nothing has changed yet."
    assert not dialog.create_button.isEnabled()
    # A topic-only edit sends the topic only, not a start an hour earlier.
    form.topic.setText("Night shift (moved room)")
    assert form.draft().patch_from(dialog._original) == {"topic": "Night shift (moved room)"}
    assert dialog.create_button.isEnabled()
    assert form.start_value() == datetime(2031, 10, 26, 2, 30) and form.start_value().fold == 1


def test_a_changed_time_is_the_first_of_the_two_again(qtbot: QtBot, runner: TaskRunner) -> None:
    form = edit(qtbot, runner, night_shift()).form
    form.start.setTime(QTime(2, 45))
    assert form.start_value().fold == 0
    form.start.setTime(QTime(2, 30))  # back to what was loaded: the second again
    assert form.start_value().fold == 1
    form.start.setDate(QDate(2031, 10, 27))
    assert form.start_value() == datetime(2031, 10, 27, 2, 30) and form.start_value().fold == 0


def test_a_series_under_way_from_the_second_0230_is_no_past_start(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    first = datetime(2025, 10, 26, 1, 30, tzinfo=UTC)  # the second 02:30 in Berlin, long past
    recurrence = {"type": 2, "repeat_interval": 1, "weekly_days": "1", "end_times": 60}
    raw = night_shift(first.strftime("%Y-%m-%dT%H:%M:%SZ"), type=8, recurrence=recurrence)
    dialog = edit(qtbot, runner, raw)
    assert shown_errors(dialog.form) == []  # not "The start time has passed"
    dialog.form.topic.setText("Night shift (new room)")
    assert shown_errors(dialog.form) == [] and dialog.create_button.isEnabled()
    assert dialog.form.start_value().fold == 1
