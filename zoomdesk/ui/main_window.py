"""The main window: picks its page from the settings and the session, and runs the flows.

States: ``loading`` → ``first_run`` (no usable Zoom app settings) | ``signed_out`` |
``signed_in``. Every read of settings or tokens and every Zoom call goes through
the TaskRunner; results that arrive after the state moved on are dropped (an
``Epoch``), so a slow answer for a session that was signed out never lands in
the next one. QtWebEngine is imported only when *Sign in* opens
the login dialog.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QMessageBox, QStackedWidget, QVBoxLayout, QWidget

from zoomdesk.ui.epoch import Epoch
from zoomdesk.ui.first_run import FirstRunPage
from zoomdesk.ui.meeting_actions import MeetingActions
from zoomdesk.ui.pages import LoadingPage, SandboxBanner, SignedInPage, SignedOutPage, display_name
from zoomdesk.ui.session import Backend, SandboxBackend, Startup
from zoomdesk.ui.settings_dialog import SettingsDialog
from zoomdesk.ui.status import Kind, StatusBar, describe
from zoomdesk.ui.style import STYLE_SHEET
from zoomdesk.ui.tasks import TaskRunner
from zoomdesk.ui.window_menus import Handlers, WindowMenus

if TYPE_CHECKING:
    from zoomdesk.core.account import Account

log = logging.getLogger(__name__)

LOADING, FIRST_RUN, SIGNED_OUT, SIGNED_IN = "loading", "first_run", "signed_out", "signed_in"


class MainWindow(QMainWindow):
    """zoomdesk's window. ``backend`` says which Zoom (the user's app or the sandbox)."""

    stateChanged = Signal(str)
    #: The meeting list was (re)filled from Zoom; carries the number of meetings.
    meetingsShown = Signal(int)
    #: ``/users/me`` arrived and is on screen.
    userShown = Signal(object)

    def __init__(
        self,
        backend: Backend | None = None,
        runner: TaskRunner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.backend = backend or Backend()
        self.runner = runner or TaskRunner(self)
        self.state = LOADING
        self.startup: Startup | None = None
        self.account: Account | None = None
        self.user: dict[str, Any] | None = None
        # Advanced on every state change: answers for the previous state are dropped.
        self.epoch = Epoch(self.runner, self.fail)

        self.setStyleSheet(STYLE_SHEET)
        self.resize(900, 640)
        self.setMinimumSize(640, 480)
        self.status = StatusBar(self)
        self.setStatusBar(self.status)
        self.runner.busyChanged.connect(self.status.set_busy)

        self.loading_page = LoadingPage(self)
        self.first_run_page = FirstRunPage(self)
        self.signed_out_page = SignedOutPage(self)
        self.signed_in_page = SignedInPage(self)
        self.pages = {
            LOADING: self.loading_page,
            FIRST_RUN: self.first_run_page,
            SIGNED_OUT: self.signed_out_page,
            SIGNED_IN: self.signed_in_page,
        }
        self.stack = QStackedWidget(self)
        for page in self.pages.values():
            self.stack.addWidget(page)
        self.banner = SandboxBanner(self)
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.meeting_actions = MeetingActions(
            self, self.signed_in_page.meetings, self.runner, self.status, self.fail
        )
        self.meeting_actions.shown.connect(self._meetings_shown)
        handlers = Handlers(
            self.new_meeting, self.refresh, self.sign_in, self.sign_out, self.open_settings,
            self.close, self._on_meeting_action,
        )  # fmt: skip
        self.menus = WindowMenus(self, handlers, self.signed_in_page.meetings)
        self._connect_pages()
        self.reload()

    def _connect_pages(self) -> None:
        self.first_run_page.saveRequested.connect(self.save_first_run)
        self.first_run_page.sandboxRequested.connect(self.start_sandbox)
        self.signed_out_page.signInRequested.connect(self.sign_in)
        self.signed_out_page.settingsRequested.connect(self.open_settings)
        page = self.signed_in_page
        page.new_button.clicked.connect(self.new_meeting)
        page.refresh_button.clicked.connect(self.refresh)
        page.settings_button.clicked.connect(self.open_settings)
        page.sign_out_button.clicked.connect(self.sign_out)
        page.meetings.actionRequested.connect(self.meeting_actions.handle)
        page.meetings.newMeetingRequested.connect(self.new_meeting)
        page.meetings.retryRequested.connect(self.refresh)
        page.meetings.view.selectionModel().currentChanged.connect(self._sync_menus)

    # -- state ------------------------------------------------------------------------------

    def _set_state(self, state: str) -> None:
        self.epoch.advance()
        self.state = state
        self.stack.setCurrentWidget(self.pages[state])
        self.setWindowTitle("Sandbox" if self.backend.sandbox else "")
        self.banner.setVisible(self.backend.sandbox)
        if state != SIGNED_IN:
            self.meeting_actions.bind(None)
        self._sync_menus()
        focus = {
            FIRST_RUN: self.first_run_page.form.edit("client_id"),
            SIGNED_OUT: self.signed_out_page.sign_in_button,
            SIGNED_IN: self.signed_in_page.meetings.view,
        }.get(state)
        if focus is not None:
            focus.setFocus()
        self.stateChanged.emit(state)

    def _sync_menus(self, *_: Any) -> None:
        self.menus.sync(
            signed_in=self.state == SIGNED_IN,
            signed_out=self.state == SIGNED_OUT,
            has_meeting=self.signed_in_page.meetings.current_meeting() is not None,
        )

    def fail(self, exc: BaseException, retry: Callable[[], None] | None = None) -> None:
        """The one place a failed background call is shown to the user."""
        problem = describe(exc)
        if problem.kind is Kind.AUTH and self.state == SIGNED_IN:
            self.enter_signed_out(problem.text, error=True)
            return
        self.status.show_problem(problem, retry if problem.retryable else None)

    # -- loading and the first run ----------------------------------------------------------

    def reload(self) -> None:
        """Read settings and token presence again (on the runner) and show the right page."""
        self._set_state(LOADING)
        backend = self.backend

        def load() -> Startup:
            from zoomdesk.ui.app import start_logging

            start_logging()
            return backend.load()

        self.epoch.run(load, self._loaded, "load settings", self._load_failed)

    def _loaded(self, startup: Startup) -> None:
        self.startup = startup
        self.account = startup.account
        self.signed_in_page.set_viewer_tz(startup.viewer_tz)
        if startup.account is None:
            self.first_run_page.set_values(startup.values, startup.problem)
            self.first_run_page.set_busy(False)
            self.first_run_page.form.set_env_overrides(startup.env_overrides)
            self._set_state(FIRST_RUN)
        elif startup.signed_in:
            self.enter_signed_in(None)
        else:
            self.enter_signed_out()

    def _load_failed(self, exc: BaseException) -> None:
        problem = describe(exc)
        if self.backend.sandbox:
            # The sandbox could not start: back to the first-run page, saying why.
            self.backend = Backend()
            self.first_run_page.set_values({}, f"The sandbox did not start: {problem.text}")
            self._set_state(FIRST_RUN)
            return
        self.status.show_problem(problem, self.reload)

    def save_first_run(self, values: dict[str, str]) -> None:
        self.first_run_page.set_busy(True)
        self.status.show_progress("Saving the settings…")
        backend = self.backend

        def failed(exc: BaseException) -> None:
            self.first_run_page.set_busy(False)
            self.fail(exc)

        self.epoch.run(
            lambda: backend.save_settings(values), lambda _: self.reload(), "save", failed
        )

    def start_sandbox(self) -> None:
        """Switch this window to an in-process sandbox (it stops with ``shutdown``)."""
        self.backend.shutdown()
        self.backend = SandboxBackend()
        self.status.show_progress("Starting the sandbox…")
        self.reload()

    # -- signing in and out -----------------------------------------------------------------

    def enter_signed_out(self, message: str = "", *, error: bool = False) -> None:
        self.user = None
        self.signed_in_page.meetings.show_loading()
        self.signed_out_page.set_message(message, error=error)
        self.signed_out_page.set_sandbox(self.backend.sandbox)
        self._set_state(SIGNED_OUT)
        if not error:
            self.status.clear_message()

    def enter_signed_in(self, user: Mapping[str, Any] | None) -> None:
        """Show the signed-in page; fetch ``/users/me`` unless the login dialog gave it."""
        self._set_state(SIGNED_IN)
        self.status.clear_message()
        account = self._require_account()
        self.meeting_actions.bind(account, "", self.startup.viewer_tz if self.startup else "UTC")
        if user is None:
            self.signed_in_page.set_user(None)
            retry = lambda: self.enter_signed_in(self.user)  # noqa: E731
            self.epoch.run(
                account.client.me, self._show_user, "users/me", lambda e: self.fail(e, retry)
            )
        else:
            self._show_user(user)
        self.refresh()

    def _show_user(self, user: Mapping[str, Any]) -> None:
        self.user = dict(user)
        self.signed_in_page.set_user(user)
        self.meeting_actions.user_name = display_name(user)
        self.userShown.emit(self.user)

    def sign_in(self) -> None:
        if self.state != SIGNED_OUT or self.account is None:
            return
        # The only import of QtWebEngine (through the login module): here, on demand.
        from zoomdesk.ui.login import LoginDialog

        dialog = LoginDialog(self.account, self.runner, self)
        dialog.signedIn.connect(self._signed_in)
        dialog.finished.connect(dialog.deleteLater)
        self.login_dialog = dialog
        dialog.open()

    def _signed_in(self, user: Mapping[str, Any]) -> None:
        self.enter_signed_in(user)
        self.status.show_note(f"Signed in as {display_name(user)}.")

    def sign_out(self) -> None:
        if self.state != SIGNED_IN:
            return
        answer = QMessageBox.question(
            self,
            "Sign out",
            "Sign out of Zoom?\n\nzoomdesk forgets your session; your meetings stay in Zoom.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._sign_out_then(lambda: self.enter_signed_out("You are signed out."))

    def _sign_out_then(self, then: Callable[[], None]) -> None:
        account = self._require_account()
        self.status.show_progress("Signing out…")
        self.epoch.run(account.sign_out, lambda _: then(), "sign out")

    # -- meetings ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the upcoming meetings (F5)."""
        self.meeting_actions.refresh()

    def new_meeting(self) -> None:
        if self.state == SIGNED_IN:
            self.meeting_actions.new_meeting()

    def _meetings_shown(self, count: int) -> None:
        self._sync_menus()
        self.meetingsShown.emit(count)

    def _on_meeting_action(self, name: str) -> None:
        meeting = self.signed_in_page.meetings.current_meeting()
        if meeting is not None:
            self.meeting_actions.handle(name, meeting)

    # -- settings and the end ---------------------------------------------------------------

    def open_settings(self) -> None:
        if self.state not in (SIGNED_OUT, SIGNED_IN) or self.startup is None:
            return
        backend = self.backend
        dialog = SettingsDialog(
            self.runner,
            self.startup.values,
            None if backend.sandbox else backend.save_settings,
            signed_in=self.state == SIGNED_IN,
            env_overrides=self.startup.env_overrides,
            parent=self,
        )
        dialog.saved.connect(self._settings_saved)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _settings_saved(self, _values: dict[str, str], sign_out: bool) -> None:
        if sign_out and self.state == SIGNED_IN:
            # Revoke with the old app's settings (still in self.account), then reload.
            self._sign_out_then(self.reload)
        else:
            self.reload()

    def _require_account(self) -> Account:
        if self.account is None:
            raise RuntimeError("no account in this state")
        return self.account

    def closeEvent(self, event: QCloseEvent) -> None:
        self.epoch.advance()  # nothing may land in a closed window
        super().closeEvent(event)

    def shutdown(self) -> None:
        """After the event loop: stop the sandbox, if one runs (blocking, so not in a slot)."""
        self.backend.shutdown()
