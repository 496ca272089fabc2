"""A meeting row's own buttons: *Copy link*, *Join* and a menu of the other actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QMenu, QPushButton, QToolButton, QWidget

from zoomdesk.ui.window.menus import COPY_LINK, JOIN

if TYPE_CHECKING:
    from zoomdesk.core.meeting import Meeting

#: The list's menu of a meeting's actions, under ``parent``, but those skipped.
MenuFn = Callable[["Meeting", QWidget, tuple[str, ...]], QMenu]


class RowButtons(QWidget):
    """Copy link, Join and a menu button for one row; they never take keyboard focus
    (a tab stop per row would trap keyboard users: every action has a key elsewhere).

    ``request(action, meeting)`` is the list's ``actionRequested.emit``.
    """

    def __init__(
        self, meeting: Meeting, menu: MenuFn, request: Callable[[str, Meeting], None]
    ) -> None:
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
        # The list's style sheet hides this one's menu arrow: the "⋯" says it all.
        more.setObjectName("moreActions")
        more.setText("⋯")
        more.setToolTip("More actions")
        more.setAccessibleName(f"More actions for {meeting.topic}")
        more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        more.setMenu(menu(meeting, more, (JOIN, COPY_LINK)))
        for button in (copy, join, more):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            layout.addWidget(button)
        copy.clicked.connect(lambda: request(COPY_LINK, meeting))
        join.clicked.connect(lambda: request(JOIN, meeting))
