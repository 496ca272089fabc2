"""What the embedded login view does with each navigation: the exact redirect match.

``classify_navigation`` is pure and never raises: Allow anything that is not
the redirect endpoint; for the redirect (scheme, host, port and path compared
exactly, URLs read the way a browser reads them) Captured, Denied or Rejected,
never Allow, so the request to the redirect URI never leaves the machine.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs, unquote, urlsplit

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Allow:
    """Not the redirect: let the view load it."""


@dataclass(frozen=True)
class Captured:
    """The redirect with our state and a code: block it and exchange the code."""

    code: str = field(repr=False)

    def __repr__(self) -> str:
        return "Captured(code=<hidden>)"


@dataclass(frozen=True)
class Denied:
    """The redirect with our state and ``error=`` (the user declined, or Zoom refused)."""

    error: str
    description: str


@dataclass(frozen=True)
class Rejected:
    """Block it and do not trust it; ``reason`` is in plain words."""

    reason: str


Navigation = Allow | Captured | Denied | Rejected

_DEFAULT_PORTS = {"http": 80, "https": 443}
# What a sign-in answer carries. ``state`` alone is none: the authorize URL has
# one too, and on loopback set-ups (the sandbox) the OAuth pages and the
# redirect share a host. At the endpoint itself ``state`` is checked as well.
_ANSWER_PARAMS = frozenset({"code", "error", "error_description", "access_token"})
_ANSWER_AND_STATE = _ANSWER_PARAMS | {"state"}
_CODE = re.compile(r"[\x21-\x7e]{1,4096}")
_BLANKS = "".join(chr(i) for i in range(0x21))


@dataclass(frozen=True)
class _Url:
    endpoint: tuple[str, str, int | None, str]  # scheme, host, port, path
    host_key: str  # the host as DNS would see it: no trailing dot, IDNA, canonical IP
    netloc: str
    query: dict[str, list[str]]
    fragment: dict[str, list[str]]


def _parse(url: str) -> _Url | None:
    """Split ``url`` the way a browser reads it; None if it is not a valid URL."""
    # WHATWG URL parsing: outer blanks and any tab/newline are dropped, and for
    # http(s) a backslash before the query is a slash. Doing the same keeps us
    # from seeing another host than the browser would.
    text = re.sub(r"[\t\n\r]", "", url.strip(_BLANKS))
    cut = min((i for i in (text.find("?"), text.find("#")) if i >= 0), default=len(text))
    head, rest = text[:cut], text[cut:]
    if head.split(":", 1)[0].lower() in _DEFAULT_PORTS:
        head = head.replace("\\", "/")
    try:
        parts = urlsplit(head + rest)
        port = parts.port
    except ValueError:
        return None
    scheme, host = parts.scheme.lower(), parts.hostname or ""
    port = port if port is not None else _DEFAULT_PORTS.get(scheme)
    return _Url(
        endpoint=(scheme, host, port, parts.path or "/"),
        host_key=_host_key(host),
        netloc=parts.netloc,
        query=parse_qs(parts.query, keep_blank_values=True),
        fragment=parse_qs(parts.fragment, keep_blank_values=True),
    )


def _host_key(host: str) -> str:
    host = unquote(host).rstrip(".").lower()
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        pass
    try:
        return host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return host


def classify_navigation(url: str, redirect_uri: str, expected_state: str) -> Navigation:
    """Decide what the login view does with a navigation to ``url``.

    The redirect endpoint is matched exactly on scheme, host (case-insensitive),
    port (443/80 when omitted) and path. A match is never ``Allow``: it is
    ``Captured``, ``Denied`` or ``Rejected``. Any other address on the redirect
    host that carries a sign-in answer (``code``, ``error``...) is
    ``Rejected`` as well, so a code cannot leave through a look-alike such as
    ``/cb/``, ``/./cb`` or ``redirect.host.``. Never raises.
    """
    try:
        return _classify(url, redirect_uri, expected_state)
    except Exception as exc:
        # Fail closed: an address we cannot judge is blocked, never loaded.
        log.warning("could not classify a navigation (%s); blocking it", type(exc).__name__)
        return Rejected("The address could not be understood.")


def _classify(url: str, redirect_uri: str, expected_state: str) -> Navigation:
    target = _parse(redirect_uri)
    if target is None or not target.endpoint[1]:
        return Rejected("The redirect URL setting is not a valid URL.")
    nav = _parse(url)
    if nav is None:
        return Rejected("The address is not a valid URL.")
    if nav.endpoint == target.endpoint:
        return _inspect_answer(nav, expected_state)
    carries_answer = _ANSWER_PARAMS & (nav.query.keys() | nav.fragment.keys())
    if carries_answer and nav.host_key == target.host_key:
        return Rejected("The address carries a sign-in answer but is not the redirect URL.")
    return Allow()


def _inspect_answer(nav: _Url, expected_state: str) -> Navigation:
    if "@" in nav.netloc:
        return Rejected("The redirect address contained a user name or password.")
    if _ANSWER_AND_STATE & nav.fragment.keys():
        return Rejected("The sign-in answer came in a #fragment instead of the query.")
    query = nav.query
    if any(len(query.get(name, ())) > 1 for name in _ANSWER_AND_STATE):
        return Rejected("The sign-in answer repeated one of its values.")
    state = query.get("state", [""])[0]
    if not state or not expected_state:
        return Rejected("The sign-in answer had no state value, so it cannot be trusted.")
    if not hmac.compare_digest(_bytes(state), _bytes(expected_state)):
        return Rejected("The sign-in answer does not belong to this sign-in attempt.")
    code, error = query.get("code"), query.get("error")
    if code and error:
        return Rejected("The sign-in answer carried both a code and an error.")
    if error:
        description = query.get("error_description", [""])[0]
        return Denied(printable(error[0], 100), printable(description, 500))
    if not code or not _CODE.fullmatch(code[0]):
        return Rejected("The sign-in answer carried no usable authorization code.")
    return Captured(code[0])


def _bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def printable(text: str, limit: int) -> str:
    """``text`` without control characters, cut to ``limit``: safe to show and log."""
    return "".join(c for c in text if c.isprintable())[:limit]
