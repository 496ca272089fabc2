"""The meeting list's data: cell formatting and the table model.

Times are shown in the viewer's zone; day and month names come from
``recurrence_text`` (not ``strftime``), so they never change language with the
process locale. An end on another day than the start says its day, and a meeting
under way says so in words (``IN_PROGRESS``, also its ``StatusRole``), not only in
bold.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import cache
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QStyle, QWidget

from zoomdesk.core import wallclock
from zoomdesk.core.meeting.calendar_words import MONTH_ABBR, WEEKDAY_ABBR, format_date, zoom_weekday
from zoomdesk.core.meeting.scheduled import log_oddity
from zoomdesk.ui.guard import guarded
from zoomdesk.ui.untrusted import plain_tooltip

if TYPE_CHECKING:
    from zoomdesk.core.meeting import Meeting

_Index = QModelIndex | QPersistentModelIndex

RECURRING_TYPES = (3, 8)
ROW_HEIGHT = 34
#: The *When* of a meeting whose start no date here can hold (see ``Meeting.start_unreadable``).
UNKNOWN_TIME = "Unknown time"
#: Said of a meeting between its start and its end.
IN_PROGRESS = "in progress"
NO_FIXED_TIME = "No fixed time"


def is_recurring(meeting: Meeting) -> bool:
    return meeting.type in RECURRING_TYPES


@cache
def _blank_icon(size: int) -> QIcon:
    """Nothing to see, as wide as the recurring icon: every topic starts at the same x."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(0, 0, 0, 0))
    return QIcon(pixmap)


def recurring_icon() -> QIcon:
    """The style's "repeats" arrows; on a selected row, in the selection's text colour
    (the style's own grey was all but invisible on the selection's blue)."""
    return _tinted_icon(QApplication.palette().color(QPalette.ColorRole.HighlightedText).rgba())


@cache
def _tinted_icon(rgba: int) -> QIcon:
    base = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_BrowserReload)
    icon = QIcon()
    for size in base.availableSizes() or [QSize(16, 16)]:
        normal = base.pixmap(size)
        selected = QPixmap(normal.size())
        selected.setDevicePixelRatio(normal.devicePixelRatio())
        selected.fill(Qt.GlobalColor.transparent)
        painter = QPainter(selected)
        painter.drawPixmap(0, 0, normal)
        # Keeps the arrows' shape (and their anti-aliased edges), in one colour.
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
        painter.fillRect(selected.rect(), QColor.fromRgba(rgba))
        painter.end()
        icon.addPixmap(normal, QIcon.Mode.Normal)
        icon.addPixmap(selected, QIcon.Mode.Selected)
    return icon


def format_when(start: datetime | None, duration: int | None, tz: str, today: date) -> str:
    """``Today, 14:00–14:30`` / ``Tue 4 Jun, 09:00–10:00`` in the viewer's zone ``tz``.

    A start that zone cannot hold (past the year 9999 there) is ``UNKNOWN_TIME``; an
    end past it is left out.
    """
    if start is None:
        return NO_FIXED_TIME
    local = wallclock.seen_in(start, _zone(tz))
    if local is None:
        return UNKNOWN_TIME
    return f"{_day(local.date(), today)}, {format_time(start, duration, tz, today)}"


def format_time(start: datetime | None, duration: int | None, tz: str, today: date) -> str:
    """``14:00–14:30``: ``format_when`` without the day, which a day's heading says
    (an end on another day still says its day)."""
    if start is None:
        return NO_FIXED_TIME
    local = wallclock.seen_in(start, _zone(tz))
    if local is None:
        return UNKNOWN_TIME
    span = f"{local:%H:%M}"
    end = wallclock.minutes_after(local, duration) if duration else None
    if end is not None and end.date() == local.date():
        span += f"–{end:%H:%M}"
    elif end is not None:  # "Mon 21 Dec, 14:30 – Tue 22 Dec, 13:09", never "14:30–13:09"
        span += f" – {_day(end.date(), today)}, {end:%H:%M}"
    return span


def _day(day: date, today: date) -> str:
    """``Today``, ``Tomorrow``, ``Tue 4 Jun`` (with the year when it is not this one)."""
    if day == today:
        return "Today"
    if day - today == timedelta(days=1):
        return "Tomorrow"
    label = f"{WEEKDAY_ABBR[zoom_weekday(day)]} {day.day} {MONTH_ABBR[day.month - 1]}"
    return label if day.year == today.year else f"{label} {day.year}"


def in_progress(meeting: Meeting, now: datetime) -> bool:
    """Whether ``meeting`` has started and not yet ended at ``now`` (aware)."""
    if meeting.start is None or meeting.duration <= 0:
        return False
    end = wallclock.minutes_after(meeting.start, meeting.duration)
    return end is not None and meeting.start <= now < end


def format_moment(moment: datetime) -> str:
    """``Tue 4 Jun 2026, 09:00`` in the moment's own zone."""
    day = moment.date()
    return f"{WEEKDAY_ABBR[zoom_weekday(day)]} {format_date(day)}, {moment:%H:%M}"


