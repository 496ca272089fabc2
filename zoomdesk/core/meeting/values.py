"""The meeting's enums and value types: types, recurrence, settings, passcodes.

These are Zoom's own values (``type`` 2 or 8, ``recurrence.type``, the
``settings`` keys zoomdesk edits); the draft, its rules and the text built on
them import from here, never the other way.
"""

from __future__ import annotations

import re
import secrets
import string
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, tzinfo
from enum import IntEnum, StrEnum
from typing import Any, TypeVar

from zoomdesk.core import wallclock


class MeetingType(IntEnum):
    """Zoom's meeting ``type``."""

    INSTANT = 1
    SCHEDULED = 2
    RECURRING_NO_FIXED_TIME = 3
    RECURRING_FIXED_TIME = 8


class RecurrenceType(IntEnum):
    """Zoom's ``recurrence.type``."""

    DAILY = 1
    WEEKLY = 2
    MONTHLY = 3


class AutoRecording(StrEnum):
    """Zoom's ``settings.auto_recording``."""

    NONE = "none"
    LOCAL = "local"
    CLOUD = "cloud"


class ApprovalType(IntEnum):
    """Zoom's ``settings.approval_type``: whether people register, and who approves them."""

    AUTOMATIC = 0
    MANUAL = 1
    NO_REGISTRATION = 2


class RegistrationType(IntEnum):
    """Zoom's ``settings.registration_type`` (recurring meetings with a fixed time only)."""

    ONCE_FOR_ALL = 1  # register once, attend any occurrence
    EACH_OCCURRENCE = 2  # register for each occurrence
    ONCE_CHOOSING = 3  # register once, choose the occurrences


class Encryption(StrEnum):
    """Zoom's ``settings.encryption_type``."""

    ENHANCED = "enhanced_encryption"
    END_TO_END = "e2ee"


class Audio(StrEnum):
    """Zoom's ``settings.audio``; zoomdesk offers the first three, and keeps a fourth it reads."""

    BOTH = "both"
    TELEPHONY = "telephony"
    VOIP = "voip"
    THIRD_PARTY = "thirdParty"


#: Meeting types that have a start time (and so a ``timezone``).
FIXED_TIME_TYPES = frozenset({MeetingType.SCHEDULED, MeetingType.RECURRING_FIXED_TIME})
#: What a PATCH of one occurrence (``?occurrence_id=``) may change; the rest is the series'.
OCCURRENCE_FIELDS = frozenset({"start_time", "duration", "agenda", "settings"})
#: The ``settings`` one occurrence may change (the ``occurrence_id`` parameter of
#: ``PATCH /meetings/{meetingId}`` in Zoom's schema; zoomdesk has no watermark).
OCCURRENCE_SETTINGS = frozenset(
    {
        "host_video",
        "participant_video",
        "join_before_host",
        "mute_upon_entry",
        "waiting_room",
        "auto_recording",
    }
)
DEFAULT_DURATION = 60
PASSCODE_CHARS = frozenset(string.ascii_letters + string.digits + "@_*-")
#: Characters that break a line somewhere: CR, LF, VT, FF, FS, GS, RS, NEL, LS, PS.
LINE_BREAKS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# C0 and C1 controls, DEL, line and paragraph separators, lone surrogates: what
# can end a line, move a terminal's cursor or fail to encode as UTF-8.
_UNSAFE_RUN = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]+")

# Passcodes people read aloud and retype: no 0/O, 1/l/I look-alikes.
_FRIENDLY_LOWER = "abcdefghijkmnpqrstuvwxyz"
_FRIENDLY_UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ"
_FRIENDLY_DIGITS = "23456789"


def unsafe_chars(text: str, keep: str = "") -> list[str]:
    """The control characters, line breaks and lone surrogates in ``text``, but for ``keep``."""
    return [c for c in text if c not in keep and _UNSAFE_RUN.fullmatch(c)]


def one_line(text: str) -> str:
    """``text`` on one line: each run of control characters or line breaks becomes one space."""
    return _UNSAFE_RUN.sub(" ", text)


def code_points(chars: list[str]) -> str:
    """``U+000A, U+001B``: characters a message cannot show as they are."""
    return ", ".join(dict.fromkeys(f"U+{ord(c):04X}" for c in chars))


def occurrence_may_change(field: str) -> bool:
    """Whether one occurrence may change ``field`` (Zoom's name, dotted below ``settings``)."""
    top, _, key = field.partition(".")
    return top in OCCURRENCE_FIELDS and (top != "settings" or key in OCCURRENCE_SETTINGS)


