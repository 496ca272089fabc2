"""The meeting list: upcoming or previous, searchable, under day headings; its states.

Rows show the start in the viewer's time zone, the topic and the meeting ID,
with *Copy link* and *Join* buttons and a menu for the rest. The row buttons
take no keyboard focus (a tab stop per row would trap keyboard users); every
action is also in the context menu, the window's *Meeting* menu and on keys:
Return opens the details, Delete deletes. The buttons are made only for the rows
in sight (and as they scroll into it): a widget per row made a thousand
meetings stall the window for seconds.

``model`` holds the meetings; the view shows ``rows`` (``DayGroups``): day
headings and the meetings the search finds. ``view_index`` maps a row of
``model`` to the view.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QStackedWidget,
    QStyle,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from zoomdesk.ui.guard import guarded
from zoomdesk.ui.untrusted import plain
from zoomdesk.ui.window.list_bar import PREVIOUS, TITLES, UPCOMING, ListBar
from zoomdesk.ui.window.list_groups import DayGroups
from zoomdesk.ui.window.list_model import ROW_HEIGHT, MeetingListModel
from zoomdesk.ui.window.menus import ACTIONS, DETAILS, EDIT
from zoomdesk.ui.window.row_buttons import RowButtons

if TYPE_CHECKING:
    from zoomdesk.core.meeting import Meeting

#: The topic column keeps room for this many average characters (besides its
#: icon); below that the table scrolls sideways instead of squeezing the topic
#: to "Desig…" while the other columns keep their full width.
TOPIC_MIN_CHARS = 12
#: Rows measured for the columns' widths besides those in sight (Qt's default, 1000,
#: had every row's texts worked out on every layout).
MEASURED_ROWS = 0


class MeetingList(QWidget):
    """The table of meetings, with loading, empty and error states in the same place."""

    #: (action name, Meeting)
    actionRequested = Signal(str, object)
    newMeetingRequested = Signal()
    retryRequested = Signal()
    #: *Upcoming* or *Previous* was chosen (``UPCOMING``, ``PREVIOUS``): load that list.
    listTypeChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: When "now" is (a test sets its own): *Today*, *in progress*.
        self.clock: Callable[[], datetime] = lambda: datetime.now(UTC)
        self.model = MeetingListModel(self)
        self.rows = DayGroups(self.model, self)
        self.bar = ListBar(self)
        self.bar.listChanged.connect(self._on_list_changed)
        self.bar.searchChanged.connect(self._on_search)
        self.bar.leaveRequested.connect(self._leave_search)
        self._buttons: set[int] = set()  # rows of ``rows`` that have their buttons
        self._buttons_timer = QTimer(self)
        self._buttons_timer.setSingleShot(True)
        self._buttons_timer.setInterval(0)
        self._buttons_timer.timeout.connect(self._add_row_buttons)
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self._fit_topic)
        self.view = QTreeView(self)
        self.view.setObjectName("meetings")
        self.view.setAccessibleName(TITLES[UPCOMING])
        self.view.setModel(self.rows)
        self.rows.modelAboutToBeReset.connect(self._rows_about_to_reset)
        self.rows.modelReset.connect(self._rows_reset)
        self._kept: int | None = None  # the current meeting's ID over a reset of ``rows``
        self.view.verticalScrollBar().valueChanged.connect(self._add_row_buttons)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setAllColumnsShowFocus(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.doubleClicked.connect(lambda index: self._emit_for(DETAILS, index))
        # The "⋯" says there is a menu; the style's extra arrow would only crowd it. (Set
        # here, not on each button: a style sheet per row's button was parsed per row.)
        self.view.setStyleSheet(
            "QTreeView::item { padding: 0 4px; }"
            " QToolButton#moreActions::menu-indicator { image: none; }"
        )
        self.view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # The topic takes what the other columns (sized to their contents) leave, but
        # never less than TOPIC_MIN_CHARS: a Stretch section only knows the header's
        # one minimum for every column, so _fit_topic sizes it.
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(MeetingListModel.TOPIC, QHeaderView.ResizeMode.Fixed)
        header.setResizeContentsPrecision(MEASURED_ROWS)
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
        layout.setSpacing(6)
        layout.addWidget(self.bar)
        layout.addWidget(frame)
        self._button_signal: Any = self.retryRequested
        self.show_loading()
        # Each minute: a meeting starts or ends ("in progress"), "Today" becomes another day.
        self._clock = QTimer(self)
        self._clock.setInterval(60_000)
        self._clock.timeout.connect(lambda: self.model.set_now(self.clock()))
        self._clock.start()

    # -- states -------------------------------------------------------------------------

    @property
    def message(self) -> str:
        """The text of the loading/empty/error state ("" while the table shows)."""
        return self._message.text() if self._stack.currentIndex() == 1 else ""

    def show_loading(self) -> None:
        what = "previous meetings" if self.list_type == PREVIOUS else "meetings"
        self._show_message(f"Loading your {what}…", None)

    def show_error(self, text: str, retry: bool) -> None:
        # Not "&Retry": Alt+R is the window's Refresh button.
        self._show_message(text, "Try &again" if retry else None, self.retryRequested)

    def show_meetings(self, meetings: Sequence[Meeting], viewer_tz: str) -> None:
        """Fill the list (of the current ``list_type``); the selected meeting stays selected."""
        previous = self.list_type == PREVIOUS
        self.model.set_meetings(meetings, viewer_tz, self.clock(), newest_first=previous)
        self._show_rows(self._row_of(self._kept))

    @property
    def list_type(self) -> str:
        """``UPCOMING`` or ``PREVIOUS``: what the list shows (or is about to)."""
        return self.bar.list_type

    def view_index(self, row: int, column: int = 0) -> QModelIndex:
        """The view's index of ``model``'s ``row`` (invalid while a search hides it)."""
        return self.rows.mapFromSource(self.model.index(row, column))

    def _show_rows(self, keep: int = 0) -> None:
        """The table, or why it is empty; the current row goes to ``model``'s ``keep``."""
        if not self.model.rowCount():
            if self.list_type == PREVIOUS:
                self._show_message("No previous meetings.", None)
                return
            # No "&": Alt+N is the window's New meeting button, and two buttons on
            # the same mnemonic made Alt+N only move the focus between them.
            self._show_message(
                "No upcoming meetings.\nMeetings you schedule show up here.",
                "New meeting",
                self.newMeetingRequested,
            )
            return
        if not self.rows.meeting_count():
            self._show_message(
                f"No meetings match “{self.bar.search.text().strip()}”.",
                "Clear the search",
                self.bar.search.clear,
            )
            return
        index = self.view_index(keep)
        if not index.isValid():  # hidden by the search: the first meeting shown
            first = next(r for r in range(self.rows.rowCount()) if not self.rows.is_heading(r))
            index = self.rows.index(first, 0)
        self.view.setCurrentIndex(index)
        self._stack.setCurrentIndex(0)
        # The rows show first; their buttons come a moment later, in the next turn of the
        # event loop, so one turn never does both (a thousand rows would stall it).
        self._buttons_timer.start()

    def _rows_about_to_reset(self) -> None:
        meeting = self.current_meeting()
        self._kept = meeting.id if meeting else None

    def _rows_reset(self) -> None:
        # The view's own reset (which drops the row buttons) has run: this comes after it.
        self._buttons.clear()
        for row in self.rows.heading_rows():
            self.view.setFirstColumnSpanned(row, QModelIndex(), True)
        if self._stack.currentIndex() == 0 and self.rows.meeting_count():
            # Regrouped as the clock moved on (or refilled): the same meeting stays current.
            self._show_rows(self._row_of(self._kept))

    def _row_of(self, meeting_id: int | None) -> int:
        """``model``'s row of the meeting ``meeting_id`` (0 if it is not there)."""
        found = (r for r, m in enumerate(self.model.meetings) if m.id == meeting_id)
        return next(found, 0)

    def _add_row_buttons(self, *_: object) -> None:
        """Buttons for the rows in sight and a few around them; the others get theirs
        when they scroll into sight."""
        count = self.rows.rowCount()
        if not count:
            return
        top = max(0, self.view.indexAt(QPoint(0, 0)).row())
        height = self.view.visualRect(self.rows.index(top, 0)).height() or ROW_HEIGHT
        in_sight = max(self.view.viewport().height(), 12 * ROW_HEIGHT) // max(height, 1)
        for row in range(max(0, top - 4), min(count, top + in_sight + 4)):
            if row in self._buttons or self.rows.is_heading(row):
                continue
            meeting = self.rows.data(self.rows.index(row, 0), MeetingListModel.MeetingRole)
            index = self.rows.index(row, MeetingListModel.ACTIONS_COLUMN)
            self.view.setIndexWidget(
                index, RowButtons(meeting, self.actions_menu, self.actionRequested.emit)
            )
            self._buttons.add(row)

    # -- upcoming or previous, and the search ---------------------------------------------

    def _on_list_changed(self, list_type: str) -> None:
        self.view.setAccessibleName(TITLES[list_type])
        self.model.set_meetings([], self.model.viewer_tz, self.clock())
        self.show_loading()
        self.listTypeChanged.emit(list_type)

    def _on_search(self, text: str) -> None:
        self.rows.set_query(text)
        if self.model.rowCount():
            self._show_rows(self._row_of(self._kept))

    def _leave_search(self) -> None:
        target = self.view if self._stack.currentIndex() == 0 else self._message_button
        if target.isVisible():
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_message(self, text: str, button: str | None, signal: Any = None) -> None:
        self._message.setText(text)
        self._message_button.setVisible(button is not None)
        if button is not None:
            self._message_button.setText(button)
            self._button_signal = signal
        self._stack.setCurrentIndex(1)

    def _on_message_button(self) -> None:
        # A signal to emit, or (Clear the search) a function to call.
        getattr(self._button_signal, "emit", self._button_signal)()

    # -- actions ------------------------------------------------------------------------

    def current_meeting(self) -> Meeting | None:
        if self._stack.currentIndex() != 0:
            return None
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        meeting: Meeting | None = self.rows.data(index, MeetingListModel.MeetingRole)
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
            self._buttons_timer.start()
        return super().eventFilter(watched, event)

    def _on_section_resized(self, section: int, _old: int, _new: int) -> None:
        if section != MeetingListModel.TOPIC:
            # After the header's pass over its sections: a size set during it (as the
            # row buttons arrive) was undone by the rest of that pass.
            self._fit_timer.start()

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
        meeting = self.rows.data(index, MeetingListModel.MeetingRole) if index.isValid() else None
        if meeting is not None:
            self.actionRequested.emit(name, meeting)

    def _context_menu(self, pos: Any) -> None:
        index = self.view.indexAt(pos)
        meeting = self.rows.data(index, MeetingListModel.MeetingRole) if index.isValid() else None
        if meeting is None:  # below the rows, or a day's heading
            return
        self.view.setCurrentIndex(index)
        menu = self.actions_menu(meeting, self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.view.viewport().mapToGlobal(pos))
