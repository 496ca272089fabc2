"""Meetings without a window: the draft users edit, its rules, its words and its calendar file.

The modules import in one direction only, each from those above it:

1. ``calendar_words``: month and weekday names, Zoom's weekday numbers;
2. ``values``: Zoom's enums and value types (meeting and recurrence types, settings);
3. ``options``: the checks of the options (PMI, hosts, registration, encryption...),
   what end-to-end encryption turns off, Zoom's meeting templates;
4. ``rules`` then ``draft``: the draft users edit and its validation (``span``, between
   them: a meeting's end from its duration and back);
5. ``recurrence_text``: a recurrence in plain words;
6. ``scheduled``: a meeting as Zoom returned it, with its invitation text;
7. ``ical``: the RFC 5545 calendar file.

Callers outside this package import from here.
"""

from zoomdesk.core.meeting.calendar_words import format_date, zoom_weekday
from zoomdesk.core.meeting.draft import MeetingDraft
from zoomdesk.core.meeting.ical import meeting_to_ics
from zoomdesk.core.meeting.options import (
    E2EE_CONFLICTS,
    E2EE_TURNS_OFF,
    MeetingTemplate,
    e2ee_conflicts,
    is_email,
    templates_from_zoom_json,
    without_e2ee_conflicts,
)
from zoomdesk.core.meeting.recurrence_text import describe, recurrence_summary
from zoomdesk.core.meeting.rules import JOIN_BEFORE_HOST_CONFLICT
from zoomdesk.core.meeting.scheduled import Meeting, Occurrence, format_meeting_id
from zoomdesk.core.meeting.span import END_FIELD, end_of, end_problem, minutes_between
from zoomdesk.core.meeting.values import (
    CLASSIC_SETTINGS,
    DEFAULT_DURATION,
    FIXED_TIME_TYPES,
    OCCURRENCE_FIELDS,
    OCCURRENCE_SETTINGS,
    OPTION_SETTINGS,
    PASSCODE_CHARS,
    ApprovalType,
    Audio,
    AutoRecording,
    Encryption,
    MeetingSettings,
    MeetingType,
    Recurrence,
    RecurrenceType,
    RegistrationType,
    end_instant,
    occurrence_may_change,
    random_passcode,
    split_addresses,
)

__all__ = [
    "CLASSIC_SETTINGS",
    "DEFAULT_DURATION",
    "E2EE_CONFLICTS",
    "E2EE_TURNS_OFF",
    "END_FIELD",
    "FIXED_TIME_TYPES",
    "JOIN_BEFORE_HOST_CONFLICT",
    "OCCURRENCE_FIELDS",
    "OCCURRENCE_SETTINGS",
    "OPTION_SETTINGS",
    "PASSCODE_CHARS",
    "ApprovalType",
    "Audio",
    "AutoRecording",
    "Encryption",
    "Meeting",
    "MeetingDraft",
    "MeetingSettings",
    "MeetingTemplate",
    "MeetingType",
    "Occurrence",
    "Recurrence",
    "RecurrenceType",
    "RegistrationType",
    "describe",
    "e2ee_conflicts",
    "end_instant",
    "end_of",
    "end_problem",
    "format_date",
    "format_meeting_id",
    "is_email",
    "meeting_to_ics",
    "minutes_between",
    "occurrence_may_change",
    "random_passcode",
    "recurrence_summary",
    "split_addresses",
    "templates_from_zoom_json",
    "without_e2ee_conflicts",
    "zoom_weekday",
]
