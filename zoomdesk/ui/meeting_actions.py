"""What the main window does with one meeting: copy, join, details, edit, delete, export.

Anything that needs Zoom or the disk goes through the TaskRunner. The list only
holds what ``GET /users/me/meetings`` returns (no passcode, no occurrences), so
the details, the invitation, editing and deleting a recurring meeting first
fetch the whole meeting.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, QStandardPaths, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from zoomdesk.ui import meeting_list as ml
from zoomdesk.ui.meeting_details import EXPORT_ICS, MeetingDetailsDialog
from zoomdesk.ui.status import StatusBar
from zoomdesk.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from zoomdesk.core.account import Account
    from zoomdesk.core.meeting import Meeting, Occurrence

log = logging.getLogger(__name__)

#: (exception, retry or None): the window's one error handler.
FailFn = Callable[[BaseException, Callable[[], None] | None], None]


def next_occurrence(meeting: Meeting, now: datetime | None = None) -> Occurrence | None:
    """The first occurrence that is not over and not deleted (the one "this occurrence" means)."""
    now = now or datetime.now(UTC)
    for occ in sorted(meeting.occurrences, key=lambda o: o.start):
        if occ.status != "deleted" and occ.start.timestamp() + occ.duration * 60 >= now.timestamp():
            return occ
    return None


def ics_filename(meeting: Meeting) -> str:
    slug = re.sub(r"[^\w-]+", "-", meeting.topic, flags=re.UNICODE).strip("-")[:60]
    return f"{slug or 'meeting'}.ics"


class MeetingActions(QObject):
    """Carries out ``MeetingList.actionRequested``; ``changed`` asks for a refresh."""

    changed = Signal()

    def __init__(
        self, window: QWidget, runner: TaskRunner, status: StatusBar, fail: FailFn
    ) -> None:
        super().__init__(window)
        self.window = window
        self.runner = runner
        self.status = status
        self.fail = fail
        self.account: Account | None = None
        self.user_name = ""
        self.viewer_tz = "UTC"
        self._generation = 0
        self._handlers: dict[str, Callable[[Meeting], None]] = {
            ml.COPY_LINK: self.copy_link,
            ml.JOIN: self.join,
            ml.DETAILS: lambda m: self._with_full(m, self._show_details, "Opening the meeting…"),
            ml.COPY_INVITATION: lambda m: self._with_full(
                m, self._copy_invitation, "Getting the invitation…"
            ),
            ml.EDIT: lambda m: self._with_full(m, self._edit, "Opening the meeting…"),
            ml.DELETE: self.delete,
            EXPORT_ICS: self.export_ics,
        }

    def bind(self, account: Account | None, user_name: str = "", viewer_tz: str = "UTC") -> None:
        """Act for ``account`` from now on; results of calls for the previous one are dropped."""
        self._generation += 1
        self.account = account
        self.user_name = user_name
        self.viewer_tz = viewer_tz

    def handle(self, action: str, meeting: Meeting) -> None:
        self._handlers[action](meeting)

    # -- no Zoom call needed ------------------------------------------------------------

    def copy_link(self, meeting: Meeting) -> None:
        QGuiApplication.clipboard().setText(meeting.join_url)
        self.status.show_note(f"Copied the link of “{meeting.topic}”.")

    def join(self, meeting: Meeting) -> None:
        if not meeting.join_url or not QDesktopServices.openUrl(QUrl(meeting.join_url)):
            self.status.show_note("Could not open the join link; copy it instead.")
            return
        self.status.show_note(f"Opening “{meeting.topic}” in Zoom…")

    def export_ics(self, meeting: Meeting) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name, _filter = QFileDialog.getSaveFileName(
            self.window,
            "Save to calendar",
            str(Path(folder) / ics_filename(meeting)),
            "Calendar files (*.ics)",
        )
        if not name:
            return
        target = Path(name)

        def write() -> None:
            from zoomdesk.core.ical import meeting_to_ics

            # The text already has the CRLF line ends RFC 5545 wants: no newline translation.
            target.write_bytes(meeting_to_ics(meeting).encode("utf-8"))

        self._run(write, lambda _: self.status.show_note(f"Saved {target.name}."), "save .ics")

    # -- through Zoom -------------------------------------------------------------------

    def delete(self, meeting: Meeting) -> None:
        if meeting.type == 8 and not meeting.occurrences:
            self._with_full(meeting, self._confirm_delete, "Looking up the occurrences…")
        else:
            self._confirm_delete(meeting)

    def _confirm_delete(self, meeting: Meeting) -> None:
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Delete meeting")
        box.setText(f"Delete “{meeting.topic}”?")
        when = meeting.local_start(self.viewer_tz)
        box.setInformativeText(
            (f"{ml.format_moment(when)}. " if when else "") + "This can't be undone."
        )
        choices: dict[Any, str | None] = {}
        occurrence = next_occurrence(meeting) if meeting.type == 8 else None
        if occurrence is not None:
            day = ml.format_moment(occurrence.start.astimezone(ZoneInfo(self.viewer_tz)))
            box.setInformativeText(
                f"It is a recurring meeting; the next occurrence is {day}. Delete just that "
                "one, or all occurrences? This can't be undone."
            )
            one = box.addButton("Delete &this occurrence", QMessageBox.ButtonRole.DestructiveRole)
            choices[one] = occurrence.occurrence_id
        label = "Delete &all occurrences" if ml.is_recurring(meeting) else "&Delete"
        choices[box.addButton(label, QMessageBox.ButtonRole.DestructiveRole)] = None
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        if clicked not in choices:
            return
        self._delete(meeting, choices[clicked])

    def _delete(self, meeting: Meeting, occurrence_id: str | None) -> None:
        account = self._account()

        def done(_: object) -> None:
            what = "The occurrence" if occurrence_id else f"“{meeting.topic}”"
            self.status.show_note(f"{what} was deleted.")
            self.changed.emit()

        self.status.show_progress("Deleting…")
        self._run(
            lambda: account.client.delete_meeting(meeting.id, occurrence_id),
            done,
            "delete meeting",
            retry=lambda: self._delete(meeting, occurrence_id),
        )

    def _with_full(self, meeting: Meeting, then: Callable[[Meeting], None], progress: str) -> None:
        """Fetch the whole meeting (``GET /meetings/{id}``), then call ``then`` with it."""
        account = self._account()

        def fetch() -> Meeting:
            from zoomdesk.core.meeting import Meeting

            return Meeting.from_zoom_json(account.client.get_meeting(meeting.id))

        def got(full: Meeting) -> None:
            self.status.clear_message()
            then(full)

        self.status.show_progress(progress)
        self._run(fetch, got, "get meeting", retry=lambda: self._with_full(meeting, then, progress))

    def _show_details(self, meeting: Meeting) -> None:
        dialog = MeetingDetailsDialog(meeting, self.viewer_tz, self.user_name, self.window)
        dialog.actionRequested.connect(
            lambda action, m: (
                self.handle(action, m) if action != ml.COPY_INVITATION else self._copy_invitation(m)
            )
        )
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _copy_invitation(self, meeting: Meeting) -> None:
        QGuiApplication.clipboard().setText(meeting.invitation(self.viewer_tz, self.user_name))
        self.status.show_note(f"Copied the invitation to “{meeting.topic}”.")

    def _edit(self, meeting: Meeting) -> None:
        from zoomdesk.ui.meeting_dialog import MeetingDialog

        dialog = MeetingDialog(
            self._account(), self.runner, user_name=self.user_name, existing=meeting,
            parent=self.window,
        )  # fmt: skip
        dialog.saved.connect(lambda _m: self._saved())
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _saved(self) -> None:
        self.status.show_note("Saved.")
        self.changed.emit()

    # -- plumbing -----------------------------------------------------------------------

    def _account(self) -> Account:
        if self.account is None:
            raise RuntimeError("meeting actions need a signed-in account")
        return self.account

    def _run(
        self,
        fn: Callable[[], Any],
        ok: Callable[[Any], None],
        name: str,
        retry: Callable[[], None] | None = None,
    ) -> None:
        generation = self._generation

        def success(value: Any) -> None:
            if generation == self._generation:
                ok(value)

        def failure(exc: BaseException) -> None:
            if generation == self._generation:
                self.fail(exc, retry)

        self.runner.run(fn, success, failure, name)
