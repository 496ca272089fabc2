"""What the CLI prints: JSON for scripts, short tidy text for people.

Text from Zoom (topics, agendas) is stripped of control characters before it
reaches a terminal, so a meeting title cannot move the cursor or set colours.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, tzinfo
from typing import Any, TextIO

from zoomdesk.cli.terminal import clean
from zoomdesk.core import wallclock
from zoomdesk.core.meeting import (
    Meeting,
    MeetingTemplate,
    MeetingType,
    describe,
    format_meeting_id,
)
from zoomdesk.core.meeting.calendar_words import MONTH_ABBR, WEEKDAY_ABBR, zoom_weekday
from zoomdesk.core.meeting.scheduled import log_oddity
from zoomdesk.core.user import User

#: What stands for a start Zoom sent that no date here can hold (e.g. 9999-12-31T22:00Z
#: seen from Tokyo): the meeting is still listed, and ``--json`` has Zoom's own value.
UNKNOWN_TIME = "unknown (see --json)"


def emit_json(data: Any, out: TextIO | None = None) -> None:
    """Zoom's JSON, and nothing else, on stdout."""
    out = out or sys.stdout
    out.write(json.dumps(data, indent=2) + "\n")
    out.flush()


def when(moment: datetime) -> str:
    """``Mon 7 Dec 2026 09:30``: spelled out here so the locale cannot change it."""
    day = WEEKDAY_ABBR[zoom_weekday(moment.date())]
    return f"{day} {moment.day} {MONTH_ABBR[moment.month - 1]} {moment.year} {moment:%H:%M}"


def _zone_name(tz: tzinfo) -> str:
    return str(getattr(tz, "key", None) or tz)


def time_line(meeting: Meeting, local: tzinfo) -> str:
    """Start (and end) in the viewer's zone, plus the meeting's own zone when it differs."""
    if meeting.type == MeetingType.INSTANT and meeting.start is None:
        return "instant meeting (starts when the host joins)"
    if meeting.type == MeetingType.RECURRING_NO_FIXED_TIME:
        return "no fixed time"
    if meeting.start is None:
        return UNKNOWN_TIME if meeting.start_unreadable else "no fixed time"
    own = meeting.zone()
    start = wallclock.seen_in(meeting.start, local)
    there = wallclock.seen_in(meeting.start, own)
    if start is None:
        log_oddity(meeting.id, "start_time", f"cannot be shown in {_zone_name(local)}")
        return f"{when(there)} in {_zone_name(own)}" if there else UNKNOWN_TIME
    text = when(start)
    end = wallclock.minutes_after(start, meeting.duration) if meeting.duration else None
    if end is not None:  # an end on another day says its day: never "14:30–13:09"
        text += f"–{end:%H:%M}" if end.date() == start.date() else f" – {when(end)}"
    text += f" ({_zone_name(local)})"
    if there is not None and _zone_name(own) != _zone_name(local):
        text += f"; {when(there)} in {_zone_name(own)}"
    return text


def _rows(pairs: Iterable[tuple[str, str]]) -> list[str]:
    pairs = [(k, v) for k, v in pairs if v]
    width = max((len(k) for k, _ in pairs), default=0)
    return [f"{k + ':':<{width + 1}} {v}" for k, v in pairs]


def meeting_details(meeting: Meeting, local: tzinfo) -> list[str]:
    """``meetings show`` / ``create``: the facts a person needs to join or share it."""
    repeats = ""
    if meeting.recurrence is not None:
        repeats = describe(meeting.recurrence, meeting.start)
    return _rows(
        [
            ("Topic", clean(meeting.topic)),
            ("Time", time_line(meeting, local)),
            ("Duration", f"{meeting.duration} min" if meeting.duration else ""),
            ("Repeats", repeats),
            ("Join URL", clean(meeting.join_url)),
            ("Meeting ID", meeting.formatted_id),
            ("Passcode", clean(meeting.password)),
            ("Agenda", clean(meeting.agenda, 200)),
        ]
    )


def meeting_table(items: Sequence[Mapping[str, Any]], local: tzinfo) -> list[str]:
    """``meetings list``: START (viewer's zone), ID, TOPIC; one line per meeting."""
    from zoomdesk.core.meeting import Meeting, format_meeting_id

    rows: list[tuple[str, str, str]] = []
    for item in items:
        try:
            meeting = Meeting.from_zoom_json(dict(item))
        except (ValueError, TypeError):
            rows.append(("?", clean(item.get("id")), clean(item.get("topic"), 60)))
            continue
        if meeting.start is not None and meeting.type != MeetingType.RECURRING_NO_FIXED_TIME:
            start = wallclock.seen_in(meeting.start, local)
            first = f"{start:%Y-%m-%d %H:%M}" if start is not None else "unknown"
        elif meeting.type == MeetingType.INSTANT:
            first = "instant"
        elif meeting.start_unreadable and meeting.type != MeetingType.RECURRING_NO_FIXED_TIME:
            first = "unknown"
        else:
            first = "no fixed time"
        rows.append((first, format_meeting_id(meeting.id), clean(meeting.topic, 60)))
    head = (f"START ({_zone_name(local)})", "ID", "TOPIC")
    w0 = max(len(head[0]), *(len(r[0]) for r in rows)) if rows else len(head[0])
    w1 = max(len(head[1]), *(len(r[1]) for r in rows)) if rows else len(head[1])
    return [f"{a:<{w0}}  {b:<{w1}}  {c}".rstrip() for a, b, c in [head, *rows]]


def template_table(templates: Sequence[MeetingTemplate]) -> list[str]:
    """``meetings templates``: ID, KIND, NAME; one line per template."""
    rows = [(clean(t.id), "admin" if t.is_admin else "own", clean(t.name, 80)) for t in templates]
    w0 = max(len("ID"), *(len(r[0]) for r in rows))
    return [f"{a:<{w0}}  {b:<5}  {c}".rstrip() for a, b, c in [("ID", "KIND", "NAME"), *rows]]


def user_lines(user: User) -> list[str]:
    """``whoami``: name and email, then the account facts Zoom reports."""
    return [
        clean(user.signature),
        *_rows(
            [
                ("User ID", clean(user.id)),
                ("Time zone", clean(user.timezone)),
                ("Account", clean(user.account_id)),
                ("Personal Meeting ID", format_meeting_id(user.pmi) if user.pmi else ""),
            ]
        ),
    ]
