"""Meetings without a window: the draft users edit, its rules, its words and its calendar file.

The modules import in one direction only, each from those above it:

1. ``calendar_words``: month and weekday names, Zoom's weekday numbers;
2. ``values``: Zoom's enums and value types (meeting and recurrence types, settings);
3. ``rules`` then ``draft``: the draft users edit and its validation;
4. ``recurrence_text``: a recurrence in plain words;
5. ``scheduled``: a meeting as Zoom returned it, with its invitation text;
6. ``ical``: the RFC 5545 calendar file.

Callers outside this package import from here.
"""

from zoomdesk.core.meeting.calendar_words import format_date, zoom_weekday
from zoomdesk.core.meeting.draft import MeetingDraft
from zoomdesk.core.meeting.ical import meeting_to_ics
from zoomdesk.core.meeting.recurrence_text import describe, recurrence_summary
from zoomdesk.core.meeting.rules import JOIN_BEFORE_HOST_CONFLICT
from zoomdesk.core.meeting.scheduled import Meeting, Occurrence, format_meeting_id
from zoomdesk.core.meeting.values import (
    DEFAULT_DURATION,
    FIXED_TIME_TYPES,
    OCCURRENCE_FIELDS,
    OCCURRENCE_SETTINGS,
    PASSCODE_CHARS,
    AutoRecording,
    MeetingSettings,
    MeetingType,
    Recurrence,
    RecurrenceType,
    end_instant,
    occurrence_may_change,
    random_passcode,
)

__all__ = [
    "DEFAULT_DURATION",
    "FIXED_TIME_TYPES",
    "JOIN_BEFORE_HOST_CONFLICT",
    "OCCURRENCE_FIELDS",
    "OCCURRENCE_SETTINGS",
    "PASSCODE_CHARS",
    "AutoRecording",
    "Meeting",
    "MeetingDraft",
    "MeetingSettings",
    "MeetingType",
    "Occurrence",
    "Recurrence",
    "RecurrenceType",
    "describe",
    "end_instant",
    "format_date",
    "format_meeting_id",
    "meeting_to_ics",
    "occurrence_may_change",
    "random_passcode",
    "recurrence_summary",
    "zoom_weekday",
]
