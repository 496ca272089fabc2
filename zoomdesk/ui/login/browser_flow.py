"""The sign-in dialog's browser way: the loopback receiver driven from the GUI thread.

``BrowserFlow.start(config)`` makes a ``LoopbackReceiver`` on the task runner
(it binds a socket), hands its authorize URL to the desktop, and waits for the
answer on the runner too; the GUI thread never blocks. Every start is a new
receiver, so a new state and PKCE pair. ``cancel()`` works at any point, even
before the receiver exists: a ``_Holder`` shared with the worker settles that
race under a lock, so no listener is ever left behind on its port.

No QtWebEngine here: the dialog set to ``sign_in = browser`` makes no web view.
"""

from __future__ import annotations

import logging
import threading
from functools import partial

from PySide6.QtCore import QCoreApplication, QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication

from zoomdesk.core.config import Config
from zoomdesk.core.errors import ZoomdeskError
from zoomdesk.core.loopback import DEFAULT_TIMEOUT, LoopbackReceiver
from zoomdesk.core.oauth import Captured, Denied
from zoomdesk.ui.login import handoff
from zoomdesk.ui.login.navigation import loggable
from zoomdesk.ui.login.text import answer_panel
from zoomdesk.ui.tasks import Task, TaskRunner
from zoomdesk.ui.untrusted import open_link

log = logging.getLogger(__name__)


class _Holder:
    """One start's receiver, shared with the worker that makes it."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.cancelled = False
        self.receiver: LoopbackReceiver | None = None

    def keep(self, receiver: LoopbackReceiver) -> LoopbackReceiver:
        """Called on the worker once the receiver listens: cancelled already? Close it now."""
        with self.lock:
            if self.cancelled:
                receiver.cancel()  # its serving thread closes the port within 0.1 s
            else:
                self.receiver = receiver
        return receiver

    def cancel(self) -> None:
        with self.lock:
            self.cancelled = True
            receiver = self.receiver
        if receiver is not None:
            receiver.cancel()  # never blocks; the waiting worker returns Cancelled


class _Current:
    """The flow's holder, outside the QObject: reachable while that object is destroyed."""

    def __init__(self) -> None:
        self.holder: _Holder | None = None

    def cancel(self, *_: object) -> None:
        if self.holder is not None:
            self.holder.cancel()


def open_sign_in_page(url: str) -> bool:
    """Hand the authorize URL to the desktop's browser; False when refused or it failed."""
    if not handoff.may_open_sign_in(url):
        log.warning("refused to open %s in the browser", loggable(url))
        return False
    if url.startswith("https:"):
        return open_link(url)
    # http on 127.0.0.1: the sandbox, the one http OAuth host the settings accept.
    return bool(QDesktopServices.openUrl(QUrl(url, QUrl.ParsingMode.StrictMode)))


class BrowserFlow(QObject):
    """One browser sign-in at a time. Signals arrive on the GUI thread."""

    #: the receiver listens and its page went to the browser (bool: it could be opened)
    listening = Signal(bool)
    #: the code came back: (attempt, code), for ``Account.finish_sign_in``
    captured = Signal(object, str)
    #: it ended without a code: the ``Panel`` to show (declined, timed out, failed)
    ended = Signal(object)

    #: How long to wait for the browser (seconds); tests make it short.
    timeout = DEFAULT_TIMEOUT

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.receiver: LoopbackReceiver | None = None
        self._holder: _Holder | None = None
        self._task: Task | None = None
        # A flow deleted, or an app quitting, while it waits must not keep the port
        # (nor a pool thread, which the app's exit would wait for) for minutes.
        self._current = _Current()
        self.destroyed.connect(self._current.cancel)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._current.cancel)

    @property
    def url(self) -> str:
        """The authorize URL (it carries the state: never log it); "" before listening."""
        return self.receiver.authorize_url if self.receiver is not None else ""

    def start(self, config: Config) -> None:
        """A new receiver (new state and PKCE pair), replacing any earlier one."""
        self.cancel()
        holder = self._holder = self._current.holder = _Holder()
        timeout = self.timeout
        self._task = self.runner.run(
            lambda: holder.keep(LoopbackReceiver(config, timeout=timeout)),
            partial(self._on_listening, holder),
            partial(self._on_failed, holder),
            name="browser sign-in: listen",
        )

    def cancel(self) -> None:
        """Stop waiting and close the listener (now, or as soon as it exists)."""
        if self._holder is not None:
            self._holder.cancel()
            self._holder = self._current.holder = None
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self.receiver = None

    def open_again(self) -> bool:
        return bool(self.url) and open_sign_in_page(self.url)

    def copy_link(self) -> None:
        if self.url:
            QGuiApplication.clipboard().setText(self.url)

    def _on_listening(self, holder: _Holder, receiver: LoopbackReceiver) -> None:
        if holder is not self._holder:
            return
        self.receiver = receiver
        opened = self.open_again()
        self.listening.emit(opened)
        self._task = self.runner.run(
            receiver.wait,
            partial(self._on_outcome, holder, receiver),
            partial(self._on_failed, holder),
            name="browser sign-in: wait",
        )

    def _on_outcome(self, holder: _Holder, receiver: LoopbackReceiver, outcome: object) -> None:
        if holder is not self._holder:
            return
        self._holder = self._task = None
        if isinstance(outcome, Captured):
            self.captured.emit(receiver.attempt, outcome.code)
        elif isinstance(outcome, Denied):
            self.ended.emit(answer_panel(outcome))
        else:
            self.ended.emit(handoff.ended_panel(outcome))

    def _on_failed(self, holder: _Holder, exc: BaseException) -> None:
        if holder is not self._holder:
            return
        self._holder = self._task = None
        if isinstance(exc, ZoomdeskError):  # core errors are worded to be shown, no secrets
            message = str(exc)
        else:
            log.error("browser sign-in failed: %s", type(exc).__name__)
            message = f"An unexpected error occurred ({type(exc).__name__})."
        self.ended.emit(handoff.listener_failed_panel(message))
