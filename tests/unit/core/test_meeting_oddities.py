"""Whatever Zoom sends, a Meeting can be built and shown: odd values are logged and left out."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from odd_meetings import FAR_FUTURE, HUGE, HUGE_DURATION, VIEWER

from zoomdesk.core import wallclock
from zoomdesk.core.meeting import (
    Meeting,
    MeetingDraft,
    Recurrence,
    RecurrenceType,
    meeting_to_ics,
    scheduled,
)

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
TOKYO = ZoneInfo(VIEWER)


@pytest.fixture(autouse=True)
def _fresh_oddities() -> Iterator[None]:
    """Oddities are logged once per meeting and kind: forget those of earlier tests."""
    scheduled._oddities.clear()
    yield
    scheduled._oddities.clear()


def built(**changes: Any) -> Meeting:
    """A Meeting made directly, past the checks of ``from_zoom_json``."""
    values: dict[str, Any] = {
        "id": 85746065432, "uuid": "u", "topic": "Odd", "type": 2,
        "start": datetime(2030, 1, 15, 9, 0, tzinfo=UTC), "timezone": "UTC", "duration": 30,
        "join_url": "https://zoom.example/j/1", "password": "abc", "agenda": "",
        "recurrence": None, "occurrences": (), "raw": {},
    }  # fmt: skip
    values.update(changes)
    return Meeting(**values)


def test_the_reported_meetings_keep_what_can_be_shown(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    far = Meeting.from_zoom_json(FAR_FUTURE)
    assert (far.start, far.start_unreadable, far.duration) == (None, True, 60)
    endless = Meeting.from_zoom_json(HUGE_DURATION)
    assert endless.start == datetime(2031, 1, 1, 10, 0, tzinfo=UTC)
    assert (endless.duration, endless.start_unreadable) == (0, False)
    assert endless.raw["duration"] == HUGE  # Zoom's own value stays in raw (and --json)
    logged = [r.getMessage() for r in caplog.records]
    assert any("38995819027" in m and "start_time" in m for m in logged)
    assert any("48515275606" in m and "duration" in m for m in logged)


def test_an_oddity_is_logged_once(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    for _ in range(3):
        Meeting.from_zoom_json(FAR_FUTURE)
    assert len([r for r in caplog.records if "start_time" in r.getMessage()]) == 1


def test_values_of_the_wrong_type_are_left_out() -> None:
    meeting = Meeting.from_zoom_json(
        {
            "id": "85746065432",
            "topic": ["not", "text"],
            "type": "eight",
            "start_time": 20261203,
            "duration": "45",
            "timezone": {"zone": "Europe/Berlin"},
            "join_url": None,
            "password": 123456,
            "agenda": {"nested": [1, {"junk": True}]},
            "recurrence": {"type": 9, "repeat_interval": "often"},
            "occurrences": [
                {"start_time": "junk"},
                5,
                {"occurrence_id": 17, "start_time": "2030-01-15T09:00:00Z", "duration": 1e400},
            ],
        }
    )
    assert (meeting.id, meeting.topic, meeting.type, meeting.start) == (85746065432, "", 2, None)
    assert (meeting.duration, meeting.timezone, meeting.join_url) == (45, "UTC", "")
    assert (meeting.password, meeting.agenda, meeting.recurrence) == ("123456", "", None)
    (occurrence,) = meeting.occurrences
    assert (occurrence.occurrence_id, occurrence.duration) == ("17", 0)


@pytest.mark.parametrize(
    ("field", "value", "kept"),
    [
        ("duration", -5, 0),
        ("duration", 1.5, 0),
        ("duration", float("inf"), 0),
        ("duration", True, 0),
        ("duration", 90.0, 90),
        ("timezone", "Nowhere/Land", "UTC"),
        ("timezone", "../../etc/passwd", "UTC"),
        ("timezone", "Asia/Tokyo\x00", "UTC"),
        ("start_time", "0001-01-01T00:00:00Z", None),
        ("start_time", "9998-06-01T00:00:00+14:00", None),
        ("start_time", "2030-13-45T99:00:00Z", None),
        ("start_time", "\x1b[31m", None),
        ("type", 10, 10),
        ("type", 10**30, 10**30),
    ],
)
def test_a_value_out_of_range_gets_a_sane_stand_in(field: str, value: Any, kept: Any) -> None:
    attribute = {"start_time": "start"}.get(field, field)
    meeting = Meeting.from_zoom_json({**HUGE_DURATION, "duration": 60, field: value})
    assert getattr(meeting, attribute) == kept


@pytest.mark.parametrize("bad", [None, "abc", True, 1.5, float("nan"), [], {}, "1e9"])
def test_only_a_missing_or_unusable_id_is_refused(bad: Any) -> None:
    with pytest.raises(ValueError, match="no id"):
        Meeting.from_zoom_json({**HUGE_DURATION, "id": bad})


def test_a_start_no_zone_can_hold_is_no_local_start() -> None:
    meeting = built(start=datetime(9999, 12, 31, 22, 0, tzinfo=UTC))
    assert meeting.local_start(VIEWER) is None
    assert meeting.local_start("UTC") == meeting.start


def test_the_invitation_leaves_out_a_time_it_cannot_show() -> None:
    meeting = built(start=datetime(9999, 12, 31, 22, 0, tzinfo=UTC), duration=HUGE)
    # In the meeting's zone it is a date; in the viewer's (Tokyo) it is not: no brackets.
    assert "Time: Dec 31, 9999 10:00 PM UTC\n" in meeting.invitation(VIEWER)
    assert "Time: Dec 31, 9999 10:00 PM UTC" in meeting.invitation()
    assert (
        "Time:"
        not in built(
            start=datetime(9999, 12, 31, 22, 0, tzinfo=UTC), timezone="Asia/Tokyo"
        ).invitation()
    )
    recurring = built(
        type=8,
        start=datetime(9999, 12, 31, 22, 0, tzinfo=UTC),
        recurrence=Recurrence(RecurrenceType.DAILY, repeat_interval=10**20, end_times=10**20),
    )
    assert "Meeting ID: 857 4606 5432" in recurring.invitation(TOKYO)


@pytest.mark.parametrize(
    "meeting",
    [
        built(start=datetime(9999, 12, 31, 22, 0, tzinfo=UTC), duration=HUGE),
        built(start=datetime(9999, 12, 31, 22, 0, tzinfo=UTC), timezone=VIEWER),
        built(start=datetime(1, 1, 1, 0, 0, tzinfo=timezone(timedelta(hours=5)))),
        built(
            type=8,
            recurrence=Recurrence(RecurrenceType.MONTHLY, repeat_interval=10**20, monthly_day=40),
        ),
        built(type=8, recurrence=Recurrence(RecurrenceType.WEEKLY, weekly_days=(10**30,))),
        built(duration=-(10**30)),
    ],
    ids=["9999-utc", "9999-tokyo", "year-1", "monthly-huge", "weekly-junk", "negative"],
)
def test_a_calendar_file_is_always_made(meeting: Meeting) -> None:
    text = meeting_to_ics(meeting, now=NOW)
    (event,) = Calendar.from_ical(text).walk("VEVENT")
    assert event["UID"] == "85746065432@zoomdesk"
    assert event.decoded("DTSTART") is not None


def test_a_series_ending_in_the_far_future_gets_a_bounded_time_zone() -> None:
    meeting = Meeting.from_zoom_json(
        {
            "id": 1, "type": 8, "start_time": "2026-12-07T08:30:00Z", "timezone": "Europe/Berlin",
            "duration": 30,
            "recurrence": {"type": 1, "end_date_time": "9000-12-07T08:30:00Z"},
        }
    )  # fmt: skip
    assert meeting.recurrence is not None and meeting.recurrence.end_date == date(9000, 12, 7)
    (zone,) = Calendar.from_ical(meeting_to_ics(meeting, now=NOW)).walk("VTIMEZONE")
    assert len(zone.subcomponents) <= 2 * 101  # two changes a year, for at most a century


def test_the_editor_refuses_what_it_cannot_hold_with_a_value_error() -> None:
    tokyo_far = {**FAR_FUTURE, "timezone": VIEWER}  # the year 10000 on Tokyo's clocks
    with pytest.raises(ValueError, match="cannot edit this meeting"):
        MeetingDraft.from_zoom_json(tokyo_far)
    with pytest.raises(ValueError, match="cannot edit this meeting"):
        MeetingDraft.from_zoom_json({**HUGE_DURATION, "settings": "on"})
    draft = MeetingDraft.from_zoom_json(HUGE_DURATION)  # a value the form can show, and keeps
    assert draft.duration == HUGE
    assert "duration" not in draft.validate(NOW, original=draft)


@pytest.mark.parametrize(
    ("moment", "zone", "seen"),
    [
        (datetime(9999, 12, 31, 22, tzinfo=UTC), TOKYO, None),
        (datetime(9999, 12, 31, 22, tzinfo=UTC), ZoneInfo("America/New_York"), "9999-12-31T17"),
        (datetime(1, 1, 1, 3, tzinfo=UTC), ZoneInfo("America/New_York"), None),
    ],
)
def test_seen_in(moment: datetime, zone: ZoneInfo, seen: str | None) -> None:
    found = wallclock.seen_in(moment, zone)
    assert (found.isoformat()[:13] if found else None) == seen


def test_minutes_after() -> None:
    start = datetime(2030, 1, 1, 9, 0, tzinfo=UTC)
    assert wallclock.minutes_after(start, 90) == datetime(2030, 1, 1, 10, 30, tzinfo=UTC)
    assert wallclock.minutes_after(start, HUGE) is None
    assert wallclock.minutes_after(datetime(9999, 12, 31, 23, tzinfo=UTC), 61) is None
