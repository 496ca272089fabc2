"""Checks of single request fields, collecting problems instead of raising.

Each check reads ``raw[key]``, returns the value when it fits (None when it is
absent or does not), and reports a misfit under ``key`` to a :class:`Problems`.
"""

from __future__ import annotations

import functools
import re
import zoneinfo
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

PASSWORD_RE = re.compile(r"[A-Za-z0-9@_*-]{1,10}")
_TIME_RE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(Z?)")


class Problems:
    """The field errors found so far."""

    def __init__(self) -> None:
        self.items: list[dict[str, str]] = []

    def add(self, field: str, message: str) -> None:
        self.items.append({"field": field, "message": message})

    def __bool__(self) -> bool:
        return bool(self.items)


class Prefixed(Problems):
    """Adds a prefix (``recurrence.``) to the field names it reports."""

    def __init__(self, target: Problems, prefix: str) -> None:
        super().__init__()
        self._target, self._prefix = target, prefix

    def add(self, field: str, message: str) -> None:
        self._target.add(self._prefix + field, message)

    def __bool__(self) -> bool:
        return bool(self._target)


def string(raw: Mapping[str, Any], key: str, p: Problems, max_length: int = 0) -> str | None:
    value = raw.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        p.add(key, "Must be a string.")
        return None
    if max_length and len(value) > max_length:
        p.add(key, f"Must be at most {max_length} characters long.")
        return None
    return value


def integer(
    raw: Mapping[str, Any], key: str, p: Problems, minimum: int, maximum: int | None = None
) -> int | None:
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        p.add(key, "Must be a whole number.")
        return None
    if value < minimum or (maximum is not None and value > maximum):
        limits = f"at least {minimum}" if maximum is None else f"from {minimum} to {maximum}"
        p.add(key, f"Must be {limits}.")
        return None
    return value


def choice(raw: Mapping[str, Any], key: str, p: Problems, allowed: tuple[int, ...]) -> int | None:
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value not in allowed:
        p.add(key, f"Must be one of {', '.join(str(a) for a in allowed)}.")
        return None
    return value


def boolean(raw: Mapping[str, Any], key: str, p: Problems) -> bool | None:
    value = raw.get(key)
    if value is not None and not isinstance(value, bool):
        p.add(key, "Must be true or false.")
        return None
    return value


def password(raw: Mapping[str, Any], p: Problems) -> str | None:
    value = raw.get("password")
    if value is None:
        return None
    if not isinstance(value, str) or not PASSWORD_RE.fullmatch(value):
        p.add(
            "password",
            "Passcode must be 1 to 10 characters: letters, digits, @, -, _ or *"
            " (the sandbox account requires a passcode).",
        )
        return None
    return value


@functools.cache
def _known_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def timezone(value: Any, field: str, p: Problems) -> str | None:
    if not isinstance(value, str) or value not in _known_zones():
        p.add(field, "Must be an IANA time zone such as America/New_York.")
        return None
    return value


def date_time(
    raw: Mapping[str, Any], key: str, zone_name: str | None, p: Problems
) -> datetime | None:
    """``yyyy-MM-ddTHH:mm:ssZ`` (UTC) or ``yyyy-MM-ddTHH:mm:ss`` in zone ``zone_name``."""
    value = raw.get(key)
    if value is None:
        return None
    match = _TIME_RE.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        p.add(key, "Use yyyy-MM-ddTHH:mm:ss with a timezone, or yyyy-MM-ddTHH:mm:ssZ in UTC.")
        return None
    utc = match.group(7) == "Z"
    if not utc and zone_name is None:
        return None  # the bad timezone is already reported
    try:
        zone = UTC if utc else ZoneInfo(str(zone_name))
        year, month, day, hour, minute, second = (int(g) for g in match.groups()[:6])
        return datetime(year, month, day, hour, minute, second, tzinfo=zone).astimezone(UTC)
    except (ValueError, OverflowError):
        p.add(key, "Not a valid date and time.")
        return None
