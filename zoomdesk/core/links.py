"""Which links from the network zoomdesk may hand to the desktop, and how to log them.

A join URL, a sign-in page's pop-up or link comes from a server: zoomdesk only
ever opens it when it is an ``https:`` URL with a host. ``file:``, ``mailto:``,
``javascript:``, ``http:`` and custom schemes are refused.

Zoom's own client schemes (``zoommtg:``, ``zoomus:``) are refused too, on
purpose: Zoom's join URLs are https, and its web page hands over to the
client itself, asking the user first. Opening a client scheme straight from
a server's answer would start a native program with parameters nobody saw.
"""

from __future__ import annotations

from urllib.parse import urlsplit

#: The only scheme opened outside the app.
SAFE_SCHEMES = frozenset({"https"})


def is_safe_to_open(url: str) -> bool:
    """True when ``url`` is an ``https:`` URL with a host, with nothing a parser could misread.

    Spaces, control characters and backslashes are refused outright: browsers
    and Qt's tolerant parser read them differently from ``urlsplit``, and a
    URL this code and the opener disagree on is one nobody checked.
    """
    if not url or any(c <= " " or c in "\x7f\\" for c in url):
        return False
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - a bad port raises here; such a URL is not opened
    except ValueError:
        return False
    return parts.scheme.lower() in SAFE_SCHEMES and bool(parts.hostname)


def loggable_link(url: str) -> str:
    """``scheme://host[:port]/path``: never the query (a join URL's ``pwd``) or fragment."""
    try:
        parts = urlsplit(url)
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "(unreadable URL)"
    scheme = parts.scheme.lower()
    if not parts.netloc:
        # mailto:, javascript:, file:/x...: the scheme is enough to say what was refused.
        return f"{scheme}:" if scheme else "(no URL)"
    return f"{scheme}://{parts.hostname or ''}{port}{parts.path}"
