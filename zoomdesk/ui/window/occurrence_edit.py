"""*Edit this occurrence*: what one occurrence of a series may change, and the PATCH for it.

The rules are the core's, the same as the CLI's ``meetings update --occurrence-id``:
the occurrence as Zoom gives it (``GET /meetings/{id}?occurrence_id=``) becomes
a ``MeetingDraft``, this dialog changes only what ``occurrence_may_change``
allows, and ``MeetingDraft.patch_from(..., occurrence=True)`` makes the PATCH
(its start in UTC, as Zoom takes no zone for one occurrence) or names what only
the whole series can change. The topic, passcode, zone and repetition belong to
the series: *Edit the series…* changes those.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from zoomdesk.core.meeting import AutoRecording, Meeting, MeetingDraft, Occurrence
from zoomdesk.core.meeting.values import occurrence_may_change
from zoomdesk.core.timezones import unbroken_zones
from zoomdesk.ui.guard import guarded
from zoomdesk.ui.meeting import access_keys as keys
from zoomdesk.ui.meeting.end_time import show_wall, shown_wall, wall_time_edit
from zoomdesk.ui.placement import Placed, size_and_place
from zoomdesk.ui.status import describe
from zoomdesk.ui.style import STYLE_SHEET, heading, muted
from zoomdesk.ui.tasks import TaskRunner
from zoomdesk.ui.untrusted import plain_label
from zoomdesk.ui.window.occurrences import occurrence_start

if TYPE_CHECKING:
    from zoomdesk.core.account import Account

log = logging.getLogger(__name__)

#: The switches one occurrence may change, with their words (Zoom's names).
SWITCHES = (
    ("waiting_room", "&Waiting room"),
    ("join_before_host", "Participants may join &before the host"),
    ("mute_upon_entry", "&Mute participants when they join"),
    ("host_video", "&Host video on"),
    ("participant_video", "&Participants' video on"),
)
RECORDINGS = (("none", "No automatic recording"), ("local", "On this computer"),
              ("cloud", "In the Zoom cloud"))  # fmt: skip


class OccurrenceDialog(Placed, QDialog):
    """Edits ``occurrence`` of ``meeting``; ``saved(Meeting)`` carries the series afterwards."""

    saved = Signal(object)

    def __init__(
        self,
        account: Account,
        runner: TaskRunner,
        meeting: Meeting,
        occurrence: Occurrence,
        viewer_tz: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.account, self.runner = account, runner
        self.meeting, self.occurrence = meeting, occurrence
        self.before: MeetingDraft | None = None  # the occurrence as Zoom has it
        self.setWindowTitle("Edit occurrence")
        self.setStyleSheet(STYLE_SHEET)
        self.day = occurrence_start(occurrence, viewer_tz)

        topic = heading("", self, size=1.3)
        topic.setTextFormat(Qt.TextFormat.PlainText)  # Zoom's text, never markup
        topic.setText(meeting.topic)
        topic.setWordWrap(True)
        about = muted(
            f"Only the occurrence on {self.day} changes. The topic, passcode, time zone and "
            "repetition belong to the series: use Edit the series for those.",
            self,
        )
        about.setWordWrap(True)
        self.start = wall_time_edit(QDateTimeEdit(self), "Start date and time")
        self.zone = muted(unbroken_zones(meeting.timezone), self)
        self.duration = QSpinBox(self)
        self.duration.setRange(0, 9999)  # the core names Zoom's real limits
        self.duration.setSuffix(" min")
        self.duration.setAccessibleName("Duration in minutes")
        self.agenda = QPlainTextEdit(self)
        self.agenda.setAccessibleName("Agenda")
        self.agenda.setTabChangesFocus(True)
        self.agenda.setMaximumHeight(90)
        self.switches = {name: QCheckBox(text, self) for name, text in SWITCHES}
        self.recording = QComboBox(self)
        for value, text in RECORDINGS:
            self.recording.addItem(text, value)
        self.problem = plain_label("", self)
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("QLabel { color: #c62828; }")
        self.problem.hide()

        form = QFormLayout()
        form.addRow(keys.buddy_label("&Starts:", self.start), self.start)
        form.addRow("", self.zone)
        form.addRow(keys.buddy_label("&Duration:", self.duration), self.duration)
        form.addRow(keys.buddy_label("A&genda:", self.agenda), self.agenda)
        for box in self.switches.values():
            form.addRow("", box)
        form.addRow(keys.buddy_label("&Recording:", self.recording), self.recording)

        buttons = QDialogButtonBox(self)
        self.save_button: QPushButton = buttons.addButton(
            "&Save", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setDefault(True)
        self.save_button.setEnabled(False)  # until the occurrence is loaded
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.clicked.connect(self.save)
        cancel.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(topic)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        layout.addWidget(buttons)
        # As tall as its fields: no empty band above the buttons.
        size_and_place(self, QSize(520, self.sizeHint().height()), QSize(420, 360))
        self._load()

    # -- loading ----------------------------------------------------------------------

    def _load(self) -> None:
        client, meeting_id, oid = (
            self.account.client,
            self.meeting.id,
            self.occurrence.occurrence_id,
        )
        self._say("Loading the occurrence…", error=False)
        self.runner.run(
            lambda: client.get_meeting(meeting_id, oid), self._loaded, self._failed, "occurrence"
        )

    def _loaded(self, details: dict[str, Any]) -> None:
        try:
            before = MeetingDraft.from_zoom_json(details)
        except ValueError as exc:
            self._say(f"{exc}.", error=True)
            return
        self.before = before
        if before.start is not None:
            show_wall(self.start, before.start)
        self.duration.setValue(max(0, min(before.duration, self.duration.maximum())))
        self.agenda.setPlainText(before.agenda)
        for name, box in self.switches.items():
            box.setChecked(bool(getattr(before.settings, name, False)))
        at = self.recording.findData(str(before.settings.auto_recording))
        self.recording.setCurrentIndex(max(at, 0))
        self.problem.hide()
        self.save_button.setEnabled(True)
        self.start.setFocus()

    # -- saving -----------------------------------------------------------------------

    def draft(self) -> MeetingDraft:
        """The loaded occurrence with what this dialog shows applied."""
        assert self.before is not None, "loaded first"
        before = self.before
        switches: dict[str, Any] = {name: box.isChecked() for name, box in self.switches.items()}
        settings = dataclasses.replace(
            before.settings,
            **switches,
            auto_recording=AutoRecording(self.recording.currentData()),
        )
        start = shown_wall(self.start) if before.start is not None else None
        return dataclasses.replace(
            before,
            start=start,
            duration=self.duration.value(),
            agenda=self.agenda.toPlainText(),
            settings=settings,
        )

    def save(self) -> None:
        if self.before is None:
            return
        after = self.draft()
        # What this dialog changes is checked; the series' own fields are not its business.
        problems = {
            field: text
            for field, text in after.validate(original=self.before).items()
            if occurrence_may_change(field)
        }
        if problems:
            self._say(" ".join(problems.values()), error=True)
            return
        try:
            patch = after.patch_from(self.before, occurrence=True)
        except ValueError as exc:
            self._say(f"{str(exc)[:1].upper()}{str(exc)[1:]}.", error=True)
            return
        if not patch:
            self._say("Nothing has changed yet.", error=False)
            return
        client, meeting_id, oid = (
            self.account.client,
            self.meeting.id,
            self.occurrence.occurrence_id,
        )

        def send() -> Meeting:
            client.update_meeting(meeting_id, patch, oid)
            # Zoom answers a PATCH with 204 and no body: the series as it is now.
            return Meeting.from_zoom_json(client.get_meeting(meeting_id))

        self.save_button.setEnabled(False)
        self._say("Saving the occurrence…", error=False)
        self.runner.run(send, self._sent, self._failed, "save occurrence")

    def is_dirty(self) -> bool:
        """Whether the dialog shows something Zoom does not have yet."""
        if self.before is None:
            return False
        try:
            return bool(self.draft().patch_from(self.before, occurrence=True))
        except ValueError:  # a change only the series may make: still typed by the user
            return True

    @guarded(None)
    def reject(self) -> None:
        """Esc, Cancel and the close button: ask before what was typed is lost."""
        if self.is_dirty():
            answer = QMessageBox.question(
                self,
                self.windowTitle(),
                "Discard the changes to this occurrence?",
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()

    def _sent(self, meeting: Meeting) -> None:
        self.accept()
        self.saved.emit(meeting)

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(self.before is not None)
        self._say(describe(exc).text, error=True)

    def _say(self, text: str, *, error: bool) -> None:
        self.problem.setText(text)
        self.problem.setStyleSheet("QLabel { color: #c62828; }" if error else "")
        self.problem.setVisible(bool(text))
