"""RFC 5545 export of a meeting: one VEVENT, its VTIMEZONE, CRLF lines folded at 75 octets.

The event starts at the meeting's wall time with ``TZID`` and, when it repeats,
carries an RRULE, so calendars keep the local time across DST exactly as Zoom
does; RDATE and EXDATE make it say exactly the occurrences Zoom listed
(``recurrence_set``). The VTIMEZONE is built from zoneinfo's own transitions over the span the
meeting covers (explicit STANDARD/DAYLIGHT onsets, no RRULEs), because
zoneinfo does not expose the rules themselves.
"""

from __future__ import annotations

import calendar
import dataclasses
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, tzinfo

from zoomdesk import __version__
from zoomdesk.core import wallclock
from zoomdesk.core.meeting.calendar_words import zoom_weekday
from zoomdesk.core.meeting.scheduled import LONGEST_DURATION, Meeting, log_oddity
from zoomdesk.core.meeting.values import (
    LINE_BREAKS,
    Recurrence,
    RecurrenceType,
    end_instant,
    one_line,
    unsafe_chars,
)

PRODID = f"-//zoomdesk//zoomdesk {__version__}//EN"
_BYDAY = {1: "SU", 2: "MO", 3: "TU", 4: "WE", 5: "TH", 6: "FR", 7: "SA"}
_LINE_OCTETS = 75
#: The most starts ``series`` expands: more than any series Zoom accepts.
SERIES_LIMIT = 1000
_ESCAPED_BREAKS = str.maketrans(dict.fromkeys(LINE_BREAKS, "\\n"))
#: The VTIMEZONE covers at most this much of a series: a series Zoom accepts ends
#: within years, and past the span calendars keep its last offset. (An end date in
#: the year 9000 would otherwise scan zoneinfo day by day for seconds.)
_LONGEST_ZONE_SPAN = timedelta(days=100 * 366)


def meeting_to_ics(meeting: Meeting, *, now: datetime | None = None) -> str:
    """The meeting as an iCalendar document.

    ``now`` (aware; default: the current time) is the DTSTAMP, and the start of a
    meeting without one (instant or no fixed time).

    Values no calendar can hold (a recurrence or start past the year 9999, a
    duration of billions of minutes) are logged and left out, in that order,
    rather than failing the export.
    """
    now = wallclock.aware_now(now)  # a naive ``now`` is the caller's mistake: raised
    *attempts, last = _fallbacks(meeting)
    for attempt in attempts:
        try:
            return _document(attempt, now)
        except (ValueError, OverflowError, TypeError) as exc:
            log_oddity(meeting.id, "calendar file", f"left values out ({type(exc).__name__})")
    return _document(last, now)


def _fallbacks(meeting: Meeting) -> list[Meeting]:
    """The meeting, then without its recurrence, then without its start and duration too."""
    duration = meeting.duration if 0 <= meeting.duration <= LONGEST_DURATION else 0
    plain = dataclasses.replace(meeting, recurrence=None, occurrences=(), duration=duration)
    return [meeting, plain, dataclasses.replace(plain, start=None, duration=0)]


