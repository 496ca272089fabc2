"""A read-only view of one meeting: when, ID, passcode, link, and the invitation text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from zoomdesk.core.recurrence_text import describe
from zoomdesk.ui import meeting_list as ml
from zoomdesk.ui.style import STYLE_SHEET, heading, make_primary

if TYPE_CHECKING:
    from zoomdesk.core.meeting import Meeting

#: The details dialog's own extra action: save a calendar file.
EXPORT_ICS = "export_ics"


def _selectable(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


class MeetingDetailsDialog(QDialog):
    """Shows a meeting; its buttons are requests (``actionRequested``) the window carries out."""

    actionRequested = Signal(str, object)

    def __init__(
        self, meeting: Meeting, viewer_tz: str, host_name: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.meeting = meeting
        self.setWindowTitle(meeting.topic or "Meeting")
        self.setStyleSheet(STYLE_SHEET)
        self.resize(680, 480)

        title = heading(meeting.topic or "(no topic)", self, size=1.35)
        title.setWordWrap(True)
        form = QFormLayout()
        form.addRow("When:", _selectable(self._when_text(meeting, viewer_tz), self))
        if meeting.recurrence is not None:
            form.addRow("Repeats:", _selectable(describe(meeting.recurrence, meeting.start), self))
        if meeting.duration:
            form.addRow("Duration:", QLabel(f"{meeting.duration} minutes", self))
        form.addRow("Meeting ID:", _selectable(meeting.formatted_id, self))
        if meeting.password:
            form.addRow("Passcode:", _selectable(meeting.password, self))
        if meeting.join_url:
            link = QLabel(f'<a href="{meeting.join_url}">{meeting.join_url}</a>', self)
            link.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
            link.setOpenExternalLinks(True)
            link.setWordWrap(True)
            link.setAccessibleName("Join link")
            form.addRow("Link:", link)

        self.invitation = QPlainTextEdit(meeting.invitation(viewer_tz, host_name or None), self)
        self.invitation.setReadOnly(True)
        self.invitation.setAccessibleName("Invitation text")
        self.invitation.setMinimumHeight(150)
        invitation_label = QLabel("&Invitation:", self)
        invitation_label.setBuddy(self.invitation)

        # Sharing on the left; Edit, Close and the main action (Join) on the right.
        self.join_button = self._button("&Join", ml.JOIN, primary=True)
        self.join_button.setEnabled(bool(meeting.join_url))
        close = QPushButton("Close", self)
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        share = QHBoxLayout()
        for text, action in (
            ("Copy &link", ml.COPY_LINK),
            ("&Copy invitation", ml.COPY_INVITATION),
            ("&Save to calendar…", EXPORT_ICS),
        ):
            share.addWidget(self._button(text, action))
        share.addStretch(1)
        share.addWidget(self._button("&Edit…", ml.EDIT, closes=True))
        share.addSpacing(12)
        share.addWidget(close)
        share.addWidget(self.join_button)

        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addSpacing(6)
        layout.addWidget(invitation_label)
        layout.addWidget(self.invitation, 1)
        layout.addSpacing(4)
        layout.addLayout(share)
        self.join_button.setFocus()

    @staticmethod
    def _when_text(meeting: Meeting, viewer_tz: str) -> str:
        if meeting.start is None:
            return "No fixed time (use the link any time)"
        text = f"{ml.format_moment(meeting.local_start(viewer_tz) or meeting.start)} ({viewer_tz})"
        if meeting.timezone and meeting.timezone != viewer_tz:
            text += f"\n{ml.format_moment(meeting.start)} ({meeting.timezone})"
        return text

    def _button(
        self, text: str, action: str, *, primary: bool = False, closes: bool = False
    ) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(action)
        button.setAutoDefault(primary)
        if primary:
            make_primary(button)
            button.setDefault(True)
        button.clicked.connect(lambda: self._request(action, closes))
        return button

    def _request(self, action: str, closes: bool) -> None:
        if closes:
            self.accept()
        self.actionRequested.emit(action, self.meeting)
