"""Validation of a meeting draft: plain-words problems keyed by Zoom's field names.

Keys are the names Zoom uses in ``errors: [{field, message}]`` (``password``,
not ``passcode``; ``recurrence.end_times``), so a local problem and one Zoom
reports land on the same widget. Limits come from Zoom's published request
schemas (``../shared/zoom-api``); where the 2023-07 and 2023-10 exports
disagree, the stricter one is used so a body passes both.
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from typing import Any, Protocol

from zoomdesk.core import wallclock
from zoomdesk.core.meeting.calendar_words import format_date
from zoomdesk.core.meeting.options import check_options, check_template
from zoomdesk.core.meeting.values import (
    FIXED_TIME_TYPES,
    PASSCODE_CHARS,
    AutoRecording,
    MeetingSettings,
    MeetingType,
    Recurrence,
    RecurrenceType,
    code_points,
    unsafe_chars,
)

TOPIC_MAX = 200
AGENDA_MAX = 2000
PASSCODE_MAX = 10
#: 2023-10 schema: "The maximum number of recurring is 60" (2023-07 said 365).
END_TIMES_MAX = 60
#: The years a start may fall in (the last one excluded): zoomdesk's own bound, as
#: Zoom's schemas set none. A start from 2100 on is a typo (2206 for 2026), and one in
#: 9999 is not even a date in zones east of UTC; before 2000 every start has passed.
START_YEARS = (2000, 2100)
#: Zoom ends every meeting after 30 hours, on paid plans too (Zoom support,
#: "Understanding time limits for Zoom Meetings", KB0067972); the request schemas
#: give ``duration`` no maximum, so the longest meeting Zoom holds is the bound.
DURATION_MAX = 30 * 60
#: From the ``repeat_interval`` description: 90 days, 12 weeks, 3 months.
REPEAT_INTERVAL_MAX = {
    RecurrenceType.DAILY: 90,
    RecurrenceType.WEEKLY: 12,
    RecurrenceType.MONTHLY: 3,
}
_UNIT = {
    RecurrenceType.DAILY: "day",
    RecurrenceType.WEEKLY: "week",
    RecurrenceType.MONTHLY: "month",
}
_ADJECTIVE = {
    RecurrenceType.DAILY: "daily",
    RecurrenceType.WEEKLY: "weekly",
    RecurrenceType.MONTHLY: "monthly",
}


class DraftFields(Protocol):
    """What the rules read of a draft; ``draft.MeetingDraft`` is the one that has them.

    A protocol rather than an import, so the draft can call the rules without
    the two modules importing each other.
    """

    topic: str
    type: MeetingType
    start: datetime | None
    timezone: str
    duration: int
    passcode: str
    agenda: str
    settings: MeetingSettings
    recurrence: Recurrence | None
    template_id: str


JOIN_BEFORE_HOST_CONFLICT = (
    "Join before host can't be used with the waiting room: turn one of them off."
)


def check(
    draft: DraftFields, now: datetime | None = None, *, original: DraftFields | None = None
) -> dict[str, str]:
    """Every problem with ``draft``; ``now`` (aware, default: the current time) dates the start.

    A start left as it was in ``original`` may be in the past; it, and a duration
    left as it was, may also be outside the bounds above: they are Zoom's, and an
    update does not send them back.
    """
    now = wallclock.aware_now(now)
    unchanged = original is not None and _start_key(original) == _start_key(draft)
    same_duration = original is not None and original.duration == draft.duration
    errors: dict[str, str] = {}
    _check_text(draft, errors)
    try:
        kind = MeetingType(draft.type)
    except ValueError:
        errors["type"] = (
            f"Unknown meeting type {draft.type!r}: use 1 (instant), 2 (scheduled), "
            "3 (recurring, no fixed time) or 8 (recurring, fixed time)."
        )
        return errors
    tz = _check_timezone(draft.timezone, required=kind in FIXED_TIME_TYPES, errors=errors)
    if kind in FIXED_TIME_TYPES:
        _check_start(draft.start, tz, draft.timezone, None if unchanged else now, errors)
    _check_duration(draft.duration, errors, unchanged=same_duration)
    _check_passcode(draft.passcode, errors)
    if "agenda" not in errors and len(draft.agenda) > AGENDA_MAX:
        errors["agenda"] = (
            f"The agenda is too long: {len(draft.agenda):,} characters; "
            f"Zoom allows at most {AGENDA_MAX:,}."
        )
    _check_settings(draft.settings, errors)
    check_options(
        draft.settings, kind, errors, original=None if original is None else original.settings
    )
    if draft.template_id:
        check_template(draft.template_id, errors)
    if kind == MeetingType.RECURRING_FIXED_TIME:
        if draft.recurrence is None:
            errors["recurrence.type"] = "Choose how the meeting repeats: daily, weekly or monthly."
        else:
            _check_recurrence(draft.recurrence, _wall(draft.start, tz), errors)
    elif draft.recurrence is not None:
        errors["recurrence.type"] = (
            "Only a recurring meeting with a fixed time repeats on a "
            "schedule: change the meeting type or remove the repeat."
        )
    return errors


def _start_key(draft: DraftFields) -> tuple[object, ...]:
    # Naive datetimes compare equal across ``fold``; the two 02:30s of an autumn
    # night are different starts, an hour apart.
    start = draft.start
    return (start, None if start is None else start.fold, draft.timezone)


def _check_text(draft: DraftFields, errors: dict[str, str]) -> None:
    # The topic is a title: invitations and calendars show it on one line, so a
    # line break in it would let it pose as the lines after it. The agenda is a
    # description: line breaks and tabs belong there, other controls do not.
    # Lone surrogates (undecodable bytes in a command line) are not text at all.
    topic = draft.topic.strip()
    bad = unsafe_chars(topic)
    if bad:
        errors["topic"] = (
            "The topic must be one line of text, without line breaks, tabs or "
            f"control characters; found {code_points(bad)}."
        )
    elif not topic:
        errors["topic"] = "Enter a topic for the meeting."
    elif len(topic) > TOPIC_MAX:
        errors["topic"] = (
            f"The topic is too long: {len(topic):,} characters; Zoom allows at most {TOPIC_MAX}."
        )
    bad = unsafe_chars(draft.agenda, keep="\t\n\r\u2028\u2029")
    if bad:
        errors["agenda"] = (
            "The agenda can hold line breaks and tabs but no other control "
            f"characters; found {code_points(bad)}."
        )


def _check_timezone(name: str, *, required: bool, errors: dict[str, str]) -> tzinfo | None:
    if not name:
        if required:
            errors["timezone"] = "Choose a time zone."
        return None
    tz = wallclock.zone(name)
    if tz is None:
        errors["timezone"] = (
            f"Unknown time zone “{name}”: use an IANA name "
            "such as Europe/Berlin or America/New_York."
        )
    return tz


def _check_start(
    start: datetime | None,
    tz: tzinfo | None,
    name: str,
    now: datetime | None,
    errors: dict[str, str],
) -> None:
    """Present, in ``START_YEARS``, real (not in a DST gap) and, unless ``now`` is None
    (a start left as Zoom has it), in the future."""
    if start is None:
        errors["start_time"] = "Choose the date and time the meeting starts."
        return
    if now is None and not START_YEARS[0] <= start.year < START_YEARS[1]:
        return  # left as Zoom has it: not judged, and an update does not send it back
    if start.year >= START_YEARS[1]:
        errors["start_time"] = (
            f"The start is too far ahead: choose a date before 1 Jan {START_YEARS[1]}."
        )
        return
    if tz is None:
        return  # the time zone error says it all; a start in an unknown zone can't be judged
    wall = _wall(start, tz)  # None now only before START_YEARS: long past
    if wall is not None and not wallclock.exists(wall, tz):
        jump = wallclock.gap_length(wall, tz)
        amount = "an hour" if jump == timedelta(hours=1) else _minutes(jump)
        errors["start_time"] = (
            f"{wall:%H:%M} on {format_date(wall.date())} does not exist in "
            f"{name}: the clocks go forward {amount} that night. "
            "Choose another time."
        )
        return
    if now is not None and (wall is None or wallclock.to_instant(wall, tz) <= now):
        here = wallclock.to_wall(now, tz)
        errors["start_time"] = (
            f"The start time has passed: it is already {here:%H:%M} on "
            f"{format_date(here.date())} in {name}. "
            "Choose a time in the future."
        )


def _wall(start: datetime | None, tz: tzinfo | None) -> datetime | None:
    """``start`` as wall time in ``tz``; None without either, or outside ``START_YEARS``
    (where turning it into another zone's time may leave the years a date can hold)."""
    if start is None or tz is None or not START_YEARS[0] <= start.year < START_YEARS[1]:
        return None
    return wallclock.as_wall(start, tz)


def _minutes(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    return "1 minute" if minutes == 1 else f"{minutes} minutes"


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_duration(duration: Any, errors: dict[str, str], *, unchanged: bool) -> None:
    if not _is_int(duration):
        errors["duration"] = "Enter the duration as a whole number of minutes."
    elif duration < 1:
        errors["duration"] = "The duration must be at least 1 minute."
    elif duration > DURATION_MAX and not unchanged:
        errors["duration"] = (
            f"The duration can be at most {DURATION_MAX // 60} hours ({DURATION_MAX:,} "
            "minutes): Zoom ends every meeting after that."
        )


def _check_passcode(passcode: str, errors: dict[str, str]) -> None:
    bad = sorted({c for c in passcode if c not in PASSCODE_CHARS})
    if bad:
        names = ", ".join(
            "spaces" if c == " " else f"“{c}”" if c.isprintable() else code_points([c]) for c in bad
        )
        errors["password"] = (
            f"A passcode can only use letters A–Z, digits and @ _ * -; not allowed: {names}."
        )
    elif len(passcode) > PASSCODE_MAX:
        errors["password"] = (
            f"The passcode is too long: {len(passcode)} characters; "
            f"Zoom allows at most {PASSCODE_MAX}."
        )


def _check_settings(settings: MeetingSettings, errors: dict[str, str]) -> None:
    # Zoom: "If the Waiting Room feature is enabled, this setting is disabled";
    # it would silently drop join-before-host, so ask the user to choose.
    if settings.waiting_room and settings.join_before_host:
        errors["settings.join_before_host"] = JOIN_BEFORE_HOST_CONFLICT
    if settings.auto_recording not in {r.value for r in AutoRecording}:
        errors["settings.auto_recording"] = (
            f"Automatic recording must be none, local or cloud, not “{settings.auto_recording}”."
        )


def _check_recurrence(rec: Recurrence, start: datetime | None, errors: dict[str, str]) -> None:
    try:
        kind = RecurrenceType(rec.type)
    except ValueError:
        errors["recurrence.type"] = "Choose how the meeting repeats: daily, weekly or monthly."
        return
    limit = REPEAT_INTERVAL_MAX[kind]
    if not _is_int(rec.repeat_interval) or not 1 <= rec.repeat_interval <= limit:
        errors["recurrence.repeat_interval"] = (
            f"A {_ADJECTIVE[kind]} meeting can repeat every 1 to {limit} {_UNIT[kind]}s."
        )
    if kind == RecurrenceType.WEEKLY:
        _check_weekly(rec, errors)
    elif kind == RecurrenceType.MONTHLY:
        _check_monthly(rec, errors)
    _check_end(rec, start, errors)


def _check_weekly(rec: Recurrence, errors: dict[str, str]) -> None:
    bad = [d for d in rec.weekly_days if not _is_int(d) or not 1 <= d <= 7]
    if not rec.weekly_days:
        errors["recurrence.weekly_days"] = "Choose at least one day of the week."
    elif bad:
        errors["recurrence.weekly_days"] = (
            "Days of the week go from 1 (Sunday) to 7 (Saturday); "
            f"{', '.join(map(str, bad))} is not one of them."
        )


def _check_monthly(rec: Recurrence, errors: dict[str, str]) -> None:
    by_week = rec.monthly_week is not None or rec.monthly_week_day is not None
    if rec.monthly_day is not None and by_week:
        errors["recurrence.monthly_day"] = (
            "Choose either a day of the month or a week and a day of the week, not both."
        )
    elif rec.monthly_day is not None:
        if not _is_int(rec.monthly_day) or not 1 <= rec.monthly_day <= 31:
            errors["recurrence.monthly_day"] = "The day of the month must be from 1 to 31."
    elif not by_week:
        errors["recurrence.monthly_day"] = (
            "Choose a day of the month, or a week and a day of the week."
        )
    else:
        if rec.monthly_week not in (-1, 1, 2, 3, 4):
            errors["recurrence.monthly_week"] = (
                "Choose the first, second, third, fourth or last week of the month."
            )
        if rec.monthly_week_day not in range(1, 8):
            errors["recurrence.monthly_week_day"] = (
                "Choose a day of the week: 1 (Sunday) to 7 (Saturday)."
            )


def _check_end(rec: Recurrence, start: datetime | None, errors: dict[str, str]) -> None:
    if rec.end_times is None and rec.end_date is None:
        errors["recurrence.end_times"] = (
            "Choose when the meeting stops repeating: after a number of times, or on a date."
        )
    elif rec.end_times is not None and rec.end_date is not None:
        errors["recurrence.end_date_time"] = (
            "Choose either a number of times or an end date, not both."
        )
    elif rec.end_times is not None:
        if not _is_int(rec.end_times) or not 1 <= rec.end_times <= END_TIMES_MAX:
            errors["recurrence.end_times"] = f"A meeting can repeat 1 to {END_TIMES_MAX} times."
    elif start is not None and rec.end_date is not None and rec.end_date <= start.date():
        errors["recurrence.end_date_time"] = (
            f"The end date must be after the first meeting ({format_date(start.date())})."
        )
