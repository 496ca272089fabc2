"""The main window: picks its page from the settings and the session, and runs the flows.

States: ``loading`` → ``first_run`` (no usable Zoom app settings) | ``signed_out`` |
``signed_in``. Every read of settings or tokens and every Zoom call goes through
the TaskRunner; results that arrive after the state moved on are dropped (the
``generation`` counter), so a slow answer for a session that was signed out
never lands in the next one. QtWebEngine is imported only when *Sign in* opens
the login dialog.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from zoomdesk import __version__
from zoomdesk.ui import meeting_list as ml
from zoomdesk.ui.meeting_actions import MeetingActions
from zoomdesk.ui.pages import (
    CREATE_APP_URL,
    FirstRunPage,
    LoadingPage,
    SignedInPage,
    SignedOutPage,
    display_name,
)
from zoomdesk.ui.session import Backend, SandboxBackend, Startup
from zoomdesk.ui.settings_dialog import SettingsDialog
from zoomdesk.ui.status import Kind, StatusBar, describe
from zoomdesk.ui.style import STYLE_SHEET
from zoomdesk.ui.tasks import Task, TaskRunner

if TYPE_CHECKING:
    from zoomdesk.core.account import Account
    from zoomdesk.core.meeting import Meeting

log = logging.getLogger(__name__)

LOADING, FIRST_RUN, SIGNED_OUT, SIGNED_IN = "loading", "first_run", "signed_out", "signed_in"


def fetch_upcoming(account: Account) -> list[Meeting]:
    """Blocking: the upcoming meetings as ``Meeting`` objects (items Zoom garbled are skipped)."""
    from zoomdesk.core.meeting import Meeting

    meetings = []
    for item in account.client.list_meetings(type="upcoming"):
        try:
            meetings.append(Meeting.from_zoom_json(item))
        except (ValueError, TypeError, KeyError) as exc:
            log.warning("skipping a meeting Zoom listed: %s", type(exc).__name__)
    return meetings


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
        self._generation = 0
        self._refresh_task: Task | None = None

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
        self.stack = QStackedWidget(self)
        for page in (
            self.loading_page,
            self.first_run_page,
            self.signed_out_page,
            self.signed_in_page,
        ):
            self.stack.addWidget(page)
        self.banner = self._sandbox_banner()
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.meeting_actions = MeetingActions(self, self.runner, self.status, self.fail)
        self.meeting_actions.changed.connect(self.refresh)
        self._build_actions()
        self._connect_pages()
        self._set_state(LOADING)
        self.reload()

    # -- construction -----------------------------------------------------------------------

    def _sandbox_banner(self) -> QFrame:
        banner = QFrame(self)
        banner.setObjectName("sandboxBanner")
        row = QHBoxLayout(banner)
        row.setContentsMargins(16, 6, 16, 6)
        text = QLabel(
            "<b>Sandbox</b> — a pretend Zoom running inside zoomdesk. Nothing reaches Zoom, "
            "and everything here is gone when you quit.",
            banner,
        )
        text.setWordWrap(True)
        row.addWidget(text)
        banner.setVisible(self.backend.sandbox)
        return banner

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action(
            "&New meeting…", self.new_meeting, QKeySequence.StandardKey.New
        )
        self.refresh_action = self._action(
            "&Refresh", self.refresh, QKeySequence.StandardKey.Refresh
        )
        self.sign_in_action = self._action("&Sign in with Zoom…", self.sign_in)
        self.sign_out_action = self._action("Sign &out…", self.sign_out)
        self.settings_action = self._action("Se&ttings…", self.open_settings, "Ctrl+,")
        quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit)
        file_menu = self.menuBar().addMenu("&File")
        for item in (self.new_action, self.refresh_action, None, self.sign_in_action,
                     self.sign_out_action, self.settings_action, None, quit_action):  # fmt: skip
            file_menu.addSeparator() if item is None else file_menu.addAction(item)

        self.meeting_menu = self.menuBar().addMenu("&Meeting")
        self.meeting_action_map: dict[str, QAction] = {}
        for name, text, shortcut in ml.ACTIONS:
            action = self._action(text, partial(self._on_meeting_action, name), shortcut)
            if name == ml.DELETE:
                # Delete means "delete the meeting" only in the list, never elsewhere.
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                self.signed_in_page.meetings.addAction(action)
            self.meeting_action_map[name] = action
            if name == ml.EDIT:
                self.meeting_menu.addSeparator()
            self.meeting_menu.addAction(action)

        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(
            self._action(
                "Creating a Zoom &OAuth app",
                lambda: QDesktopServices.openUrl(QUrl(CREATE_APP_URL)),
            )
        )
        help_menu.addAction(self._action("&About zoomdesk", self._about))

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
        page.meetings.view.selectionModel().currentChanged.connect(self._sync_actions)

    # -- state ------------------------------------------------------------------------------

    def _set_state(self, state: str) -> None:
        self._generation += 1  # drop results still on their way for the previous state
        self.state = state
        page = {
            LOADING: self.loading_page,
            FIRST_RUN: self.first_run_page,
            SIGNED_OUT: self.signed_out_page,
            SIGNED_IN: self.signed_in_page,
        }[state]
        self.stack.setCurrentWidget(page)
        self.setWindowTitle("Sandbox" if self.backend.sandbox else "")
        self.banner.setVisible(self.backend.sandbox)
        if state != SIGNED_IN:
            self.meeting_actions.bind(None)
            self._refresh_task = None
        self._sync_actions()
        focus = {
            FIRST_RUN: self.first_run_page.form.edit("client_id"),
            SIGNED_OUT: self.signed_out_page.sign_in_button,
            SIGNED_IN: self.signed_in_page.meetings.view,
        }.get(state)
        if focus is not None:
            focus.setFocus()
        self.stateChanged.emit(state)

    def _sync_actions(self, *_: Any) -> None:
        signed_in = self.state == SIGNED_IN
        self.new_action.setEnabled(signed_in)
        self.refresh_action.setEnabled(signed_in)
        self.sign_out_action.setEnabled(signed_in)
        self.sign_in_action.setEnabled(self.state == SIGNED_OUT)
        self.settings_action.setEnabled(self.state in (SIGNED_OUT, SIGNED_IN))
        has_meeting = signed_in and self.signed_in_page.meetings.current_meeting() is not None
        for action in self.meeting_action_map.values():
            action.setEnabled(has_meeting)
        self.meeting_menu.setEnabled(has_meeting)

    def _run(
        self,
        fn: Callable[[], Any],
        ok: Callable[[Any], None],
        name: str,
        retry: Callable[[], None] | None = None,
        failed: Callable[[BaseException], None] | None = None,
    ) -> Task:
        """Run ``fn`` on the runner; its outcome is dropped if the state changed meanwhile."""
        generation = self._generation

        def success(value: Any) -> None:
            if generation == self._generation:
                ok(value)

        def failure(exc: BaseException) -> None:
            if generation == self._generation:
                (failed or (lambda e: self.fail(e, retry)))(exc)

        return self.runner.run(fn, success, failure, name)

    def fail(self, exc: BaseException, retry: Callable[[], None] | None = None) -> None:
        """The one place a failed background call is shown to the user."""
        problem = describe(exc)
        if problem.kind is Kind.AUTH and self.state == SIGNED_IN:
            self.enter_signed_out(problem.text, error=True)
            return
        self.status.show_problem(problem, retry if problem.retryable else None)

    # -- loading ----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read settings and token presence again (on the runner) and show the right page."""
        self._set_state(LOADING)
        backend = self.backend

        def load() -> Startup:
            from zoomdesk.ui.app import start_logging

            start_logging()
            return backend.load()

        self._run(load, self._loaded, "load settings", failed=self._load_failed)

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
            # The sandbox could not start: fall back to the first-run page, say why.
            self.backend = Backend()
            self.first_run_page.set_values({}, f"The sandbox did not start: {problem.text}")
            self._set_state(FIRST_RUN)
            return
        self.status.show_problem(problem, self.reload)

    # -- first run --------------------------------------------------------------------------

    def save_first_run(self, values: dict[str, str]) -> None:
        self.first_run_page.set_busy(True)
        self.status.show_progress("Saving the settings…")
        backend = self.backend

        def failed(exc: BaseException) -> None:
            self.first_run_page.set_busy(False)
            self.fail(exc)

        self._run(
            lambda: backend.save_settings(values), lambda _: self.reload(), "save", None, failed
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
        self._set_state(SIGNED_IN)
        self.status.clear_message()
        tz = self.startup.viewer_tz if self.startup else "UTC"
        self.meeting_actions.bind(self.account, "", tz)
        if user is None:
            self.signed_in_page.set_user(None)
            account = self._require_account()
            self._run(account.client.me, self._show_user, "users/me", retry=self._retry_all)
        else:
            self._show_user(user)
        self.refresh()

    def _retry_all(self) -> None:
        self.enter_signed_in(self.user)

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
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._sign_out_then(lambda: self.enter_signed_out("You are signed out."))

    def _sign_out_then(self, then: Callable[[], None]) -> None:
        account = self._require_account()
        self.status.show_progress("Signing out…")
        self._run(account.sign_out, lambda _: then(), "sign out")

    # -- meetings ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the upcoming meetings (F5); the old list stays visible meanwhile."""
        if self.state != SIGNED_IN or self._refresh_task is not None:
            return
        if not self.signed_in_page.meetings.model.rowCount():
            self.signed_in_page.meetings.show_loading()
        account = self._require_account()

        def failed(exc: BaseException) -> None:
            self._refresh_task = None
            problem = describe(exc)
            meetings = self.signed_in_page.meetings
            if problem.kind is Kind.AUTH or meetings.model.rowCount():
                self.fail(exc, self.refresh)  # the old list stays; the status bar says why
            else:
                meetings.show_error(problem.text, problem.retryable)

        self._refresh_task = self._run(
            lambda: fetch_upcoming(account), self._show_meetings, "list meetings", failed=failed
        )

    def _show_meetings(self, meetings: list[Meeting]) -> None:
        self._refresh_task = None
        tz = self.startup.viewer_tz if self.startup else "UTC"
        self.signed_in_page.meetings.show_meetings(meetings, tz)
        self._sync_actions()
        self.meetingsShown.emit(len(meetings))

    def new_meeting(self) -> None:
        if self.state != SIGNED_IN:
            return
        from zoomdesk.ui.meeting_dialog import MeetingDialog

        dialog = MeetingDialog(
            self._require_account(), self.runner, user_name=self.meeting_actions.user_name,
            parent=self,
        )  # fmt: skip
        dialog.saved.connect(self._meeting_created)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _meeting_created(self, meeting: Meeting) -> None:
        self.status.show_note(f"Saved “{meeting.topic}”.")
        self.refresh()

    def _on_meeting_action(self, name: str) -> None:
        meeting = self.signed_in_page.meetings.current_meeting()
        if meeting is not None:
            self.meeting_actions.handle(name, meeting)

    # -- settings ---------------------------------------------------------------------------

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

    # -- misc -------------------------------------------------------------------------------

    def _require_account(self) -> Account:
        if self.account is None:
            raise RuntimeError("no account in this state")
        return self.account

    def _about(self) -> None:
        QMessageBox.about(
            self,
            "About zoomdesk",
            f"<b>zoomdesk {__version__}</b><p>Schedule Zoom meetings from your desktop.</p>",
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        self._generation += 1  # nothing may land in a closed window
        super().closeEvent(event)

    def shutdown(self) -> None:
        """After the event loop: stop the sandbox, if one runs (blocking, so not in a slot)."""
        self.backend.shutdown()
