"""Occurrences of a recurring meeting with a fixed time (Zoom meeting type 8).

Occurrences keep the wall-clock time of the first one in the meeting's time
zone, so a weekly 10:00 meeting in Berlin stays at 10:00 local across a DST
change while its UTC time moves. That is what Zoom does and why zoomdesk sends
local time plus ``timezone``.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

DAILY, WEEKLY, MONTHLY = 1, 2, 3
#: The most occurrences a series may have (a bound on an ``end_date_time`` series).
MAX_OCCURRENCES = 365
#: ``end_times`` limit: Zoom's 2023-10 schema says "The maximum number of recurring
#: is 60" (the 2023-07 export said 365); the stricter one is what passes at Zoom.
MAX_END_TIMES = 60
# How far ahead to look for an end_date_time series: a bound on the work done.
_HORIZON_DAYS = 366 * 12


@dataclass(frozen=True)
class Rule:
    """A validated recurrence; field names and meanings are Zoom's."""

    type: int
    repeat_interval: int = 1
    weekly_days: tuple[int, ...] = ()  # 1 = Sunday ... 7 = Saturday
    monthly_day: int | None = None
    monthly_week: int | None = None  # -1 = last, 1..4
    monthly_week_day: int | None = None  # 1 = Sunday ... 7 = Saturday
    end_times: int | None = None
    end_date_time: datetime | None = None  # aware, UTC

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.type, "repeat_interval": self.repeat_interval}
        if self.type == WEEKLY:
            out["weekly_days"] = ",".join(str(d) for d in self.weekly_days)
        elif self.type == MONTHLY and self.monthly_day is not None:
            out["monthly_day"] = self.monthly_day
        elif self.type == MONTHLY:
            out["monthly_week"] = self.monthly_week
            out["monthly_week_day"] = self.monthly_week_day
        if self.end_times is not None:
            out["end_times"] = self.end_times
        elif self.end_date_time is not None:
            out["end_date_time"] = self.end_date_time.strftime("%Y-%m-%dT%H:%M:%SZ")
        return out


def occurrence_starts(rule: Rule, first: datetime, timezone: str) -> list[datetime]:
    """UTC start times of the series whose first possible start is ``first`` (aware)."""
    zone = ZoneInfo(timezone)
    local = first.astimezone(zone)
    limit = min(rule.end_times or MAX_OCCURRENCES, MAX_OCCURRENCES)
    starts: list[datetime] = []
    try:
        for day in _dates(rule, local.date()):
            if (day - local.date()).days > _HORIZON_DAYS:
                break
            start = datetime.combine(day, local.time(), zone).astimezone(UTC)
            if rule.end_date_time is not None and start > rule.end_date_time:
                break
            starts.append(start)
            if len(starts) >= limit:
                break
    except (ValueError, OverflowError):
        pass  # ran past year 9999: the series simply ends there
    return starts


def _dates(rule: Rule, first: date) -> Iterator[date]:
    """Candidate dates in order, never before ``first``; endless but for monthly ones."""
    step = rule.repeat_interval
    if rule.type == DAILY:
        n = 0
        while True:
            yield first + timedelta(days=n * step)
            n += 1
    elif rule.type == WEEKLY:
        if not rule.weekly_days:
            return
        # Zoom weeks start on Sunday (weekly_days 1 = Sunday).
        week_start = first - timedelta(days=first.isoweekday() % 7)
        n = 0
        while True:
            for weekday in sorted(rule.weekly_days):
                day = week_start + timedelta(weeks=n * step, days=weekday - 1)
                if day >= first:
                    yield day
            n += 1
    else:
        n = 0
        # Bounded: skipped months (a 31st) must not spin forever on a rule that never lands.
        while n * step * 28 <= _HORIZON_DAYS:
            month_index = first.year * 12 + first.month - 1 + n * step
            year, month = divmod(month_index, 12)
            found = _monthly_date(rule, year, month + 1)
            if found is not None and found >= first:
                yield found
            n += 1


def _monthly_date(rule: Rule, year: int, month: int) -> date | None:
    """The rule's day in the month; None when the month lacks it (a 31st in April)."""
    last = calendar.monthrange(year, month)[1]
    if rule.monthly_day is not None:
        # Zoom's schema: monthly_day is "the day in a month when the meeting should
        # recur", and it names no other day for a month without it; RFC 5545
        # (BYMONTHDAY=31) skips such months too, so the sandbox does.
        return date(year, month, rule.monthly_day) if rule.monthly_day <= last else None
    assert rule.monthly_week is not None and rule.monthly_week_day is not None
    python_weekday = (rule.monthly_week_day - 2) % 7  # Zoom 1=Sunday, Python 0=Monday
    if rule.monthly_week == -1:
        end = date(year, month, last)
        return end - timedelta(days=(end.weekday() - python_weekday) % 7)
    start = date(year, month, 1)
    offset = (python_weekday - start.weekday()) % 7
    return start + timedelta(days=offset + 7 * (rule.monthly_week - 1))