class MeetingListModel(QAbstractTableModel):
    """Meetings sorted by start (latest first with ``newest_first``); ``MeetingRole``
    gives the ``Meeting`` of a row. Texts are worked out once per row and clock tick:
    a view asks for them many times (a thousand rows made the window stall)."""

    WHEN, TOPIC, MEETING_ID, ACTIONS_COLUMN = range(4)
    HEADERS = ("When", "Topic", "Meeting ID", "")
    MeetingRole = Qt.ItemDataRole.UserRole + 1
    #: ``IN_PROGRESS`` for a meeting under way, else "".
    StatusRole = Qt.ItemDataRole.UserRole + 2
    #: The *When* without the day (``format_time``), for a list with day headings.
    TimeRole = Qt.ItemDataRole.UserRole + 3

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._meetings: list[Meeting] = []
        self._tz = "UTC"
        self._now = datetime.now(UTC)
        self._today = date.today()
        self._texts: dict[tuple[int, int], str] = {}  # (row, role): when, time
        self._under_way: dict[int, bool] = {}
        self._days: dict[int, date | None] = {}

    @property
    def viewer_tz(self) -> str:
        return self._tz

    @property
    def now(self) -> datetime:
        return self._now

    def set_meetings(
        self,
        meetings: Sequence[Meeting],
        viewer_tz: str,
        now: datetime | None = None,
        *,
        newest_first: bool = False,
    ) -> None:
        self.beginResetModel()
        self._tz = viewer_tz
        self._set_clock(now or datetime.now(UTC))
        ordered = sorted(meetings, key=lambda m: m.start.timestamp() if m.start else 0.0)
        if newest_first:
            ordered.reverse()
        # No fixed time: last either way.
        self._meetings = [m for m in ordered if m.start] + [m for m in ordered if not m.start]
        self.endResetModel()

    def set_now(self, now: datetime) -> None:
        """Time has passed: *Today*, *Tomorrow* and *in progress* may say otherwise now."""
        self._set_clock(now)
        if self._meetings:
            last = self.index(len(self._meetings) - 1, self.WHEN)
            self.dataChanged.emit(self.index(0, self.WHEN), last)

    def _set_clock(self, now: datetime) -> None:
        self._now = now
        self._today = now.astimezone(_zone(self._tz)).date()
        self._texts.clear()
        self._under_way.clear()
        self._days.clear()

    def under_way(self, row: int) -> bool:
        """Whether the meeting of ``row`` is in progress now (kept until the clock moves)."""
        known = self._under_way.get(row)
        if known is None:
            known = self._under_way[row] = in_progress(self._meetings[row], self._now)
        return known

    def day(self, row: int) -> date | None:
        """The day (viewer's zone) the meeting of ``row`` is listed under: today while it
        is under way; None without a day (no fixed time, or a start this zone cannot hold)."""
        if row in self._days:
            return self._days[row]
        m = self._meetings[row]
        day: date | None = None
        if self.under_way(row):
            day = self._today
        elif m.start is not None and not m.start_unreadable:
            local = wallclock.seen_in(m.start, _zone(self._tz))
            day = local.date() if local is not None else None
        self._days[row] = day
        return day

    @property
    def today(self) -> date:
        return self._today

    @property
    def meetings(self) -> list[Meeting]:
        return list(self._meetings)

    def meeting(self, row: int) -> Meeting:
        return self._meetings[row]

    @guarded(0)
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._meetings)

    @guarded(0)
    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.HEADERS)

    @guarded(None)
    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    @guarded(None)
    def data(self, index: _Index, role: int = 0) -> Any:
        if not index.isValid():
            return None
        row = index.row()
        m = self._meetings[row]
        col = index.column()
        if role == self.MeetingRole:
            return m
        if role == self.StatusRole:
            return IN_PROGRESS if self.under_way(row) else ""
        if role == self.TimeRole:
            return self._text(row, role)
        if role == Qt.ItemDataRole.FontRole and col == self.WHEN and self.under_way(row):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.SizeHintRole and col == self.ACTIONS_COLUMN:
            # Sets the (uniform) row height: room for the buttons, air around the text.
            return QSize(0, ROW_HEIGHT)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if col == self.WHEN:
                return self._text(row, Qt.ItemDataRole.DisplayRole)
            if col == self.TOPIC:
                if role == Qt.ItemDataRole.AccessibleTextRole and is_recurring(m):
                    return f"{m.topic} (recurring)"
                return m.topic
            if col == self.MEETING_ID:
                return m.formatted_id
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.TOPIC and is_recurring(m):
                return plain_tooltip(f"{m.topic}\nRecurring meeting")  # a tooltip guesses HTML
            if col == self.WHEN and self._text(row, Qt.ItemDataRole.DisplayRole) == UNKNOWN_TIME:
                return "Zoom sent a start time that cannot be shown here."
            if col == self.WHEN and m.start is not None and m.timezone != self._tz:
                there = wallclock.seen_in(m.start, m.zone())
                return plain_tooltip(f"{format_moment(there)} in {m.timezone}") if there else None
        if role == Qt.ItemDataRole.DecorationRole and col == self.TOPIC:
            style = QApplication.style()
            if is_recurring(m):
                return recurring_icon()
            return _blank_icon(style.pixelMetric(QStyle.PixelMetric.PM_SmallIconSize))
        return None

    def _text(self, row: int, role: int) -> str:
        """The *When* (``DisplayRole``) or its time alone (``TimeRole``) of ``row``."""
        text = self._texts.get((row, role))
        if text is None:
            text = self._texts[(row, role)] = self._when(row, role == self.TimeRole)
        return text

    def _when(self, row: int, time_only: bool) -> str:
        m = self._meetings[row]
        if m.start_unreadable:
            text = UNKNOWN_TIME
        else:
            shown = format_time if time_only else format_when
            text = shown(m.start, m.duration, self._tz, self._today)
        if text == UNKNOWN_TIME:
            log_oddity(m.id, "start_time", f"cannot be shown in {self._tz}")
        elif self.under_way(row):
            text += f" · {IN_PROGRESS}"
        return text


def _zone(name: str) -> tzinfo:
    return wallclock.zone(name) or UTC
