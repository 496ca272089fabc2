"""Plain decisions behind the login view, testable without a running web engine.

The QtWebEngine hooks in ``login_page`` only translate their arguments into the
small values defined here (``NavRequest``) and carry out the verdict. Whether a
navigation is the OAuth redirect is the core's call (``attempt.classify``); this
module adds the view's own rules: sub-frames, links that leave the sign-in
flow, and schemes a login view has no business loading.

Nothing here imports QtWebEngine, and nothing here may log a URL's query string:
the redirect carries the authorization code and state in it.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from zoomdesk.core.links import is_safe_to_open
from zoomdesk.core.oauth import Allow, classify_navigation

#: Schemes the view itself loads. What goes to the system browser instead is
#: the core's link policy (``is_safe_to_open``: https only); the rest is blocked.
WEB_SCHEMES = frozenset({"http", "https", "about"})
#: Seconds after a click's pop-up during which further pop-ups count as the same click.
GESTURE_GAP = 1.0

_DEFAULT_PORTS = {"http": 80, "https": 443}


class NavKind(enum.Enum):
    """What started a navigation (mirrors ``QWebEnginePage.NavigationType``)."""

    LINK = "link"
    TYPED = "typed"
    FORM = "form"
    BACK_FORWARD = "back_forward"
    RELOAD = "reload"
    REDIRECT = "redirect"
    OTHER = "other"


@dataclass(frozen=True)
class NavRequest:
    """One ``acceptNavigationRequest`` call, reduced to plain values."""

    url: str
    kind: NavKind
    main_frame: bool = True


@dataclass(frozen=True)
class Load:
    """Let the view load the URL."""


@dataclass(frozen=True)
class Stop:
    """Veto the navigation.

    ``outcome`` is the core's verdict (``Captured``, ``Denied`` or ``Rejected``)
    when the navigation was the redirect; None for a silent block.
    """

    outcome: object = None


@dataclass(frozen=True)
class OpenExternally:
    """Veto the navigation and hand the URL to the system browser."""

    url: str


Verdict = Load | Stop | OpenExternally


def decide(
    request: NavRequest,
    classify: Callable[[str], object],
    *,
    oauth_url: str,
    redirect_uri: str,
) -> Verdict:
    """The verdict on one navigation of the login view.

    ``classify`` is the current attempt's ``classify``; it is only called for
    main-frame navigations, because a capture consumes the attempt and a frame
    inside the page must never be able to spend it.
    """
    if not request.main_frame:
        # The redirect is a top-level navigation; a frame heading there is
        # blocked so that the code never reaches the redirect host.
        return Load() if not touches_redirect(request.url, redirect_uri) else Stop()
    scheme = urlsplit(request.url).scheme.lower()
    if scheme not in WEB_SCHEMES:
        return Stop()  # mailto:, file:, javascript:, app schemes: never handed on
    outcome = classify(request.url)
    if not isinstance(outcome, Allow):
        return Stop(outcome)
    if request.kind is NavKind.LINK and scheme != "about" and not same_host(request.url, oauth_url):
        # Help pages, terms, sign-up: not part of signing in, and a browser
        # the user controls is the better place for them (RFC 8252); https only.
        return OpenExternally(request.url) if is_safe_to_open(request.url) else Stop()
    return Load()


def decide_new_window(url: str, *, redirect_uri: str, user_initiated: bool) -> Verdict:
    """The verdict on a pop-up or new-window request: never opened in the app.

    Only a window the user asked for (a click, not a script on load) goes to
    the system browser, and only an https one. A window aimed at the redirect
    endpoint is dropped rather than handed to the browser, which would deliver
    the code to the redirect host.
    """
    if not user_initiated or not is_safe_to_open(url) or touches_redirect(url, redirect_uri):
        return Stop()
    return OpenExternally(url)


class PopupGate:
    """``decide_new_window`` plus one window per click.

    Chromium spends a click's activation on its first ``window.open``, so a
    second one from the same click arrives as not user-initiated; the gate
    does not rely on that alone. The first user-initiated request of a click
    decides (even when it is refused), and any other within ``GESTURE_GAP``
    seconds is dropped: a page can't turn one click into a burst of windows.
    """

    def __init__(self, redirect_uri: str, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._redirect_uri = redirect_uri
        self._clock = clock
        self._spent_at: float | None = None

    def decide(self, url: str, *, user_initiated: bool) -> Verdict:
        if user_initiated:
            now = self._clock()
            if self._spent_at is not None and now - self._spent_at < GESTURE_GAP:
                return Stop()
            self._spent_at = now
        redirect_uri = self._redirect_uri
        return decide_new_window(url, redirect_uri=redirect_uri, user_initiated=user_initiated)


def touches_redirect(url: str, redirect_uri: str) -> bool:
    """True for the redirect endpoint, a spelling of it, or an answer sent to its host.

    The core's matcher without an expected state, so it never captures anything
    and never spends the attempt: any match comes back as not ``Allow``.
    """
    return not isinstance(classify_navigation(url, redirect_uri, ""), Allow)


def _host_port(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port or _DEFAULT_PORTS.get(scheme)
    except ValueError:
        port = None
    return scheme, (parts.hostname or "").lower(), port


def same_host(url: str, other: str) -> bool:
    """True when both URLs name the same host and port (the scheme may differ)."""
    _, host, port = _host_port(url)
    _, other_host, other_port = _host_port(other)
    return bool(host) and host == other_host and port == other_port


def loggable(url: str) -> str:
    """``scheme://host[:port]/path`` only: safe to log, never the query or fragment."""
    parts = urlsplit(url)
    if parts.scheme in ("http", "https"):
        host = parts.hostname or ""
        try:
            port = f":{parts.port}" if parts.port else ""
        except ValueError:
            port = ""
        return f"{parts.scheme}://{host}{port}{parts.path}"
    return f"{parts.scheme}:" if parts.scheme else "(no URL)"


