"""Stored meetings and the JSON Zoom returns for them.

A :class:`MeetingSpec` is what the client asked for, already validated
(``validation.py``); a :class:`Meeting` adds what Zoom makes up: ids, URLs,
derived passcodes and the occurrences of a recurring series.
"""

from __future__ import annotations

import base64
import copy
import secrets
import string
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from zoomdesk.sandbox.model import User
from zoomdesk.sandbox.recurrence import Rule, occurrence_starts

INSTANT, SCHEDULED, RECURRING_NO_FIXED_TIME, RECURRING_FIXED_TIME = 1, 2, 3, 8

#: What a new meeting's ``settings`` hold when the request leaves a key out;
#: values as a fresh Zoom account (VoIP only, no dial-in numbers) returns them.
DEFAULT_SETTINGS: dict[str, Any] = {
    "host_video": False,
    "participant_video": False,
    "cn_meeting": False,
    "in_meeting": False,
    "join_before_host": False,
    "jbh_time": 0,
    "mute_upon_entry": False,
    "watermark": False,
    "use_pmi": False,
    "approval_type": 2,
    "audio": "voip",
    "auto_start_meeting_summary": False,
    "auto_recording": "none",
    "enforce_login": False,
    "enforce_login_domains": "",
    "alternative_hosts": "",
    "alternative_hosts_email_notification": True,
    "close_registration": False,
    "show_share_button": False,
    "allow_multiple_devices": False,
    "registrants_confirmation_email": True,
    "waiting_room": False,
    "registrants_email_notification": True,
    "meeting_authentication": False,
    "encryption_type": "enhanced_encryption",
    "approved_or_denied_countries_or_regions": {"enable": False},
    "breakout_room": {"enable": False},
    "internal_meeting": False,
    "continuous_meeting_chat": {"enable": False, "auto_add_invited_external_users": False},
    "participant_focused_meeting": False,
    "push_change_to_calendar": False,
    "alternative_host_update_polls": False,
    "host_save_video_order": False,
    "sign_language_interpretation": {"enable": False},
    "email_notification": True,
    "focus_mode": False,
    "private_meeting": False,
}