def random_passcode(length: int = 8) -> str:
    """A random passcode of letters and digits Zoom accepts (6–10 characters).

    It always mixes a lower-case letter, an upper-case letter and a digit, which
    satisfies the common account-level passcode requirements.
    """
    if not 6 <= length <= 10:
        raise ValueError("a Zoom passcode has 6 to 10 characters")
    everything = _FRIENDLY_LOWER + _FRIENDLY_UPPER + _FRIENDLY_DIGITS
    chars = [
        secrets.choice(_FRIENDLY_LOWER),
        secrets.choice(_FRIENDLY_UPPER),
        secrets.choice(_FRIENDLY_DIGITS),
    ]
    chars += [secrets.choice(everything) for _ in range(length - 3)]
    secrets.SystemRandom().shuffle(chars)
    return "".join(chars)


@dataclass(frozen=True)
class Recurrence:
    """Zoom's ``recurrence`` object. Frozen: edit with ``dataclasses.replace``.

    ``weekly_days`` and ``monthly_week_day`` use Zoom's numbering, 1 = Sunday to
    7 = Saturday; ``monthly_week`` is 1–4 or -1 for the last week. Exactly one of
    ``end_times`` and ``end_date`` (a date in the meeting's zone) is set.
    """

    type: RecurrenceType
    repeat_interval: int = 1
    weekly_days: tuple[int, ...] = ()
    monthly_day: int | None = None
    monthly_week: int | None = None
    monthly_week_day: int | None = None
    end_times: int | None = None
    end_date: date | None = None

    def __post_init__(self) -> None:
        # Sorted and unique, so equal patterns compare equal and PATCH diffs stay quiet.
        object.__setattr__(self, "weekly_days", tuple(sorted(set(self.weekly_days))))

    def to_zoom_json(self, tz: tzinfo) -> dict[str, Any]:
        """Zoom's object; only the fields that belong to this recurrence type."""
        body: dict[str, Any] = {"type": int(self.type), "repeat_interval": self.repeat_interval}
        if self.type == RecurrenceType.WEEKLY:
            body["weekly_days"] = ",".join(str(d) for d in self.weekly_days)
        elif self.type == RecurrenceType.MONTHLY:
            if self.monthly_day is not None:
                body["monthly_day"] = self.monthly_day
            else:
                body["monthly_week"] = self.monthly_week
                body["monthly_week_day"] = self.monthly_week_day
        if self.end_date is not None:
            body["end_date_time"] = wallclock.format_utc(end_instant(self.end_date, tz))
        elif self.end_times is not None:
            body["end_times"] = self.end_times
        return body

    @classmethod
    def from_zoom_json(cls, d: dict[str, Any], tz: tzinfo) -> Recurrence:
        """Parse Zoom's object; ``end_date_time`` becomes a date in ``tz``.

        Only the fields of its own type are read: Zoom may echo defaults of the
        others (``weekly_days: "1"``, ``monthly_day: 1``) that mean nothing here.
        """
        kind = RecurrenceType(int(d["type"]))
        end_date = None
        if d.get("end_date_time"):
            end_date = wallclock.parse_zoom_time(str(d["end_date_time"]), UTC).astimezone(tz).date()
        weekly_days: tuple[int, ...] = ()
        monthly_day = monthly_week = monthly_week_day = None
        if kind == RecurrenceType.WEEKLY:
            days = str(d.get("weekly_days") or "")
            weekly_days = tuple(int(x) for x in days.split(",") if x.strip())
        elif kind == RecurrenceType.MONTHLY:
            monthly_week = _int_or_none(d.get("monthly_week"))
            monthly_week_day = _int_or_none(d.get("monthly_week_day"))
            if monthly_week is None or monthly_week_day is None:
                monthly_day = _int_or_none(d.get("monthly_day"))
        return cls(
            type=kind,
            repeat_interval=int(d.get("repeat_interval") or 1),
            weekly_days=weekly_days,
            monthly_day=monthly_day,
            monthly_week=monthly_week,
            monthly_week_day=monthly_week_day,
            # Zoom never combines the two; should a reply carry both, the date wins.
            end_times=None if end_date else _int_or_none(d.get("end_times")),
            end_date=end_date,
        )


def end_instant(end_date: date, tz: tzinfo) -> datetime:
    """The UTC instant a series ending on ``end_date`` stops: 23:59 local that day.

    23:59 keeps the whole last day in the series; Zoom's schema example
    ``2022-04-02T15:59:00Z`` is that same 23:59, in UTC+8.
    """
    return wallclock.to_instant(datetime.combine(end_date, time(23, 59)), tz)


