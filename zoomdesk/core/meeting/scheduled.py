"""A meeting Zoom returned (created, listed or fetched): display helpers and invitation text.

Unlike ``MeetingDraft`` this is read-only and keeps Zoom's whole object in
``raw``. ``start`` is an aware datetime in the meeting's own zone, since Zoom
reports UTC but people think in the zone the meeting was planned in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from typing import Any

from zoomdesk.core import wallclock
from zoomdesk.core.meeting.calendar_words import MONTH_ABBR
from zoomdesk.core.meeting.recurrence_text import describe
from zoomdesk.core.meeting.values import MeetingType, Recurrence


@dataclass(frozen=True)
class Occurrence:
    """One occurrence of a recurring meeting; ``start`` is aware UTC."""

    occurrence_id: str
    start: datetime
    duration: int
    status: str


@dataclass(frozen=True)
class Meeting:
    """Zoom's meeting object, parsed. Secrets (passcode, links, ``raw``) stay out of ``repr``."""

    id: int
    uuid: str
    topic: str
    type: int  # a MeetingType value, or a type zoomdesk does not know (e.g. 10)
    start: datetime | None
    timezone: str
    duration: int
    join_url: str = field(repr=False)
    password: str = field(repr=False)
    agenda: str
    recurrence: Recurrence | None
    occurrences: tuple[Occurrence, ...]
    raw: dict[str, Any] = field(repr=False, compare=False, hash=False)

    @classmethod
    def from_zoom_json(cls, d: dict[str, Any]) -> Meeting:
        """Parse a create (201), list item or GET response. ValueError without an ``id``."""
        if d.get("id") is None:
            raise ValueError("Zoom's meeting object has no id")
        name = str(d.get("timezone") or "UTC")
        tz = wallclock.zone(name) or UTC
        start = None
        if d.get("start_time"):
            start = wallclock.parse_zoom_time(str(d["start_time"]), tz).astimezone(tz)
        recurrence = None
        if isinstance(d.get("recurrence"), dict) and d["recurrence"].get("type"):
            recurrence = Recurrence.from_zoom_json(d["recurrence"], tz)
        occurrences = tuple(
            Occurrence(
                occurrence_id=str(o.get("occurrence_id", "")),
                start=wallclock.parse_zoom_time(str(o["start_time"]), UTC).astimezone(UTC),
                duration=int(o.get("duration") or 0),
                status=str(o.get("status", "")),
            )
            for o in d.get("occurrences") or ()
            if isinstance(o, dict) and o.get("start_time")
        )
        return cls(
            id=int(d["id"]),
            uuid=str(d.get("uuid") or ""),
            topic=str(d.get("topic") or ""),
            type=int(d.get("type") or MeetingType.SCHEDULED),
            start=start,
            timezone=name,
            duration=int(d.get("duration") or 0),
            join_url=str(d.get("join_url") or ""),
            password=str(d.get("password") or ""),
            agenda=str(d.get("agenda") or ""),
            recurrence=recurrence,
            occurrences=occurrences,
            raw=dict(d),
        )

    @property
    def formatted_id(self) -> str:
        """The ID grouped as Zoom shows it: ``123 4567 8901``, ``123 456 7890``, ``123 456 789``."""
        return format_meeting_id(self.id)

    def zone(self) -> tzinfo:
        """The meeting's zone (UTC when Zoom named one zoneinfo does not know)."""
        return wallclock.zone(self.timezone) or UTC

    def local_start(self, tz: tzinfo | str) -> datetime | None:
        """The start as an aware datetime in ``tz`` (a zone or its IANA name)."""
        if self.start is None:
            return None
        return self.start.astimezone(_as_zone(tz))

    def invitation(
        self, viewer_tz: tzinfo | str | None = None, host_name: str | None = None
    ) -> str:
        """Zoom-style invitation text, the time shown in ``viewer_tz`` (default: the meeting's)."""
        zone = self.zone() if viewer_tz is None else _as_zone(viewer_tz)
        kind = "a Zoom meeting" if self.type == MeetingType.INSTANT else "a scheduled Zoom meeting"
        who = (
            f"{host_name.strip()} is inviting you to"
            if host_name and host_name.strip()
            else "You are invited to"
        )
        lines = [f"{who} {kind}.", "", f"Topic: {self.topic}"]
        if self.type == MeetingType.RECURRING_NO_FIXED_TIME:
            lines.append("Time: This is a recurring meeting. Meet anytime.")
        elif self.start is not None:
            lines.append(f"Time: {zoom_time_text(self.start.astimezone(zone))} {_zone_label(zone)}")
            if self.recurrence is not None:
                lines.append("        " + describe(self.recurrence, self.start))
        if self.join_url:
            lines += ["", "Join Zoom Meeting", self.join_url]
        lines += ["", f"Meeting ID: {self.formatted_id}"]
        if self.password:
            lines.append(f"Passcode: {self.password}")
        return "\n".join(lines)


def format_meeting_id(meeting_id: int | str) -> str:
    """Digits grouped 3, then the rest halved (larger half last): 3-3-3, 3-3-4, 3-4-4."""
    digits = str(meeting_id)
    if len(digits) <= 3 or not digits.isdigit():
        return digits
    head, rest = digits[:3], digits[3:]
    cut = len(rest) // 2
    return " ".join(part for part in (head, rest[:cut], rest[cut:]) if part)


def zoom_time_text(moment: datetime) -> str:
    """``Dec 3, 2026 09:30 AM``, as Zoom writes times in invitations."""
    hour = moment.hour % 12 or 12
    half = "AM" if moment.hour < 12 else "PM"
    return (
        f"{MONTH_ABBR[moment.month - 1]} {moment.day}, {moment.year} "
        f"{hour:02d}:{moment.minute:02d} {half}"
    )


def _as_zone(tz: tzinfo | str) -> tzinfo:
    if isinstance(tz, str):
        found = wallclock.zone(tz)
        if found is None:
            raise ValueError(f"unknown time zone {tz!r}")
        return found
    return tz


def _zone_label(tz: tzinfo) -> str:
    return str(getattr(tz, "key", None) or tz)
