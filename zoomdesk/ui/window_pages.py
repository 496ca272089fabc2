"""The main window's pages in one stack, each built (and wired to the window) on first use.

Only the loading page exists when the window first paints; the first-run,
signed-out and signed-in pages, and the modules behind them, are created the
first time the window needs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from zoomdesk.ui.pages import LoadingPage

if TYPE_CHECKING:
    from zoomdesk.ui.first_run import FirstRunPage
    from zoomdesk.ui.main_window import MainWindow
    from zoomdesk.ui.meeting_actions import MeetingActions
    from zoomdesk.ui.pages import SandboxBanner, SignedInPage, SignedOutPage

LOADING, FIRST_RUN, SIGNED_OUT, SIGNED_IN = "loading", "first_run", "signed_out", "signed_in"


class WindowPages:
    """``widget`` (the window's central widget) holds the sandbox banner and the page stack.

    ``first_run``, ``signed_out`` and ``signed_in`` are built on first access.
    """

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.widget = QWidget(window)
        self.stack = QStackedWidget(self.widget)
        self.loading = LoadingPage(window)
        self.stack.addWidget(self.loading)
        self.banner: SandboxBanner | None = None  # built when the sandbox is first used
        self._column = QVBoxLayout(self.widget)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(0)
        self._column.addWidget(self.stack, 1)
        self._first_run: FirstRunPage | None = None
        self._signed_out: SignedOutPage | None = None
        self._signed_in: SignedInPage | None = None
        self._actions: MeetingActions | None = None

    def show(self, state: str, *, sandbox: bool) -> None:
        """Bring the page of ``state`` to the front (building it) and focus its main control."""
        page: QWidget = self.loading
        focus: QWidget | None = None
        if state == FIRST_RUN:
            page, focus = self.first_run, self.first_run.form.edit("client_id")
        elif state == SIGNED_OUT:
            page, focus = self.signed_out, self.signed_out.sign_in_button
        elif state == SIGNED_IN:
            page, focus = self.signed_in, self.signed_in.meetings.view
        self.stack.setCurrentWidget(page)
        if sandbox and self.banner is None:
            from zoomdesk.ui.pages import SandboxBanner

            self.banner = SandboxBanner(self.widget)
            self._column.insertWidget(0, self.banner)
        if self.banner is not None:
            self.banner.setVisible(sandbox)
        if focus is not None:
            focus.setFocus()

    def built(self, state: str) -> bool:
        """Whether the page of ``state`` exists yet (without building it)."""
        page = {FIRST_RUN: self._first_run, SIGNED_OUT: self._signed_out}.get(state)
        return (self._signed_in if state == SIGNED_IN else page) is not None

    @property
    def first_run(self) -> FirstRunPage:
        if self._first_run is None:
            from zoomdesk.ui.first_run import FirstRunPage

            page = self._first_run = FirstRunPage(self.window)
            page.saveRequested.connect(self.window.save_first_run)
            page.sandboxRequested.connect(self.window.start_sandbox)
            self.stack.addWidget(page)
        return self._first_run

    @property
    def signed_out(self) -> SignedOutPage:
        if self._signed_out is None:
            from zoomdesk.ui.pages import SignedOutPage

            page = self._signed_out = SignedOutPage(self.window)
            page.signInRequested.connect(self.window.sign_in)
            page.settingsRequested.connect(self.window.open_settings)
            self.stack.addWidget(page)
        return self._signed_out

    @property
    def signed_in(self) -> SignedInPage:
        if self._signed_in is None:
            from zoomdesk.ui.meeting_actions import MeetingActions
            from zoomdesk.ui.pages import SignedInPage

            w = self.window
            page = self._signed_in = SignedInPage(w)
            actions = self._actions = MeetingActions(w, page.meetings, w.runner, w.status, w.fail)
            actions.shown.connect(w.meetings_shown)
            actions.signInRequested.connect(w.sign_in_over)
            page.new_button.clicked.connect(w.new_meeting)
            page.refresh_button.clicked.connect(w.refresh)
            page.settings_button.clicked.connect(w.open_settings)
            page.sign_out_button.clicked.connect(w.sign_out)
            page.meetings.actionRequested.connect(actions.handle)
            page.meetings.newMeetingRequested.connect(w.new_meeting)
            page.meetings.retryRequested.connect(w.refresh)
            page.meetings.view.selectionModel().currentChanged.connect(w.sync_menus)
            w.menus.scope_delete_to(page.meetings)
            self.stack.addWidget(page)
        return self._signed_in

    @property
    def meeting_actions(self) -> MeetingActions:
        """What the signed-in page does with meetings (built with that page)."""
        self.signed_in  # noqa: B018 - builds the page and its actions
        assert self._actions is not None
        return self._actions
