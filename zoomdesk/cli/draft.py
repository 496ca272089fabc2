"""Meeting flags -> ``MeetingDraft`` (create) or changes to an existing one (update).

An update of one occurrence (``--occurrence-id``) takes only the flags Zoom lets
one occurrence change; the others are refused here, naming the flag.

Problems are reported as ``InvalidInputError`` keyed by Zoom's field names (the
same keys ``MeetingDraft.validate`` uses), before any request is sent.
"""

from __future__ import annotations

import argparse
import dataclasses
import re
from collections.abc import Mapping
from datetime import date, datetime, tzinfo
from typing import Any

from zoomdesk.cli.args import FLAG_FOR
from zoomdesk.cli.errors import InvalidInputError
from zoomdesk.cli.options import STANDALONE as STANDALONE_OPTIONS
from zoomdesk.cli.options import apply_options, option_fields
from zoomdesk.core import wallclock
from zoomdesk.core.meeting import (
    FIXED_TIME_TYPES,
    AutoRecording,
    MeetingDraft,
    MeetingSettings,
    MeetingType,
    Recurrence,
    RecurrenceType,
    occurrence_may_change,
    random_passcode,
)
from zoomdesk.core.meeting.calendar_words import zoom_weekday
from zoomdesk.core.meeting.span import (
    END_FIELD,
    end_problem,
    minutes_between,
    next_day_hint,
    parse_end,
)
from zoomdesk.core.systz import system_timezone

#: meeting flag (argparse ``dest``) -> the Zoom field it sets: FLAG_FOR read backwards.
_FIELD_OF = {
    flag[2:].replace("-", "_"): field
    for field, flag in FLAG_FOR.items()
    if flag.startswith("--") and "/" not in flag
}
_DAYS = {
    name: number
    for number, names in enumerate(
        (
            ("sun", "sunday"),
            ("mon", "monday"),
            ("tue", "tues", "tuesday"),
            ("wed", "wednesday"),
            ("thu", "thur", "thurs", "thursday"),
            ("fri", "friday"),
            ("sat", "saturday"),
        ),
        start=1,
    )
    for name in names
}
_GROUPED_ID = re.compile(r"[0-9]+(?:[ -][0-9]+)*")
_RECURRENCE = {
    "daily": RecurrenceType.DAILY,
    "weekly": RecurrenceType.WEEKLY,
    "monthly": RecurrenceType.MONTHLY,
}
_SETTINGS = {
    "waiting_room": "waiting_room",
    "join_before_host": "join_before_host",
    "mute_on_entry": "mute_upon_entry",
    "host_video": "host_video",
    "participant_video": "participant_video",
}
#: fields whose problems do not depend on the rest of the meeting
_STANDALONE = (
    frozenset({"topic", "duration", "password", "agenda", "timezone", "settings.auto_recording"})
    | STANDALONE_OPTIONS
)
#: Fields given by a flag that sets another field: --end sets the duration.
_SETS = {END_FIELD: "duration"}
_RECURRENCE_FLAGS = (
    "recurrence",
    "repeat_interval",
    "weekly_days",
    "monthly_day",
    "monthly_week",
    "monthly_week_day",
    "end_times",
    "end_date",
)


def parse_meeting_id(text: str) -> int:
    """A meeting ID as typed or copied: digits, optionally grouped with spaces or dashes."""
    text = text.strip()
    digits = re.sub(r"[ -]", "", text) if _GROUPED_ID.fullmatch(text) else ""
    if not digits or not 0 < int(digits) < 2**63:
        raise InvalidInputError({"id": f"“{text}” is not a meeting ID: use its digits."})
    return int(digits)


def _given(args: argparse.Namespace, name: str) -> bool:
    return getattr(args, name, None) is not None


def _for_occurrence(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "occurrence_id", None))  # empty counts as not given


def touched_fields(args: argparse.Namespace) -> set[str]:
    """The Zoom fields the flags change; problems elsewhere belong to the old meeting."""
    fields = {field for dest, field in _FIELD_OF.items() if _given(args, dest)}
    fields |= option_fields(args)
    if _given(args, "start") or _given(args, "timezone"):
        fields |= {"start_time", "timezone", "type"}
    if _given(args, "end"):
        fields |= {"duration"}
    if _given(args, "waiting_room") or _given(args, "join_before_host"):
        # Each can undo the other; their conflict is reported on join_before_host.
        fields |= {"settings.waiting_room", "settings.join_before_host"}
    if any(_given(args, f) for f in _RECURRENCE_FLAGS):
        fields |= {"type", "start_time"} | {k for k in FLAG_FOR if k.startswith("recurrence.")}
    return fields


