"""meeting_to_ics(): RFC 5545 text that calendar software reads back as the same meeting."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar, Component, Timezone

from zoomdesk import __version__
from zoomdesk.core.meeting import Meeting, Recurrence, RecurrenceType
from zoomdesk.core.meeting.ical import escape_text, fold, meeting_to_ics, series
from zoomdesk.core.meeting.values import one_line

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
BERLIN = ZoneInfo("Europe/Berlin")
JOIN = "https://us05web.zoom.us/j/85746065432?pwd=aBcD.1"


def meeting(**changes: Any) -> Meeting:
    reply: dict[str, Any] = {
        "uuid": "aDYlohsHRtCd4ii1uC2+hA==",
        "id": 85746065432,
        "topic": "Quarterly planning",
        "type": 2,
        "start_time": "2026-12-03T08:30:00Z",
        "duration": 45,
        "timezone": "Europe/Berlin",
        "join_url": JOIN,
        "password": "abc123",
    }
    reply.update(changes)
    return Meeting.from_zoom_json(reply)


def parse(text: str) -> tuple[Calendar, Component]:
    calendar = Calendar.from_ical(text)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return calendar, events[0]


def rule_of(event: Component) -> str:
    value = event["RRULE"].to_ical()
    return value.decode() if isinstance(value, bytes) else str(value)


def physical_lines(text: str) -> list[str]:
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")  # no bare LF or CR anywhere
    return text[:-2].split("\r\n")


def test_calendar_header() -> None:
    lines = physical_lines(meeting_to_ics(meeting(), now=NOW))
    assert lines[:5] == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//zoomdesk//zoomdesk {__version__}//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    assert lines[-1] == "END:VCALENDAR"


def test_event_reads_back_as_the_meeting() -> None:
    m = meeting()
    calendar, event = parse(meeting_to_ics(m, now=NOW))
    assert str(event["UID"]) == "85746065432@zoomdesk"
    assert event.decoded("DTSTAMP") == NOW
    start = event.decoded("DTSTART")
    assert start == datetime(2026, 12, 3, 9, 30, tzinfo=BERLIN)
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert event.decoded("DURATION") == timedelta(minutes=45)
    assert str(event["SUMMARY"]) == "Quarterly planning"
    assert str(event["URL"]) == JOIN
    assert str(event["LOCATION"]) == JOIN
    assert str(event["DESCRIPTION"]) == m.invitation()
    assert "RRULE" not in event
    zones = calendar.walk("VTIMEZONE")
    assert [str(z["TZID"]) for z in zones] == ["Europe/Berlin"]


def test_vtimezone_alone_gives_the_right_offsets() -> None:
    m = meeting(
        type=8,
        start_time="2026-03-16T08:30:00Z",
        recurrence={"type": 2, "repeat_interval": 1, "weekly_days": "2", "end_times": 6},
    )
    calendar, _ = parse(meeting_to_ics(m, now=NOW))
    zone = calendar.walk("VTIMEZONE")[0]
    assert isinstance(zone, Timezone)
    built = zone.to_tz(lookup_tzid=False)  # from our STANDARD/DAYLIGHT parts, not zoneinfo
    for day in (16, 23, 30):
        wall = datetime(2026, 3, day, 9, 30)
        assert wall.replace(tzinfo=built).utcoffset() == wall.replace(tzinfo=BERLIN).utcoffset()
    names = {str(c["TZNAME"]) for c in zone.subcomponents}
    assert names == {"CET", "CEST"}


def test_weekly_meeting_keeps_its_wall_time_across_dst() -> None:
    m = meeting(
        type=8,
        start_time="2026-03-16T08:30:00Z",  # Mon 09:30 CET
        recurrence={"type": 2, "repeat_interval": 1, "weekly_days": "2", "end_times": 6},
    )
    _, event = parse(meeting_to_ics(m, now=NOW))
    start = event.decoded("DTSTART")
    rule = rule_of(event)
    dates = list(rrulestr(rule, dtstart=start))
    assert len(dates) == 6
    assert {d.astimezone(BERLIN).strftime("%a %H:%M") for d in dates} == {"Mon 09:30"}
    offsets = [d.astimezone(BERLIN).utcoffset() for d in dates]
    assert offsets[:2] == [timedelta(hours=1)] * 2 and offsets[2:] == [timedelta(hours=2)] * 4


@pytest.mark.parametrize(
    ("recurrence", "rule"),
    [
        ({"type": 1, "repeat_interval": 3, "end_times": 10}, "FREQ=DAILY;INTERVAL=3;COUNT=10"),
        (
            {"type": 2, "repeat_interval": 2, "weekly_days": "4,2", "end_times": 6},
            "FREQ=WEEKLY;WKST=SU;INTERVAL=2;BYDAY=MO,WE;COUNT=6",
        ),
        (
            {"type": 3, "repeat_interval": 1, "monthly_day": 15, "end_times": 12},
            "FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=15;COUNT=12",
        ),
        (
            {
                "type": 3,
                "repeat_interval": 2,
                "monthly_week": -1,
                "monthly_week_day": 6,
                "end_date_time": "2027-06-30T21:59:00Z",
            },
            "FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR;UNTIL=20270630T215900Z",
        ),
        (
            {
                "type": 3,
                "repeat_interval": 1,
                "monthly_week": 2,
                "monthly_week_day": 3,
                "end_times": 3,
            },
            "FREQ=MONTHLY;INTERVAL=1;BYDAY=2TU;COUNT=3",
        ),
        (
            {"type": 1, "repeat_interval": 1, "end_date_time": "2026-12-31T22:59:00Z"},
            "FREQ=DAILY;INTERVAL=1;UNTIL=20261231T225900Z",
        ),
    ],
    ids=["daily", "weekly", "monthly day", "last friday", "second tuesday", "until"],
)
def test_rrule(recurrence: dict[str, Any], rule: str) -> None:
    text = meeting_to_ics(meeting(type=8, recurrence=recurrence), now=NOW)
    assert f"\r\nRRULE:{rule}\r\n" in text
    parse(text)


@pytest.mark.parametrize(
    ("recurrence", "first"),
    [
        # Zoom's start is Thu 3 Dec; the series' first real day follows it.
        (
            {"type": 2, "repeat_interval": 1, "weekly_days": "2,4", "end_times": 4},
            datetime(2026, 12, 7, 9, 30),
        ),
        (
            {"type": 2, "repeat_interval": 1, "weekly_days": "5,6", "end_times": 4},
            datetime(2026, 12, 3, 9, 30),
        ),
        (
            {"type": 3, "repeat_interval": 1, "monthly_day": 1, "end_times": 4},
            datetime(2027, 1, 1, 9, 30),
        ),
        (
            {
                "type": 3,
                "repeat_interval": 1,
                "monthly_week": -1,
                "monthly_week_day": 6,
                "end_times": 4,
            },
            datetime(2026, 12, 25, 9, 30),
        ),
        ({"type": 1, "repeat_interval": 2, "end_times": 4}, datetime(2026, 12, 3, 9, 30)),
    ],
)
def test_dtstart_is_the_first_occurrence_the_rule_makes(
    recurrence: dict[str, Any], first: datetime
) -> None:
    m = meeting(type=8, recurrence=recurrence)
    _, event = parse(meeting_to_ics(m, now=NOW))
    start = event.decoded("DTSTART")
    assert start == first.replace(tzinfo=BERLIN)
    expanded = list(rrulestr(rule_of(event), dtstart=start))
    assert expanded[0] == start  # DTSTART is itself an instance of the rule
    assert m.recurrence is not None and m.start is not None
    ours = series(m.start.replace(tzinfo=None), m.recurrence)
    assert [d.replace(tzinfo=None) for d in expanded] == ours


def test_series_matches_rfc_expansion_for_every_other_week() -> None:
    rec = Recurrence(RecurrenceType.WEEKLY, 2, (2, 6), end_times=7)
    start = datetime(2026, 12, 5, 9, 30)  # a Saturday: first is Mon 7 Dec
    expected = list(
        rrulestr(
            "FREQ=WEEKLY;WKST=SU;INTERVAL=2;BYDAY=MO,FR;COUNT=7",
            dtstart=datetime(2026, 12, 7, 9, 30),
        )
    )
    assert series(start, rec) == expected


def test_utc_meetings_use_z_and_no_vtimezone() -> None:
    text = meeting_to_ics(meeting(timezone="UTC"), now=NOW)
    assert "\r\nDTSTART:20261203T083000Z\r\n" in text
    assert "VTIMEZONE" not in text
    _, event = parse(text)
    assert event.decoded("DTSTART") == datetime(2026, 12, 3, 8, 30, tzinfo=UTC)


def test_a_zone_without_dst_gets_one_standard_part() -> None:
    calendar, event = parse(meeting_to_ics(meeting(timezone="Asia/Kolkata"), now=NOW))
    zone = calendar.walk("VTIMEZONE")[0]
    assert [c.name for c in zone.subcomponents] == ["STANDARD"]
    assert zone.subcomponents[0]["TZOFFSETTO"].to_ical() == "+0530"
    assert event.decoded("DTSTART") == datetime(2026, 12, 3, 14, 0, tzinfo=ZoneInfo("Asia/Kolkata"))


def test_an_instant_meeting_starts_now() -> None:
    m = meeting(type=1, start_time=None)
    _, event = parse(meeting_to_ics(m, now=NOW))
    assert event.decoded("DTSTART") == NOW.astimezone(BERLIN)


def test_a_broken_join_url_cannot_add_lines() -> None:
    text = meeting_to_ics(meeting(join_url="https://zoom.us/j/1\r\nATTACH:evil"), now=NOW)
    assert "\r\nATTACH" not in text
    assert "\r\nURL:https://zoom.us/j/1ATTACH:evil\r\n" in text


def test_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        meeting_to_ics(meeting(), now=datetime(2026, 3, 1))


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("a,b;c\\d", "a\\,b\\;c\\\\d"),
        ("one\ntwo\r\nthree\rfour", "one\\ntwo\\nthree\\nfour"),
        ("tab\tok\x00\x07\x7f", "tab\tok"),
        ("plain: text", "plain: text"),
    ],
)
def test_escape_text(raw: str, escaped: str) -> None:
    assert escape_text(raw) == escaped


def test_fold_splits_at_75_octets_between_characters() -> None:
    line = "SUMMARY:" + "€" * 60  # 3 octets each
    folded = fold(line).split("\r\n")
    assert all(len(piece.encode()) <= 75 for piece in folded)
    assert all(piece.startswith(" ") for piece in folded[1:])
    assert "".join(p[1:] if i else p for i, p in enumerate(folded)) == line
    assert fold("x" * 75) == "x" * 75


@settings(max_examples=150)
@given(
    topic=st.text(st.characters(exclude_categories=("Cc", "Cs")), min_size=1, max_size=200),
    duration=st.integers(1, 24 * 60),
    zone=st.sampled_from(
        [
            "Europe/Berlin",
            "America/New_York",
            "UTC",
            "Australia/Lord_Howe",
            "Asia/Kathmandu",
            "America/Sao_Paulo",
        ]
    ),
    password=st.text("abcXYZ019@_*-", max_size=10),
)
def test_any_topic_survives_and_every_line_fits(
    topic: str, duration: int, zone: str, password: str
) -> None:
    m = meeting(topic=topic, duration=duration, timezone=zone, password=password)
    text = meeting_to_ics(m, now=NOW)
    assert all(len(line.encode()) <= 75 for line in physical_lines(text))
    _, event = parse(text)
    assert str(event["SUMMARY"]) == one_line(topic)  # U+2028, U+2029 fold as in invitations
    assert str(event["DESCRIPTION"]) == m.invitation()
    assert event.decoded("DURATION") == timedelta(minutes=duration)
    assert event.decoded("DTSTART") == m.start
