"""The main window's pages in one stack, each built on first use.

Only the loading page exists when the window first paints; the first-run,
signed-out and signed-in pages, and the modules behind them, are created the
first time the window needs them. ``built`` announces each new page, so the
window connects its signals; this module never sees the window itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from zoomdesk.ui.window.pages import LoadingPage

if TYPE_CHECKING:
    from zoomdesk.ui.window.first_run import FirstRunPage
    from zoomdesk.ui.window.pages import SandboxBanner, SignedInPage, SignedOutPage

LOADING, FIRST_RUN, SIGNED_OUT, SIGNED_IN = "loading", "first_run", "signed_out", "signed_in"


class WindowPages(QObject):
    """``widget`` (the window's central widget) holds the sandbox banner and the page stack.

    ``first_run``, ``signed_out`` and ``signed_in`` are built on first access;
    ``built`` then carries the page's state name, before the page is returned.
    """

    built = Signal(str)
    #: *Connect your Zoom account…* on the sandbox banner.
    leaveSandboxRequested = Signal()

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
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
            from zoomdesk.ui.window.pages import SandboxBanner

            self.banner = SandboxBanner(self.widget)
            self.banner.connectRequested.connect(self.leaveSandboxRequested)
            self._column.insertWidget(0, self.banner)
        if self.banner is not None:
            self.banner.setVisible(sandbox)
        if focus is not None:
            focus.setFocus()

    def exists(self, state: str) -> bool:
        """Whether the page of ``state`` exists yet (without building it)."""
        page = {FIRST_RUN: self._first_run, SIGNED_OUT: self._signed_out}.get(state)
        return (self._signed_in if state == SIGNED_IN else page) is not None

    @property
    def first_run(self) -> FirstRunPage:
        if self._first_run is None:
            from zoomdesk.ui.window.first_run import FirstRunPage

            self._first_run = FirstRunPage(self.window)
            self._add(FIRST_RUN, self._first_run)
        return self._first_run

    @property
    def signed_out(self) -> SignedOutPage:
        if self._signed_out is None:
            from zoomdesk.ui.window.pages import SignedOutPage

            self._signed_out = SignedOutPage(self.window)
            self._add(SIGNED_OUT, self._signed_out)
        return self._signed_out

    @property
    def signed_in(self) -> SignedInPage:
        if self._signed_in is None:
            from zoomdesk.ui.window.pages import SignedInPage

            self._signed_in = SignedInPage(self.window)
            self._add(SIGNED_IN, self._signed_in)
        return self._signed_in

    def _add(self, state: str, page: QWidget) -> None:
        self.stack.addWidget(page)
        self.built.emit(state)
