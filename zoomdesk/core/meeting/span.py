"""When a meeting ends: its end from the start and duration, and the duration from an end.

Zoom stores a ``duration`` in minutes, never an end; people think in ends
(GNOME Calendar and Thunderbird ask for one), so the dialog's *Ends* field and
the CLI's ``--end`` go through here. Both are wall times in the meeting's zone,
and the minutes between them are the minutes that pass, so an end across a DST
change is the hour people mean. An end that is not after the start is a problem
of its own (``END_FIELD``): it is no duration at all.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo

from zoomdesk.core import wallclock
from zoomdesk.core.meeting.calendar_words import format_date

#: The field an end's problems are reported under (Zoom has none: it takes a duration).
END_FIELD = "end_time"
_MINUTE = timedelta(minutes=1)


def end_of(start: datetime, duration: int, tz: tzinfo) -> datetime | None:
    """The naive wall time in ``tz`` when a meeting of ``duration`` minutes from ``start`` ends.

    ``start`` is wall time in ``tz`` (its ``fold`` counts), or aware. None when the end
    falls outside the years a datetime holds.
    """
    try:
        instant = wallclock.to_instant(start, tz) + duration * _MINUTE
        return wallclock.to_wall(instant, tz)
    except (OverflowError, ValueError):
        return None


def minutes_between(start: datetime, end: datetime, tz: tzinfo) -> int:
    """The whole minutes that pass from ``start`` to ``end`` (wall times in ``tz``);
    zero or less when the end is not after the start."""
    delta = wallclock.to_instant(end, tz) - wallclock.to_instant(start, tz)
    return delta // _MINUTE


def _moment(wall: datetime) -> str:
    return f"{wall:%H:%M} on {format_date(wall.date())}"


def end_problem(start: datetime, end: datetime, tz: tzinfo, zone_name: str) -> str | None:
    """What is wrong with ``end`` for a meeting from ``start`` (wall times in ``tz``), or None."""
    start, end = wallclock.as_wall(start, tz), wallclock.as_wall(end, tz)
    if not wallclock.exists(end, tz):
        return (
            f"{_moment(end)} does not exist in {zone_name}: the clocks go forward that "
            "night. Choose another end."
        )
    minutes = minutes_between(start, end, tz)
    if minutes < 0:
        return f"The meeting would end before it starts ({_moment(start)}): choose a later end."
    if minutes == 0:
        return "The meeting would end as it starts: choose a later end."
    return None


def parse_end(text: str, start: datetime, tz: tzinfo) -> datetime:
    """An end as typed: ``HH:MM`` on the start's day, or a full ISO 8601 date and time
    (wall time in ``tz``, or with an offset such as ``Z``). Returns wall time in ``tz``.

    ValueError says how to write it. A bare time is never moved to the next day: a
    meeting from 22:00 "until 01:00" needs the date, so the end says which day it is.
    """
    given = text.strip()
    start = wallclock.as_wall(start, tz)
    try:
        if "T" in given.upper() or " " in given or _is_date(given):
            end = datetime.fromisoformat(given.replace("Z", "+00:00").replace("z", "+00:00"))
        else:
            end = datetime.combine(start.date(), time.fromisoformat(given))
    except ValueError:
        raise ValueError(
            f"“{text}” is not a time: use e.g. 17:30, or a date and time such as "
            f"{(start + timedelta(days=1)).date().isoformat()}T01:00."
        ) from None
    if end.tzinfo is not None:
        seen = wallclock.seen_in(end, tz)
        if seen is None:
            raise ValueError(f"“{text}” is outside the dates a meeting can end on.")
        end = seen
    return end.replace(tzinfo=None, microsecond=0)


def next_day_hint(start: datetime, end: datetime) -> str:
    """For a bare ``--end`` time before the start: the same time on the next day, spelled out."""
    later = datetime.combine(start.date() + timedelta(days=1), end.time())
    return f"For an end on the next day give the date too: {later:%Y-%m-%dT%H:%M}."


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True
