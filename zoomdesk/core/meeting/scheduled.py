"""A meeting Zoom returned (created, listed or fetched): display helpers and invitation text.

Unlike ``MeetingDraft`` this is read-only and keeps Zoom's whole object in
``raw``. ``start`` is an aware datetime in the meeting's own zone, since Zoom
reports UTC but people think in the zone the meeting was planned in.
"""

from __future__ import annotations

import logging
import math
import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from typing import Any

from zoomdesk.core import wallclock
from zoomdesk.core.meeting.calendar_words import MONTH_ABBR
from zoomdesk.core.meeting.recurrence_text import describe
from zoomdesk.core.meeting.values import MeetingType, Recurrence, one_line

log = logging.getLogger(__name__)

#: The starts a meeting keeps, well inside datetime's years 1-9999: seen in any
#: zone (offsets stay within a day) and ``LONGEST_DURATION`` later, such a start
#: is still a datetime. Zoom's schema bounds no start, so Zoom may send any year.
SHOWN_STARTS = (datetime(2, 1, 1, tzinfo=UTC), datetime(9998, 1, 1, tzinfo=UTC))
#: The longest duration a meeting keeps, in minutes (a year). Real ones are far
#: shorter (Zoom ends any meeting after 30 hours), but Zoom stores what it is sent.
LONGEST_DURATION = 366 * 24 * 60
_WHOLE = re.compile(r"[+-]?[0-9]{1,30}")
_ODDITIES_MAX = 1024
_oddities: set[tuple[object, str, str]] = set()
_oddities_lock = threading.Lock()


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
    def from_zoom_json(cls, d: Mapping[str, Any]) -> Meeting:
        """Parse a create (201), list item or GET response. ValueError without a usable ``id``.

        Nothing else Zoom sends can make it fail: a value of the wrong type, a start
        outside ``SHOWN_STARTS`` or a duration past ``LONGEST_DURATION`` is logged and
        left out (no start, no duration), so every view of the meeting can show it.
        """
        meeting_id = _whole(d.get("id")) if isinstance(d, Mapping) else None
        if meeting_id is None:
            raise ValueError("Zoom's meeting object has no id")
        kind = _whole(d.get("type"))
        if kind is None and d.get("type") is not None:
            log_oddity(meeting_id, "type", "not a number; taken as scheduled")
        name = _text(d.get("timezone"), meeting_id, "timezone") or "UTC"
        tz: tzinfo | None = wallclock.zone(name)
        if tz is None:
            log_oddity(meeting_id, "timezone", "an unknown zone; shown in UTC")
            name, tz = "UTC", UTC
        recurrence = None
        if isinstance(d.get("recurrence"), dict) and d["recurrence"].get("type"):
            try:
                recurrence = Recurrence.from_zoom_json(d["recurrence"], tz)
            except (ValueError, TypeError, KeyError, AttributeError, ArithmeticError):
                log_oddity(meeting_id, "recurrence", "unreadable; left out")
        occurrences = tuple(
            Occurrence(
                occurrence_id=_text(o.get("occurrence_id"), meeting_id, "occurrence_id"),
                start=start,
                duration=_duration(o.get("duration"), meeting_id),
                status=_text(o.get("status"), meeting_id, "status"),
            )
            for o in _items(d.get("occurrences"))
            if isinstance(o, dict)
            and (start := _start(o.get("start_time"), UTC, meeting_id)) is not None
        )
        return cls(
            id=meeting_id,
            uuid=_text(d.get("uuid"), meeting_id, "uuid"),
            topic=_text(d.get("topic"), meeting_id, "topic"),
            type=kind or MeetingType.SCHEDULED,
            start=_start(d.get("start_time"), tz, meeting_id),
            timezone=name,
            duration=_duration(d.get("duration"), meeting_id),
            join_url=_text(d.get("join_url"), meeting_id, "join_url"),
            password=_text(d.get("password"), meeting_id, "password"),
            agenda=_text(d.get("agenda"), meeting_id, "agenda"),
            recurrence=recurrence,
            occurrences=occurrences,
            raw=dict(d),
        )

    @property
    def start_unreadable(self) -> bool:
        """Zoom sent a start this meeting could not keep (see ``from_zoom_json``)."""
        return self.start is None and bool(self.raw.get("start_time"))

    @property
    def formatted_id(self) -> str:
        """The ID grouped as Zoom shows it: ``123 4567 8901``, ``123 456 7890``, ``123 456 789``."""
        return format_meeting_id(self.id)

    def zone(self) -> tzinfo:
        """The meeting's zone (UTC when Zoom named one zoneinfo does not know)."""
        return wallclock.zone(self.timezone) or UTC

    def local_start(self, tz: tzinfo | str) -> datetime | None:
        """The start as an aware datetime in ``tz`` (a zone or its IANA name).

        None without a start, or when ``tz`` would put it outside datetime's years.
        """
        if self.start is None:
            return None
        return wallclock.seen_in(self.start, _as_zone(tz))

    def invitation(
        self, viewer_tz: tzinfo | str | None = None, host_name: str | None = None
    ) -> str:
        """Zoom-style invitation text. The time is in the meeting's own zone, as in Zoom's
        invitation and the ``.ics``; ``viewer_tz`` adds the viewer's time in brackets when
        it is another wall time there (``Time: Dec 3, 2026 09:30 AM America/New_York
        (03:30 PM Europe/Berlin)``).

        What Zoom sent is folded onto its own line, so a topic holding a line break
        cannot pose as a second "Join Zoom Meeting" line.
        """
        zone = self.zone()
        viewer = None if viewer_tz is None else _as_zone(viewer_tz)
        host_name = one_line(host_name or "")
        kind = "a Zoom meeting" if self.type == MeetingType.INSTANT else "a scheduled Zoom meeting"
        who = (
            f"{host_name.strip()} is inviting you to"
            if host_name and host_name.strip()
            else "You are invited to"
        )
        lines = [f"{who} {kind}.", "", f"Topic: {one_line(self.topic)}"]
        if self.type == MeetingType.RECURRING_NO_FIXED_TIME:
            lines.append("Time: This is a recurring meeting. Meet anytime.")
        elif self.start is not None:
            seen = wallclock.seen_in(self.start, zone)
            if seen is None:
                log_oddity(self.id, "start_time", "outside the years a date can hold; left out")
            else:
                lines.append(
                    f"Time: {zoom_time_text(seen)} {_zone_label(zone)}{_also(seen, viewer)}"
                )
            if self.recurrence is not None:
                lines.append("        " + describe(self.recurrence, self.start))
        if self.join_url:
            lines += ["", "Join Zoom Meeting", one_line(self.join_url)]
        lines += ["", f"Meeting ID: {self.formatted_id}"]
        if self.password:
            lines.append(f"Passcode: {one_line(self.password)}")
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
    return f"{MONTH_ABBR[moment.month - 1]} {moment.day}, {moment.year} {zoom_clock(moment)}"


