"""What the login dialog says in each state: its states and the panels' words.

Plain data, no Qt: the dialog shows a ``Panel``; tests and the screenshot script
can build the same panels without driving a sign-in.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass

from zoomdesk.core.errors import ZoomdeskError
from zoomdesk.core.oauth import Denied, Rejected
from zoomdesk.ui.login.navigation import describe_load_error, display_host

log = logging.getLogger(__name__)


class State(enum.StrEnum):
    """Where the dialog is; ``LoginDialog.state`` and ``stateChanged`` carry these."""

    LOADING = "loading"  # the sign-in page is loading in the view
    PAGE = "page"  # a page is shown; the user is signing in
    FINISHING = "finishing"  # code captured, exchange running
    DECLINED = "declined"  # the user pressed Decline on Zoom's consent page
    DENIED = "denied"  # Zoom answered with another error
    REFUSED = "refused"  # an answer that does not belong to this attempt
    LOAD_FAILED = "load_failed"  # the page could not be loaded at all
    EXCHANGE_FAILED = "exchange_failed"  # the code could not be turned into tokens
    UNAVAILABLE = "unavailable"  # no attempt could be started (configuration)
    BROWSER = "browser"  # waiting for the sign-in in the system browser
    TIMED_OUT = "timed_out"  # the browser sign-in got no answer in time
    NEEDS_LOOPBACK = "needs_loopback"  # the browser way needs a loopback redirect URL
    SIGNED_IN = "signed_in"
    CANCELLED = "cancelled"


#: States in which the web view is shown and navigations are acted upon.
ACTIVE = frozenset({State.LOADING, State.PAGE})


@dataclass(frozen=True)
class Panel:
    """The content of the status panel that replaces the web view."""

    state: State
    title: str
    message: str
    busy: bool = False
    action: str = ""  # the button that starts a new attempt ("" = none)
    tone: str = ""  # the panel's icon: "info", "warning", "error" or "" (none)
    long: bool = False  # several sentences: left-aligned, which reads better than centred


#: Under the page: what the user is looking at, and what the app gets.
FOOTNOTE = "Check the address above. zoomdesk receives a permission from Zoom, never your password."

FINISHING = Panel(
    State.FINISHING,
    "Finishing sign-in…",
    "Zoom approved the sign-in. Getting your account details.",
    busy=True,
)

DECLINED = Panel(
    State.DECLINED,
    "You declined access",
    "zoomdesk can only schedule meetings for you with your permission. "
    "Nothing was changed in your Zoom account.\n\n"
    "To sign in after all, choose Try again and allow access.",
    action="Try again",
    tone="info",
)


RENDERER_GONE = Panel(
    State.LOAD_FAILED,
    "The sign-in page stopped",
    "The process showing the sign-in page ended unexpectedly. Retry to open it again.",
    action="Retry",
    tone="error",
)


def answer_panel(outcome: object) -> Panel:
    """The panel for a vetoed redirect that did not bring a code."""
    if isinstance(outcome, Denied) and outcome.error == "access_denied":
        return DECLINED
    if isinstance(outcome, Denied):
        detail = outcome.description or outcome.error
        return Panel(
            State.DENIED,
            "Zoom did not sign you in",
            f"Zoom answered: {detail} ({outcome.error}).",
            action="Try again",
            tone="warning",
        )
    reason = outcome.reason if isinstance(outcome, Rejected) else "The answer was not understood."
    log.warning("sign-in answer refused: %s", reason)  # reasons never quote the URL
    return Panel(
        State.REFUSED,
        "Sign-in answer refused",
        f"{reason}\n\nFor your safety it was ignored, and nobody was signed in. "
        "Try again to start a new sign-in.",
        action="Try again",
        tone="warning",
    )


def exchange_failure_panel(exc: BaseException) -> Panel:
    """The panel for a code that could not be turned into a signed-in account."""
    if isinstance(exc, ZoomdeskError):
        message = str(exc)  # core errors are written to be shown and hold no secrets
    else:
        # Other exceptions may quote anything; their type is enough for the user.
        log.error("finishing sign-in failed unexpectedly: %s", type(exc).__name__)
        message = f"An unexpected error occurred ({type(exc).__name__})."
    return Panel(
        State.EXCHANGE_FAILED,
        "Sign-in could not be finished",
        message,
        action="Try again",
        tone="error",
    )


def load_failure_panel(url: str, error: str) -> Panel:
    """The panel for a sign-in page that could not be loaded (``error``: Chromium's name)."""
    host = display_host(url) or "The sign-in server"
    return Panel(
        State.LOAD_FAILED,
        "Can't open the Zoom sign-in page",
        f"{host} could not be loaded: {describe_load_error(error)}",
        action="Retry",
        tone="error",
    )


def unavailable_panel(exc: BaseException) -> Panel:
    """The panel when no sign-in can start at all (e.g. the settings are incomplete)."""
    return Panel(State.UNAVAILABLE, "Sign-in is not available", str(exc), tone="error")
