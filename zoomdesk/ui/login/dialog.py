"""The Zoom sign-in dialog: an embedded, off-the-record web view.

The only module (with its ``login_page`` helper) that imports QtWebEngine, which
costs ~50 ms and a few hundred MiB once a page is open; the main window
imports it only when signed out (``login_preload``, on a thread), never at start-up.

Flow: ``account.begin_sign_in()`` gives an attempt; the view loads its URL; every
navigation goes through ``login_nav.decide`` (and so through
``attempt.classify``). The redirect is vetoed in ``acceptNavigationRequest`` and
never leaves the app; a captured code is exchanged on the task runner while a
"Finishing sign-in…" panel replaces the view. Each dialog has its own profile,
deleted after its page when the dialog closes, so cookies and cache of one
sign-in never reach the next and the page's renderer process exits.

The browser way (``sign_in = browser``, or a hand-off when a provider such as
Google refuses the embedded view: ``handoff``) makes no web view at all: the
``BrowserFlow`` waits on the runner for the loopback answer, and a code it
brings ends in the same ``_finish`` as one caught in the view.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWebEngineCore import (
    QWebEngineLoadingInfo,
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineSettings,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from zoomdesk.core.errors import ZoomdeskError
from zoomdesk.core.oauth import Captured
from zoomdesk.ui.guard import guarded
from zoomdesk.ui.login import engine, handoff
from zoomdesk.ui.login import text as login_text
from zoomdesk.ui.login.browser_way import BrowserWay
from zoomdesk.ui.login.navigation import NavRequest, Stop, Verdict, decide, loggable
from zoomdesk.ui.login.page import LoginPage, RedirectGuard
from zoomdesk.ui.login.panels import OriginBar, StatusPanel, footnote, load_progress, separator
from zoomdesk.ui.login.text import ACTIVE, Panel, State
from zoomdesk.ui.placement import Placed, size_and_place
from zoomdesk.ui.tasks import Task, TaskRunner
from zoomdesk.ui.untrusted import open_link

if TYPE_CHECKING:
    from zoomdesk.core.account import Account
    from zoomdesk.core.oauth import AuthorizationAttempt
    from zoomdesk.core.user import User

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Answer:
    """A vetoed redirect, tied to the attempt it answered (a retry may start a new one)."""

    attempt: AuthorizationAttempt
    outcome: object


class LoginDialog(Placed, BrowserWay, QDialog):
    """Sign in to Zoom. Emits ``signedIn(user)``, then accepts.

    ``user`` is the ``User`` Zoom described, or None when it kept the profile
    (signed in all the same; the window asks again).
    """

    signedIn = Signal(object)
    stateChanged = Signal(str)
    #: the page and its profile are deleted (after the dialog closed): the
    #: page's renderer process is on its way out
    engineReleased = Signal()

    def __init__(
        self,
        account: Account,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        way: str | None = None,
    ) -> None:
        """``way``: "embedded" or "browser"; by default the ``sign_in`` setting's."""
        super().__init__(parent)
        self.account = account
        self.runner = runner
        self.attempt: AuthorizationAttempt | None = None
        self.task: Task | None = None
        self.state = State.LOADING
        self.user: User | None = None
        self._closed = False
        self._has_browser = False  # its listener and panel: built when the way is taken
        #: "embedded" or "browser": where Try again goes (a hand-off switches it)
        way = way or account.config.sign_in
        self.way = "browser" if way == "browser" else "embedded"
        self._web = False  # the web view, profile and page exist (made on first use)
        self.setWindowTitle("Sign in to Zoom")
        self.setObjectName("loginDialog")
        size_and_place(self, QSize(900, 720))
        self._build()
        if self.way == "browser":
            self.start_browser()
        else:
            self.start_attempt(first=True)

    # --- construction -----------------------------------------------------------

    def _build_web(self) -> None:
        # Off-the-record: no storage name, nothing on disk, gone with the dialog.
        # Created unparented and made the dialog's *last* child at the end of
        # _build_web: Qt deletes children in order, so a dialog destroyed outright
        # deletes the view (and its page) before the profile, which must
        # outlive its pages.
        engine.prepare()  # before the first web profile: Chromium reads it then
        self._web = True
        self.profile = QWebEngineProfile()
        self.profile.setSpellCheckEnabled(False)
        redirect_uri = self.account.config.redirect_uri
        self.guard = RedirectGuard(redirect_uri, self.profile)
        self.profile.setUrlRequestInterceptor(self.guard)

        self.view = QWebEngineView()
        self.view.setAccessibleName("Zoom sign-in page")
        self.page = LoginPage(self.profile, self._judge, redirect_uri, self.view)
        settings = self.page.settings()
        # Our panel explains failures; Chromium's own error page would flash first.
        settings.setAttribute(QWebEngineSettings.WebAttribute.ErrorPageEnabled, False)
        settings.setAttribute(QWebEngineSettings.WebAttribute.PluginsEnabled, False)
        self.view.setPage(self.page)
        self.page.redirectVetoed.connect(self._on_answer, Qt.ConnectionType.QueuedConnection)
        self.page.externalRequested.connect(
            self.open_externally, Qt.ConnectionType.QueuedConnection
        )
        self.page.loadStarted.connect(self._on_load_started)
        self.page.loadFinished.connect(self._on_load_finished)
        self.page.loadingChanged.connect(self._on_loading_changed)
        self.page.renderProcessTerminated.connect(self._on_renderer_gone)
        self.page.handOffRequested.connect(self.hand_off, Qt.ConnectionType.QueuedConnection)
        self.page.urlChanged.connect(self.origin.set_url)
        self.page.loadProgress.connect(self.progress.setValue)
        self.stack.insertWidget(0, self.view)
        # Last child of the dialog, so destroyed after the view and its page.
        self.profile.setParent(self)

    def _build(self) -> None:
        self.origin = OriginBar(self)
        self.progress = load_progress(self)
        self.panel = StatusPanel(self)
        self.panel.actionClicked.connect(self._try_again)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.panel)
        self.stack.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

        self.cancel_button = QPushButton("Cancel", self)
        # Never the default button: Enter in the page's form must not cancel.
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.footnote = footnote(login_text.FOOTNOTE, self)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(12, 8, 12, 10)
        buttons.setSpacing(16)
        buttons.addWidget(self.footnote, 1)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.origin)
        layout.addWidget(separator(self))
        layout.addWidget(self.progress)
        layout.addWidget(self.stack, 1)
        layout.addWidget(separator(self))
        layout.addLayout(buttons)
        # The web view keeps key presses it handles; Esc must cancel from anywhere.
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.reject)

    # --- the sign-in attempt ----------------------------------------------------

    def start_attempt(self, *, first: bool = False) -> None:
        """Begin a sign-in with a fresh state and PKCE pair (also Try again / Retry)."""
        if self._closed:
            return
        self._drop_task()
        self.cancel_browser()
        self.way = "embedded"
        if not self._web:
            self._build_web()
        try:
            self.attempt = self.account.begin_sign_in()
        except ZoomdeskError as exc:
            self.attempt = None
            self.show_panel(login_text.unavailable_panel(exc))
            return
        log.info("opening the sign-in page %s", loggable(self.attempt.url))
        self._set_state(State.LOADING)
        self.stack.setCurrentWidget(self.view)
        self.footnote.show()
        if first:  # starting the web engine took this event-loop turn; load in the next
            QTimer.singleShot(0, self, partial(self._first_load, self.attempt))
        else:
            self.page.load(QUrl(self.attempt.url))
        self.view.setFocus()

    def _first_load(self, attempt: AuthorizationAttempt) -> None:
        # Not when the attempt was replaced, the dialog closed, or the page got another load.
        if not self._closed and attempt is self.attempt and self.page.requestedUrl().isEmpty():
            self.page.load(QUrl(attempt.url))

    def _judge(self, request: NavRequest) -> Verdict:
        attempt = self.attempt
        if self._closed or attempt is None:
            return Stop()
        config = self.account.config
        verdict = decide(
            request, attempt.classify, oauth_url=config.oauth_url, redirect_uri=config.redirect_uri
        )
        if isinstance(verdict, Stop) and verdict.outcome is not None:
            return Stop(_Answer(attempt, verdict.outcome))
        return verdict

    def _on_answer(self, answer: object) -> None:
        if not isinstance(answer, _Answer) or answer.attempt is not self.attempt:
            return  # an answer to an attempt already replaced or closed
        if self.state not in ACTIVE:
            return
        outcome = answer.outcome
        if isinstance(outcome, Captured):
            self._finish(answer.attempt, outcome.code)
            return
        self.show_panel(login_text.answer_panel(outcome))

    def _finish(self, attempt: AuthorizationAttempt, code: str) -> None:
        self.show_panel(login_text.FINISHING)
        account = self.account
        self.task = self.runner.run(
            # Closing the dialog while this runs must not leave a sign-in behind.
            lambda: account.finish_sign_in(attempt, code, cancelled=lambda: self._closed),
            self._on_signed_in,
            self._on_exchange_failed,
            name="finish sign-in",
        )

    def _on_signed_in(self, user: User | None) -> None:
        self.task = None
        if self._closed:
            return
        self.user = user
        self._set_state(State.SIGNED_IN)
        log.info("signed in")
        self.signedIn.emit(self.user)
        self.accept()

    def _on_exchange_failed(self, exc: BaseException) -> None:
        self.task = None
        if self._closed:
            return
        self.show_panel(login_text.exchange_failure_panel(exc))

    # --- page loading -----------------------------------------------------------

    def _on_load_started(self) -> None:
        self.progress.setValue(0)
        self.progress.show()

    def _on_load_finished(self, ok: bool) -> None:
        # ok=False also follows every veto, so failures are judged in
        # _on_loading_changed, which tells an abort from a real failure.
        self.progress.hide()
        if ok and self.state is State.LOADING:
            self._set_state(State.PAGE)

    def _on_loading_changed(self, info: QWebEngineLoadingInfo) -> None:
        # info.url() may be the vetoed redirect, code included: never log it whole.
        if info.status() != QWebEngineLoadingInfo.LoadStatus.LoadFailedStatus:
            return
        if info.errorDomain() == QWebEngineLoadingInfo.ErrorDomain.HttpStatusCodeDomain:
            url = info.url().toString(QUrl.ComponentFormattingOption.FullyEncoded)
            oauth_url = self.account.config.oauth_url
            provider = handoff.sandbox_refusal(url, info.errorCode(), oauth_url)
            if provider:
                self.hand_off(provider)
            elif self.state is State.LOADING:
                self._set_state(State.PAGE)  # the server's own error page is shown
            return
        self.show_load_failure(info.url().toString(), info.errorString())

    def show_load_failure(self, url: str, error: str) -> None:
        """Replace the view with the load-failure panel (when a sign-in is in progress)."""
        if self.state not in ACTIVE:
            return
        log.warning("sign-in page %s failed to load: %s", loggable(url), error)
        self.origin.set_unreached(url)
        self.show_panel(login_text.load_failure_panel(url, error))

    def _on_renderer_gone(
        self, status: QWebEnginePage.RenderProcessTerminationStatus, code: int
    ) -> None:
        # A crashed renderer leaves a blank view; say so, and offer a fresh start.
        if status != QWebEnginePage.RenderProcessTerminationStatus.NormalTerminationStatus:
            log.error("the sign-in page's process ended: %s (exit code %s)", status.name, code)
            if self.state in ACTIVE:
                self.show_panel(login_text.RENDERER_GONE)

    def open_externally(self, url: str) -> None:
        """Show ``url`` in the system browser (links that leave the sign-in): https only."""
        open_link(url)

    # --- the browser way ----------------------------------------------------------

    def hand_off(self, provider: str) -> None:
        """``provider`` refuses sign-in in the view: drop this attempt, go on in the browser."""
        if self._closed or self.state not in ACTIVE:
            return
        log.info("%s refuses embedded sign-in: continuing in the browser", provider)
        self.page.triggerAction(QWebEnginePage.WebAction.Stop)
        self.start_browser(provider=provider)

    # --- panels and state -------------------------------------------------------

    def _set_state(self, state: State) -> None:
        if state is not self.state:
            self.state = state
            self.stateChanged.emit(str(state))

    def show_panel(self, panel: Panel) -> None:
        """Replace the web view with ``panel`` and enter its state."""
        self.panel.show_state(
            panel.title,
            panel.message,
            busy=panel.busy,
            action=panel.action,
            tone=panel.tone,
            long=panel.long,
        )
        self.stack.setCurrentWidget(self.panel)
        if self.origin.waiting() and not panel.busy:  # no page came, and none is coming
            self.origin.set_unreached()
        self.footnote.hide()  # it speaks about the page, which is no longer shown
        self.progress.hide()
        self._set_state(panel.state)
        (self.panel.action if panel.action else self.cancel_button).setFocus()

    # --- closing ----------------------------------------------------------------

    @guarded(None, fallback=QDialog.done)  # closes even if the clean-up failed
    def done(self, result: int) -> None:
        if not self._closed:
            if self.state is not State.SIGNED_IN:
                self._set_state(State.CANCELLED)
            self._shutdown()
        super().done(result)

    def _drop_task(self) -> None:
        if self.task is not None:
            self.task.cancel()  # the result is dropped; nothing reaches a closed dialog
            self.task = None

    def _shutdown(self) -> None:
        """Stop everything and free the web engine: page first, then its profile."""
        self._closed = True
        self._drop_task()
        self.cancel_browser()  # the listener closes its port
        self.attempt = None  # every further navigation is vetoed by _judge
        if not self._web:  # no engine to release; said all the same, for those who wait
            QTimer.singleShot(0, self, self.engineReleased.emit)
            return
        self.page.triggerAction(QWebEnginePage.WebAction.Stop)
        self.page.destroyed.connect(self.profile.deleteLater)
        self.profile.destroyed.connect(self.engineReleased)
        self.stack.removeWidget(self.view)
        self.view.deleteLater()  # deletes the page, its child, with it