def zoom_clock(moment: datetime) -> str:
    """``09:30 AM``."""
    hour = moment.hour % 12 or 12
    return f"{hour:02d}:{moment.minute:02d} {'AM' if moment.hour < 12 else 'PM'}"


def _as_zone(tz: tzinfo | str) -> tzinfo:
    if isinstance(tz, str):
        found = wallclock.zone(tz)
        if found is None:
            raise ValueError(f"unknown time zone {tz!r}")
        return found
    return tz


def _zone_label(tz: tzinfo) -> str:
    return str(getattr(tz, "key", None) or tz)


def _also(seen: datetime, viewer: tzinfo | None) -> str:
    """`` (03:30 PM Europe/Berlin)``: ``seen`` in the viewer's zone, when that is another
    wall time (the date too when it is another day); empty otherwise."""
    there = None if viewer is None else wallclock.seen_in(seen, viewer)
    if viewer is None or there is None or there.replace(tzinfo=None) == seen.replace(tzinfo=None):
        return ""
    when = zoom_clock(there) if there.date() == seen.date() else zoom_time_text(there)
    return f" ({when} {_zone_label(viewer)})"


def log_oddity(meeting_id: object, field: str, what: str) -> None:
    """Log that a value Zoom sent could not be shown as it is: once per meeting and kind.

    Views ask again on every repaint and refresh, so the same oddity is not repeated.
    """
    key = (meeting_id, field, what)
    with _oddities_lock:
        if key in _oddities:
            return
        if len(_oddities) >= _ODDITIES_MAX:
            _oddities.clear()
        _oddities.add(key)
    log.warning("meeting %s from Zoom: %s %s", meeting_id, field, what)


def _whole(value: Any) -> int | None:
    """An integer from Zoom's JSON (or a whole float, or digits in a string); None otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    if isinstance(value, str) and _WHOLE.fullmatch(value.strip()):
        return int(value.strip())
    return None


def _text(value: Any, meeting_id: object, field: str) -> str:
    if value is None or isinstance(value, str):
        return value or ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return str(value)
        except ValueError:  # an int too long for str()
            pass
    log_oddity(meeting_id, field, f"is a {type(value).__name__}, not text; left out")
    return ""


def _items(value: Any) -> Sequence[Any]:
    return value if isinstance(value, list | tuple) else ()


def _duration(value: Any, meeting_id: object) -> int:
    if value is None or value == "":
        return 0
    minutes = _whole(value)
    if minutes is None or not 0 <= minutes <= LONGEST_DURATION:
        log_oddity(meeting_id, "duration", "not a number of minutes zoomdesk shows; left out")
        return 0
    return minutes


def _start(value: Any, tz: tzinfo, meeting_id: object) -> datetime | None:
    """The start in ``tz``; None (and logged) for one that is not a time in ``SHOWN_STARTS``."""
    if value is None or value == "":
        return None
    try:
        if not isinstance(value, str):
            raise TypeError(type(value).__name__)
        moment = wallclock.parse_zoom_time(value, tz)
        if not SHOWN_STARTS[0] <= moment < SHOWN_STARTS[1]:
            raise OverflowError("outside the years shown")
        return moment.astimezone(tz)
    except (ValueError, TypeError, OverflowError):
        log_oddity(meeting_id, "start_time", "not a time zoomdesk can show; left out")
        return None
