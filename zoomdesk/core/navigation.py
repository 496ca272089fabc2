"""What the embedded login view does with each navigation: the redirect match.

``classify_navigation`` is pure and never raises: Allow anything that is not
the redirect endpoint; for the redirect Captured, Denied or Rejected, never
Allow, so the request to the redirect URI never leaves the machine. "The
redirect endpoint" is every URL that reaches it: scheme, host, port and path
are compared after the normalisation a browser and a server apply (default
ports, case and trailing dots of hosts, numeric IPv4 forms, every loopback
alias as one host, percent-escapes, dot segments and repeated slashes).
"""

from __future__ import annotations

import contextlib
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
    endpoint: tuple[str, str, int | None, str]  # scheme, host key, port, path key
    host_key: str  # see _host_key
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
    scheme, host_key = parts.scheme.lower(), _host_key(parts.hostname or "")
    port = port if port is not None else _DEFAULT_PORTS.get(scheme)
    return _Url(
        endpoint=(scheme, host_key, port, _path_key(parts.path)),
        host_key=host_key,
        netloc=parts.netloc,
        query=parse_qs(parts.query, keep_blank_values=True),
        fragment=parse_qs(parts.fragment, keep_blank_values=True),
    )


# Names Chromium resolves to loopback itself, without asking DNS.
_LOOPBACK_NAMES = frozenset(
    {"localhost", "localhost.localdomain", "localhost6", "localhost6.localdomain6"}
)
# The one key of every spelling of this machine's loopback interface.
_LOOPBACK_KEY = "localhost"
_IPV4_DIGITS = {
    8: frozenset("01234567"),
    10: frozenset("0123456789"),
    16: frozenset("0123456789abcdef"),
}


def _host_key(host: str) -> str:
    """The host as the connection sees it: the same key for every spelling of one host.

    Case, percent-escapes, trailing dots, IDNA and the numeric IPv4 forms a
    browser accepts (``2130706433``, ``0x7f.1``) are folded; an IPv4-mapped
    IPv6 address is its IPv4 address; and every loopback name and address is
    one host. That takes in all of 127/8 (a listener bound to 0.0.0.0 answers
    each, and another process may hold 127.0.0.2 while ours holds 127.0.0.1)
    and the unspecified 0.0.0.0 and ``::`` (a connect() to them reaches local
    listeners): no page of a sign-in lives there, so vetoing them costs nothing.
    """
    host = unquote(host).lower()
    address: ipaddress.IPv4Address | ipaddress.IPv6Address
    if ":" in host:
        try:
            ipv6 = ipaddress.IPv6Address(host)
        except ValueError:
            return host
        address = ipv6.ipv4_mapped or ipv6
    else:
        with contextlib.suppress(UnicodeError):  # not a valid name: compared as written
            host = host.encode("idna").decode("ascii").lower()
        host = host.rstrip(".")
        parsed = _ipv4(host)
        if parsed is None:
            is_local = host in _LOOPBACK_NAMES or host.endswith(".localhost")
            return _LOOPBACK_KEY if is_local else host
        address = parsed
    if address.is_loopback or address.is_unspecified:
        return _LOOPBACK_KEY
    return str(address)


def _ipv4(host: str) -> ipaddress.IPv4Address | None:
    """The WHATWG URL IPv4 parser (decimal, octal, hex, 1 to 4 parts); None if not one."""
    parts = host.split(".")
    if not 1 <= len(parts) <= 4:
        return None
    numbers = []
    for part in parts:
        base = 10
        if part[:2] == "0x":
            part, base = part[2:], 16
        elif len(part) > 1 and part[0] == "0":
            part, base = part[1:], 8
        if len(part) > 40 or not set(part) <= _IPV4_DIGITS[base] or (not part and base == 10):
            return None
        numbers.append(int(part, base) if part else 0)
    *high, last = numbers
    if any(n > 255 for n in high) or last >= 256 ** (5 - len(numbers)):
        return None
    for shift, n in zip((24, 16, 8), high, strict=False):
        last += n << shift
    return ipaddress.IPv4Address(last)


def _path_key(path: str) -> str:
    """The path as a server routes it: escapes decoded, no dot segments, no empty segments.

    ``/zoomdesk/./callback``, ``/zoomdesk/%63allback``, ``//zoomdesk/callback``
    and ``/zoomdesk/callback/`` all reach ``/zoomdesk/callback`` on common
    servers. Case is kept: paths are case-sensitive.
    """
    segments: list[str] = []
    for segment in unquote(path, errors="surrogateescape").split("/"):
        if segment == "..":
            segments = segments[:-1]
        elif segment not in ("", "."):
            segments.append(segment)
    return "/" + "/".join(segments)


def classify_navigation(url: str, redirect_uri: str, expected_state: str) -> Navigation:
    """Decide what the login view does with a navigation to ``url``.

    The redirect endpoint is matched on scheme, host, port (443/80 when
    omitted) and path, each normalised (``_host_key``, ``_path_key``): so
    ``http://localhost:P/cb/`` is the redirect ``http://127.0.0.1:P/cb``. A
    match is never ``Allow``: it is ``Captured``, ``Denied`` or ``Rejected``.
    Any other address on the redirect host that carries a sign-in answer
    (``code``, ``error``...) is ``Rejected`` as well, so a code cannot leave
    through a look-alike such as ``/cbx`` or another port. Never raises.
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
