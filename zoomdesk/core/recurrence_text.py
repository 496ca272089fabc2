"""A recurrence in one line of plain English, and the date words it needs.

Names are spelled out here rather than taken from ``strftime`` (``%a``, ``%b``),
whose output follows the process locale: the text must not change language
halfway through a sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from zoomdesk.core.meetings import Recurrence, RecurrenceType

MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
#: Zoom's weekday numbers: 1 = Sunday ... 7 = Saturday.
WEEKDAY_ABBR = {1: "Sun", 2: "Mon", 3: "Tue", 4: "Wed", 5: "Thu", 6: "Fri", 7: "Sat"}
WEEKDAY_NAME = {
    1: "Sunday",
    2: "Monday",
    3: "Tuesday",
    4: "Wednesday",
    5: "Thursday",
    6: "Friday",
    7: "Saturday",
}
WEEK_ORDINAL = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}
_WORKWEEK = frozenset({2, 3, 4, 5, 6})


def zoom_weekday(day: date) -> int:
    """Zoom's weekday number of ``day`` (1 = Sunday)."""
    return (day.weekday() + 1) % 7 + 1


def format_date(day: date) -> str:
    """``31 Dec 2026``."""
    return f"{day.day} {MONTH_ABBR[day.month - 1]} {day.year}"


def join_words(words: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def _every(interval: int, unit: str, single: str) -> str:
    if interval == 1:
        return single
    return f"Every {interval} {unit}s"


def _weekly(rec: Recurrence, start: datetime | None) -> str:
    days = set(rec.weekly_days)
    if not days and start is not None:
        days = {zoom_weekday(start.date())}
    if days == _WORKWEEK and rec.repeat_interval == 1:
        return "Every weekday"
    # Monday first, as people read a working week.
    ordered = sorted((d for d in days if d in WEEKDAY_ABBR), key=lambda d: (d + 5) % 7)
    head = _every(rec.repeat_interval, "week", "Weekly")
    if not ordered:
        return head
    return f"{head} on {join_words([WEEKDAY_ABBR[d] for d in ordered])}"


def _monthly(rec: Recurrence, start: datetime | None) -> str:
    head = _every(rec.repeat_interval, "month", "Monthly")
    if rec.monthly_day is not None:
        return f"{head} on day {rec.monthly_day}"
    if rec.monthly_week in WEEK_ORDINAL and rec.monthly_week_day in WEEKDAY_NAME:
        return (
            f"{head} on the {WEEK_ORDINAL[rec.monthly_week]} {WEEKDAY_NAME[rec.monthly_week_day]}"
        )
    if start is not None:
        return f"{head} on day {start.day}"
    return head


def _ending(rec: Recurrence) -> str:
    if rec.end_date is not None:
        return f", until {format_date(rec.end_date)}"
    if rec.end_times is not None:
        return ", once" if rec.end_times == 1 else f", {rec.end_times} times"
    return ""


def describe(rec: Recurrence, start: datetime | None = None) -> str:
    """``Every 2 weeks on Mon and Wed, 6 times``; ``start`` fills a day left open."""
    if rec.type == RecurrenceType.DAILY:
        head = _every(rec.repeat_interval, "day", "Every day")
    elif rec.type == RecurrenceType.WEEKLY:
        head = _weekly(rec, start)
    else:
        head = _monthly(rec, start)
    return head + _ending(rec)
