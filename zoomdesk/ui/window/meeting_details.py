"""A meeting's details: the meeting dialog's success view, plus *Edit*.

The view (``meeting_success.SuccessView``) already shows the time in the
viewer's zone and the meeting's own, the link, ID and passcode, and shares them
(copy link, copy invitation, open in Zoom, save to calendar on the runner).
Reusing it keeps one way of showing a meeting in the app.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from zoomdesk.ui.meeting.success import SuccessView
from zoomdesk.ui.placement import Placed, size_and_place
from zoomdesk.ui.style import STYLE_SHEET
from zoomdesk.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from zoomdesk.core.meeting import Meeting


class MeetingDetailsDialog(Placed, QDialog):
    """Shows ``meeting``; ``editRequested(meeting)`` when the user wants to change it."""

    editRequested = Signal(object)

    def __init__(
        self,
        meeting: Meeting,
        viewer_tz: str,
        runner: TaskRunner,
        host_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.meeting = meeting
        self.setWindowTitle(meeting.topic or "Meeting")
        self.setStyleSheet(STYLE_SHEET)
        size_and_place(self, QSize(620, 420))
        self.view = SuccessView(runner, self)
        self.view.show_meeting(meeting, viewer_tz, host_name=host_name)
        self.view.title.hide()  # "Meeting scheduled" is news only right after creating it
        self.view.closeRequested.connect(self.reject)

        self.edit_button = QPushButton("&Edit…", self)
        self.edit_button.setObjectName("edit")
        self.edit_button.setAutoDefault(False)
        self.edit_button.clicked.connect(self._edit)
        # Beside the view's own Close button, at the bottom right.
        for row in self.view.findChildren(QHBoxLayout):
            at = row.indexOf(self.view.close_button)
            if at >= 0:
                row.insertWidget(at, self.edit_button)
                break

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 12)
        layout.addWidget(self.view)

    def _edit(self) -> None:
        self.accept()
        self.editRequested.emit(self.meeting)