def display_host(url: str) -> str:
    """``host`` or ``host:port`` (non-default port) of an http(s) URL; "" otherwise."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return ""
    host = parts.hostname
    try:
        port = parts.port
    except ValueError:
        port = None
    if ":" in host:
        host = f"[{host}]"
    if port and port != _DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    return host


def describe_origin(url: str) -> tuple[str, bool]:
    """The text of the address line and whether the connection is encrypted.

    ``("zoom.us — secure connection (https)", True)`` or
    ``("127.0.0.1:8080 — not encrypted (http)", False)``. Only the host is shown:
    it is what the user has to check, and the path and query are noise (or secret).
    """
    host = display_host(url)
    if not host:
        return ("", False)
    if urlsplit(url).scheme.lower() == "https":
        return (f"{host} — secure connection (https)", True)
    return (f"{host} — not encrypted (http)", False)


# Chromium's net error names (``QWebEngineLoadingInfo.errorString()``) that users
# meet, in their words. Anything else is shown with its name, which is searchable.
_LOAD_ERRORS = {
    "ERR_CONNECTION_REFUSED": "the server refused the connection. Is it running?",
    "ERR_CONNECTION_RESET": "the connection was reset.",
    "ERR_CONNECTION_CLOSED": "the connection was closed unexpectedly.",
    "ERR_CONNECTION_TIMED_OUT": "the connection timed out.",
    "ERR_TIMED_OUT": "the connection timed out.",
    "ERR_NAME_NOT_RESOLVED": "the server's name could not be found. Are you online?",
    "ERR_INTERNET_DISCONNECTED": "this computer is not connected to the internet.",
    "ERR_ADDRESS_UNREACHABLE": "the server cannot be reached from this network.",
    "ERR_NETWORK_CHANGED": "the network connection changed. Try again.",
    "ERR_PROXY_CONNECTION_FAILED": "the proxy server could not be reached.",
    "ERR_UNSAFE_PORT": "the address uses a port the browser refuses to connect to.",
}


def describe_load_error(error_string: str) -> str:
    """A sentence ending for "The sign-in page could not be loaded: …"."""
    name = error_string.removeprefix("net::").strip()
    if name in _LOAD_ERRORS:
        return _LOAD_ERRORS[name]
    if name.startswith("ERR_CERT_") or name.startswith("ERR_SSL_"):
        return f"the server's security certificate was not accepted ({name})."
    return f"{name or 'unknown error'}."
