"""The meeting list as the view shows it: rows under day headings, filtered by a search.

``DayGroups`` sits between ``MeetingListModel`` (the meetings, sorted) and the
view. It adds a heading row before each day's first meeting (*Today*,
*Tomorrow*, *Yesterday*, then dates; a meeting under way counts as today's) and
keeps only the meetings a search matches, by topic, agenda or meeting ID. A
heading has no item flags, so the keyboard steps over it and it cannot be
selected. The rows are rebuilt in one pass over the meetings (one model reset):
cheaper, for a thousand meetings, than moving rows one by one.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import (
    QAbstractProxyModel,
    QDate,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
)
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from zoomdesk.core.meeting import Meeting
from zoomdesk.ui.guard import guarded
from zoomdesk.ui.window.list_model import NO_FIXED_TIME, ROW_HEIGHT, MeetingListModel

_Index = QModelIndex | QPersistentModelIndex
# "Never has children" spares the view a call per row when it lays the rows out.
_HEADING_FLAGS = Qt.ItemFlag.ItemNeverHasChildren
_MEETING_FLAGS = _HEADING_FLAGS | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_COLUMNS = len(MeetingListModel.HEADERS)
_YEAR = re.compile(r"[\s,.]*\by+\b[\s,.]*")
_SPACES = re.compile(r"[\s-]+")


def day_heading(day: date | None, today: date, locale: QLocale | None = None) -> str:
    """``Today``, ``Tomorrow``, ``Yesterday``, else the date in the user's order
    (``Wednesday 4 June``, ``Wednesday, June 4``), with the year when not this one.

    The words stay English like the rest of the window; the order and punctuation
    are the user's region's (English as spoken there).
    """
    if day is None:
        return NO_FIXED_TIME
    if day == today:
        return "Today"
    if day == today + timedelta(days=1):
        return "Tomorrow"
    if day == today - timedelta(days=1):
        return "Yesterday"
    locale = locale or english_here()
    pattern = locale.dateFormat(QLocale.FormatType.LongFormat)
    if day.year == today.year:
        pattern = _YEAR.sub(" ", pattern).strip(" ,.") or pattern
    return str(locale.toString(QDate(day.year, day.month, day.day), pattern))


def english_here() -> QLocale:
    """English, with the system's region's date order (``en_GB``, ``en_US``, ``en_DE``...)."""
    return QLocale(QLocale.Language.English, QLocale.system().territory())


def search_key(meeting: Meeting) -> tuple[str, str]:
    """What a search looks in: topic and agenda (case-folded), and the ID's digits."""
    return f"{meeting.topic}\n{meeting.agenda or ''}".casefold(), str(meeting.id)


def matches(key: tuple[str, str], query: str) -> bool:
    """Whether a search for ``query`` (case-folded, stripped) finds ``key``'s meeting.

    ``123 4567`` and ``123-4567`` find the ID ``1234567890`` as typed or as shown.
    """
    text, digits = key
    if query in text:
        return True
    bare = _SPACES.sub("", query)
    return bare.isdigit() and bare in digits


