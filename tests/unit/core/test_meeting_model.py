"""Meeting: parsing Zoom's replies, formatted IDs, local times and the invitation text."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from zoom_schema import validate_response

from zoomdesk.core.meeting import (
    Meeting,
    Recurrence,
    RecurrenceType,
    format_meeting_id,
    meeting_to_ics,
)

JOIN = "https://us05web.zoom.us/j/85746065432?pwd=aBcD.1"


def created(**changes: Any) -> dict[str, Any]:
    """A POST /users/me/meetings 201 reply, shaped like Zoom's."""
    reply: dict[str, Any] = {
        "uuid": "aDYlohsHRtCd4ii1uC2+hA==",
        "id": 85746065432,
        "host_id": "z8yAAAAA8bbbQ",
        "host_email": "jchill@example.com",
        "topic": "Quarterly planning",
        "type": 2,
        "status": "waiting",
        "start_time": "2026-12-03T08:30:00Z",
        "duration": 45,
        "timezone": "Europe/Berlin",
        "agenda": "Roadmap",
        "created_at": "2026-11-01T12:00:00Z",
        "start_url": "https://us05web.zoom.us/s/85746065432?zak=secret",
        "join_url": JOIN,
        "password": "abc123",
        "h323_password": "123456",
        "pre_schedule": False,
        "settings": {"host_video": False, "waiting_room": True, "auto_recording": "none"},
    }
    reply.update(changes)
    return reply


def recurring() -> dict[str, Any]:
    return created(
        type=8,
        start_time="2026-12-07T08:30:00Z",
        recurrence={"type": 2, "repeat_interval": 2, "weekly_days": "2,4", "end_times": 6},
        occurrences=[
            {
                "occurrence_id": "1796632200000",
                "start_time": "2026-12-07T08:30:00Z",
                "duration": 45,
                "status": "available",
            },
            {
                "occurrence_id": "1796805000000",
                "start_time": "2026-12-09T08:30:00Z",
                "duration": 45,
                "status": "available",
            },
        ],
    )


def test_fixtures_look_like_zoom() -> None:
    validate_response("POST", "/users/me/meetings", 201, created())
    validate_response("GET", "/meetings/85746065432", 200, recurring())


def test_from_zoom_json() -> None:
    meeting = Meeting.from_zoom_json(created())
    assert meeting.id == 85746065432
    assert meeting.uuid == "aDYlohsHRtCd4ii1uC2+hA=="
    assert meeting.start == datetime(2026, 12, 3, 9, 30, tzinfo=ZoneInfo("Europe/Berlin"))
    assert meeting.start is not None and meeting.start.utcoffset() is not None
    assert (meeting.duration, meeting.password, meeting.join_url) == (45, "abc123", JOIN)
    assert meeting.recurrence is None and meeting.occurrences == ()
    assert meeting.raw["start_url"].endswith("zak=secret")


def test_recurrence_and_occurrences_are_parsed() -> None:
    meeting = Meeting.from_zoom_json(recurring())
    assert meeting.recurrence == Recurrence(RecurrenceType.WEEKLY, 2, (2, 4), end_times=6)
    assert [o.start for o in meeting.occurrences] == [
        datetime(2026, 12, 7, 8, 30, tzinfo=UTC),
        datetime(2026, 12, 9, 8, 30, tzinfo=UTC),
    ]
    assert meeting.occurrences[0].occurrence_id == "1796632200000"


def test_a_list_item_has_what_it_has() -> None:
    item = {
        "uuid": "u",
        "id": 123456789,
        "host_id": "h",
        "topic": "t",
        "type": 3,
        "duration": 0,
        "timezone": "Asia/Tokyo",
        "created_at": "2026-01-01T00:00:00Z",
        "join_url": "https://zoom.us/j/123456789",
    }
    meeting = Meeting.from_zoom_json(item)
    assert (meeting.start, meeting.password, meeting.formatted_id) == (None, "", "123 456 789")


def test_secrets_stay_out_of_repr() -> None:
    text = repr(Meeting.from_zoom_json(created()))
    assert "abc123" not in text and "pwd=" not in text and "zak=" not in text
    assert "85746065432" in text


def test_an_id_is_required() -> None:
    with pytest.raises(ValueError, match="no id"):
        Meeting.from_zoom_json({"topic": "x"})


@pytest.mark.parametrize(
    ("meeting_id", "shown"),
    [
        (85746065432, "857 4606 5432"),
        (12345678901, "123 4567 8901"),
        (1234567890, "123 456 7890"),
        (123456789, "123 456 789"),
        (9_223_372_036_854_775_807, "922 33720368 54775807"),  # the largest int64 still groups
        (123, "123"),
    ],
)
def test_formatted_id(meeting_id: int, shown: str) -> None:
    assert format_meeting_id(meeting_id) == shown
    if meeting_id > 10**8:
        assert Meeting.from_zoom_json(created(id=meeting_id)).formatted_id == shown


