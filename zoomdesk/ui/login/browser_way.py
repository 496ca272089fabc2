"""The login dialog's browser way, as a mixin: start it, Copy link, Open again, the outcome.

Kept apart from ``dialog`` (which it is mixed into) so neither grows past a
screenful of concerns; nothing here imports QtWebEngine. A code that comes back
goes to the dialog's ``_finish``, exactly as one caught in the embedded view.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from zoomdesk.ui.login import handoff
from zoomdesk.ui.login.text import Panel, State

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel, QProgressBar, QStackedWidget, QWidget

    from zoomdesk.core.account import Account
    from zoomdesk.core.oauth import AuthorizationAttempt
    from zoomdesk.ui.login.browser_flow import BrowserFlow
    from zoomdesk.ui.login.browser_panel import BrowserPanel
    from zoomdesk.ui.login.panels import OriginBar
    from zoomdesk.ui.tasks import TaskRunner


class BrowserWay:
    """The browser-way half of ``LoginDialog`` (which provides what is declared here)."""

    if TYPE_CHECKING:
        account: Account
        attempt: AuthorizationAttempt | None
        state: State
        way: str
        _closed: bool
        _has_browser: bool
        runner: TaskRunner
        browser: BrowserFlow
        browser_panel: BrowserPanel
        stack: QStackedWidget
        origin: OriginBar
        footnote: QLabel
        progress: QProgressBar

        def _drop_task(self) -> None: ...
        def _set_state(self, state: State) -> None: ...
        def show_panel(self, panel: Panel) -> None: ...
        def start_attempt(self, *, first: bool = False) -> None: ...
        def _finish(self, attempt: AuthorizationAttempt, code: str) -> None: ...

    def start_browser(self, provider: str = "") -> None:
        """Sign in in the system browser, with a new attempt (a new state and PKCE pair)."""
        from zoomdesk.core.loopback import loopback_problem

        if self._closed:
            return
        self._drop_task()
        self.attempt = None  # an embedded attempt is abandoned: _judge stops its page
        self.way = "browser"
        config = self.account.config
        self._build_browser()
        if loopback_problem(config.redirect_uri):
            self.show_panel(handoff.needs_loopback_panel(config.redirect_uri, provider))
            return
        self.browser_panel.show_starting(handoff.handoff_reason(provider) if provider else "")
        self.stack.setCurrentWidget(self.browser_panel)
        self.origin.set_url(config.oauth_url)
        self.footnote.hide()
        self.progress.hide()
        self._set_state(State.BROWSER)
        self.browser.start(config)

    def cancel_browser(self) -> None:
        """End a browser sign-in under way, if any (its listener closes its port)."""
        if self._has_browser:
            self.browser.cancel()

    def _build_browser(self) -> None:
        # The first time the browser way is taken: most sign-ins never take it, so
        # the listener (http.server) and the panel are not loaded with the dialog.
        if self._has_browser:
            return
        from zoomdesk.ui.login.browser_flow import BrowserFlow
        from zoomdesk.ui.login.browser_panel import BrowserPanel

        dialog = cast("QWidget", self)
        self.browser = BrowserFlow(self.runner, dialog)
        self.browser.listening.connect(self._on_browser_listening)
        self.browser.captured.connect(self._on_browser_captured)
        self.browser.ended.connect(self._on_browser_ended)
        self.browser_panel = BrowserPanel(dialog)
        self.browser_panel.copyClicked.connect(self.copy_link)
        self.browser_panel.openClicked.connect(self.open_again)
        self.stack.addWidget(self.browser_panel)
        self._has_browser = True

    def copy_link(self) -> None:
        """Put the sign-in page's address on the clipboard (no browser opened, say)."""
        self.browser.copy_link()
        self.browser_panel.set_note(handoff.COPIED_NOTE)

    def open_again(self) -> None:
        opened = self.browser.open_again()
        self.browser_panel.set_note(handoff.OPENED_NOTE if opened else handoff.NOT_OPENED_NOTE)

    def _try_again(self) -> None:
        if self.way == "browser" and self.state is not State.NEEDS_LOOPBACK:
            self.start_browser()
        else:
            self.start_attempt()

    def _on_browser_listening(self, opened: bool) -> None:
        if self.state is State.BROWSER and self.browser.receiver is not None:
            self.origin.set_url(self.browser.url)  # shows the host only
            self.browser_panel.show_waiting(self.browser.receiver.host, opened)

    def _on_browser_captured(self, attempt: AuthorizationAttempt, code: str) -> None:
        if self._closed or self.state is not State.BROWSER:
            return
        from zoomdesk.ui.single_instance import activate

        # The browser has the focus now: bring the dialog back to the front.
        activate(cast("QWidget", self).window())
        self._finish(attempt, code)

    def _on_browser_ended(self, panel: Panel) -> None:
        if not self._closed and self.state is State.BROWSER:
            from zoomdesk.ui.single_instance import activate

            activate(cast("QWidget", self).window())
            self.show_panel(panel)