class DayGroups(QAbstractProxyModel):
    """``source``'s meetings under day headings, those ``set_query`` matches only."""

    #: True on a heading row.
    HeadingRole = Qt.ItemDataRole.UserRole + 20

    def __init__(self, source: MeetingListModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._rows: list[int | str] = []  # a source row, or a heading's text
        self._proxy_row: dict[int, int] = {}
        self._keys: list[tuple[str, str]] = []
        self._query = ""
        self.setSourceModel(source)
        source.modelAboutToBeReset.connect(self.beginResetModel)
        source.modelReset.connect(self._source_reset)
        source.dataChanged.connect(self._source_changed)

    # -- what is shown ---------------------------------------------------------------------

    @property
    def query(self) -> str:
        return self._query

    def set_query(self, text: str) -> None:
        """Show only the meetings ``text`` finds (all for blank text)."""
        query = text.strip().casefold()
        if query == self._query:
            return
        self._query = query
        self.beginResetModel()
        self._rebuild()
        self.endResetModel()

    def heading_rows(self) -> list[int]:
        return [row for row, item in enumerate(self._rows) if isinstance(item, str)]

    def is_heading(self, row: int) -> bool:
        return 0 <= row < len(self._rows) and isinstance(self._rows[row], str)

    def meeting_count(self) -> int:
        """How many meetings are shown (headings left out)."""
        return len(self._proxy_row)

    def _source_reset(self) -> None:
        self._keys = [search_key(m) for m in self._source.meetings]
        self._rebuild()
        self.endResetModel()

    def _source_changed(self, first: QModelIndex, last: QModelIndex, roles: Any = ()) -> None:
        # The clock moved: a meeting may now be under way (today's), or today another day.
        if self._layout() != self._rows:
            self.beginResetModel()
            self._rebuild()
            self.endResetModel()
        elif self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, self.columnCount() - 1)
            )

    def _rebuild(self) -> None:
        self._rows = self._layout()
        self._proxy_row = {
            item: row for row, item in enumerate(self._rows) if not isinstance(item, str)
        }

    def _layout(self) -> list[int | str]:
        source, query = self._source, self._query
        rows: list[int | str] = []
        shown_day: object = ()  # no day yet (None is "no fixed time")
        today = source.today
        locale = english_here()
        for row in range(len(self._keys)):
            if query and not matches(self._keys[row], query):
                continue
            day = source.day(row)
            if day != shown_day:
                rows.append(day_heading(day, today, locale))
                shown_day = day
            rows.append(row)
        return rows

    # -- QAbstractProxyModel ---------------------------------------------------------------

    @guarded(QModelIndex())
    def mapToSource(self, proxy: _Index) -> QModelIndex:
        if not proxy.isValid() or proxy.row() >= len(self._rows):
            return QModelIndex()
        item = self._rows[proxy.row()]
        return QModelIndex() if isinstance(item, str) else self._source.index(item, proxy.column())

    @guarded(QModelIndex())
    def mapFromSource(self, source: _Index) -> QModelIndex:
        row = self._proxy_row.get(source.row()) if source.isValid() else None
        return QModelIndex() if row is None else self.index(row, source.column())

    @guarded(QModelIndex())
    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008 - Qt signature
        if parent.isValid() or not (0 <= row < len(self._rows) and 0 <= column < _COLUMNS):
            return QModelIndex()
        return self.createIndex(row, column)

    @guarded(QModelIndex())
    def parent(self, child: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        return QModelIndex()

    @guarded(0)
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    @guarded(0)
    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else _COLUMNS

    @guarded(False)
    def hasChildren(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008 - Qt signature
        return not parent.isValid() and bool(self._rows)

    @guarded(None)
    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        return self._source.headerData(section, orientation, role)

    @guarded(Qt.ItemFlag.NoItemFlags)
    def flags(self, index: _Index) -> Qt.ItemFlag:
        row = index.row()
        if 0 <= row < len(self._rows) and not isinstance(self._rows[row], str):
            return _MEETING_FLAGS
        return _HEADING_FLAGS  # stepped over by the arrow keys

    @guarded(None)
    def data(self, index: _Index, role: int = 0) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        item = self._rows[index.row()]
        if isinstance(item, str):
            return self._heading_data(item, index.column(), role)
        if role == Qt.ItemDataRole.DisplayRole and index.column() == MeetingListModel.WHEN:
            role = MeetingListModel.TimeRole  # the heading says the day
        return self._source.data(self._source.index(item, index.column()), role)

    def _heading_data(self, text: str, column: int, role: int) -> Any:
        if role == self.HeadingRole:
            return True
        if column != 0:
            if role == Qt.ItemDataRole.SizeHintRole and column == MeetingListModel.ACTIONS_COLUMN:
                return QSize(0, ROW_HEIGHT)
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return text
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            # Not the greyed text of an item without flags: a heading is not disabled.
            return QApplication.palette().brush(QPalette.ColorGroup.Active, QPalette.ColorRole.Text)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
        return None
