"""The page the meeting dialog turns to once Zoom has the meeting: what to share, and how.

The time is shown in the user's zone first (that is when *they* join) and in the
meeting's own zone when the two differ. *Add to calendar* and *Save .ics…* are
``calendar_file.CalendarFile``'s, which writes through the ``TaskRunner``.
"""

from __future__ import annotations

import html
import logging
from datetime import datetime

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from zoomdesk.core import wallclock
from zoomdesk.core.meeting import Meeting, MeetingType, recurrence_summary
from zoomdesk.core.meeting.calendar_words import WEEKDAY_ABBR, format_date, zoom_weekday
from zoomdesk.core.meeting.scheduled import log_oddity
from zoomdesk.core.timezones import unbroken_zones
from zoomdesk.ui.meeting.calendar_file import CalendarFile, write_ics
from zoomdesk.ui.meeting.invitation_copy import InvitationCopier
from zoomdesk.ui.style import heading, make_primary, muted
from zoomdesk.ui.tasks import TaskRunner
from zoomdesk.ui.untrusted import may_open, open_link, plain, plain_label

log = logging.getLogger(__name__)

#: The confirmation line in green: it answers "did it work?" before anything else.
STYLE_SHEET = "QLabel#successTitle { color: #1e7e34; font-weight: 600; font-size: 11pt; }"


def when_text(start: datetime, duration: int) -> str:
    """``Tue 13 Jan 2026, 10:30 – 11:30`` (the end only when there is a duration, and a
    date); an end on another day says which: ``Mon 21 Dec 2026, 14:30 – Tue 22 Dec 2026, 13:09``."""

    def clock(moment: datetime) -> str:
        return QTime(moment.hour, moment.minute).toString("HH:mm")

    def day(moment: datetime) -> str:
        return f"{WEEKDAY_ABBR[zoom_weekday(moment.date())]} {format_date(moment.date())}"

    text = f"{day(start)}, {clock(start)}"
    end = wallclock.minutes_after(start, duration) if duration > 0 else None
    if end is not None and end.date() != start.date():
        text += f" – {day(end)}, {clock(end)}"
    elif end is not None:
        text += f" – {clock(end)}"
    return text


__all__ = ["SuccessView", "when_text", "write_ics"]


