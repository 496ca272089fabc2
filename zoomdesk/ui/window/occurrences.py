"""The occurrences of a recurring series as the window shows them: which is next, how each reads."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from zoomdesk.core.meeting import Meeting, Occurrence
from zoomdesk.ui.window import list_model as mm


def is_over(occurrence: Occurrence, now: datetime | None = None) -> bool:
    """Whether ``occurrence`` has ended (a past one can no longer be edited or deleted)."""
    now = now or datetime.now(UTC)
    return occurrence.start.timestamp() + occurrence.duration * 60 < now.timestamp()


def listed(meeting: Meeting) -> list[Occurrence]:
    """The occurrences Zoom still holds (not ``deleted``), first one first."""
    return sorted((o for o in meeting.occurrences if o.status != "deleted"), key=lambda o: o.start)


def next_occurrence(meeting: Meeting, now: datetime | None = None) -> Occurrence | None:
    """The first occurrence that is not over and not deleted (the one "this occurrence" means)."""
    return next((o for o in listed(meeting) if not is_over(o, now)), None)


def occurrence_start(occurrence: Occurrence, viewer_tz: str) -> str:
    """``Mon 14 Jan 2030, 09:00`` in the viewer's zone."""
    return mm.format_moment(occurrence.start.astimezone(ZoneInfo(viewer_tz)))


def find(meeting: Meeting, occurrence_id: str | None) -> Occurrence | None:
    return next((o for o in meeting.occurrences if o.occurrence_id == occurrence_id), None)
