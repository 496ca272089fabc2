"""What the signed-in window does with meetings: list, create, copy, join, show, edit, delete.

Anything that needs Zoom goes through the TaskRunner. The list only holds what
``GET /users/me/meetings`` returns (no passcode, no occurrences), so the
details, the invitation, editing and deleting a recurring meeting first fetch
the whole meeting. ``bind`` ties it to a session; answers for an earlier one
are dropped.

A meeting dialog whose session ended reports it through ``fail`` (the window
signs out), and its *Sign in…* becomes ``signInRequested``: the window runs its
own sign-in over the dialog and, once signed in, hands the dialog the account.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from zoomdesk.core.meeting import Meeting, MeetingType, Occurrence
from zoomdesk.ui.epoch import Epoch
from zoomdesk.ui.placement import keep_placed, keep_title_whole
from zoomdesk.ui.session import fetch_upcoming
from zoomdesk.ui.status import Kind, StatusBar, describe
from zoomdesk.ui.tasks import TaskRunner
from zoomdesk.ui.untrusted import may_open, open_link, plain_box
from zoomdesk.ui.window import list_model as mm
from zoomdesk.ui.window import menus as wm
from zoomdesk.ui.window.meeting_list import MeetingList

if TYPE_CHECKING:
    from zoomdesk.core.account import Account

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


class MeetingActions(QObject):
    """Fills ``meetings`` (the list) and carries out its ``actionRequested``."""

    #: The list was (re)filled from Zoom; carries the number of meetings.
    shown = Signal(int)
    #: A meeting dialog (the argument) asks to sign in again over it.
    signInRequested = Signal(object)

    def __init__(
        self,
        window: QWidget,
        meetings: MeetingList,
        runner: TaskRunner,
        status: StatusBar,
        fail: FailFn,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.meetings = meetings
        self.runner = runner
        self.status = status
        self.fail = fail
        self.account: Account | None = None
        self.user_name = ""
        self.viewer_tz = "UTC"
        self.epoch = Epoch(runner, lambda exc: fail(exc, None))
        self._refreshing = False
        self._refresh_again = False  # asked while a reload ran: its answer may be stale
        meetings.actionRequested.connect(self.handle)
        self._handlers: dict[str, Callable[[Meeting], None]] = {
            wm.COPY_LINK: self.copy_link,
            wm.JOIN: self.join,
            wm.DETAILS: lambda m: self._with_full(m, self._show_details, "Opening the meeting…"),
            wm.COPY_INVITATION: lambda m: self._with_full(
                m, self._copy_invitation, "Getting the invitation…"
            ),
            wm.EDIT: lambda m: self._with_full(
                m, self._open_meeting_dialog, "Opening the meeting…"
            ),
            wm.DELETE: self.delete,
        }

    def bind(self, account: Account | None, user_name: str = "", viewer_tz: str = "UTC") -> None:
        """Act for ``account`` from now on; results of calls for the previous one are dropped."""
        self.epoch.advance()
        self._refreshing = self._refresh_again = False  # its answer will be dropped
        self.account = account
        self.user_name = user_name
        self.viewer_tz = viewer_tz

    def handle(self, action: str, meeting: Meeting) -> None:
        self._handlers[action](meeting)

    # -- the list and new meetings ------------------------------------------------------

    def refresh(self) -> None:
        """Reload the upcoming meetings (F5); the old list stays visible meanwhile."""
        if self.account is None:
            return
        if self._refreshing:
            self._refresh_again = True  # e.g. a meeting saved while the list was loading
            return
        self._refreshing = True
        meetings = self.meetings
        if not meetings.model.rowCount():
            meetings.show_loading()
        account = self.account

        def failed(exc: BaseException) -> None:
            self._refreshing = self._refresh_again = False
            problem = describe(exc)
            if problem.kind is Kind.AUTH or meetings.model.rowCount():
                self.fail(exc, self.refresh)  # the old list stays; the status bar says why
            else:
                meetings.show_error(problem.text, problem.retryable)

        self.epoch.run(lambda: fetch_upcoming(account), self._show, "list meetings", failed)

    def _show(self, meetings: list[Meeting]) -> None:
        self._refreshing = False
        if self._refresh_again:
            self._refresh_again = False
            self.refresh()
            return
        self.meetings.show_meetings(meetings, self.viewer_tz)
        self.shown.emit(len(meetings))

    def new_meeting(self) -> None:
        self._open_meeting_dialog(None)

    # -- no Zoom call needed ------------------------------------------------------------

    def copy_link(self, meeting: Meeting) -> None:
        QGuiApplication.clipboard().setText(meeting.join_url)
        self.status.show_note(f"Copied the link of “{meeting.topic}”.")

    def join(self, meeting: Meeting) -> None:
        url = meeting.join_url
        if not open_link(url):
            if url and not may_open(url):
                # Shown as text, never opened: a file: or script link from the network.
                self.status.show_note(f"Not opened, as it is not an https link: {url}")
            else:
                self.status.show_note("Could not open the join link; copy it instead.")
            return
        self.status.show_note(f"Opening “{meeting.topic}” in Zoom…")

    # -- through Zoom -------------------------------------------------------------------

    def delete(self, meeting: Meeting) -> None:
        if meeting.type == MeetingType.RECURRING_FIXED_TIME and not meeting.occurrences:
            self._with_full(meeting, self._confirm_delete, "Looking up the occurrences…")
        else:
            self._confirm_delete(meeting)

    def _confirm_delete(self, meeting: Meeting) -> None:
        box = plain_box(QMessageBox(self.window))  # a topic like <a href=file:…> stays text
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Delete meeting")
        box.setText(f"Delete “{meeting.topic}”?")
        when = meeting.local_start(self.viewer_tz)
        box.setInformativeText(
            (f"{mm.format_moment(when)}. " if when else "") + "This can't be undone."
        )
        choices: dict[Any, str | None] = {}
        occurrence = (
            next_occurrence(meeting) if meeting.type == MeetingType.RECURRING_FIXED_TIME else None
        )
        if occurrence is not None:
            day = self._occurrence_start(occurrence)
            box.setInformativeText(
                f"It is a recurring meeting; the next occurrence is {day}. Delete just that "
                "one, or all occurrences? This can't be undone."
            )
            one = box.addButton("Delete &this occurrence", QMessageBox.ButtonRole.DestructiveRole)
            choices[one] = occurrence.occurrence_id
        label = "Delete &all occurrences" if mm.is_recurring(meeting) else "&Delete"
        choices[box.addButton(label, QMessageBox.ButtonRole.DestructiveRole)] = None
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        keep_title_whole(box)
        keep_placed(box)
        box.exec()
        clicked = box.clickedButton()
        if clicked not in choices:
            return
        self._delete(meeting, choices[clicked])

    def _delete(self, meeting: Meeting, occurrence_id: str | None) -> None:
        account = self._account()

        def done(_: object) -> None:
            if occurrence_id is None:
                self.status.show_note(f"Deleted “{meeting.topic}”.")
            else:
                # Which one, spelled as the question spelled it.
                found = [o for o in meeting.occurrences if o.occurrence_id == occurrence_id]
                when = f" on {self._occurrence_start(found[0])}" if found else ""
                self.status.show_note(f"Deleted the occurrence of “{meeting.topic}”{when}.")
            self.refresh()

        self.status.show_progress("Deleting…")
        self._run(
            lambda: account.client.delete_meeting(meeting.id, occurrence_id),
            done,
            "delete meeting",
            retry=lambda: self._delete(meeting, occurrence_id),
        )

    def _occurrence_start(self, occurrence: Occurrence) -> str:
        """``Mon 14 Jan 2030, 09:00`` in the viewer's zone."""
        return mm.format_moment(occurrence.start.astimezone(ZoneInfo(self.viewer_tz)))

    def _with_full(self, meeting: Meeting, then: Callable[[Meeting], None], progress: str) -> None:
        """Fetch the whole meeting (``GET /meetings/{id}``), then call ``then`` with it."""
        account = self._account()

        def fetch() -> Meeting:
            return Meeting.from_zoom_json(account.client.get_meeting(meeting.id))

        def got(full: Meeting) -> None:
            self.status.clear_message()
            then(full)

        self.status.show_progress(progress)
        self._run(fetch, got, "get meeting", retry=lambda: self._with_full(meeting, then, progress))

    def _show_details(self, meeting: Meeting) -> None:
        from zoomdesk.ui.window.meeting_details import (
            MeetingDetailsDialog,  # not needed at start-up
        )

        dialog = MeetingDetailsDialog(
            meeting, self.viewer_tz, self.runner, self.user_name, self.window
        )
        dialog.editRequested.connect(self._open_meeting_dialog)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _copy_invitation(self, meeting: Meeting) -> None:
        QGuiApplication.clipboard().setText(meeting.invitation(self.viewer_tz, self.user_name))
        self.status.show_note(f"Copied the invitation to “{meeting.topic}”.")

    def _open_meeting_dialog(self, existing: Meeting | None) -> None:
        """New meeting (``existing=None``) or edit; a save refreshes the list."""
        from zoomdesk.ui.meeting.dialog import MeetingDialog  # not needed at start-up

        dialog = MeetingDialog(
            self._account(), self.runner, user_name=self.user_name, existing=existing,
            parent=self.window,
        )  # fmt: skip
        dialog.saved.connect(self._saved)
        dialog.sessionEnded.connect(lambda exc: self.fail(exc, None))
        dialog.signInRequested.connect(lambda: self.signInRequested.emit(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _saved(self, meeting: Meeting) -> None:
        self.status.show_note(f"Saved “{meeting.topic}”.")
        self.refresh()

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
        self.epoch.run(fn, ok, name, lambda exc: self.fail(exc, retry))
