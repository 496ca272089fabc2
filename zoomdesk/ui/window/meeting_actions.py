"""What the signed-in window does with meetings: list, create, copy, join, show, edit, delete.

Anything that needs Zoom goes through the TaskRunner. The list only holds what
``GET /users/me/meetings`` returns (no passcode, no occurrences), so the
details, *Duplicate*, editing and deleting a recurring meeting first fetch the
whole meeting; the invitation is Zoom's own (``core.invitation``). ``bind``
ties it to a session; answers for an earlier one are dropped.

A meeting dialog whose session ended reports it through ``fail`` (the window
signs out), and its *Sign in…* becomes ``signInRequested``: the window runs its
own sign-in over the dialog and, once signed in, hands the dialog the account.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from zoomdesk.core import wallclock
from zoomdesk.core.invitation import Invitation, fetch_invitation
from zoomdesk.core.meeting import Meeting, MeetingType, Occurrence
from zoomdesk.ui.epoch import Epoch
from zoomdesk.ui.placement import keep_placed, keep_title_whole
from zoomdesk.ui.session import fetch_upcoming
from zoomdesk.ui.status import Kind, StatusBar, describe
from zoomdesk.ui.tasks import TaskRunner
from zoomdesk.ui.untrusted import may_open, open_link, plain_box
from zoomdesk.ui.window import host_start
from zoomdesk.ui.window import list_model as mm
from zoomdesk.ui.window import menus as wm
from zoomdesk.ui.window.meeting_list import MeetingList
from zoomdesk.ui.window.occurrences import find, next_occurrence, occurrence_start
from zoomdesk.ui.window.pending_delete import PendingDeletes

if TYPE_CHECKING:
    from zoomdesk.core.account import Account
    from zoomdesk.ui.meeting.calendar_file import CalendarFile

log = logging.getLogger(__name__)

#: (exception, retry or None): the window's one error handler.
FailFn = Callable[[BaseException, Callable[[], None] | None], None]


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
        meetings.listTypeChanged.connect(lambda _type: self.refresh())  # Upcoming | Previous
        # A delete waits for Undo (see pending_delete); meanwhile the list leaves it out.
        self.pending = PendingDeletes(window, runner, status, fail)
        self.pending.changed.connect(self._show_without_pending)
        self.pending.sent.connect(lambda _: self.refresh())
        self._handlers: dict[str, Callable[[Meeting], None]] = {
            wm.COPY_LINK: self.copy_link,
            wm.JOIN: self.join,
            wm.DETAILS: lambda m: self._with_full(m, self._show_details, "Opening the meeting…"),
            wm.COPY_INVITATION: self._copy_invitation,
            wm.DUPLICATE: lambda m: self._with_full(m, self._duplicate, "Opening the meeting…"),
            wm.EDIT: lambda m: self._with_full(
                m, self._open_meeting_dialog, "Opening the meeting…"
            ),
            wm.DELETE: self.delete,
            wm.START: self.start,
            wm.ADD_TO_CALENDAR: lambda m: self._with_full(
                m, lambda full: self._calendar().add(full), "Getting the meeting…"
            ),
            wm.SAVE_ICS: lambda m: self._with_full(
                m, lambda full: self._calendar().save(full), "Getting the meeting…"
            ),
        }
        self._calendar_file: CalendarFile | None = None

    def bind(self, account: Account | None, user_name: str = "", viewer_tz: str = "UTC") -> None:
        """Act for ``account`` from now on; results of calls for the previous one are dropped."""
        self.pending.send_now()  # a delete held back belongs to the account it was asked in
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

        listed = meetings.list_type
        self.epoch.run(lambda: fetch_upcoming(account, listed), self._show, "list meetings", failed)

    def _show(self, meetings: list[Meeting]) -> None:
        self._refreshing = False
        if self._refresh_again:
            self._refresh_again = False
            self.refresh()
            return
        meetings = [m for m in meetings if not self.pending.hides(m)]
        self.meetings.show_meetings(meetings, self.viewer_tz)
        self.shown.emit(len(meetings))

    def _show_without_pending(self) -> None:
        """A delete was held back (its meeting leaves the list) or undone or failed (back)."""
        if self.pending.pending is None:
            self.refresh()  # what Zoom has, undeleted meeting included
            return
        shown = [m for m in self.meetings.model.meetings if not self.pending.hides(m)]
        self.meetings.show_meetings(shown, self.viewer_tz)
        self.shown.emit(len(shown))

    def new_meeting(self) -> None:
        self._open_meeting_dialog(None)

    # -- no Zoom call needed ------------------------------------------------------------

    def _select(self, meeting: Meeting) -> None:
        """Make ``meeting``'s row the current one: a row's own Join or Copy link acts on it,
        and the menus and the keyboard then go on from there."""
        model = self.meetings.model
        row = next((r for r, m in enumerate(model.meetings) if m.id == meeting.id), None)
        if row is not None and (index := self.meetings.view_index(row)).isValid():
            self.meetings.view.setCurrentIndex(index)

    def copy_link(self, meeting: Meeting) -> None:
        self._select(meeting)
        QGuiApplication.clipboard().setText(meeting.join_url)
        self.status.show_note(f"Copied the link of “{meeting.topic}”.")

    def join(self, meeting: Meeting) -> None:
        self._select(meeting)
        url = meeting.join_url
        if not open_link(url):
            if url and not may_open(url):
                # Shown as text, never opened: a file: or script link from the network.
                self.status.show_note(
                    f"Not opened: the link of “{meeting.topic}” is not an https link: {url}"
                )
            else:
                self.status.show_note(f"Could not open “{meeting.topic}”; copy its link instead.")
            return
        self.status.show_note(f"Opening “{meeting.topic}” in Zoom…")

    # -- through Zoom -------------------------------------------------------------------

    def start(self, meeting: Meeting) -> None:
        """Open the meeting's ``start_url``, fetched now (see ``host_start``)."""
        account = self._account()
        self.status.show_progress("Getting the start link…")
        self._run(
            lambda: host_start.fetch_start_url(account, meeting.id),
            lambda url: self.status.show_note(host_start.open_start_url(meeting.topic, url)),
            "get meeting",
            retry=lambda: self.start(meeting),
        )

    def _calendar(self) -> CalendarFile:
        if self._calendar_file is None:
            from zoomdesk.ui.meeting.calendar_file import CalendarFile  # not needed at start-up

            self._calendar_file = CalendarFile(self.runner, self.window)
            self._calendar_file.message.connect(self.status.show_note)
        return self._calendar_file

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
            (f"{mm.format_moment(when)}. " if when else "") + "You can undo it for a few seconds."
        )
        choices: dict[Any, str | None] = {}
        occurrence = (
            next_occurrence(meeting) if meeting.type == MeetingType.RECURRING_FIXED_TIME else None
        )
        if occurrence is not None:
            day = self._occurrence_start(occurrence)
            box.setInformativeText(
                f"It is a recurring meeting; the next occurrence is {day}. Delete just that "
                "one, or all occurrences? You can undo it for a few seconds."
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
        """Held back with *Undo* for a few seconds, then sent (``PendingDeletes``)."""
        if occurrence_id is None:
            note = f"Deleted “{meeting.topic}”."
        else:
            # Which one, spelled as the question spelled it.
            found = find(meeting, occurrence_id)
            when = f" on {self._occurrence_start(found)}" if found else ""
            note = f"Deleted the occurrence of “{meeting.topic}”{when}."
        self.pending.hold(self._account(), meeting, occurrence_id, note)

    def _occurrence_start(self, occurrence: Occurrence) -> str:
        """``Mon 14 Jan 2030, 09:00`` in the viewer's zone."""
        return occurrence_start(occurrence, self.viewer_tz)

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
        dialog.view.invitation.client = lambda: self._account().client  # Zoom's own text
        dialog.editOccurrenceRequested.connect(self._edit_occurrence)
        dialog.deleteRequested.connect(
            lambda m, o: self._delete(m, o.occurrence_id if o is not None else None)
        )
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _edit_occurrence(self, meeting: Meeting, occurrence: Occurrence) -> None:
        """*Edit this occurrence…*: only what one occurrence may change (``occurrence_edit``)."""
        from zoomdesk.ui.window.occurrence_edit import OccurrenceDialog  # not needed at start-up

        dialog = OccurrenceDialog(
            self._account(), self.runner, meeting, occurrence, self.viewer_tz, self.window
        )
        day = self._occurrence_start(occurrence)

        def saved(series: Meeting) -> None:
            self.status.show_note(f"Saved the occurrence of “{series.topic}” on {day}.")
            self.refresh()

        dialog.saved.connect(saved)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _copy_invitation(self, meeting: Meeting) -> None:
        """Zoom's own invitation text, or zoomdesk's when Zoom refuses it (``core.invitation``)."""
        account, host = self._account(), self.user_name or None
        zone = wallclock.zone(self.viewer_tz)

        def fetch() -> Invitation:
            return fetch_invitation(account.client, meeting.id, host_name=host, viewer_tz=zone)

        def copied(invitation: Invitation) -> None:
            QGuiApplication.clipboard().setText(invitation.text)
            own = "" if invitation.from_zoom else " (zoomdesk's own text: Zoom sent none)"
            self.status.show_note(f"Copied the invitation to “{meeting.topic}”.{own}")

        self.status.show_progress("Getting the invitation…")
        self._run(fetch, copied, "meeting invitation", retry=lambda: self._copy_invitation(meeting))

    def _duplicate(self, meeting: Meeting) -> None:
        """*Duplicate…*: a new meeting dialog filled from ``meeting``, at a new time."""
        from zoomdesk.ui.meeting.starting import duplicate_of  # not needed at start-up

        try:
            self._open_meeting_dialog(None, start_from=duplicate_of(meeting))
        except ValueError as exc:  # a meeting type zoomdesk does not edit
            self.status.show_note(f"{exc}.")

    def _open_meeting_dialog(self, existing: Meeting | None, **start: Any) -> None:
        """New meeting (``existing=None``; ``start_from=`` a draft) or edit; a save refreshes."""
        from zoomdesk.ui.meeting.dialog import MeetingDialog  # not needed at start-up

        dialog = MeetingDialog(
            self._account(), self.runner, user_name=self.user_name, existing=existing,
            parent=self.window, **start,
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
