"""The windows of the running zoomdesk, and what another start asks of them.

``AppInstance`` owns the main window (built on first need) and the meeting
dialog on its own (``standalone``), and carries out a request handed over by
another start (``ui/single_instance.py``) or by this start's own arguments:

* ``raise``: the main window, shown, un-minimised and focused (built if only the
  dialog on its own was open).
* ``new-meeting``: with the main window open, its meeting dialog, once the
  window is signed in (signing in first when it is signed out; an open
  question or dialog comes to the front instead); with none, the meeting
  dialog on its own. A second request while that dialog is open raises it.

Once the main window starts loading, ``desktop.Desktop`` adds the tray,
close-to-tray and reminders around it; ``--minimized`` builds the window
hidden and has it load all the same.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from zoomdesk.ui.single_instance import NEW_MEETING, RAISE, activate
from zoomdesk.ui.tasks import TaskRunner
from zoomdesk.ui.window import main_window as mw
from zoomdesk.ui.window.page_stack import SIGNED_IN, SIGNED_OUT

if TYPE_CHECKING:
    from zoomdesk.ui.session import Backend
    from zoomdesk.ui.window.desktop import Desktop
    from zoomdesk.ui.window.main_window import MainWindow
    from zoomdesk.ui.window.standalone import StandaloneMeeting

log = logging.getLogger(__name__)

#: How long a new meeting waits for the signed-in user's name before it opens without it.
USER_WAIT_MS = 1500
#: How long quitting waits for background calls still running (they have timeouts).
SHUTDOWN_WAIT_MS = 3000


class AppInstance(QObject):
    """The running zoomdesk's windows (see the module docstring)."""

    def __init__(self, make_backend: Callable[[], Backend], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.make_backend = make_backend
        self._backend: Backend | None = None
        self.window: MainWindow | None = None
        self.standalone: StandaloneMeeting | None = None
        self._meeting_wanted = False  # a new meeting waits for the window to be signed in
        self._signing_in = False
        self._user_timer: QTimer | None = None
        self.desktop: Desktop | None = None

    def handle(self, request: str, token: str = "") -> None:
        """Carry out ``request`` (``single_instance.RAISE`` or ``NEW_MEETING``)."""
        if request == NEW_MEETING:
            self.new_meeting(token)
        elif request == RAISE:
            self.raise_window(token)

    @property
    def backend(self) -> Backend:
        """One backend for the window and the dialog on its own: with ``--sandbox``, one
        sandbox, so both see the same account."""
        if self._backend is None:
            self._backend = self.make_backend()
        return self._backend

    # -- the main window ----------------------------------------------------------------

    def open_window(self, *, show: bool = True) -> MainWindow:
        """The main window, built on first use; shown unless ``show`` is False."""
        if self.window is None:
            window = self.window = mw.MainWindow(self.backend)
            window.stateChanged.connect(self._settle)
            window.userShown.connect(self._settle)
            # Tray and reminders once the window loads (after its first paint, if shown).
            window.stateChanged.connect(self._start_desktop)
        if show:
            self.window.show()
        elif not self.window.isVisible():
            self.window.start()  # hidden in the tray (--minimized): it loads all the same
        return self.window

    def _start_desktop(self, *_: object) -> None:
        if self.desktop is None and self.window is not None:
            from zoomdesk.ui.window.desktop import Desktop  # not needed for the first paint

            self.desktop = Desktop(
                self.window, new_meeting=self.new_meeting, open_window=self.raise_window,
                parent=self,
            )  # fmt: skip

    def raise_window(self, token: str = "") -> None:
        window = self.open_window()
        activate(window, token)
        modal = QApplication.activeModalWidget()
        if modal is not None and modal is not window:
            activate(modal, token)  # a question or dialog over the window stays on top

    # -- a new meeting ------------------------------------------------------------------

    def new_meeting(self, token: str = "") -> None:
        if self.standalone is not None and self.standalone.active:
            self.standalone.raise_(token)
        elif self.window is None:
            self._start_standalone()
        else:
            self.raise_window(token)
            if QApplication.activeModalWidget() is None:
                self._meeting_wanted = True
                QTimer.singleShot(0, self, self._settle)

    def _start_standalone(self) -> None:
        from zoomdesk.ui.window.standalone import StandaloneMeeting

        # Owned by the application, as a runner destroyed right after its last task
        # (while that task's deferred deletes are queued) crashes PySide6.
        runner = TaskRunner(QApplication.instance())
        standalone = self.standalone = StandaloneMeeting(self.backend, runner, self)
        standalone.windowNeeded.connect(self._meeting_in_window)
        standalone.start()

    def _meeting_in_window(self) -> None:
        self.open_window()
        self._meeting_wanted = True
        QTimer.singleShot(0, self, self._settle)

    def _settle(self, *_: object) -> None:
        """Take the wanted meeting one step on, as far as the window's state allows."""
        window = self.window
        if not self._meeting_wanted or window is None:
            return
        if window.state == SIGNED_IN:
            if window.user is None and self._user_timer is None:
                # Wait a little for the name (the topic is "Ada's Zoom meeting"), not forever.
                self._user_timer = QTimer(self)
                self._user_timer.setSingleShot(True)
                self._user_timer.timeout.connect(self._open_meeting)
                self._user_timer.start(USER_WAIT_MS)
            elif window.user is not None:
                self._open_meeting()
        elif window.state == SIGNED_OUT and not self._signing_in:
            self._signing_in = True
            window.sign_in()
            login = getattr(window, "login_dialog", None)
            if login is not None:
                login.finished.connect(self._sign_in_closed)
        # loading, or the first-run page: the next state change comes back here

    def _sign_in_closed(self, _result: int) -> None:
        self._signing_in = False
        if self.window is not None and self.window.state != SIGNED_IN:
            self._meeting_wanted = False  # the user chose not to sign in

    def _open_meeting(self) -> None:
        if self._user_timer is not None:
            self._user_timer.stop()
            self._user_timer.deleteLater()
            self._user_timer = None
        window = self.window
        if not self._meeting_wanted or window is None or window.state != SIGNED_IN:
            return
        self._meeting_wanted = False
        window.new_meeting()
        log.info("opened the meeting dialog in the window")

    # -- the end ------------------------------------------------------------------------

    def shutdown(self) -> None:
        """After the event loop: wait for background calls, stop what the backends hold."""
        if self.desktop is not None:
            self.desktop.shutdown()
        if self.window is not None:
            self.window.runner.wait_for_done(SHUTDOWN_WAIT_MS)
            self.window.shutdown()
        if self.standalone is not None:
            self.standalone.runner.wait_for_done(SHUTDOWN_WAIT_MS)
        if self._backend is not None:
            self._backend.shutdown()  # the window may have moved on to another one


__all__ = ["AppInstance"]
