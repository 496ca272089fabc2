"""Plain-words messages for the core's typed errors, and the main window's status bar.

``describe(exc)`` is the one place the GUI turns an exception into something to
show, the way ``cli/errors.py`` maps the same errors to words and exit codes.
The core's errors state facts; the words here point at buttons and menus,
never at a command to type.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QProgressBar, QPushButton, QStatusBar, QWidget

from zoomdesk.core.errors import (
    AuthReason,
    AuthRequired,
    ConfigError,
    CreateUnconfirmed,
    NetworkError,
    OAuthError,
    RateLimited,
    StoreError,
    ZoomApiError,
)
from zoomdesk.ui.style import ElidedLabel
from zoomdesk.ui.untrusted import set_plain_tooltip

log = logging.getLogger(__name__)


class Kind(Enum):
    AUTH = "auth"  # the session is gone: back to the signed-out page
    NETWORK = "network"  # worth a retry
    ZOOM = "zoom"  # Zoom said no; its own message
    LOCAL = "local"  # settings or files on this computer
    BUG = "bug"  # unexpected: details went to the log


@dataclass(frozen=True)
class Problem:
    """What to tell the user about a failure. ``detail`` is extra text for a tooltip."""

    kind: Kind
    text: str
    detail: str = ""

    @property
    def retryable(self) -> bool:
        return self.kind is Kind.NETWORK


def describe(exc: BaseException) -> Problem:
    """Map a failure from a background task to a user-facing message (never a token)."""
    if isinstance(exc, AuthRequired):
        return Problem(Kind.AUTH, _auth_text(exc))
    if isinstance(exc, CreateUnconfirmed):
        text = (
            "The connection to Zoom was lost while creating the meeting. zoomdesk looks "
            "for it before creating it again, so it is never made twice."
        )
        return Problem(Kind.NETWORK, text, exc.cause)
    if isinstance(exc, NetworkError):
        text = "Can't reach Zoom. Check your internet connection, then try again."
        return Problem(Kind.NETWORK, text, str(exc))
    if isinstance(exc, RateLimited):
        if exc.daily_cap:
            text = "Zoom's daily limit for creating and changing meetings is reached."
            return Problem(Kind.ZOOM, text + " It resets at midnight UTC.", exc.message)
        return Problem(Kind.NETWORK, "Zoom is busy right now. Wait a moment and retry.")
    if isinstance(exc, ZoomApiError):
        message = exc.message.strip() or "Zoom refused the request."
        if not message.endswith((".", "!", "?")):
            message += "."
        code = f" (code {exc.code})" if exc.code is not None else ""
        return Problem(Kind.ZOOM, f"Zoom says: {message}", f"HTTP {exc.status}{code}")
    if isinstance(exc, OAuthError):
        return Problem(Kind.AUTH, str(exc))
    if isinstance(exc, (ConfigError, StoreError)):
        return Problem(Kind.LOCAL, str(exc))
    log.error("unexpected error in a background task", exc_info=exc)
    return Problem(
        Kind.BUG,
        f"Something went wrong ({type(exc).__name__}). The details are in the log file.",
    )


def _auth_text(exc: AuthRequired) -> str:
    # The window only calls Zoom while it believes it is signed in, so tokens that
    # went missing (a sign-out elsewhere) are, to the user, a session that ended.
    if exc.reason is AuthReason.CODE_REFUSED:
        text = "Zoom did not accept the sign-in. Sign in again to continue."
    else:
        text = "Your Zoom session has ended. Sign in again to continue."
    if exc.lost_create_at is not None:
        text += " zoomdesk then looks for the meeting it was creating before it creates it again."
    return text


#: The keyring decision (``keyring_probe.probe()``) whose fall-back to the file was told.
_fallback_told: object | None = None


def storage_news(account: Any) -> str:
    """What to say once about where the session went, or "" (memory only: fine here).

    The token store's ``notice`` (the keyring refused; the session stayed where
    it was) is said once per store; that ``auto`` settled on the private file,
    once per process (DESIGN.md §3.2: never silently). The core logs both.
    """
    global _fallback_told
    store = getattr(account, "store", None)
    if store is None:
        return ""
    from zoomdesk.core import keyring_probe

    notice, store.notice = store.notice, None
    fell_back = keyring_probe.fell_back() and store.storage == "auto" and store.where == "file"
    if fell_back and _fallback_told is not (decision := keyring_probe.probe()):
        _fallback_told = decision
        notice = notice or (
            f"Your Zoom session is kept in {store.describe()} (see Settings, Sign-in and storage)."
        )
    return notice or ""


def show_startup_news(status: StatusBar, problem: str, account: Any) -> None:
    """Once the window loaded: a damaged file's report (an error), else the storage news."""
    if problem:
        status.show_problem(Problem(Kind.LOCAL, problem))
    elif news := storage_news(account):
        status.show_progress(news)  # stays until something else is said


