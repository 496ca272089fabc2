"""When the embedded view must hand off to the system browser, and what the browser way says.

Plain rules, no Qt, so each is tested on its own:

* ``refusing_provider``: the one list of identity providers known to refuse
  sign-in inside an embedded browser (Google since 2021, Apple).
* ``sandbox_refusal``: the sandbox's Google stand-in (``sandbox/google_idp.py``)
  lives on the sandbox's own host, so its host says nothing; what does is its
  answer to our user agent, HTTP 403 at ``/google/signin`` or
  ``/google/continue`` on the OAuth host. Only on a loopback OAuth host: a real
  Zoom page with that path and status is nothing of the kind.
* ``may_open_sign_in``: which authorize URL the browser way hands to the
  desktop. https, as every link zoomdesk opens; or http on a loopback address,
  the one http OAuth host the settings accept (``core/config.py``), which is the
  sandbox's. The URL comes from our settings, not from a page.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from zoomdesk.core.links import is_safe_to_open
from zoomdesk.ui.login.text import Panel, State

#: Hosts that refuse OAuth in embedded browsers -> the provider's name, for the message.
REFUSING_PROVIDERS = {
    "accounts.google.com": "Google",
    "appleid.apple.com": "Apple",
}
#: The sandbox's Google stand-in: its two form targets (``sandbox/pages.py``).
SANDBOX_GOOGLE_PATHS = frozenset({"/google/signin", "/google/continue"})
#: The status it answers an embedded user agent with (``google_idp.handle``).
SANDBOX_REFUSAL_STATUS = 403


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").rstrip(".").lower()
    except ValueError:
        return ""


def _is_loopback_host(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def refusing_provider(url: str) -> str | None:
    """The provider's name when ``url`` (http or https) is one that refuses embedded sign-in."""
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        return None
    return REFUSING_PROVIDERS.get(_host(url))


def sandbox_refusal(url: str, http_status: int, oauth_url: str) -> str | None:
    """ "Google" when ``url`` answered ``http_status`` is the sandbox's stand-in refusing us."""
    oauth_host = _host(oauth_url)
    if http_status != SANDBOX_REFUSAL_STATUS or not _is_loopback_host(oauth_host):
        return None
    try:
        parts = urlsplit(url)
        same = (parts.hostname or "").lower() == oauth_host and parts.port == urlsplit(
            oauth_url
        ).port
    except ValueError:
        return None
    return "Google" if same and parts.path in SANDBOX_GOOGLE_PATHS else None


def may_open_sign_in(url: str) -> bool:
    """True for an authorize URL the browser way may hand to the desktop."""
    if is_safe_to_open(url):
        return True
    if not url or any(c <= " " or c in "\x7f\\" for c in url):
        return False
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - a bad port raises; such a URL is not opened
    except ValueError:
        return False
    return parts.scheme == "http" and _is_loopback_host(parts.hostname or "")


# --- words --------------------------------------------------------------------------


def handoff_reason(provider: str) -> str:
    """One line on why the dialog left the embedded page."""
    return f"{provider} doesn't allow signing in inside apps, so you continue in your web browser."


def waiting_message(host: str) -> str:
    return (
        f"Sign in to {host or 'Zoom'} in the browser tab that opened, and allow zoomdesk. "
        "This window finishes by itself once you are done."
    )


OPENED_NOTE = "If no tab opened, use Copy link and paste it into your browser."
NOT_OPENED_NOTE = "No web browser could be opened. Copy the link and paste it into your browser."
COPIED_NOTE = "Link copied. Paste it into your browser's address bar."

#: Where a Zoom app's redirect URLs are entered (Zoom App Marketplace, General app).
_WHERE = (
    "In the Zoom App Marketplace, open your app, and under Basic Information → OAuth "
    "Information add it to the redirect URLs (and to the OAuth allow list). Then enter the "
    "same URL as the Redirect URL in zoomdesk's Settings."
)


def needs_loopback_panel(redirect_uri: str, provider: str = "") -> Panel:
    """The redirect URL set is not a loopback one: what to register, and where."""
    from zoomdesk.core.loopback import loopback_problem  # http.server: only when needed

    problem = loopback_problem(redirect_uri) or ""
    first = f"{handoff_reason(provider)}\n\n" if provider else ""
    return Panel(
        State.NEEDS_LOOPBACK,
        "Add a loopback redirect URL to sign in with your browser",
        f"{first}{problem}\n\n{_WHERE}",
        action="Sign in in this window",
        tone="info",
        long=True,
    )


def listener_failed_panel(message: str) -> Panel:
    """The listener could not start (a confidential client's port is busy, say)."""
    return Panel(
        State.UNAVAILABLE,
        "Can't wait for the browser",
        message,
        action="Try again",
        tone="error",
    )


def ended_panel(outcome: object) -> Panel:
    """The browser sign-in timed out, or its listener stopped without an answer."""
    from zoomdesk.core.loopback import Cancelled, TimedOut

    if isinstance(outcome, TimedOut):
        minutes = max(1, round(outcome.seconds / 60))
        return Panel(
            State.TIMED_OUT,
            "The browser sign-in timed out",
            f"No answer came from the browser within {minutes} minutes, so zoomdesk stopped "
            "waiting. Nothing was saved. Try again to open a new sign-in page.",
            action="Try again",
            tone="warning",
        )
    kind = "cancelled" if isinstance(outcome, Cancelled) else "ended"
    return Panel(
        State.TIMED_OUT,
        "The browser sign-in stopped",
        f"zoomdesk stopped waiting for the browser ({kind}). Nothing was saved.",
        action="Try again",
        tone="warning",
    )