class SuccessView(QWidget):
    """Topic, time, link, ID and passcode, with buttons to share them."""

    closeRequested = Signal()

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._meeting: Meeting | None = None
        self._viewer_tz = "UTC"
        self._host = ""
        self.setStyleSheet(STYLE_SHEET)
        self.title = QLabel("Meeting scheduled")
        self.title.setObjectName("successTitle")
        self.topic = heading("", size=1.7)
        self.topic.setWordWrap(True)
        self.topic.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.when = plain_label()
        self.when.setWordWrap(True)
        self.other_zone = muted("")
        self.repeats = plain_label()
        self.repeats.setWordWrap(True)
        self.recovered = muted(
            "Zoom's answer was lost on the way, but it had created the meeting: this is it."
        )
        self.link = QLabel()
        self.link.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.link.setWordWrap(True)
        # Opened through linkActivated (not openExternalLinks): one path, and it obeys the policy.
        self.link.linkActivated.connect(self._open_url)
        self.meeting_id = plain_label()
        self.passcode = plain_label()
        for label in (self.meeting_id, self.passcode):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            font = label.font()
            font.setPointSizeF(font.pointSizeF() * 1.15)
            font.setWeight(QFont.Weight.DemiBold)
            label.setFont(font)
        self.note = muted("")
        self.note.setAccessibleName("Status")

        self.copy_link = QPushButton("Copy &link")
        self.copy_invitation = QPushButton("Copy &invitation")
        self.open_zoom = QPushButton("&Open in Zoom")
        self.add_to_calendar = QPushButton("&Add to calendar")
        self.add_to_calendar.setToolTip("Open the meeting in your calendar app")
        self.save_ics = QPushButton("&Save .ics…")
        self.save_ics.setToolTip("Save the meeting as an iCalendar file")
        self.calendar = CalendarFile(runner, self)
        self.close_button = QPushButton("Close")
        make_primary(self.copy_invitation)

        card = QFrame()
        card.setObjectName("card")
        details = QFormLayout(card)
        details.setContentsMargins(18, 14, 18, 14)
        details.setVerticalSpacing(10)
        details.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        details.addRow("Join link:", self.link)
        details.addRow("Meeting ID:", self.meeting_id)
        details.addRow("Passcode:", self.passcode)

        share = QHBoxLayout()
        share.addWidget(self.copy_invitation)
        share.addWidget(self.copy_link)
        share.addWidget(self.open_zoom)
        share.addWidget(self.add_to_calendar)
        share.addWidget(self.save_ics)
        share.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.note, 1)
        bottom.addWidget(self.close_button)

        # Reading order = importance: what happened, which meeting, when; then the
        # things to share, then what to do with them.
        # The block sits a little above the middle of the page (the optical centre).
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 0)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addSpacing(4)
        layout.addWidget(self.topic)
        layout.addWidget(self.when)
        layout.addWidget(self.other_zone)
        layout.addWidget(self.repeats)
        layout.addWidget(self.recovered)
        layout.addSpacing(14)
        layout.addWidget(card)
        layout.addSpacing(10)
        layout.addLayout(share)
        layout.addStretch(2)
        layout.addLayout(bottom)

        self.copy_link.clicked.connect(self._copy_link)
        self.copy_invitation.clicked.connect(self._copy_invitation)
        # Zoom's own text once the owner gives it a client (``invitation.client``).
        self.invitation = InvitationCopier(runner, self)
        self.invitation.message.connect(self.note.setText)
        self.invitation.busy.connect(lambda busy: self.copy_invitation.setEnabled(not busy))
        self.open_zoom.clicked.connect(self._open)
        self.add_to_calendar.clicked.connect(lambda: self.calendar.add(self._require()))
        self.save_ics.clicked.connect(lambda: self.calendar.save(self._require()))
        self.calendar.message.connect(self.note.setText)
        self.calendar.busy.connect(self._calendar_busy)
        self.close_button.clicked.connect(self.closeRequested)

    def show_meeting(
        self,
        meeting: Meeting,
        viewer_tz: str,
        *,
        host_name: str = "",
        updated: bool = False,
        recovered: bool = False,
    ) -> None:
        self._meeting, self._viewer_tz, self._host = meeting, viewer_tz, host_name
        kind = meeting.type
        if updated:
            self.title.setText("✓  Meeting updated")
        elif kind == MeetingType.INSTANT:
            self.title.setText("✓  Your meeting is ready")
        else:
            self.title.setText("✓  Meeting scheduled")
        self.topic.setText(meeting.topic)
        self.other_zone.hide()
        local = meeting.local_start(viewer_tz)
        if kind == MeetingType.RECURRING_NO_FIXED_TIME:
            self.when.setText("No fixed time: the link works any time.")
        elif kind == MeetingType.INSTANT:
            self.when.setText("Starts now: you can join right away.")
        elif local is not None and meeting.start is not None:
            # Zone names stay whole on a wrapped line (no break at their "/" or "-").
            here = unbroken_zones(viewer_tz)
            self.when.setText(f"{when_text(local, meeting.duration)} ({here})")
            if meeting.timezone != viewer_tz and local.utcoffset() != meeting.start.utcoffset():
                there = when_text(meeting.start, meeting.duration)
                zone = unbroken_zones(meeting.timezone)
                self.other_zone.setText(f"{there} in {zone}, the meeting's time zone")
                self.other_zone.show()
        elif meeting.start is not None or meeting.start_unreadable:
            log_oddity(meeting.id, "start_time", f"cannot be shown in {viewer_tz}")
            self.when.setText("Zoom sent a start time that cannot be shown here.")
        else:
            self.when.setText("No fixed time.")
        summary = recurrence_summary(meeting.recurrence) if meeting.recurrence else ""
        self.repeats.setText(summary)
        self.repeats.setVisible(bool(summary))
        self.recovered.setVisible(recovered)
        self._show_link(meeting.join_url)
        self.meeting_id.setText(meeting.formatted_id)
        self.passcode.setText(meeting.password or "none")
        self.note.clear()
        self.copy_invitation.setFocus()

    # -- actions --------------------------------------------------------------------

    def _require(self) -> Meeting:
        assert self._meeting is not None, "show_meeting() comes first"
        return self._meeting

    def _copy_link(self) -> None:
        QGuiApplication.clipboard().setText(self._require().join_url)
        self.note.setText("Link copied.")

    def _copy_invitation(self) -> None:
        done = "Invitation copied: paste it into an e-mail or chat."
        self.invitation.copy(self._require(), self._viewer_tz, self._host, done)

    def _show_link(self, url: str) -> None:
        """A link only when it may be opened; anything else is plain text (markup included)."""
        if may_open(url):
            self.link.setTextFormat(Qt.TextFormat.RichText)
            escaped = html.escape(url, quote=True)
            self.link.setText(f'<a href="{escaped}">{escaped}</a>')
        else:
            plain(self.link).setText(url)

    def _open(self) -> None:
        self._open_url(self._require().join_url)

    def _open_url(self, url: str) -> None:
        if open_link(url):
            return
        if may_open(url):
            self.note.setText("No application could open the link; copy it instead.")
        else:
            self.note.setText("Not opened, as it is not an https link.")

    def _calendar_busy(self, busy: bool) -> None:
        self.add_to_calendar.setEnabled(not busy)
        self.save_ics.setEnabled(not busy)
