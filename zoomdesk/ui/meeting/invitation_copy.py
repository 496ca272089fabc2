"""*Copy invitation*: Zoom's own text (``core.invitation.fetch_invitation``) on a worker.

Zoom's ``/meetings/{id}/invitation`` is asked first; when Zoom refuses it
(an app without the invitation scope), the core writes zoomdesk's own text
and logs why. Should Zoom not answer at all, zoomdesk's text from the meeting
at hand is copied instead, and the message says so: the user still gets an
invitation to paste. Without a client (a view shown with no account) the text
is zoomdesk's own, at once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication

from zoomdesk.core import wallclock
from zoomdesk.core.invitation import Invitation, fetch_invitation
from zoomdesk.core.meeting import Meeting
from zoomdesk.ui.status import describe
from zoomdesk.ui.tasks import Task, TaskRunner

log = logging.getLogger(__name__)

OWN_TEXT = " (zoomdesk's own text: Zoom did not send its invitation)"


class InvitationCopier(QObject):
    """Copies a meeting's invitation; ``message`` says what was copied, ``busy`` while asking."""

    message = Signal(str)
    busy = Signal(bool)

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._task: Task | None = None
        self._local, self._done, self._id = "", "", 0  # of the copy under way
        #: The account's client now (it may change with a new sign-in); None: no Zoom call.
        self.client: Callable[[], Any] | None = None

    def copy(self, meeting: Meeting, viewer_tz: str, host_name: str, done: str) -> None:
        """Copy the invitation to ``meeting``; ``done`` is the message once it is copied."""
        if self._task is not None:
            return
        local = meeting.invitation(viewer_tz, host_name=host_name or None)
        if self.client is None:
            self._copied(local, done)
            return
        client, meeting_id = self.client(), meeting.id
        tz = wallclock.zone(viewer_tz) or ZoneInfo("UTC")
        self._local, self._done, self._id = local, done, meeting_id

        def fetch() -> Invitation:
            return fetch_invitation(client, meeting_id, host_name=host_name or None, viewer_tz=tz)

        self.busy.emit(True)
        # Bound methods: should this object go first, Qt drops the answer with it.
        self._task = self._runner.run(fetch, self._got, self._failed, "meeting invitation")

    def _got(self, invitation: Invitation) -> None:
        self._finish()
        self._copied(invitation.text, self._done + ("" if invitation.from_zoom else OWN_TEXT))

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        log.warning("invitation of meeting %s: %s; copied zoomdesk's own text", self._id,
                    type(exc).__name__)  # fmt: skip
        self._copied(self._local, f"{self._done} (zoomdesk's own text: {describe(exc).text})")

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._finish()

    def _finish(self) -> None:
        self._task = None
        self.busy.emit(False)

    def _copied(self, text: str, note: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self.message.emit(note)
