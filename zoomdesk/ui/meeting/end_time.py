"""The meeting form's *Ends* field, kept in step with the start and the duration.

As in GNOME Calendar and Thunderbird: changing the start (or the zone) keeps the
duration and moves the end; changing the duration moves the end; changing the
end changes the duration. An end that is not after the start is a message on
the end field (``END_FIELD``), never a silent change of the start, and it keeps
*Create* disabled until the end, the start or the duration is changed. The
arithmetic is the core's (``core.meeting.span``, shared with ``--end``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, tzinfo

from PySide6.QtCore import QDate, QDateTime, QLocale, QObject, QTime, QTimeZone, Signal
from PySide6.QtWidgets import QDateTimeEdit, QWidget

from zoomdesk.core import wallclock
from zoomdesk.core.meeting import END_FIELD, end_of, end_problem, minutes_between
from zoomdesk.ui.meeting.fields import DurationPicker
from zoomdesk.ui.meeting.typed_entry import typed_entry

#: How the start and the end show a date and time: ``Mon 21 Dec 2026  14:30``.
DATE_TIME_FORMAT = "ddd d MMM yyyy  "


def wall_time_edit(edit: QDateTimeEdit, name: str) -> QDateTimeEdit:
    """Set ``edit`` up for a wall time in the meeting's zone (not the computer's): a UTC
    spec never shifts or skips a value across this computer's DST changes."""
    edit.setCalendarPopup(True)
    edit.setTimeZone(QTimeZone(QTimeZone.Initialization.UTC))
    edit.setDisplayFormat(DATE_TIME_FORMAT + QLocale().timeFormat(QLocale.FormatType.ShortFormat))
    edit.setAccessibleName(name)
    return typed_entry(edit)  # what is typed into a part replaces it


def shown_wall(edit: QDateTimeEdit) -> datetime:
    """The naive wall time ``edit`` shows."""
    value = edit.dateTime()
    day, clock = value.date(), value.time()
    return datetime(
        day.year(), day.month(), day.day(), clock.hour(), clock.minute(), clock.second()
    )


def show_wall(edit: QDateTimeEdit, wall: datetime) -> None:
    day = QDate(wall.year, wall.month, wall.day)
    clock = QTime(wall.hour, wall.minute, wall.second)
    edit.setDateTime(QDateTime(day, clock, QTimeZone(QTimeZone.Initialization.UTC)))


class EndTimeEdit(QDateTimeEdit):
    """The end's date and time; ``edited`` when the user changes it (not the program)."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        wall_time_edit(self, "End date and time")
        self._shown: datetime | None = None  # the end last shown, with its fold
        self._setting = False
        self.dateTimeChanged.connect(self._on_changed)

    def value(self) -> datetime:
        """The wall time shown; the fold of the one last set while it is still the same."""
        wall = shown_wall(self)
        if self._shown is not None and self._shown == wall:  # naive: equal across fold
            return wall.replace(fold=self._shown.fold)
        return wall

    def show_end(self, wall: datetime) -> None:
        self._shown = wall.replace(microsecond=0, tzinfo=None)
        self._setting = True
        try:
            show_wall(self, wall)
        finally:
            self._setting = False

    def _on_changed(self) -> None:
        if not self._setting:
            self.edited.emit()


class EndKeeper(QObject):
    """Keeps ``end`` and ``duration`` in step with the start and zone the form reads.

    The form calls ``follow`` on every edit, takes the draft's duration through
    ``draft_duration`` and its messages through ``errors``; ``edited`` is the form's
    reaction to a change the keeper made (the duration, or a message).
    """

    def __init__(
        self,
        end: EndTimeEdit,
        duration: DurationPicker,
        start: Callable[[], datetime],
        zone: Callable[[], str],
        edited: Callable[[], None],
    ) -> None:
        super().__init__(end)
        self._end, self._duration, self._start, self._zone = end, duration, start, zone
        self._edited = edited
        self._key: tuple[object, ...] | None = None  # what the end was last moved for
        #: Why the end typed cannot be (empty when it can).
        self.problem = ""
        end.edited.connect(self._on_end_edited)

    def _tz(self) -> tzinfo:
        return wallclock.zone(self._zone()) or UTC  # a zone still being typed: plain minutes

    def _key_for(self, start: datetime, minutes: int) -> tuple[object, ...]:
        return (start, start.fold, minutes, self._zone())

    def follow(self) -> None:
        """Move the end to start + duration, if the start, duration or zone changed since."""
        start, minutes = self._start(), self._duration.value()
        key = self._key_for(start, minutes)
        if key == self._key:
            return  # e.g. the topic changed: an end being corrected stays as typed
        self._key = key
        self.problem = ""
        self._end.show_end(end_of(start, minutes, self._tz()) or start)

    def draft_duration(self, minutes: int) -> int:
        """The duration to send: none (0, which the rules refuse) while the end cannot be."""
        return 0 if self.problem else minutes

    def errors(self, errors: dict[str, str]) -> dict[str, str]:
        """``errors`` with the end's message in place of the duration's it causes."""
        if self.problem:
            errors.pop("duration", None)
            errors[END_FIELD] = self.problem
        return errors

    def _on_end_edited(self) -> None:
        start, end, tz = self._start(), self._end.value(), self._tz()
        self.problem = end_problem(start, end, tz, self._zone()) or ""
        if not self.problem:
            minutes = minutes_between(start, end, tz)
            self._key = self._key_for(start, minutes)  # the end stays where the user put it
            self._duration.set_minutes(minutes)
        self._edited()
