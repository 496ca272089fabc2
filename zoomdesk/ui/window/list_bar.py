"""The strip above the meeting list: *Upcoming* | *Previous*, and the search field.

Ctrl+F (anywhere in the window) goes to the search field; Esc there clears it,
and on an empty field goes back to the list; Down and Return go to the list too.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QTabBar, QWidget

from zoomdesk.ui.guard import guarded

#: The two listings, as ``GET /users/me/meetings?type=`` names them.
UPCOMING, PREVIOUS = "upcoming", "previous_meetings"
LISTS = (UPCOMING, PREVIOUS)
TITLES = {UPCOMING: "Upcoming meetings", PREVIOUS: "Previous meetings"}


class ListBar(QWidget):
    """Which meetings (``listChanged``), and the search text as typed (``searchChanged``)."""

    listChanged = Signal(str)
    searchChanged = Signal(str)
    #: The user is done searching (Esc on an empty field, Down, Return): back to the list.
    leaveRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = QTabBar(self)
        self.tabs.setObjectName("meetingLists")
        self.tabs.setAccessibleName("Which meetings")
        self.tabs.setDrawBase(False)
        self.tabs.setExpanding(False)
        # Alt+U and Alt+V: the window's buttons and menus have N, R, T, O, F, M, H,
        # and *Undo* after a delete has D.
        self.tabs.addTab("&Upcoming")
        self.tabs.addTab("Pre&vious")
        self.tabs.setTabToolTip(0, "Meetings that have not ended")
        self.tabs.setTabToolTip(1, "Meetings that have ended")
        self.tabs.currentChanged.connect(lambda i: self.listChanged.emit(LISTS[i]))

        self.search = QLineEdit(self)
        self.search.setObjectName("meetingSearch")
        self.search.setAccessibleName("Search meetings")
        self.search.setPlaceholderText("Search topic, ID or agenda (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(self.search.fontMetrics().averageCharWidth() * 24)
        self.search.textChanged.connect(self.searchChanged)
        self.search.installEventFilter(self)

        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.setContext(Qt.ShortcutContext.WindowShortcut)
        find.activated.connect(self.focus_search)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search)
        escape.setContext(Qt.ShortcutContext.WidgetShortcut)
        escape.activated.connect(self._escape)

        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.tabs, 0, Qt.AlignmentFlag.AlignBottom)
        row.addStretch(1)
        row.addWidget(self.search, 2)

    @property
    def list_type(self) -> str:
        return LISTS[max(0, self.tabs.currentIndex())]

    def set_list_type(self, list_type: str) -> None:
        self.tabs.setCurrentIndex(LISTS.index(list_type))

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _escape(self) -> None:
        if self.search.text():
            self.search.clear()
        else:
            self.leaveRequested.emit()

    @guarded(False)
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.leaveRequested.emit()
                return True
        return super().eventFilter(watched, event)