def zoom_time(moment: datetime) -> str:
    """UTC ``yyyy-MM-ddTHH:mm:ssZ``, the form Zoom answers with."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class MeetingSpec:
    """A validated create request, or a meeting merged with a validated update."""

    topic: str
    type: int
    start_time: datetime | None  # aware UTC; None for type 3
    timezone: str
    duration: int
    password: str | None  # None: let the sandbox make one up
    agenda: str | None
    settings: dict[str, Any]
    recurrence: Rule | None  # type 8 only
    pre_schedule: bool = False
    tracking_fields: list[dict[str, Any]] | None = None


@dataclass
class Occurrence:
    occurrence_id: str
    start: datetime
    duration: int
    agenda: str | None = None
    settings: dict[str, Any] = field(default_factory=dict)  # overrides for this one


@dataclass
class Meeting:
    id: int
    uuid: str
    host: User
    spec: MeetingSpec
    created_at: datetime
    encrypted_password: str = ""
    numeric_password: str = ""
    zak: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    occurrences: list[Occurrence] = field(default_factory=list)

    @property
    def password(self) -> str:
        return self.spec.password or ""

    def occurrence(self, occurrence_id: str) -> Occurrence | None:
        return next((o for o in self.occurrences if o.occurrence_id == occurrence_id), None)

    def apply(self, spec: MeetingSpec) -> None:
        """Store a (new or updated) spec and recompute everything derived from it."""
        # The first call (from new_meeting) has nothing to compare against.
        old = self.spec if self.encrypted_password else None
        if spec.password is None:
            spec.password = _new_password()
        self.spec = spec
        if old is None or old.password != spec.password:
            self.encrypted_password = _token(32) + ".1"
            self.numeric_password = (
                spec.password if spec.password.isdigit() else _digits(len(spec.password))
            )
        if old is None or _schedule(old) != _schedule(spec):
            # A new schedule makes new occurrences; per-occurrence edits are gone.
            self.occurrences = _occurrences(spec)


def new_meeting(meeting_id: int, spec: MeetingSpec, host: User, now: datetime) -> Meeting:
    if spec.type == INSTANT:
        spec.start_time = now  # an instant meeting starts when it is made
    uuid = base64.b64encode(secrets.token_bytes(16)).decode("ascii")
    meeting = Meeting(id=meeting_id, uuid=uuid, host=host, spec=spec, created_at=now)
    meeting.apply(spec)
    return meeting


def meeting_json(
    meeting: Meeting, base_url: str, occurrence: Occurrence | None = None
) -> dict[str, Any]:
    """The body of ``GET /meetings/{id}`` (and, with status 201, of the create call)."""
    spec = meeting.spec
    out: dict[str, Any] = {
        "uuid": meeting.uuid,
        "id": meeting.id,
        "host_id": meeting.host.user_id,
        "host_email": meeting.host.email,
        "assistant_id": "",
        "topic": spec.topic,
        "type": spec.type,
        "status": "waiting",
    }
    start = display_start(meeting)
    if occurrence is not None:
        start = occurrence.start
    if start is not None:
        out["start_time"] = zoom_time(start)
    out["duration"] = occurrence.duration if occurrence else spec.duration
    out["timezone"] = spec.timezone
    agenda = occurrence.agenda if occurrence and occurrence.agenda is not None else spec.agenda
    if agenda:
        out["agenda"] = agenda
    out["created_at"] = zoom_time(meeting.created_at)
    out["start_url"] = f"{base_url}/s/{meeting.id}?zak={meeting.zak}"
    out["join_url"] = f"{base_url}/j/{meeting.id}?pwd={meeting.encrypted_password}"
    out["password"] = meeting.password
    out["h323_password"] = meeting.numeric_password
    out["pstn_password"] = meeting.numeric_password
    out["encrypted_password"] = meeting.encrypted_password
    settings = copy.deepcopy(spec.settings)
    if occurrence is not None:
        settings.update(copy.deepcopy(occurrence.settings))
    out["settings"] = settings
    out["pre_schedule"] = spec.pre_schedule
    if settings.get("use_pmi") is True:
        out["pmi"] = str(meeting.host.pmi)  # a string here, as in Zoom's schema
    if settings.get("approval_type") in (0, 1):
        out["registration_url"] = f"{base_url}/meeting/register/{meeting.id}"
    if spec.recurrence is not None:
        out["recurrence"] = spec.recurrence.to_json()
        out["occurrences"] = [
            {
                "occurrence_id": o.occurrence_id,
                "start_time": zoom_time(o.start),
                "duration": o.duration,
                "status": "available",
            }
            for o in meeting.occurrences
        ]
    if spec.tracking_fields:
        out["tracking_fields"] = copy.deepcopy(spec.tracking_fields)
    return out


def list_item(meeting: Meeting, base_url: str, now: datetime) -> dict[str, Any]:
    """One entry of ``GET /users/{userId}/meetings``."""
    spec = meeting.spec
    out: dict[str, Any] = {
        "uuid": meeting.uuid,
        "id": meeting.id,
        "host_id": meeting.host.user_id,
        "topic": spec.topic,
        "type": spec.type,
    }
    upcoming = _next_occurrence(meeting, now)
    start = upcoming.start if upcoming else display_start(meeting)
    if start is not None:
        out["start_time"] = zoom_time(start)
    out["duration"] = upcoming.duration if upcoming else spec.duration
    out["timezone"] = spec.timezone
    if spec.agenda:
        out["agenda"] = spec.agenda
    out["created_at"] = zoom_time(meeting.created_at)
    out["join_url"] = f"{base_url}/j/{meeting.id}?pwd={meeting.encrypted_password}"
    return out


def listed_start(meeting: Meeting, now: datetime) -> datetime | None:
    """The start a listing shows: a series' next occurrence that has not ended yet."""
    upcoming = _next_occurrence(meeting, now)
    return upcoming.start if upcoming else display_start(meeting)


def _next_occurrence(meeting: Meeting, now: datetime) -> Occurrence | None:
    return next((o for o in meeting.occurrences if _end(o.start, o.duration) >= now), None)


def display_start(meeting: Meeting) -> datetime | None:
    """The start Zoom shows: the first occurrence of a series, else the start time."""
    if meeting.spec.type == RECURRING_FIXED_TIME and meeting.occurrences:
        return meeting.occurrences[0].start
    return meeting.spec.start_time


def has_ended(meeting: Meeting, now: datetime) -> bool:
    """Scheduled in the past (the sandbox never runs meetings, so nothing is live)."""
    if meeting.spec.type == RECURRING_FIXED_TIME:
        return all(_end(o.start, o.duration) < now for o in meeting.occurrences)
    if meeting.spec.type == SCHEDULED and meeting.spec.start_time is not None:
        return _end(meeting.spec.start_time, meeting.spec.duration) < now
    return False


def _end(start: datetime, minutes: int) -> datetime:
    try:
        return start + timedelta(minutes=minutes)
    except OverflowError:
        return datetime.max.replace(tzinfo=UTC)


def _schedule(spec: MeetingSpec) -> tuple[Any, ...]:
    return (spec.type, spec.start_time, spec.timezone, spec.duration, spec.recurrence)


def _occurrences(spec: MeetingSpec) -> list[Occurrence]:
    if spec.type != RECURRING_FIXED_TIME or spec.recurrence is None or spec.start_time is None:
        return []
    starts = occurrence_starts(spec.recurrence, spec.start_time, spec.timezone)
    # Zoom's occurrence_id is the occurrence's start in epoch milliseconds.
    return [Occurrence(str(int(s.timestamp()) * 1000), s, spec.duration) for s in starts]


def _new_password() -> str:
    return _token(6)


def _token(length: int) -> str:
    alphabet = string.ascii_letters + string.digits
    return "".join(secrets.choice(alphabet) for _ in range(length))


def _digits(length: int) -> str:
    return "".join(secrets.choice(string.digits) for _ in range(max(length, 6)))
