"""The main window: picks its page from the settings and the session, and runs the flows.

States: ``loading`` → ``first_run`` (no usable Zoom app settings) | ``signed_out`` |
``signed_in``. Every read of settings or tokens and every Zoom call goes through
the TaskRunner; results that arrive after the state moved on are dropped (an
``Epoch``), so a slow answer for a session that was signed out never lands in
the next one. QtWebEngine is loaded only in the signed-out state: on a
background thread once that page shows (``login_preload``), and when *Sign in*
opens the login dialog.

Start-up is kept short: the window first shows only its frame, menus and a
loading page; each other page (and the modules behind it) is built the first
time it is needed, and the settings are read once the window is on screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QPaintEvent, QShowEvent
from PySide6.QtWidgets import QMainWindow, QWidget

from zoomdesk.core.user import User
from zoomdesk.ui.epoch import Epoch
from zoomdesk.ui.guard import guarded
from zoomdesk.ui.placement import Placed, size_and_place
from zoomdesk.ui.session import Backend, Startup
from zoomdesk.ui.status import Kind, StatusBar, describe, show_signed_in, show_startup_news
from zoomdesk.ui.style import STYLE_SHEET
from zoomdesk.ui.tasks import TaskRunner
from zoomdesk.ui.window.menus import Handlers, WindowMenus
from zoomdesk.ui.window.page_stack import FIRST_RUN, LOADING, SIGNED_IN, SIGNED_OUT, WindowPages
from zoomdesk.ui.window.questions import confirm_sign_out
from zoomdesk.ui.window.sandbox_switch import SandboxSwitch

if TYPE_CHECKING:
    from zoomdesk.core.account import Account
    from zoomdesk.ui.meeting.dialog import MeetingDialog
    from zoomdesk.ui.window.meeting_actions import MeetingActions
    from zoomdesk.ui.window.pages import SignedInPage

#: How long after being shown the window loads even if it has not painted yet.
FIRST_LOAD_FALLBACK_MS = 250


class MainWindow(Placed, QMainWindow):
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
        self.user: User | None = None
        # Advanced on every state change: answers for the previous state are dropped.
        self.epoch = Epoch(self.runner, self.fail)

        self.setStyleSheet(STYLE_SHEET)
        size_and_place(self, QSize(900, 640), QSize(640, 480))
        self.status = StatusBar(self)
        self.setStatusBar(self.status)
        self.runner.busyChanged.connect(self.status.set_busy)

        self.pages = WindowPages(self)
        self.pages.built.connect(self._wire_page)
        self.sandbox_switch = SandboxSwitch(self)  # in and out of the sandbox
        self._actions: MeetingActions | None = None
        self.loading_page = self.pages.loading
        self.setCentralWidget(self.pages.widget)

        handlers = Handlers(
            self.new_meeting, self.refresh, self.sign_in, self.sign_out, self.open_settings,
            self.close, self._on_meeting_action,
        )  # fmt: skip
        self.menus = WindowMenus(self, handlers)
        self._set_state(LOADING)
        self._started = False

    @guarded(None)
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._started:  # a window shown but not painted (minimized, say) still loads
            QTimer.singleShot(FIRST_LOAD_FALLBACK_MS, self.start)

    @guarded(None)
    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._started:
            # Load once the window has painted: its first paint never waits for (or
            # shares the interpreter with) reading the settings and importing the core.
            QTimer.singleShot(0, self.start)

    def start(self) -> None:
        if not self._started:
            self._started = True
            self.reload()

    # -- pages (built on first use by WindowPages) ----------------------------------------

    def _wire_page(self, state: str) -> None:
        """Connect a page ``self.pages`` has just built to this window."""
        if state == FIRST_RUN:
            first_run = self.pages.first_run
            first_run.saveRequested.connect(self.save_first_run)
            first_run.sandboxRequested.connect(self.start_sandbox)
        elif state == SIGNED_OUT:
            signed_out = self.pages.signed_out
            signed_out.signInRequested.connect(self.sign_in)
            signed_out.settingsRequested.connect(self.open_settings)
        elif state == SIGNED_IN:
            self._wire_signed_in(self.pages.signed_in)

    def _wire_signed_in(self, page: SignedInPage) -> None:
        from zoomdesk.ui.window.meeting_actions import MeetingActions  # not needed at start-up

        actions = self._actions = MeetingActions(
            self, page.meetings, self.runner, self.status, self.fail
        )
        actions.shown.connect(self.meetings_shown)
        actions.signInRequested.connect(self.sign_in_over)
        page.new_button.clicked.connect(self.new_meeting)
        page.refresh_button.clicked.connect(self.refresh)
        page.settings_button.clicked.connect(self.open_settings)
        page.sign_out_button.clicked.connect(self.sign_out)
        page.meetings.newMeetingRequested.connect(self.new_meeting)
        page.meetings.retryRequested.connect(self.refresh)
        page.meetings.view.selectionModel().currentChanged.connect(self.sync_menus)
        self.menus.scope_delete_to(page.meetings)

    @property
    def meeting_actions(self) -> MeetingActions:
        """What the signed-in page does with meetings (built with that page)."""
        self.pages.signed_in  # noqa: B018 - builds the page, and so its actions
        assert self._actions is not None
        return self._actions

    # -- state ------------------------------------------------------------------------------

    def _set_state(self, state: str) -> None:
        self.epoch.advance()
        self.state = state
        self.pages.show(state, sandbox=self.backend.sandbox)
        self.setWindowTitle("Sandbox" if self.backend.sandbox else "")
        if state != SIGNED_IN and self.pages.exists(SIGNED_IN):
            self.meeting_actions.bind(None)
        self.sync_menus()
        self.stateChanged.emit(state)

    def sync_menus(self, *_: Any) -> None:
        meetings = self.pages.signed_in.meetings if self.pages.exists(SIGNED_IN) else None
        self.menus.sync(
            signed_in=self.state == SIGNED_IN,
            signed_out=self.state == SIGNED_OUT,
            has_meeting=meetings is not None and meetings.current_meeting() is not None,
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
        if startup.account is None:
            self.pages.first_run.set_values(startup.values, startup.problem)
            self.pages.first_run.set_busy(False)
            self.pages.first_run.form.set_overrides(startup.overrides)
            self._set_state(FIRST_RUN)
        elif startup.signed_in:  # then a damaged config.json, or where the session went
            self.enter_signed_in(None)
            show_startup_news(self.status, startup.problem, startup.account)
        else:
            self.enter_signed_out(startup.problem, error=bool(startup.problem))
            show_startup_news(self.status, "", startup.account)

    def _load_failed(self, exc: BaseException) -> None:
        problem = describe(exc)
        if self.backend.sandbox:
            self.sandbox_switch.failed(problem.text)
        else:
            self.status.show_problem(problem, self.reload)

    def save_first_run(self, values: dict[str, str]) -> None:
        self.pages.first_run.set_busy(True)
        self.status.show_progress("Saving the settings…")
        backend = self.backend

        def failed(exc: BaseException) -> None:
            self.pages.first_run.set_busy(False)
            self.fail(exc)

        self.epoch.run(
            lambda: backend.save_settings(values), lambda _: self.reload(), "save", failed
        )

    def start_sandbox(self) -> None:
        """Switch this window to an in-process sandbox (it stops with ``shutdown``)."""
        self.sandbox_switch.start()

    # -- signing in and out -----------------------------------------------------------------

    def enter_signed_out(self, message: str = "", *, error: bool = False) -> None:
        self.user = None
        if self.pages.exists(SIGNED_IN):
            self.pages.signed_in.meetings.show_loading()  # no old list after the next sign-in
        self.pages.signed_out.set_message(message, error=error)
        self.pages.signed_out.set_sandbox(self.backend.sandbox)
        self._set_state(SIGNED_OUT)
        if not error:
            self.status.clear_message()
        # Sign in is the likely next step: load the login dialog's modules
        # (QtWebEngine) on a background thread once this page is up, so the
        # click does not pay for the import. Never done for a signed-in window.
        QTimer.singleShot(0, self._preload_login)

    def _preload_login(self) -> None:
        if self.state == SIGNED_OUT:
            from zoomdesk.ui.login import preload as login_preload

            login_preload.start()

    def enter_signed_in(self, user: User | None) -> None:
        """Show the signed-in page; fetch the user's profile unless the login dialog gave it."""
        self._set_state(SIGNED_IN)
        self.status.clear_message()
        account = self._require_account()
        tz = self.startup.viewer_tz if self.startup else "UTC"
        self.pages.signed_in.set_viewer_tz(tz)
        self.meeting_actions.bind(account, "", tz)
        if user is None:
            self.pages.signed_in.set_user(None)
            self.epoch.run(
                lambda: User.from_zoom_json(account.client.me()),
                self._show_user,
                "users/me",
                lambda e: self.fail(e, lambda: self.enter_signed_in(self.user)),
            )
        else:
            self._show_user(user)
        self.refresh()

    def _show_user(self, user: User) -> None:
        self.user = user
        self.pages.signed_in.set_user(user)
        self.meeting_actions.user_name = user.display_name
        self.userShown.emit(self.user)

    def sign_in(self) -> None:
        self._open_login(self)

    def _open_login(
        self, parent: QWidget, then: Callable[[User | None], None] | None = None
    ) -> None:
        """The login dialog over ``parent``; once signed in, this window shows the
        session, then ``then(user)`` runs."""
        if self.state != SIGNED_OUT or self.account is None:
            return
        # The only import of QtWebEngine (through the login module): here, on demand.
        from zoomdesk.ui.login.dialog import LoginDialog

        dialog = LoginDialog(self.account, self.runner, parent)
        dialog.signedIn.connect(self._signed_in)
        if then is not None:
            dialog.signedIn.connect(then)
        dialog.finished.connect(dialog.deleteLater)
        self.login_dialog = dialog
        # Starting the web engine took this turn; showing the dialog takes the next.
        QTimer.singleShot(0, dialog, dialog.open)

    def sign_in_over(self, meeting_dialog: MeetingDialog) -> None:
        """*Sign in…* in a meeting dialog whose session ended (this window is signed out
        by then): the same sign-in, over that dialog; it then carries on as the account."""

        def carry_on(user: User | None) -> None:
            name = user.display_name if user else ""
            meeting_dialog.signed_in_again(self._require_account(), name)

        if self.state == SIGNED_IN and self.user is not None:
            carry_on(self.user)  # signed in again already (the dialog's news is stale)
        else:
            self._open_login(meeting_dialog, carry_on)

    def _signed_in(self, user: User | None) -> None:
        # None: signed in, but Zoom did not send the profile; enter_signed_in asks again.
        self.enter_signed_in(user)
        show_signed_in(self.status, user.display_name if user else "", self.account)

    def sign_out(self) -> None:
        if self.state != SIGNED_IN:
            return
        if confirm_sign_out(self):
            self._sign_out_then(lambda: self.enter_signed_out("You are signed out."))

    def _sign_out_then(self, then: Callable[[], None]) -> None:
        account = self._require_account()
        self.status.show_progress("Signing out…")
        work = self.meeting_actions.pending.before(account.sign_out)
        self.epoch.run(work, lambda _: then(), "sign out", self._sign_out_failed)

    def _sign_out_failed(self, exc: BaseException) -> None:
        self.meeting_actions.refresh()  # a delete Zoom refused shows its meeting again
        self.fail(exc)

    # -- meetings ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the upcoming meetings (F5)."""
        self.meeting_actions.refresh()

    def new_meeting(self) -> None:
        if self.state == SIGNED_IN:
            self.meeting_actions.new_meeting()

    def meetings_shown(self, count: int) -> None:
        self.sync_menus()
        self.meetingsShown.emit(count)

    def _on_meeting_action(self, name: str) -> None:
        meeting = self.pages.signed_in.meetings.current_meeting()
        if meeting is not None:
            self.meeting_actions.handle(name, meeting)

    # -- settings and the end ---------------------------------------------------------------

    def open_settings(self) -> None:
        if self.state not in (SIGNED_OUT, SIGNED_IN) or self.startup is None:
            return
        from zoomdesk.ui.window.settings_dialog import open_settings

        signed_in = self.state == SIGNED_IN
        dialog = open_settings(self, self.runner, self.backend, self.startup, signed_in=signed_in)
        dialog.saved.connect(self._settings_saved)

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

    @guarded(None)
    def closeEvent(self, event: QCloseEvent) -> None:
        self.epoch.advance()  # nothing may land in a closed window
        super().closeEvent(event)

    def shutdown(self) -> None:
        """After the event loop: stop the sandbox, if one runs (blocking, so not in a slot)."""
        self.backend.shutdown()
