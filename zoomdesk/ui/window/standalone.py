"""``zoomdesk --new-meeting`` with no zoomdesk running: the meeting dialog on its own.

It reads the settings and tokens on the runner, signs in first when needed
(the login dialog, alone), then opens the meeting dialog. Each next window
opens before the previous one closes, so Qt's usual rule (the application
ends when its last window closes) ends zoomdesk when the meeting dialog
closes, unless another start has asked for the main window meanwhile.

The dialog waits up to ``USER_WAIT_MS`` for the user's name (``/users/me``,
which also tells a dead session from a live one); past that it opens without
it, as a slow network must not leave the user looking at nothing. Without
usable Zoom app settings there is nothing to sign in to: ``windowNeeded``
asks for the main window, whose first-run page sets them up.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from zoomdesk.core.errors import AuthRequired
from zoomdesk.core.user import User
from zoomdesk.ui.single_instance import activate
from zoomdesk.ui.status import describe
from zoomdesk.ui.untrusted import plain_box

if TYPE_CHECKING:
    from zoomdesk.core.account import Account
    from zoomdesk.ui.meeting.dialog import MeetingDialog
    from zoomdesk.ui.session import Backend, Startup
    from zoomdesk.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

#: How long the dialog waits for the user's name before it opens without it.
USER_WAIT_MS = 1500


class StandaloneMeeting(QObject):
    """The meeting dialog without the main window (see the module docstring)."""

    #: The settings are missing or unusable: only the main window can help.
    windowNeeded = Signal()
    #: The meeting dialog is on screen (the argument).
    dialogShown = Signal(object)

    def __init__(self, backend: Backend, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.backend = backend
        self.runner = runner
        self.account: Account | None = None
        self.dialog: MeetingDialog | None = None
        self.login: QDialog | None = None
        self.done = False  # the meeting dialog was opened and has closed

    def start(self) -> None:
        self.runner.run(self.backend.load, self._loaded, self._failed, "load settings")

    def raise_(self, token: str = "") -> None:
        """Bring whichever of its dialogs is open to the front."""
        shown = self.login or self.dialog
        if shown is not None:
            activate(shown, token)

    @property
    def active(self) -> bool:
        """Still on its way to, or showing, the meeting dialog."""
        return not self.done

    def _loaded(self, startup: Startup) -> None:
        if startup.account is None:
            log.info("no usable settings; the main window takes the new meeting")
            self.done = True
            self.windowNeeded.emit()
            return
        self.account = startup.account
        if startup.signed_in:
            self._fetch_user()
        else:
            self._sign_in(None)

    def _fetch_user(self) -> None:
        account = self.account
        assert account is not None

        def got(user: User) -> None:
            self._open(user.display_name)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, AuthRequired) and self.dialog is None:
                self._sign_in(None)  # the session ended while zoomdesk was not running
            else:
                self._open("")  # the dialog reports its own problems when it sends

        self.runner.run(lambda: User.from_zoom_json(account.client.me()), got, failed, "users/me")
        QTimer.singleShot(USER_WAIT_MS, self, self._open_without_name)

    def _open_without_name(self) -> None:
        if self.login is None:  # not while signing in: the dialog follows that
            self._open("")

    def _sign_in(self, over: QWidget | None) -> None:
        # QtWebEngine comes with the login dialog: imported only when it is needed.
        from zoomdesk.ui.login.dialog import LoginDialog

        assert self.account is not None
        login = LoginDialog(self.account, self.runner, over)
        login.signedIn.connect(self._signed_in)
        login.finished.connect(lambda _result: self._login_closed(login))
        login.finished.connect(login.deleteLater)
        self.login = login
        login.open()
        activate(login)

    def _login_closed(self, login: QDialog) -> None:
        if self.login is login:
            self.login = None
        if self.dialog is None:
            self.done = True  # signing in was cancelled; Qt quits with the last window

    def _signed_in(self, user: User | None) -> None:
        name = user.display_name if user else ""
        if self.dialog is None:
            self._open(name)  # before the login dialog closes, so a window stays open
        else:
            assert self.account is not None
            self.dialog.signed_in_again(self.account, name)

    def _open(self, user_name: str) -> None:
        if self.dialog is not None or self.done or self.account is None:
            return
        from zoomdesk.ui.meeting.dialog import MeetingDialog

        dialog = MeetingDialog(self.account, self.runner, user_name=user_name)
        dialog.signInRequested.connect(lambda: self._sign_in(dialog))
        dialog.finished.connect(self._closed)
        self.dialog = dialog
        dialog.show()
        activate(dialog)
        log.info("opened the meeting dialog on its own")
        self.dialogShown.emit(dialog)

    def _closed(self, _result: int) -> None:
        self.done = True
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None

    def _failed(self, exc: BaseException) -> None:
        """The settings could not be read at all: say why in a box; closing it ends the app."""
        self.done = True
        box = plain_box(QMessageBox())
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("New meeting")
        box.setText(f"zoomdesk could not start: {describe(exc).text}")
        box.finished.connect(box.deleteLater)
        box.show()
        self._box = box


__all__ = ["USER_WAIT_MS", "StandaloneMeeting"]
