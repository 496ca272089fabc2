"""The calendar file says what Zoom scheduled: its expansion is exactly Zoom's occurrences."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rruleset, rrulestr
from icalendar import Calendar, Component

from zoomdesk.core.meeting import Meeting
from zoomdesk.core.meeting.ical import meeting_to_ics
from zoomdesk.sandbox.recurrence import Rule, occurrence_starts

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
BERLIN = ZoneInfo("Europe/Berlin")


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def recurring(
    starts: list[datetime], recurrence: dict[str, Any], timezone: str = "Europe/Berlin", **more: Any
) -> Meeting:
    occurrences = [
        {
            "occurrence_id": str(int(s.timestamp() * 1000)),
            "start_time": s.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "duration": 30,
            "status": "available",
        }
        for s in starts
    ]
    reply: dict[str, Any] = {
        "id": 85746065432,
        "topic": "Series",
        "type": 8,
        "start_time": starts[0].strftime("%Y-%m-%dT%H:%M:%SZ"),
        "duration": 30,
        "timezone": timezone,
        "join_url": "https://zoom.us/j/85746065432",
        "recurrence": recurrence,
        "occurrences": occurrences,
        **more,
    }
    return Meeting.from_zoom_json(reply)


def event_of(meeting: Meeting) -> Component:
    events = Calendar.from_ical(meeting_to_ics(meeting, now=NOW)).walk("VEVENT")
    assert len(events) == 1
    event: Component = events[0]
    return event


def _dates(event: Component, name: str) -> list[datetime]:
    value = event.get(name)
    if value is None:
        return []
    return [d.dt for group in (value if isinstance(value, list) else [value]) for d in group.dts]


def expand(event: Component) -> list[datetime]:
    """The event's instants as RFC 5545 defines them: DTSTART, RRULE, RDATE minus EXDATE."""
    start = event.decoded("DTSTART")
    found = rruleset()
    found.rdate(start)
    if "RRULE" in event:
        found.rrule(rrulestr(event["RRULE"].to_ical().decode(), dtstart=start))
    for moment in _dates(event, "RDATE"):
        found.rdate(moment)
    for moment in _dates(event, "EXDATE"):
        found.exdate(moment)
    return [d.astimezone(UTC) for d in found]


def sandbox_starts(rule: Rule, first: str, timezone: str = "Europe/Berlin") -> list[datetime]:
    return occurrence_starts(rule, utc(first), timezone)


def test_occurrences_the_rule_makes_keep_a_plain_rrule() -> None:
    starts = sandbox_starts(Rule(type=2, weekly_days=(2,), end_times=6), "2026-03-16T08:30:00")
    m = recurring(starts, {"type": 2, "repeat_interval": 1, "weekly_days": "2", "end_times": 6})
    event = event_of(m)
    assert "RDATE" not in event and "EXDATE" not in event
    assert expand(event) == starts  # across the DST change on 29 March


def test_monthly_day_31_on_the_last_day_of_short_months_is_listed() -> None:
    # What the sandbox used to make (and Zoom might): the 31st moved to short months' last day.
    starts = [utc(f"2027-{d}T08:00:00") for d in ("01-31", "02-28", "03-31", "04-30")]
    starts[2:] = [s - timedelta(hours=1) for s in starts[2:]]  # CEST from 28 March
    m = recurring(starts, {"type": 3, "repeat_interval": 1, "monthly_day": 31, "end_times": 4})
    event = event_of(m)
    assert "RRULE" not in event  # BYMONTHDAY=31 would say Jan, Mar, May, Jul
    assert expand(event) == starts
    assert event.decoded("DTSTART") == datetime(2027, 1, 31, 9, 0, tzinfo=BERLIN)


def test_monthly_day_31_as_the_sandbox_makes_it_is_the_rrule() -> None:
    rule = Rule(type=3, monthly_day=31, end_times=4)
    starts = sandbox_starts(rule, "2027-01-31T08:00:00")
    m = recurring(starts, {"type": 3, "repeat_interval": 1, "monthly_day": 31, "end_times": 4})
    event = event_of(m)
    assert "BYMONTHDAY=31" in event["RRULE"].to_ical().decode()
    assert "RDATE" not in event and "EXDATE" not in event
    assert expand(event) == starts


def test_an_end_date_gives_the_same_number_of_meetings() -> None:
    end = datetime(2027, 8, 31, 21, 59, tzinfo=UTC)
    starts = sandbox_starts(Rule(type=3, monthly_day=31, end_date_time=end), "2027-01-31T08:00:00")
    assert len(starts) == 5
    m = recurring(
        starts,
        {
            "type": 3,
            "repeat_interval": 1,
            "monthly_day": 31,
            "end_date_time": "2027-08-31T21:59:00Z",
        },
    )
    assert expand(event_of(m)) == starts


def test_occurrences_deleted_one_by_one_are_excluded() -> None:
    starts = sandbox_starts(Rule(type=1, end_times=8), "2026-04-06T07:00:00")
    m = recurring(starts, {"type": 1, "repeat_interval": 1, "end_times": 8})
    # Zoom leaves one out and marks another "deleted".
    raw = dict(m.raw)
    gone = "2026-04-08T07:00:00Z"
    raw["occurrences"] = [o for o in raw["occurrences"] if o["start_time"] != gone]
    raw["occurrences"][4] = {**raw["occurrences"][4], "status": "deleted"}
    event = event_of(Meeting.from_zoom_json(raw))
    assert "RRULE" in event and "RDATE" not in event
    assert len(_dates(event, "EXDATE")) == 2
    assert expand(event) == [s for i, s in enumerate(starts) if i not in (2, 5)]


def test_an_occurrence_moved_one_by_one_is_excluded_then_added() -> None:
    starts = sandbox_starts(Rule(type=2, weekly_days=(2, 4), end_times=6), "2026-04-06T07:00:00")
    moved = [*starts]
    moved[3] = starts[3] + timedelta(hours=26)  # to the next day, an hour later
    m = recurring(moved, {"type": 2, "repeat_interval": 1, "weekly_days": "2,4", "end_times": 6})
    event = event_of(m)
    assert "RRULE" in event
    assert _dates(event, "RDATE") == [moved[3].astimezone(BERLIN)]
    assert expand(event) == sorted(moved)


def test_a_deleted_first_occurrence_starts_the_event_on_the_next() -> None:
    starts = sandbox_starts(Rule(type=1, end_times=4), "2026-04-06T07:00:00")
    m = recurring(starts[1:], {"type": 1, "repeat_interval": 1, "end_times": 4})
    event = event_of(m)
    assert event.decoded("DTSTART") == starts[1].astimezone(BERLIN)
    assert expand(event) == starts[1:]


@pytest.mark.parametrize("timezone", ["UTC", "America/New_York", "Australia/Lord_Howe"])
def test_rdates_and_exdates_in_any_zone(timezone: str) -> None:
    rule = Rule(type=2, weekly_days=(1, 4), end_times=10)
    starts = sandbox_starts(rule, "2026-10-01T15:00:00", timezone)
    kept = [s for i, s in enumerate(starts) if i != 4]
    kept[6] += timedelta(minutes=90)
    recurrence = {"type": 2, "repeat_interval": 1, "weekly_days": "1,4", "end_times": 10}
    event = event_of(recurring(kept, recurrence, timezone))
    assert expand(event) == sorted(kept)