def _document(meeting: Meeting, now: datetime) -> str:
    now = now.astimezone(UTC)
    tz = meeting.zone()
    plain_utc = meeting.timezone in wallclock.UTC_NAMES or tz is UTC
    start_wall = wallclock.to_wall(meeting.start or now, tz).replace(microsecond=0)
    start_wall, keep_rule, rdates, exdates, last_wall = recurrence_set(meeting, start_wall, tz)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    if not plain_utc:
        first = wallclock.to_instant(start_wall, tz)
        last = wallclock.to_instant(last_wall, tz) + timedelta(minutes=max(meeting.duration, 0))
        last = min(last, first + _LONGEST_ZONE_SPAN)
        lines += vtimezone(
            tz, meeting.timezone, first - timedelta(days=1), last + timedelta(days=1)
        )
    lines += ["BEGIN:VEVENT", f"UID:{meeting.id}@zoomdesk", f"DTSTAMP:{_utc(now)}"]
    if plain_utc:
        lines.append(f"DTSTART:{_utc(wallclock.to_instant(start_wall, tz))}")
    else:
        lines.append(f"DTSTART;TZID={_param(meeting.timezone)}:{_local(start_wall)}")
    lines.append(f"DURATION:PT{max(meeting.duration, 0)}M")
    if keep_rule:
        lines.append(f"RRULE:{rrule(meeting, tz)}")
    for name, walls in (("RDATE", rdates), ("EXDATE", exdates)):
        if walls:
            lines.append(_date_list(name, walls, meeting.timezone, tz, plain_utc))
    # A title is one line, as the invitation shows it.
    lines.append(f"SUMMARY:{escape_text(one_line(meeting.topic))}")
    if meeting.join_url:
        # A URI is not TEXT-escaped: drop control characters so no line break gets in.
        lines.append("URL:" + "".join(c for c in meeting.join_url if not unsafe_chars(c)))
        lines.append(f"LOCATION:{escape_text(meeting.join_url)}")
    lines.append(f"DESCRIPTION:{escape_text(meeting.invitation(tz))}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "".join(fold(line) + "\r\n" for line in lines)


def recurrence_set(
    meeting: Meeting, start_wall: datetime, tz: tzinfo
) -> tuple[datetime, bool, list[datetime], list[datetime], datetime]:
    """DTSTART, whether an RRULE goes with it, RDATEs, EXDATEs and the last start (wall times).

    Zoom's ``occurrences`` (those not ``deleted``) are what it scheduled. The RRULE
    stays when it makes them, give or take a few occurrences deleted (EXDATE) or
    moved (EXDATE and RDATE) one by one; otherwise, as when Zoom's days differ from
    the rule's (a 31st in a short month), the event lists every start instead.
    """
    rec = meeting.recurrence if meeting.start is not None else None
    # RFC 5545 leaves a DTSTART that does not match its RRULE undefined: start
    # the event on the series' first real occurrence.
    ruled = [start_wall] if rec is None else series(start_wall, rec)
    listed = sorted({o.start.astimezone(UTC) for o in meeting.occurrences if o.status != "deleted"})
    if not listed:
        last = ruled[0] if rec is None else series_end(ruled[0], rec)
        return ruled[0], rec is not None, [], [], last
    walls = [wallclock.to_wall(i, tz).replace(microsecond=0) for i in listed]
    by_instant = {wallclock.to_instant(w, tz).astimezone(UTC): w for w in ruled}
    zoom_has = set(listed)
    missing = [w for i, w in by_instant.items() if i not in zoom_has]
    extra = [w for i, w in zip(listed, walls, strict=True) if i not in by_instant]
    if (
        rec is not None
        and (rec.end_times is not None or rec.end_date is not None)  # a rule that ends
        and len(ruled) < SERIES_LIMIT
        and listed[0] == min(by_instant)  # DTSTART is Zoom's first occurrence
        and len(missing) + len(extra) < len(listed) - len(extra)  # the rule says most of it
    ):
        return ruled[0], True, extra, missing, max(ruled[-1], walls[-1])
    return walls[0], False, walls[1:], [], walls[-1]


def _date_list(
    name: str, walls: list[datetime], zone_name: str, tz: tzinfo, plain_utc: bool
) -> str:
    if plain_utc:
        return f"{name}:" + ",".join(_utc(wallclock.to_instant(w, tz)) for w in walls)
    return f"{name};TZID={_param(zone_name)}:" + ",".join(_local(w) for w in walls)


def rrule(meeting: Meeting, tz: tzinfo) -> str:
    """The RRULE value for the meeting's recurrence (empty when it has none)."""
    rec = meeting.recurrence
    if rec is None:
        return ""
    parts = []
    if rec.type == RecurrenceType.DAILY:
        parts.append("FREQ=DAILY")
    elif rec.type == RecurrenceType.WEEKLY:
        # Zoom numbers weekdays from Sunday, so its weeks start on Sunday: that
        # matters to which days an every-N-weeks series lands on.
        parts += ["FREQ=WEEKLY", "WKST=SU"]
    else:
        parts.append("FREQ=MONTHLY")
    parts.append(f"INTERVAL={max(rec.repeat_interval, 1)}")
    if rec.type == RecurrenceType.WEEKLY and rec.weekly_days:
        days = sorted({d for d in rec.weekly_days if d in _BYDAY})
        parts.append("BYDAY=" + ",".join(_BYDAY[d] for d in days))
    elif rec.type == RecurrenceType.MONTHLY:
        if rec.monthly_day is not None:
            parts.append(f"BYMONTHDAY={rec.monthly_day}")
        elif rec.monthly_week is not None and rec.monthly_week_day in _BYDAY:
            parts.append(f"BYDAY={rec.monthly_week}{_BYDAY[rec.monthly_week_day]}")
    if rec.end_date is not None:
        parts.append(f"UNTIL={_utc(end_instant(rec.end_date, tz))}")
    elif rec.end_times is not None:
        parts.append(f"COUNT={rec.end_times}")
    return ";".join(parts)


def vtimezone(tz: tzinfo, name: str, begin: datetime, end: datetime) -> list[str]:
    """A VTIMEZONE valid from ``begin`` to ``end``: the offset at ``begin``, then each change."""
    offset = _offset(tz, begin)
    lines = ["BEGIN:VTIMEZONE", f"TZID:{_param(name, quote=False)}"]
    lines += _observance(tz, begin, offset, offset)
    for moment, before, after in transitions(tz, begin, end):
        lines += _observance(tz, moment, before, after)
    lines.append("END:VTIMEZONE")
    return lines


def transitions(
    tz: tzinfo, begin: datetime, end: datetime
) -> list[tuple[datetime, timedelta, timedelta]]:
    """``(instant, offset before, offset after)`` for every UTC-offset change in the span.

    Scans a day at a time and bisects to the second; zones do not change twice a day.
    """
    found = []
    moment = begin.astimezone(UTC)
    end = end.astimezone(UTC)
    while moment < end:
        step = min(moment + timedelta(days=1), end)
        before, after = _offset(tz, moment), _offset(tz, step)
        if before != after:
            low, high = moment, step
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) / 2
                if _offset(tz, middle) == before:
                    low = middle
                else:
                    high = middle
            found.append((high.replace(microsecond=0), before, after))
        moment = step
    return found


