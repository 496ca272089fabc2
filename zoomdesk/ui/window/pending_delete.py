"""Deletes wait a few seconds with *Undo* in the status bar before Zoom is sent them.

Zoom has no way back from ``DELETE /meetings/{id}``, and a meeting made again
would have a new ID, link and passcode that every invitee's calendar lacks. So
*Undo* must come before Zoom hears of the delete: the meeting only leaves the
list, and the request is sent when the time runs out, when another delete
begins, when the account changes, when the window closes or the app quits
(the app waits for its worker threads before it exits), and before signing
out, with the session it needs (``before``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QPushButton, QWidget

from zoomdesk.core.errors import AuthRequired
from zoomdesk.ui.guard import guarded
from zoomdesk.ui.status import StatusBar
from zoomdesk.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from zoomdesk.core.account import Account
    from zoomdesk.core.meeting import Meeting

log = logging.getLogger(__name__)

#: How long *Undo* is offered, in milliseconds (GNOME's toasts stay about this long).
UNDO_MS = 8000

#: (exception, retry or None): the window's one error handler.
FailFn = Callable[[BaseException, Callable[[], None] | None], None]


@dataclass
class Pending:
    """A delete the user asked for that Zoom has not been sent yet."""

    account: Account
    meeting: Meeting
    occurrence_id: str | None  # None: the whole meeting (every occurrence of a series)
    note: str  # what the status bar says about it


def _application() -> Any:
    """The application whose ``aboutToQuit`` sends what is held (a seam for tests)."""
    return QCoreApplication.instance()


class PendingDeletes(QObject):
    """Holds one delete back for ``UNDO_MS``; ``changed`` when what the list hides changes."""

    #: A delete was held back, undone, or failed: the list shows what ``hides`` allows.
    changed = Signal()
    #: Zoom has deleted it; carries the ``Pending``.
    sent = Signal(object)

    def __init__(
        self, window: QWidget, runner: TaskRunner, status: StatusBar, fail: FailFn
    ) -> None:
        super().__init__(window)
        self.runner = runner
        self.status = status
        self.fail = fail
        self.pending: Pending | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.send_now)
        # Alt+D: Alt+U is the list's *Upcoming* tab, on screen at the same time.
        self.undo_button = QPushButton("Un&do", status)
        # Ctrl+Z too, as everywhere (a button's own shortcut would replace its Alt+D).
        undo_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), window)
        undo_key.activated.connect(self.undo)
        self.undo_button.setToolTip("Undo the delete (Ctrl+Z)")
        self.undo_button.setObjectName("undoDelete")
        self.undo_button.hide()
        status.addPermanentWidget(self.undo_button)
        self.undo_button.clicked.connect(self.undo)
        window.installEventFilter(self)  # closing the window sends what is held
        # Quit from the tray closes no hidden window: quitting sends it too.
        app = _application()
        if app is not None:
            app.aboutToQuit.connect(self.send_now)

    def hold(
        self, account: Account, meeting: Meeting, occurrence_id: str | None, note: str
    ) -> None:
        """Hold this delete back for ``UNDO_MS`` (an earlier one held back is sent now)."""
        self.send_now()
        self.pending = Pending(account, meeting, occurrence_id, note)
        self.status.show_progress(note)  # stays as long as Undo does
        self.undo_button.setAccessibleName(f"Undo: {note}")
        self.undo_button.show()
        self.timer.start(UNDO_MS)
        self.changed.emit()

    def hides(self, meeting: Meeting) -> bool:
        """Whether the list leaves ``meeting`` out: its whole delete is held back."""
        held = self.pending
        return held is not None and held.occurrence_id is None and held.meeting.id == meeting.id

    def undo(self) -> None:
        held = self._take()
        if held is None:
            return
        self.status.show_note(f"Kept “{held.meeting.topic}”: nothing was deleted.")
        self.changed.emit()

    def send_now(self) -> None:
        """Send the held delete, if any, to Zoom (on the runner)."""
        showing = self.pending is not None and self.status.text == self.pending.note
        held = self._take()
        if held is None:
            return
        if showing:
            self.status.show_progress("Deleting…")
        meeting, occurrence_id = held.meeting, held.occurrence_id
        client = held.account.client

        def done(_: object) -> None:
            if self.status.text in ("Deleting…", ""):
                self.status.show_note(held.note)  # now it is true at Zoom too
            self.sent.emit(held)

        def failed(exc: BaseException) -> None:
            log.info("delete of meeting failed: %s", type(exc).__name__)
            self.changed.emit()  # back in the list: it was not deleted
            self.fail(exc, lambda: self._again(held))

        self.runner.run(
            lambda: client.delete_meeting(meeting.id, occurrence_id), done, failed, "delete meeting"
        )

    def before(self, work: Callable[[], Any]) -> Callable[[], Any]:
        """``work`` (which ends the session: signing out) preceded by the held delete.

        For a worker thread. The delete needs the session, so it goes first; if
        Zoom refuses it, the error is raised and ``work`` is not done: the user
        stays signed in, is told why, and the meeting is not silently kept. A
        session that has already ended cannot delete anything, and must not keep
        the user from signing out: then only the log says so.
        """
        held = self._take()
        if held is None:
            return work
        client, meeting_id, occurrence = held.account.client, held.meeting.id, held.occurrence_id

        def delete_then_work() -> Any:
            try:
                client.delete_meeting(meeting_id, occurrence)
            except AuthRequired:  # no session left to delete with: signing out still must work
                log.warning("a held delete was not sent: the Zoom session had ended")
            return work()

        return delete_then_work

    def _again(self, held: Pending) -> None:
        self.pending = held
        self.send_now()

    def _take(self) -> Pending | None:
        held, self.pending = self.pending, None
        self.timer.stop()
        self.undo_button.hide()
        return held

    @guarded(False)
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            self.send_now()
        return False