def _parse_start(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise InvalidInputError(
            {"start_time": f"“{text}” is not a date and time: use e.g. 2026-12-07T09:30."}
        ) from None


def _days(text: str, field: str) -> tuple[int, ...]:
    names = [part.strip().lower() for part in text.split(",") if part.strip()]
    unknown = [n for n in names if n not in _DAYS]
    if unknown or not names:
        raise InvalidInputError(
            {field: f"“{text}” is not a list of weekdays: use names such as mon,wed,fri."}
        )
    return tuple(dict.fromkeys(_DAYS[n] for n in names))


def _monthly_week(text: str) -> int:
    value = text.strip().lower()
    if value == "last":
        return -1
    try:
        return int(value)
    except ValueError:
        raise InvalidInputError(
            {"recurrence.monthly_week": f"“{text}” is not a week: use 1, 2, 3, 4 or last."}
        ) from None


def _end_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInputError(
            {"recurrence.end_date_time": f"“{text}” is not a date: use e.g. 2027-03-31."}
        ) from None


def _recurrence(
    args: argparse.Namespace, current: Recurrence | None, start: datetime | None
) -> Recurrence:
    """The recurrence the flags describe, starting from ``current`` when there is one."""
    kind = _RECURRENCE[args.recurrence] if _given(args, "recurrence") else None
    if current is None or (kind is not None and kind != current.type):
        rec = Recurrence(type=kind or RecurrenceType.DAILY)
        if current is not None:  # keep how the old series ended
            rec = dataclasses.replace(rec, end_times=current.end_times, end_date=current.end_date)
    else:
        rec = current
    changes: dict[str, Any] = {}
    if _given(args, "repeat_interval"):
        changes["repeat_interval"] = args.repeat_interval
    if _given(args, "weekly_days"):
        changes["weekly_days"] = _days(args.weekly_days, "recurrence.weekly_days")
    if _given(args, "monthly_day"):
        changes.update(monthly_day=args.monthly_day, monthly_week=None, monthly_week_day=None)
    if _given(args, "monthly_week") or _given(args, "monthly_week_day"):
        changes["monthly_day"] = None
        if _given(args, "monthly_week"):
            changes["monthly_week"] = _monthly_week(args.monthly_week)
        if _given(args, "monthly_week_day"):
            days = _days(args.monthly_week_day, "recurrence.monthly_week_day")
            if len(days) != 1:
                raise InvalidInputError(
                    {"recurrence.monthly_week_day": "Give one weekday, e.g. fri."}
                )
            changes["monthly_week_day"] = days[0]
    if _given(args, "end_times"):
        changes.update(end_times=args.end_times, end_date=None)
    if _given(args, "end_date"):
        changes.update(end_date=_end_date(args.end_date), end_times=None)
    rec = dataclasses.replace(rec, **changes)
    # Leave nothing open that the start already answers: its weekday / day of month.
    if start is not None and rec.type == RecurrenceType.WEEKLY and not rec.weekly_days:
        rec = dataclasses.replace(rec, weekly_days=(zoom_weekday(start.date()),))
    if (
        start is not None
        and rec.type == RecurrenceType.MONTHLY
        and rec.monthly_day is None
        and rec.monthly_week is None
        and rec.monthly_week_day is None
    ):
        rec = dataclasses.replace(rec, monthly_day=start.day)
    return rec


def _end_parts(
    d: MeetingDraft, args: argparse.Namespace
) -> tuple[datetime, datetime, tzinfo] | None:
    """``--end`` read against the draft's start: (start, end, zone); None when the zone
    is unknown (its own message says so). InvalidInputError for an end that cannot be."""
    if _given(args, "duration"):
        raise InvalidInputError(
            {"duration": "Give --duration or --end, not both: --end sets the duration."}
        )
    if d.start is None or d.type not in FIXED_TIME_TYPES:
        raise InvalidInputError(
            {
                END_FIELD: "An end needs a start time: add --start (or give an instant "
                "meeting a --duration)."
            }
        )
    tz = wallclock.zone(d.timezone)
    if tz is None:
        return None
    try:
        end = parse_end(args.end, d.start, tz)
    except ValueError as exc:
        raise InvalidInputError({END_FIELD: str(exc)}) from None
    return wallclock.as_wall(d.start, tz), end, tz


def _duration_to_end(d: MeetingDraft, args: argparse.Namespace) -> int:
    """The duration ``--end`` means for the draft's start."""
    parts = _end_parts(d, args)
    if parts is None:
        return d.duration
    start, end, tz = parts
    problem = end_problem(start, end, tz, d.timezone)
    if problem is not None:
        bare_time = "T" not in args.end.upper() and "-" not in args.end
        if bare_time and end <= start:
            problem += " " + next_day_hint(start, end)
        raise InvalidInputError({END_FIELD: problem})
    return minutes_between(start, end, tz)


def apply_flags(
    draft: MeetingDraft, args: argparse.Namespace, *, with_end: bool = True
) -> MeetingDraft:
    """``draft`` with every given meeting flag applied (nothing validated yet).

    ``--end`` becomes the duration from the start; ``with_end=False`` (a probe whose
    start is made up) only checks that it can be read.
    """
    d = dataclasses.replace(draft)
    if _given(args, "topic"):
        d.topic = args.topic
    if _given(args, "timezone"):
        d.timezone = args.timezone.strip()
    if _given(args, "start"):
        d.start = _parse_start(args.start)
        if d.type not in FIXED_TIME_TYPES:
            d.type = MeetingType.SCHEDULED
    if d.start is not None and d.start.tzinfo is not None:
        # "...Z" or "+01:00": keep the instant, as wall time in the meeting's zone
        # (when that is a date at all: the rules refuse a start of 9999-12-31T23:00-05:00).
        tz = wallclock.zone(d.timezone)
        wall = wallclock.seen_in(d.start, tz) if tz is not None else None
        if wall is not None:
            d.start = wall.replace(tzinfo=None)
    if _given(args, "duration") and not _given(args, "end"):
        d.duration = args.duration
    if _given(args, "end"):
        if with_end:
            d.duration = _duration_to_end(d, args)
        else:
            _end_parts(d, args)
    if _given(args, "passcode"):
        d.passcode = args.passcode
    if _given(args, "agenda"):
        d.agenda = args.agenda
    settings: dict[str, Any] = {
        field: getattr(args, flag) for flag, field in _SETTINGS.items() if _given(args, flag)
    }
    if args.join_before_host and not _given(args, "waiting_room"):
        settings["waiting_room"] = False  # asked for explicitly: the default gives way
    if _given(args, "auto_recording"):
        settings["auto_recording"] = AutoRecording(args.auto_recording)
    d.settings = dataclasses.replace(d.settings, **settings)
    d = apply_options(d, args, set(settings))
    if any(_given(args, f) for f in _RECURRENCE_FLAGS):
        if d.start is None:
            raise InvalidInputError(
                {"start_time": "A repeating meeting needs a start time: add --start."}
            )
        d.type = MeetingType.RECURRING_FIXED_TIME
        d.recurrence = _recurrence(args, d.recurrence, d.start)
    return d


def draft_for_create(args: argparse.Namespace, now: datetime | None = None) -> MeetingDraft:
    """The validated draft for ``meetings create``; InvalidInputError names every problem."""
    base = MeetingDraft(
        type=MeetingType.INSTANT,
        timezone=system_timezone(),
        passcode=random_passcode(),
        settings=MeetingSettings(),
    )
    draft = apply_flags(base, args)
    problems = draft.validate(now)
    if problems:
        raise InvalidInputError(problems)
    return draft


def patch_for_update(
    original: Mapping[str, Any], args: argparse.Namespace, now: datetime | None = None
) -> dict[str, Any]:
    """The PATCH body for ``meetings update``: only what the flags change, validated."""
    _refuse_series_flags(args)
    occurrence = _for_occurrence(args)
    before = MeetingDraft.from_zoom_json(dict(original))
    after = apply_flags(before, args)
    touched = touched_fields(args)
    # An unchanged start may have passed: a series under way can still be edited.
    problems = {k: v for k, v in after.validate(now, original=before).items() if k in touched}
    if problems:
        raise InvalidInputError(problems)
    return after.patch_from(before, occurrence=occurrence)


def _refuse_series_flags(args: argparse.Namespace) -> None:
    """With ``--occurrence-id``: refuse the flags only the whole series can take."""
    if not _for_occurrence(args):
        return
    problems: dict[str, str] = {}
    for dest, field in _FIELD_OF.items():
        # --end sets the duration, which one occurrence may change.
        if not _given(args, dest) or occurrence_may_change(_SETS.get(field, field)):
            continue
        flag = FLAG_FOR[field]
        if getattr(args, dest) is False:
            flag = "--no-" + flag[2:]
        problems[field] = (
            "One occurrence keeps the series' time zone: leave out --timezone and give "
            "--start in that zone, or with an offset such as +01:00 or Z."
            if dest == "timezone"
            else f"{flag} changes the whole series, not one occurrence: "
            "leave out --occurrence-id to change every occurrence."
        )
    if problems:
        raise InvalidInputError(problems)


def precheck_update(args: argparse.Namespace, now: datetime | None = None) -> None:
    """Catch what the flags get wrong on their own, before the meeting is fetched."""
    _refuse_series_flags(args)
    touched = touched_fields(args)
    if not touched:
        raise InvalidInputError({"input": "Nothing to change: give at least one meeting flag."})
    probe = MeetingDraft.new(topic="probe", now=now, timezone=system_timezone())
    # Raises for values that cannot even be parsed; an end is judged with the real start.
    draft = apply_flags(probe, args, with_end=False)
    # Start time and recurrence are judged with the meeting they change, once fetched.
    local = {k: v for k, v in draft.validate(now).items() if k in touched & _STANDALONE}
    if local:
        raise InvalidInputError(local)