def _observance(tz: tzinfo, moment: datetime, before: timedelta, after: timedelta) -> list[str]:
    local = moment.astimezone(tz)
    kind = "DAYLIGHT" if local.dst() else "STANDARD"
    onset = (moment.astimezone(UTC).replace(tzinfo=None) + before).replace(microsecond=0)
    return [
        f"BEGIN:{kind}",
        f"DTSTART:{_local(onset)}",
        f"TZOFFSETFROM:{_utc_offset(before)}",
        f"TZOFFSETTO:{_utc_offset(after)}",
        f"TZNAME:{escape_text(local.tzname() or '')}",
        f"END:{kind}",
    ]


def _offset(tz: tzinfo, moment: datetime) -> timedelta:
    return moment.astimezone(tz).utcoffset() or timedelta(0)


def _utc_offset(offset: timedelta) -> str:
    sign = "-" if offset < timedelta(0) else "+"
    seconds = int(abs(offset).total_seconds())
    text = f"{sign}{seconds // 3600:02d}{seconds % 3600 // 60:02d}"
    return text + (f"{seconds % 60:02d}" if seconds % 60 else "")


def _local(wall: datetime | date) -> str:
    # Not strftime: glibc writes the year 999 as "999", which no calendar reads.
    hms = (wall.hour, wall.minute, wall.second) if isinstance(wall, datetime) else (0, 0, 0)
    return f"{wall.year:04d}{wall.month:02d}{wall.day:02d}T{hms[0]:02d}{hms[1]:02d}{hms[2]:02d}"


def _utc(moment: datetime) -> str:
    return _local(moment.astimezone(UTC)) + "Z"


def _param(value: str, *, quote: bool = True) -> str:
    # Parameter values holding : ; or , must be quoted (RFC 5545 §3.1); DQUOTE can't appear.
    value = value.replace('"', "")
    return f'"{value}"' if quote and any(c in value for c in ":;,") else value


