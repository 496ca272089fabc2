"""Meeting request-body checks, as strict as Zoom's.

Problems are collected, not raised, so one answer names every bad field
(``{"field": "recurrence.end_times", "message": ...}``) the way Zoom's
``code 300`` errors do. Field names are Zoom's, dotted for nested objects.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from zoomdesk.sandbox import fields as f
from zoomdesk.sandbox.fields import Problems
from zoomdesk.sandbox.meetings import (
    DEFAULT_SETTINGS,
    RECURRING_FIXED_TIME,
    MeetingSpec,
    zoom_time,
)
from zoomdesk.sandbox.model import User
from zoomdesk.sandbox.recurrence import MAX_END_TIMES, Rule, occurrence_starts
from zoomdesk.sandbox.scheduling import check_options
from zoomdesk.sandbox.settings_rules import check_setting

TOPIC_MAX = 200
AGENDA_MAX = 2000
#: Zoom's largest repeat_interval per recurrence type (daily, weekly, monthly).
MAX_INTERVAL = {1: 90, 2: 12, 3: 3}
#: Fields one occurrence of a series may change (Zoom's PATCH with occurrence_id).
OCCURRENCE_FIELDS = ("start_time", "duration", "agenda", "settings")
OCCURRENCE_SETTINGS = (
    "host_video",
    "participant_video",
    "join_before_host",
    "mute_upon_entry",
    "waiting_room",
    "watermark",
    "auto_recording",
)


def validate_meeting(raw: Mapping[str, Any], host: User, now: datetime) -> MeetingSpec | Problems:
    """Check a create body (or a meeting merged with an update) and normalise it."""
    p = Problems()
    topic = f.string(raw, "topic", p, TOPIC_MAX)
    meeting_type = f.choice(raw, "type", p, (1, 2, 3, 8))
    timezone = f.timezone(raw.get("timezone", host.timezone), "timezone", p)
    start = f.date_time(raw, "start_time", timezone, p)
    duration = f.integer(raw, "duration", p, minimum=1)
    password = f.password(raw, p)
    agenda = f.string(raw, "agenda", p, AGENDA_MAX)
    pre_schedule = f.boolean(raw, "pre_schedule", p)
    f.boolean(raw, "default_password", p)
    f.string(raw, "template_id", p)
    schedule_for = f.string(raw, "schedule_for", p)
    if schedule_for is not None and not host.matches(schedule_for):
        p.add("schedule_for", "You can only schedule meetings for yourself in the sandbox.")
    tracking_fields = _tracking_fields(raw, p)
    settings = _settings(raw.get("settings", {}), p)
    meeting_type = 2 if meeting_type is None else meeting_type
    check_options(settings, meeting_type, p)
    if meeting_type != RECURRING_FIXED_TIME:
        # Zoom: "This field is only for recurring meetings with fixed times (8)."
        settings.pop("registration_type", None)
    rule = None
    if meeting_type == RECURRING_FIXED_TIME:
        if "recurrence" not in raw:
            p.add("recurrence", "Required for a recurring meeting with a fixed time (type 8).")
        else:
            rule = _recurrence(raw["recurrence"], p)
    if p or timezone is None:
        return p
    if meeting_type in (1, 3):
        start = None  # instant: now (set by the store); type 3: no time at all
    elif start is None:
        start = now  # Zoom schedules a meeting without start_time for now
    if rule is not None and start is not None:
        _check_series(rule, start, timezone, p)
    if p:
        return p
    if settings.get("waiting_room"):
        # Zoom: the waiting room and join-before-host exclude each other.
        settings["join_before_host"] = False
    return MeetingSpec(
        topic=topic if topic is not None else "Zoom Meeting",
        type=meeting_type,
        start_time=start,
        timezone=timezone,
        duration=duration if duration is not None else 60,
        password=password,
        agenda=agenda,
        settings=settings,
        recurrence=rule,
        pre_schedule=bool(pre_schedule),
        tracking_fields=tracking_fields,
    )


def merge_update(spec: MeetingSpec, body: Mapping[str, Any]) -> dict[str, Any]:
    """The stored meeting as a request body with an update laid over it.

    ``settings`` merge key by key (as at Zoom); every other field, including
    ``recurrence``, is replaced whole.
    """
    raw: dict[str, Any] = {
        "topic": spec.topic,
        "type": spec.type,
        "timezone": spec.timezone,
        "duration": spec.duration,
        "password": spec.password,
        "settings": copy.deepcopy(spec.settings),
        "pre_schedule": spec.pre_schedule,
    }
    if spec.start_time is not None:
        raw["start_time"] = zoom_time(spec.start_time)
    if spec.agenda is not None:
        raw["agenda"] = spec.agenda
    if spec.recurrence is not None:
        raw["recurrence"] = spec.recurrence.to_json()
    if spec.tracking_fields:
        raw["tracking_fields"] = copy.deepcopy(spec.tracking_fields)
    for key, value in body.items():
        if key == "settings" and isinstance(value, dict):
            raw["settings"].update(value)
        else:
            raw[key] = value
    return raw


def validate_occurrence_update(body: Mapping[str, Any], timezone: str) -> dict[str, Any] | Problems:
    """Check an update of one occurrence; returns the changes keyed by field."""
    p = Problems()
    for key in body:
        if key not in OCCURRENCE_FIELDS:
            p.add(key, "Cannot be changed for one occurrence; update the whole series instead.")
    changes: dict[str, Any] = {}
    if "start_time" in body:
        changes["start_time"] = f.date_time(body, "start_time", timezone, p)
    if "duration" in body:
        changes["duration"] = f.integer(body, "duration", p, minimum=1)
    if "agenda" in body:
        changes["agenda"] = f.string(body, "agenda", p, AGENDA_MAX)
    settings = body.get("settings", {})
    if not isinstance(settings, dict):
        p.add("settings", "Must be an object.")
    else:
        for key in settings:
            if key not in OCCURRENCE_SETTINGS:
                p.add(f"settings.{key}", "Cannot be changed for one occurrence.")
        changes["settings"] = {
            k: v for k, v in settings.items() if check_setting(k, v, p) and k in OCCURRENCE_SETTINGS
        }
    return p if p else changes


# -- compound fields -----------------------------------------------------------


def _tracking_fields(raw: Mapping[str, Any], p: Problems) -> list[dict[str, Any]] | None:
    value = raw.get("tracking_fields")
    if value is None:
        return None
    if not isinstance(value, list) or not all(
        isinstance(item, dict)
        and isinstance(item.get("field"), str)
        and isinstance(item.get("value", ""), str)
        for item in value
    ):
        p.add("tracking_fields", 'Must be a list of {"field": ..., "value": ...} objects.')
        return None
    return copy.deepcopy(value)


def _settings(value: Any, p: Problems) -> dict[str, Any]:
    settings = copy.deepcopy(DEFAULT_SETTINGS)
    if not isinstance(value, dict):
        p.add("settings", "Must be an object.")
        return settings
    for key, item in value.items():
        if check_setting(key, item, p):
            settings[key] = copy.deepcopy(item)
    return settings


# -- recurrence ----------------------------------------------------------------


def _recurrence(value: Any, p: Problems) -> Rule | None:
    if not isinstance(value, dict):
        p.add("recurrence", "Must be an object.")
        return None
    before = len(p.items)
    sub = f.Prefixed(p, "recurrence.")
    rtype = f.choice(value, "type", sub, (1, 2, 3))
    if rtype is None and "type" not in value:
        sub.add("type", "Required: 1 daily, 2 weekly or 3 monthly.")
    interval = f.integer(value, "repeat_interval", sub, 1, MAX_INTERVAL.get(rtype or 1)) or 1
    rule = Rule(type=rtype or 1, repeat_interval=interval)
    if rtype == 2:
        rule = _weekly(value, rule, sub)
    elif rtype == 3:
        rule = _monthly(value, rule, sub)
    end_times = f.integer(value, "end_times", sub, 1, MAX_END_TIMES)
    end_date_time = _end_date_time(value, sub)
    if ("end_times" in value) == ("end_date_time" in value):
        sub.add("end_times", "Set exactly one of end_times and end_date_time.")
    if len(p.items) > before:
        return None
    return dataclasses.replace(rule, end_times=end_times, end_date_time=end_date_time)


def _weekly(value: Mapping[str, Any], rule: Rule, p: Problems) -> Rule:
    days = value.get("weekly_days")
    if days is None:
        p.add("weekly_days", "Required for a weekly recurrence, for example 2,4 (1 = Sunday).")
        return rule
    parts = days.split(",") if isinstance(days, str) else []
    if not parts or any(len(d) != 1 or d not in "1234567" for d in parts):
        p.add("weekly_days", "Must be days 1-7 separated by commas, for example 2,4.")
        return rule
    if len(set(parts)) != len(parts):
        p.add("weekly_days", "Each day may appear only once.")
        return rule
    return Rule(rule.type, rule.repeat_interval, weekly_days=tuple(sorted(int(d) for d in parts)))


def _monthly(value: Mapping[str, Any], rule: Rule, p: Problems) -> Rule:
    by_day = "monthly_day" in value
    by_week = "monthly_week" in value or "monthly_week_day" in value
    if by_day == by_week:
        p.add("monthly_day", "Set monthly_day, or monthly_week with monthly_week_day.")
        return rule
    if by_day:
        day = f.integer(value, "monthly_day", p, 1, 31)
        return Rule(rule.type, rule.repeat_interval, monthly_day=day)
    week = f.choice(value, "monthly_week", p, (-1, 1, 2, 3, 4))
    weekday = f.choice(value, "monthly_week_day", p, (1, 2, 3, 4, 5, 6, 7))
    for key in ("monthly_week", "monthly_week_day"):
        if key not in value:
            p.add(key, "monthly_week and monthly_week_day go together.")
    return Rule(rule.type, rule.repeat_interval, monthly_week=week, monthly_week_day=weekday)


def _end_date_time(value: Mapping[str, Any], p: Problems) -> datetime | None:
    raw = value.get("end_date_time")
    if raw is None:
        return None
    if not isinstance(raw, str) or not raw.endswith("Z"):
        p.add("end_date_time", "Must be a UTC time such as 2024-05-31T23:59:59Z.")
        return None
    return f.date_time(value, "end_date_time", "UTC", p)


def _check_series(rule: Rule, start: datetime, timezone: str, p: Problems) -> None:
    if rule.end_date_time is not None and rule.end_date_time < start:
        p.add("recurrence.end_date_time", "Must be after start_time.")
    elif not occurrence_starts(rule, start, timezone):
        p.add("recurrence", "This recurrence has no occurrences.")