def test_local_start() -> None:
    meeting = Meeting.from_zoom_json(created())
    new_york = meeting.local_start("America/New_York")
    assert new_york == datetime(2026, 12, 3, 3, 30, tzinfo=ZoneInfo("America/New_York"))
    assert meeting.local_start(ZoneInfo("Asia/Kolkata")) == datetime(
        2026, 12, 3, 14, 0, tzinfo=ZoneInfo("Asia/Kolkata")
    )
    with pytest.raises(ValueError, match="unknown time zone"):
        meeting.local_start("Nowhere/Land")


def test_invitation_text() -> None:
    meeting = Meeting.from_zoom_json(created())
    assert meeting.invitation(host_name="Jill Chill") == (
        "Jill Chill is inviting you to a scheduled Zoom meeting.\n"
        "\n"
        "Topic: Quarterly planning\n"
        "Time: Dec 3, 2026 09:30 AM Europe/Berlin\n"
        "\n"
        "Join Zoom Meeting\n"
        f"{JOIN}\n"
        "\n"
        "Meeting ID: 857 4606 5432\n"
        "Passcode: abc123"
    )


def test_invitation_in_the_meetings_zone_with_the_viewers_time_and_without_a_host_name() -> None:
    meeting = Meeting.from_zoom_json(created())
    text = meeting.invitation("America/Los_Angeles")
    assert text.startswith("You are invited to a scheduled Zoom meeting.\n")
    # The meeting's zone, as Zoom's invitation and the .ics say; the viewer's in brackets.
    assert "Time: Dec 3, 2026 09:30 AM Europe/Berlin (12:30 AM America/Los_Angeles)\n" in text
    # Another day there: the date too.
    late = Meeting.from_zoom_json(created(start_time="2026-12-03T20:30:00Z"))
    tokyo = late.invitation(ZoneInfo("Asia/Tokyo"))
    assert "Time: Dec 3, 2026 09:30 PM Europe/Berlin (Dec 4, 2026 05:30 AM Asia/Tokyo)\n" in tokyo
    honolulu = meeting.invitation("Pacific/Honolulu")
    assert "Europe/Berlin (Dec 2, 2026 10:30 PM Pacific/Honolulu)\n" in honolulu
    # The same wall time (same zone, or one with the same offset then): nothing added.
    for same in ("Europe/Berlin", "Europe/Paris", None):
        assert "Time: Dec 3, 2026 09:30 AM Europe/Berlin\n" in meeting.invitation(same)


def test_invitation_says_what_the_calendar_file_says() -> None:
    meeting = Meeting.from_zoom_json(created(timezone="America/New_York"))
    text = meeting.invitation("Etc/UTC")
    assert "Time: Dec 3, 2026 03:30 AM America/New_York (08:30 AM Etc/UTC)\n" in text
    assert "DTSTART;TZID=America/New_York:20261203T033000" in meeting_to_ics(meeting)


def test_invitation_of_a_recurring_meeting_says_how_it_repeats() -> None:
    text = Meeting.from_zoom_json(recurring()).invitation(ZoneInfo("Europe/Berlin"))
    assert (
        "Time: Dec 7, 2026 09:30 AM Europe/Berlin\n        Every 2 weeks on Mon and Wed, 6 times\n"
        in text
    )


def test_invitation_of_a_monthly_meeting_until_a_date() -> None:
    rec = {
        "type": 3,
        "repeat_interval": 1,
        "monthly_week": -1,
        "monthly_week_day": 6,
        "end_date_time": "2027-06-30T21:59:00Z",
    }
    meeting = Meeting.from_zoom_json(created(type=8, recurrence=rec))
    assert meeting.recurrence is not None and meeting.recurrence.end_date == date(2027, 6, 30)
    assert "Monthly on the last Friday, until 30 Jun 2027" in meeting.invitation()


@pytest.mark.parametrize(
    ("changes", "present", "absent"),
    [
        ({"type": 1}, "You are invited to a Zoom meeting.", "scheduled"),
        ({"type": 3, "start_time": None}, "Time: This is a recurring meeting. Meet anytime.", "AM"),
        ({"password": ""}, "Meeting ID: 857 4606 5432", "Passcode"),
        ({"join_url": ""}, "Topic: Quarterly planning", "Join Zoom Meeting"),
        ({"start_time": "2026-12-03T11:05:00Z"}, "Dec 3, 2026 12:05 PM", "AM"),
        ({"start_time": "2026-12-02T23:05:00Z"}, "Dec 3, 2026 12:05 AM", "PM"),
    ],
)
def test_invitation_variants(changes: dict[str, Any], present: str, absent: str) -> None:
    text = Meeting.from_zoom_json(created(**changes)).invitation()
    assert present in text and absent not in text


def test_blank_host_name_falls_back() -> None:
    text = Meeting.from_zoom_json(created()).invitation(host_name="  ")
    assert text.startswith("You are invited to")
