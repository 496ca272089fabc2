"""The upcoming-meetings list: the table, its row buttons, and its empty/error states.

Rows show the start in the viewer's time zone, the topic and the meeting ID,
with *Copy link* and *Join* buttons and a menu for the rest. The row buttons
take no keyboard focus (a tab stop per row would trap keyboard users); every
action is also in the context menu, the window's *Meeting* menu and on keys:
Return opens the details, Delete deletes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QStackedWidget,
    QStyle,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from zoomdesk.ui.guard import guarded
from zoomdesk.ui.untrusted import plain
from zoomdesk.ui.window.list_model import MeetingListModel
from zoomdesk.ui.window.menus import ACTIONS, COPY_LINK, DETAILS, EDIT, JOIN

if TYPE_CHECKING:
    from zoomdesk.core.meeting import Meeting

#: The topic column keeps room for this many average characters (besides its
#: icon); below that the table scrolls sideways instead of squeezing the topic
#: to "Desig…" while the other columns keep their full width.
TOPIC_MIN_CHARS = 12


class _RowButtons(QWidget):
    """Copy link, Join and a menu button for one row; they never take keyboard focus."""

    def __init__(self, meeting: Meeting, owner: MeetingList) -> None:
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 1, 8, 1)
        layout.setSpacing(6)
        copy = QPushButton("Copy link", self)
        copy.setToolTip("Copy the join link")
        copy.setAccessibleName(f"Copy the join link of {meeting.topic}")
        join = QPushButton("Join", self)
        join.setToolTip("Open the meeting in Zoom")
        join.setAccessibleName(f"Join {meeting.topic}")
        more = QToolButton(self)
        more.setText("⋯")
        more.setToolTip("More actions")
        more.setAccessibleName(f"More actions for {meeting.topic}")
        more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        more.setMenu(owner.actions_menu(meeting, more, skip=(JOIN, COPY_LINK)))
        for button in (copy, join, more):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            layout.addWidget(button)
        # The "⋯" says there is a menu; the style's extra arrow would only crowd it.
        more.setStyleSheet("QToolButton::menu-indicator { image: none; }")
        copy.clicked.connect(lambda: owner.actionRequested.emit(COPY_LINK, meeting))
        join.clicked.connect(lambda: owner.actionRequested.emit(JOIN, meeting))


class MeetingList(QWidget):
    """The table of meetings, with loading, empty and error states in the same place."""

    #: (action name, Meeting)
    actionRequested = Signal(str, object)
    newMeetingRequested = Signal()
    retryRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = MeetingListModel(self)
        self.view = QTreeView(self)
        self.view.setObjectName("meetings")
        self.view.setAccessibleName("Upcoming meetings")
        self.view.setModel(self.model)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setAllColumnsShowFocus(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.doubleClicked.connect(lambda index: self._emit_for(DETAILS, index))
        self.view.setStyleSheet("QTreeView::item { padding: 0 4px; }")
        self.view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # The topic takes what the other columns (sized to their contents) leave, but
        # never less than TOPIC_MIN_CHARS: a Stretch section only knows the header's
        # one minimum for every column, so _fit_topic sizes it.
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(MeetingListModel.TOPIC, QHeaderView.ResizeMode.Fixed)
        header.sectionResized.connect(self._on_section_resized)
        self.view.viewport().installEventFilter(self)

        self._message = plain(QLabel(self))  # errors can quote Zoom
        self._message.setObjectName("listMessage")
        self._message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._message.setWordWrap(True)
        self._message_button = QPushButton(self)
        self._message_button.setObjectName("listMessageButton")
        self._message_button.clicked.connect(self._on_message_button)
        message_page = QWidget(self)
        column = QVBoxLayout(message_page)
        column.addStretch(1)
        column.addWidget(self._message)
        column.addWidget(self._message_button, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(2)

        # One frame around the table and the message states, so nothing jumps
        # when the list turns empty or fails.
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        message_page.setAutoFillBackground(True)
        message_page.setBackgroundRole(QPalette.ColorRole.Base)
        self._stack = QStackedWidget(self)
        self._stack.addWidget(self.view)
        self._stack.addWidget(message_page)
        frame = QFrame(self)
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        inside = QVBoxLayout(frame)
        inside.setContentsMargins(1, 1, 1, 1)
        inside.addWidget(self._stack)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(frame)
        self._button_signal = self.retryRequested
        self.show_loading()
        # Each minute: a meeting starts or ends ("in progress"), "Today" becomes another day.
        self._clock = QTimer(self)
        self._clock.setInterval(60_000)
        self._clock.timeout.connect(lambda: self.model.set_now(datetime.now(UTC)))
        self._clock.start()

    # -- states -------------------------------------------------------------------------

    @property
    def message(self) -> str:
        """The text of the loading/empty/error state ("" while the table shows)."""
        return self._message.text() if self._stack.currentIndex() == 1 else ""

    def show_loading(self) -> None:
        self._show_message("Loading your meetings…", None)

    def show_error(self, text: str, retry: bool) -> None:
        # Not "&Retry": Alt+R is the window's Refresh button.
        self._show_message(text, "Try &again" if retry else None, self.retryRequested)

    def show_meetings(self, meetings: Sequence[Meeting], viewer_tz: str) -> None:
        selected = self.current_meeting()
        self.model.set_meetings(meetings, viewer_tz)
        if not meetings:
            # No "&": Alt+N is the window's New meeting button, and two buttons on
            # the same mnemonic made Alt+N only move the focus between them.
            self._show_message(
                "No upcoming meetings.\nMeetings you schedule show up here.",
                "New meeting",
                self.newMeetingRequested,
            )
            return
        for row, meeting in enumerate(self.model.meetings):
            index = self.model.index(row, MeetingListModel.ACTIONS_COLUMN)
            self.view.setIndexWidget(index, _RowButtons(meeting, self))
        keep = next(
            (r for r, m in enumerate(self.model.meetings) if selected and m.id == selected.id), 0
        )
        self.view.setCurrentIndex(self.model.index(keep, 0))
        self._stack.setCurrentIndex(0)

    def _show_message(self, text: str, button: str | None, signal: Any = None) -> None:
        self._message.setText(text)
        self._message_button.setVisible(button is not None)
        if button is not None:
            self._message_button.setText(button)
            self._button_signal = signal
        self._stack.setCurrentIndex(1)

    def _on_message_button(self) -> None:
        self._button_signal.emit()

    # -- actions ------------------------------------------------------------------------

    def current_meeting(self) -> Meeting | None:
        if self._stack.currentIndex() != 0:
            return None
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        meeting: Meeting = self.model.data(index, MeetingListModel.MeetingRole)
        return meeting

    def actions_menu(self, meeting: Meeting, parent: QWidget, skip: Sequence[str] = ()) -> QMenu:
        menu = QMenu(parent)
        for name, text, _shortcut in ACTIONS:
            if name in skip:
                continue
            if name == EDIT:
                menu.addSeparator()
            action = QAction(text, menu)
            action.setObjectName(name)
            action.triggered.connect(
                lambda _checked=False, n=name: self.actionRequested.emit(n, meeting)
            )
            menu.addAction(action)
        return menu

    @guarded(None, fallback=QWidget.keyPressEvent)
    def keyPressEvent(self, event: Any) -> None:
        meeting = self.current_meeting()
        if meeting is not None and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.actionRequested.emit(DETAILS, meeting)
            return
        super().keyPressEvent(event)

    # -- the topic column --------------------------------------------------------------

    def topic_minimum(self) -> int:
        """The narrowest the topic column gets (it grows with the font)."""
        icon = self.view.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, self.view)
        text = self.view.fontMetrics().averageCharWidth() * TOPIC_MIN_CHARS
        return text + icon + 16  # and the cell's padding, and the gap after the icon

    @guarded(False)
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_topic()
        return super().eventFilter(watched, event)

    def _on_section_resized(self, section: int, _old: int, _new: int) -> None:
        if section != MeetingListModel.TOPIC:
            self._fit_topic()

    def _fit_topic(self) -> None:
        header = self.view.header()
        others = sum(
            header.sectionSize(column)
            for column in range(header.count())
            if column != MeetingListModel.TOPIC
        )
        width = max(self.topic_minimum(), self.view.viewport().width() - others)
        if header.sectionSize(MeetingListModel.TOPIC) != width:
            header.resizeSection(MeetingListModel.TOPIC, width)

    def _emit_for(self, name: str, index: QModelIndex) -> None:
        if index.isValid():
            self.actionRequested.emit(name, self.model.meeting(index.row()))

    def _context_menu(self, pos: Any) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        self.view.setCurrentIndex(index)
        menu = self.actions_menu(self.model.meeting(index.row()), self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.view.viewport().mapToGlobal(pos))
