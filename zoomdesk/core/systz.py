"""The system's IANA time zone name (``Europe/Berlin``), found without third-party packages.

Zoom wants an IANA name next to a local wall-clock ``start_time``; a UTC offset
or an abbreviation such as ``CET`` would lose DST rules for recurring meetings.
Order: ``TZ`` (when it names a zone), ``/etc/timezone`` (Debian), the target of
the ``/etc/localtime`` symlink, then ``UTC``. Every candidate must load with
``zoneinfo``, so a POSIX rule string like ``EST5EDT,M3.2.0`` never leaks out.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from zoomdesk.core.wallclock import zone

_MARKER = "zoneinfo/"


def is_valid_zone(name: str) -> bool:
    """True when ``name`` is an IANA zone ``zoneinfo`` can load (``wallclock.zone`` decides)."""
    return zone(name) is not None


def _from_tz_env(value: str) -> str | None:
    value = value.strip().lstrip(":")
    if _MARKER in value:  # TZ=/usr/share/zoneinfo/Europe/Berlin
        value = value.split(_MARKER, 1)[1]
    return value if is_valid_zone(value) else None


def _from_etc_timezone(path: Path) -> str | None:
    try:
        first = path.read_text(encoding="utf-8").strip().splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    if not first:
        return None
    name = first[0].strip()
    return name if is_valid_zone(name) else None


def _from_localtime_link(path: Path) -> str | None:
    try:
        target = str(path.readlink())
    except OSError:
        return None
    # The link may be relative (../usr/share/zoneinfo/...) or absolute, and
    # may point at zoneinfo/posix/... on some systems.
    target = target.replace("\\", "/")
    if _MARKER not in target:
        return None
    name = target.split(_MARKER, 1)[1]
    for prefix in ("posix/", "right/"):
        name = name.removeprefix(prefix)
    return name if is_valid_zone(name) else None


def system_timezone(
    env: Mapping[str, str] | None = None,
    etc: Path = Path("/etc"),
) -> str:
    """The IANA name of the local time zone, ``UTC`` when it cannot be told."""
    env = os.environ if env is None else env
    tz = env.get("TZ")
    if tz:
        found = _from_tz_env(tz)
        if found:
            return found
    return _from_etc_timezone(etc / "timezone") or _from_localtime_link(etc / "localtime") or "UTC"