def escape_text(value: str) -> str:
    """RFC 5545 TEXT escaping: backslash, semicolon, comma and line breaks; other controls dropped.

    Every character that breaks a line somewhere (NEL, U+2028, U+2029, VT, FF...)
    is written as ``\\n``: a reader that splits on it must not see a new property.
    """
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    value = value.replace("\r\n", "\n").translate(_ESCAPED_BREAKS)
    # TEXT may not hold control characters other than HTAB (RFC 5545 §3.3.11), and
    # a lone surrogate cannot even be written as UTF-8.
    return "".join(c for c in value if c == "\t" or not unsafe_chars(c))


def fold(line: str) -> str:
    """Fold a content line into CRLF + space continued pieces of at most 75 octets.

    Cuts fall between characters, never inside a UTF-8 sequence.
    """
    pieces, current, size = [], "", 0
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > _LINE_OCTETS:
            pieces.append(current)
            current, size = " ", 1
        current += char
        size += octets
    pieces.append(current)
    return "\r\n".join(pieces)


def series(start: datetime, rec: Recurrence, limit: int = SERIES_LIMIT) -> list[datetime]:
    """The naive wall times of the series from ``start``, in order, at most ``limit``.

    Anchored on the first day on or after ``start`` that fits the pattern, the
    way an RRULE expands from a DTSTART that matches it.
    """
    first = _first_day(start.date(), rec)
    out: list[datetime] = []
    for day in _days(first, rec, start.day):
        if (rec.end_date is not None and day > rec.end_date) or len(out) >= limit:
            break
        out.append(datetime.combine(day, start.time()))
        if rec.end_date is None and rec.end_times is not None and len(out) >= rec.end_times:
            break
    return out or [start]


def series_end(start: datetime, rec: Recurrence) -> datetime:
    """A wall time no earlier than the last occurrence (the end date itself when there is one)."""
    if rec.end_date is not None:
        return max(start, datetime.combine(rec.end_date, start.time()))
    return series(start, rec)[-1]


def _weekdays(rec: Recurrence, first: date) -> list[int]:
    return sorted({d for d in rec.weekly_days if 1 <= d <= 7}) or [zoom_weekday(first)]


def _first_day(start: date, rec: Recurrence) -> date:
    if rec.type == RecurrenceType.WEEKLY:
        wanted = _weekdays(rec, start)
        return next(
            start + timedelta(days=i)
            for i in range(7)
            if zoom_weekday(start + timedelta(days=i)) in wanted
        )
    if rec.type == RecurrenceType.MONTHLY:
        for months in range(48):
            day = _month_day(start.year, start.month + months, rec, start.day)
            if day is not None and day >= start:
                return day
    return start


def _days(first: date, rec: Recurrence, fallback_day: int) -> Iterator[date]:
    step = max(rec.repeat_interval, 1)
    for n in range(100_000):  # a bound, in case the pattern never matches
        if rec.type == RecurrenceType.WEEKLY:
            week = first - timedelta(days=zoom_weekday(first) - 1) + timedelta(weeks=n * step)
            for weekday in _weekdays(rec, first):
                day = week + timedelta(days=weekday - 1)
                if day >= first:
                    yield day
        elif rec.type == RecurrenceType.MONTHLY:
            found = _month_day(first.year, first.month + n * step, rec, fallback_day)
            if found is not None and found >= first:
                yield found
        else:
            yield first + timedelta(days=n * step)


def _month_day(year: int, month: int, rec: Recurrence, fallback_day: int) -> date | None:
    """The pattern's day in ``month`` (1-based, may run past 12), None when that month lacks it."""
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    length = calendar.monthrange(year, month)[1]
    if rec.monthly_week is None or rec.monthly_week_day is None:
        day = rec.monthly_day or fallback_day
        return date(year, month, day) if 1 <= day <= length else None
    weekday = (rec.monthly_week_day + 5) % 7  # Zoom's 1 = Sunday to Python's 6
    if rec.monthly_week == -1:
        last = date(year, month, length)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    day = 1 + (weekday - date(year, month, 1).weekday()) % 7 + 7 * (rec.monthly_week - 1)
    return date(year, month, day) if 1 <= day <= length else None