def show_signed_in(status: StatusBar, name: str, account: Any) -> None:
    """Say "Signed in as NAME.", with the storage news when there is some (then it stays)."""
    note = f"Signed in as {name}." if name else "Signed in."
    news = storage_news(account)
    if news:
        status.show_progress(f"{note} {news}")
    else:
        status.show_note(note)


class StatusBar(QStatusBar):
    """Progress while the runner is busy; errors stay until replaced, with a Retry button."""

    #: How long a confirmation ("Link copied") stays, in milliseconds.
    NOTE_MS = 4000

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(True)
        # Zoom's messages and topics: never markup. Too long for the window, a message
        # ends in "…" (the whole of it in the tooltip) instead of being cut mid-word.
        self._message = ElidedLabel("", self)
        self._message.setObjectName("statusMessage")
        self._message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.addWidget(self._message, 1)
        self._message.setContentsMargins(6, 0, 0, 0)
        self._retry = QPushButton("Try &again", self)  # Alt+R is Refresh
        self._retry.setAccessibleName("Retry the last action")
        self._retry.hide()
        self.addPermanentWidget(self._retry)
        self._busy = QProgressBar(self)
        self._busy.setRange(0, 0)  # indeterminate
        self._busy.setMaximumWidth(120)
        self._busy.setMaximumHeight(14)
        self._busy.setTextVisible(False)
        self._busy.setAccessibleName("Working")
        self._busy.hide()
        self.addPermanentWidget(self._busy)
        self._retry_fn: Callable[[], None] | None = None
        self._retry.clicked.connect(self._on_retry)
        self._clear_timer = QTimer(self)
        self._clear_timer.setSingleShot(True)
        self._clear_timer.timeout.connect(self.clear_message)

    @property
    def text(self) -> str:
        return self._message.full_text()

    def set_busy(self, busy: bool, what: str = "") -> None:
        self._busy.setVisible(busy)
        if busy and what:
            self.show_progress(what)

    def show_progress(self, text: str) -> None:
        self._set(text, error=False)

    def show_note(self, text: str) -> None:
        """A short confirmation that goes away by itself."""
        self._set(text, error=False)
        self._clear_timer.start(self.NOTE_MS)

    def show_problem(self, problem: Problem, retry: Callable[[], None] | None = None) -> None:
        self._set(problem.text, error=True, detail=problem.detail)
        self._retry_fn = retry if problem.retryable else None
        self._retry.setVisible(self._retry_fn is not None)

    def clear_message(self) -> None:
        self._set("", error=False)

    def _set(self, text: str, *, error: bool, detail: str = "") -> None:
        self._clear_timer.stop()
        self._message.set_full_text(text)
        set_plain_tooltip(self._message, detail or text)
        self._message.setProperty("error", error)
        # A dark red that stays legible on light and dark window backgrounds.
        self._message.setStyleSheet("QLabel { color: #c62828; }" if error else "")
        self._retry_fn = None
        self._retry.hide()

    def _on_retry(self) -> None:
        retry = self._retry_fn
        self.clear_message()
        if retry is not None:
            retry()
