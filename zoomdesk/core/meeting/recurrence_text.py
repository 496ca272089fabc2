"""A recurrence in one line of plain English, such as ``Every 2 weeks on Mon and Wed, 6 times``."""

from __future__ import annotations

from datetime import datetime

from zoomdesk.core.meeting.calendar_words import (
    WEEK_ORDINAL,
    WEEKDAY_ABBR,
    WEEKDAY_NAME,
    format_date,
    join_words,
    zoom_weekday,
)
from zoomdesk.core.meeting.draft import MeetingDraft
from zoomdesk.core.meeting.values import Recurrence, RecurrenceType

_WORKWEEK = frozenset({2, 3, 4, 5, 6})


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


def recurrence_summary(item: MeetingDraft | Recurrence, start: datetime | None = None) -> str:
    """One line in plain words, e.g. ``Every 2 weeks on Mon and Wed, 6 times``.

    ``start`` (default: the draft's) fills in a day the recurrence leaves open.
    """

    if isinstance(item, MeetingDraft):
        if item.recurrence is None:
            return ""
        return describe(item.recurrence, start if start is not None else item.start)
    return describe(item, start)
