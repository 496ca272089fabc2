"""Wall-clock times in IANA zones: zone lookup, DST gaps and folds, Zoom's time strings.

Zoom takes a meeting's start as local wall time plus an IANA zone (DESIGN.md §4),
which keeps the user's intent across DST changes. So the meeting model keeps
*naive* wall times and turns them into instants only here, at the edges.
"""

from __future__ import annotations

import re
import threading
from datetime import UTC, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

#: Zone names that mean plain UTC (no VTIMEZONE needed in iCalendar).
UTC_NAMES = frozenset(
    {
        "UTC",
        "Etc/UTC",
        "Etc/UCT",
        "UCT",
        "Etc/Universal",
        "Universal",
        "Etc/Zulu",
        "Zulu",
        "GMT",
        "Etc/GMT",
        "Etc/GMT0",
        "GMT0",
        "Etc/Greenwich",
        "Greenwich",
        "Etc/GMT+0",
        "Etc/GMT-0",
        "GMT+0",
        "GMT-0",
    }
)

_ZOOM_LOCAL = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}")

# Names zoneinfo could not load. It remembers the zones it found, not the ones it did
# not: each failed lookup searches every zone directory (and tzdata) again, and a
# zone typed wrong in a form is validated on every edit. The oldest are forgotten
# past _UNKNOWN_MAX, so a stream of typos cannot grow it.
_unknown: dict[str, None] = {}
_unknown_lock = threading.Lock()
_UNKNOWN_MAX = 256


def zone(name: str) -> ZoneInfo | None:
    """The zone called ``name``, or None when zoneinfo does not know it (looked for once)."""
    # Paths and padded names are refused before zoneinfo touches the filesystem.
    if not name or name != name.strip() or name.startswith("/") or ".." in name:
        return None
    if name in _unknown:
        return None
    try:
        return ZoneInfo(name)
    except (ValueError, OSError, KeyError):  # ZoneInfoNotFoundError is a KeyError
        with _unknown_lock:
            if len(_unknown) >= _UNKNOWN_MAX:
                del _unknown[next(iter(_unknown))]
            _unknown[name] = None
        return None


def exists(wall: datetime, tz: tzinfo) -> bool:
    """False when ``wall`` falls in a DST gap of ``tz`` (the clocks skip over it)."""
    naive = wall.replace(tzinfo=None)
    back = naive.replace(tzinfo=tz).astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    return back == naive


def is_ambiguous(wall: datetime, tz: tzinfo) -> bool:
    """True when ``wall`` happens twice in ``tz`` (the clocks go back over it)."""
    naive = wall.replace(tzinfo=None)
    first = naive.replace(tzinfo=tz, fold=0).utcoffset()
    second = naive.replace(tzinfo=tz, fold=1).utcoffset()
    return first != second and exists(naive, tz)


def gap_length(wall: datetime, tz: tzinfo) -> timedelta:
    """How far the clocks jump forward around ``wall`` (zero outside a gap)."""
    if exists(wall, tz):
        return timedelta(0)
    naive = wall.replace(tzinfo=None)
    before = naive.replace(tzinfo=tz, fold=0).utcoffset() or timedelta(0)
    after = naive.replace(tzinfo=tz, fold=1).utcoffset() or timedelta(0)
    return abs(after - before)


def to_instant(wall: datetime, tz: tzinfo) -> datetime:
    """The aware UTC instant of ``wall`` in ``tz``; an aware ``wall`` is just converted.

    An ambiguous wall time uses its ``fold`` (0 = the first of the two), as PEP 495 says.
    """
    if wall.tzinfo is not None:
        return wall.astimezone(UTC)
    return wall.replace(tzinfo=tz).astimezone(UTC)


def to_wall(instant: datetime, tz: tzinfo) -> datetime:
    """The naive wall time of an aware ``instant`` in ``tz`` (``fold`` kept)."""
    if instant.tzinfo is None:
        raise ValueError("to_wall needs an aware datetime")
    return instant.astimezone(tz).replace(tzinfo=None)


def as_wall(value: datetime, tz: tzinfo) -> datetime:
    """``value`` as naive wall time in ``tz``: naive values already are."""
    return value if value.tzinfo is None else to_wall(value, tz)


def aware_now(now: datetime | None) -> datetime:
    """``now`` checked to be aware, or the current UTC time."""
    if now is None:
        return datetime.now(UTC)
    if now.tzinfo is None or now.utcoffset() is None:
        # A naive "now" is usually datetime.now(): system local time, which no
        # zone-aware comparison can interpret safely.
        raise ValueError("now must be a timezone-aware datetime")
    return now


def seen_in(moment: datetime, tz: tzinfo) -> datetime | None:
    """The aware ``moment`` in ``tz``; None when that falls outside datetime's years 1-9999.

    A start Zoom places on 9999-12-31 in UTC is already in the year 10000 in Tokyo.
    """
    try:
        return moment.astimezone(tz)
    except (OverflowError, ValueError):
        return None


def minutes_after(moment: datetime, minutes: int) -> datetime | None:
    """``minutes`` after ``moment``; None when the end falls past what datetime holds."""
    try:
        return moment + timedelta(minutes=minutes)
    except (OverflowError, ValueError, TypeError):
        return None


def format_wall(wall: datetime) -> str:
    """Zoom's local ``yyyy-MM-ddTHH:mm:ss`` form (no offset: the zone travels separately)."""
    return wall.replace(tzinfo=None, microsecond=0).isoformat(timespec="seconds")


def format_utc(instant: datetime) -> str:
    """Zoom's UTC form ``yyyy-MM-ddTHH:mm:ssZ``."""
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def format_start(wall: datetime, tz: tzinfo) -> str:
    """Zoom's ``start_time`` for ``wall`` in ``tz``: the local form, but UTC when ambiguous.

    The local form cannot say which of a repeated hour's two wall times is meant
    (Zoom, like the sandbox, would take the first), so such a start goes in UTC,
    where ``fold`` has picked the instant. Zoom keeps the ``timezone`` sent with it.
    """
    if is_ambiguous(wall, tz):
        return format_utc(to_instant(wall, tz))
    return format_wall(wall)


def parse_zoom_time(text: str, tz: tzinfo) -> datetime:
    """An aware datetime from a Zoom time string: ``...Z``, ``...+01:00``, or local wall time."""
    text = text.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        if not _ZOOM_LOCAL.fullmatch(text):
            raise ValueError(f"not a Zoom time: {text!r}")
        value = value.replace(tzinfo=tz)
    return value


def next_half_hour(now: datetime, tz: tzinfo, lead: timedelta = timedelta(minutes=10)) -> datetime:
    """The first :00 or :30 wall time in ``tz`` at least ``lead`` after ``now``.

    Wall times the clocks skip (DST gaps) are passed over.
    """
    wall = to_wall(now, tz)
    candidate = wall.replace(minute=30 if wall.minute >= 30 else 0, second=0, microsecond=0)
    while not exists(candidate, tz) or to_instant(candidate, tz) < now + lead:
        candidate += timedelta(minutes=30)
    return candidate