@dataclass(frozen=True)
class MeetingSettings:
    """The ``settings`` zoomdesk edits. Frozen: edit with ``dataclasses.replace``.

    The six classic settings always have a value. The options after them are
    None until chosen: None is not sent, so Zoom keeps what it has, or takes
    the template's or the account's default (Zoom's changelog, 2025-12-18:
    omitted fields inherit the user's settings from 15 March 2026).
    """

    host_video: bool = False
    participant_video: bool = False
    join_before_host: bool = False
    mute_upon_entry: bool = False
    waiting_room: bool = True
    auto_recording: AutoRecording = AutoRecording.NONE
    use_pmi: bool | None = None
    alternative_hosts: tuple[str, ...] | None = None
    meeting_invitees: tuple[str, ...] | None = None
    approval_type: ApprovalType | None = None
    registration_type: RegistrationType | None = None
    encryption_type: Encryption | None = None
    audio: Audio | None = None
    auto_start_meeting_summary: bool | None = None

    def to_zoom_json(self) -> dict[str, Any]:
        """Zoom's ``settings`` object: the six classic keys, and each option that is set."""
        body: dict[str, Any] = {
            "host_video": self.host_video,
            "participant_video": self.participant_video,
            "join_before_host": self.join_before_host,
            "mute_upon_entry": self.mute_upon_entry,
            "waiting_room": self.waiting_room,
            "auto_recording": str(self.auto_recording),
        }
        for key in OPTION_SETTINGS:
            value = getattr(self, key)
            if value is None:
                continue
            if key == "alternative_hosts":
                value = ";".join(value)  # Zoom: "a semicolon-separated list"
            elif key == "meeting_invitees":
                value = [{"email": email} for email in value]
            elif isinstance(value, IntEnum):
                value = int(value)
            elif isinstance(value, StrEnum):
                value = str(value)
            body[key] = value
        return body

    @classmethod
    def from_zoom_json(cls, d: dict[str, Any]) -> MeetingSettings:
        """Parse Zoom's ``settings``; missing keys take Zoom's defaults (all off, ``none``)."""
        try:
            recording = AutoRecording(str(d.get("auto_recording") or "none"))
        except ValueError:
            recording = AutoRecording.NONE
        return cls(
            host_video=bool(d.get("host_video", False)),
            participant_video=bool(d.get("participant_video", False)),
            join_before_host=bool(d.get("join_before_host", False)),
            mute_upon_entry=bool(d.get("mute_upon_entry", False)),
            waiting_room=bool(d.get("waiting_room", False)),
            auto_recording=recording,
            use_pmi=_flag(d.get("use_pmi")),
            alternative_hosts=_addresses(d.get("alternative_hosts")),
            meeting_invitees=_invitees(d.get("meeting_invitees")),
            approval_type=_member(ApprovalType, d.get("approval_type")),
            registration_type=_member(RegistrationType, d.get("registration_type")),
            encryption_type=_member(Encryption, d.get("encryption_type")),
            audio=_member(Audio, d.get("audio")),
            auto_start_meeting_summary=_flag(d.get("auto_start_meeting_summary")),
        )


#: The options of ``MeetingSettings``, by Zoom's names: None means "not sent".
OPTION_SETTINGS = (
    "use_pmi",
    "alternative_hosts",
    "meeting_invitees",
    "approval_type",
    "registration_type",
    "encryption_type",
    "audio",
    "auto_start_meeting_summary",
)
#: The six settings that always have a value (a template may supply them instead).
CLASSIC_SETTINGS = frozenset(
    {
        "host_video",
        "participant_video",
        "join_before_host",
        "mute_upon_entry",
        "waiting_room",
        "auto_recording",
    }
)


def split_addresses(text: str) -> tuple[str, ...]:
    """Addresses from a list separated by semicolons, commas or white space; no empties."""
    return tuple(part for part in re.split(r"[;,\s]+", text) if part)


_Option = TypeVar("_Option", ApprovalType, RegistrationType, Encryption, Audio)


def _flag(value: Any) -> bool | None:
    # Only JSON's true and false: anything else is left as Zoom has it, unsent.
    return value if isinstance(value, bool) else None


def _addresses(value: Any) -> tuple[str, ...] | None:
    return split_addresses(value) if isinstance(value, str) else None


def _invitees(value: Any) -> tuple[str, ...] | None:
    if not isinstance(value, list):
        return None
    return tuple(
        str(item["email"]).strip()
        for item in value
        if isinstance(item, dict) and isinstance(item.get("email"), str) and item["email"].strip()
    )


def _member(kind: type[_Option], value: Any) -> _Option | None:
    """The enum member Zoom sent; None (left as Zoom has it) for a value zoomdesk does not know."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        return kind(value)
    except ValueError:
        return None


def _int_or_none(value: Any) -> int | None:
    return None if value is None or value == "" else int(value)
