"""Meeting flags -> MeetingDraft for create, in-process; bodies checked against the schema.

The update side (PATCH bodies) is in test_draft_update.py.
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from typing import Any

import pytest
from zoom_schema import skip_reason, validate_request

from zoomdesk.cli.args import build_parser
from zoomdesk.cli.draft import (
    InvalidInputError,
    draft_for_create,
    parse_meeting_id,
)
from zoomdesk.core.meeting import PASSCODE_CHARS

NOW = datetime(2030, 1, 1, 12, 0, tzinfo=UTC)


def schema_check(method: str, path: str, body: dict[str, Any]) -> None:
    """Validate against Zoom's schemas when ../shared is here; the rest of a test runs anyway
    (test_request_bodies_fit_zooms_schema in test_main.py skips visibly instead)."""
    if skip_reason() is None:
        validate_request(method, path, body)


def create_args(*flags: str) -> argparse.Namespace:
    return build_parser().parse_args(["meetings", "create", "--topic", "Sync", *flags])


def body(*flags: str) -> dict[str, Any]:
    result = draft_for_create(create_args(*flags), NOW).to_zoom_json()
    schema_check("POST", "/users/me/meetings", result)
    return result


def problems(*flags: str) -> dict[str, str]:
    with pytest.raises(InvalidInputError) as info:
        draft_for_create(create_args(*flags), NOW)
    return info.value.problems


@pytest.fixture(autouse=True)
def _berlin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")  # the "system" zone for these tests


def test_instant_meeting_by_default() -> None:
    b = body()
    assert b["type"] == 1 and "start_time" not in b and "recurrence" not in b
    assert 6 <= len(b["password"]) <= 10 and set(b["password"]) <= PASSCODE_CHARS
    assert b["duration"] == 60 and b["settings"]["waiting_room"] is True


def test_scheduled_meeting_in_the_system_zone() -> None:
    b = body("--start", "2030-02-03T09:30", "--duration", "45", "--agenda", "A")
    assert (b["type"], b["start_time"], b["timezone"]) == (
        2,
        "2030-02-03T09:30:00",
        "Europe/Berlin",
    )
    assert (b["duration"], b["agenda"]) == (45, "A")


def test_explicit_zone_and_seconds() -> None:
    b = body("--start", "2030-02-03 09:30:15", "--timezone", "America/New_York")
    assert (b["start_time"], b["timezone"]) == ("2030-02-03T09:30:15", "America/New_York")


def test_utc_start_becomes_wall_time_in_the_zone() -> None:
    b = body("--start", "2030-02-03T08:30Z")
    assert b["start_time"] == "2030-02-03T09:30:00"  # CET is UTC+1 in February


def test_settings_flags() -> None:
    s = body(
        "--no-waiting-room",
        "--mute-on-entry",
        "--host-video",
        "--participant-video",
        "--auto-recording",
        "cloud",
    )["settings"]
    assert s == {
        "waiting_room": False,
        "join_before_host": False,
        "mute_upon_entry": True,
        "host_video": True,
        "participant_video": True,
        "auto_recording": "cloud",
    }


def test_join_before_host_alone_turns_the_default_waiting_room_off() -> None:
    s = body("--join-before-host")["settings"]
    assert s["join_before_host"] is True and s["waiting_room"] is False
    assert "settings.join_before_host" in problems("--join-before-host", "--waiting-room")


def test_given_and_empty_passcode() -> None:
    assert body("--passcode", "a@_*-9")["password"] == "a@_*-9"
    assert "password" not in body("--passcode", "")


def test_weekly_recurrence() -> None:
    b = body(
        "--start", "2030-02-04T09:00", "--recurrence", "weekly", "--weekly-days", "wed,Mon",
        "--repeat-interval", "2", "--end-times", "6",
    )  # fmt: skip
    assert b["type"] == 8
    assert b["recurrence"] == {
        "type": 2,
        "repeat_interval": 2,
        "weekly_days": "2,4",
        "end_times": 6,
    }


def test_weekly_defaults_to_the_start_weekday_and_end_date_is_utc() -> None:
    b = body("--start", "2030-02-08T09:00", "--recurrence", "weekly", "--end-date", "2030-03-29")
    assert b["recurrence"]["weekly_days"] == "6"  # Friday, Zoom numbering
    assert b["recurrence"]["end_date_time"] == "2030-03-29T22:59:00Z"  # 23:59 in Berlin


def test_monthly_variants() -> None:
    start = ("--start", "2030-02-14T09:00", "--recurrence", "monthly", "--end-times", "3")
    assert body(*start)["recurrence"]["monthly_day"] == 14
    rec = body(*start, "--monthly-week", "last", "--monthly-week-day", "fri")["recurrence"]
    assert (rec["monthly_week"], rec["monthly_week_day"]) == (-1, 6)
    assert body(*start, "--monthly-day", "3")["recurrence"]["monthly_day"] == 3


def test_daily() -> None:
    rec = body("--start", "2030-02-14T09:00", "--recurrence", "daily", "--end-times", "5")
    assert rec["recurrence"] == {"type": 1, "repeat_interval": 1, "end_times": 5}


@pytest.mark.parametrize(
    ("flags", "field"),
    [
        (("--passcode", "waytoolong123"), "password"),
        (("--passcode", "no spaces"), "password"),
        (("--duration", "0"), "duration"),
        (("--topic", "x" * 201), "topic"),
        (("--topic", "   "), "topic"),
        (("--agenda", "x" * 2001), "agenda"),
        (("--start", "2030-02-03T09:30", "--timezone", "Mars/Olympus"), "timezone"),
        (("--start", "2029-12-31T09:30"), "start_time"),
        (("--start", "tomorrow"), "start_time"),
        (("--start", "2030-03-31T02:30"), "start_time"),  # DST gap in Berlin
        (("--recurrence", "daily", "--end-times", "3"), "start_time"),
        (("--start", "2030-02-03T09:30", "--recurrence", "daily"), "recurrence.end_times"),
        (("--start", "2030-02-03T09:30", "--recurrence", "daily", "--end-times", "61"),
         "recurrence.end_times"),
        (("--start", "2030-02-03T09:30", "--recurrence", "weekly", "--weekly-days", "1,3",
          "--end-times", "2"), "recurrence.weekly_days"),
        (("--start", "2030-02-03T09:30", "--recurrence", "weekly", "--repeat-interval", "13",
          "--end-times", "2"), "recurrence.repeat_interval"),
        (("--start", "2030-02-03T09:30", "--recurrence", "monthly", "--monthly-week", "5",
          "--monthly-week-day", "fri", "--end-times", "2"), "recurrence.monthly_week"),
        (("--start", "2030-02-03T09:30", "--recurrence", "monthly", "--monthly-week", "x",
          "--end-times", "2"), "recurrence.monthly_week"),
        (("--start", "2030-02-03T09:30", "--recurrence", "daily", "--end-date", "2030-02-01"),
         "recurrence.end_date_time"),
        (("--start", "2030-02-03T09:30", "--recurrence", "daily", "--end-date", "31/12/2030"),
         "recurrence.end_date_time"),
    ],
)  # fmt: skip
def test_invalid_input_names_the_field(flags: tuple[str, ...], field: str) -> None:
    found = problems(*flags)
    assert field in found, found


def test_messages_name_field_and_flag() -> None:
    with pytest.raises(InvalidInputError) as info:
        draft_for_create(create_args("--passcode", "12345678901"), NOW)
    assert info.value.lines()[0].startswith("invalid password (--passcode): ")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("85746065", 85746065), ("812 3456 7890", 81234567890), ("812-3456-7890", 81234567890)],
)
def test_meeting_ids(text: str, expected: int) -> None:
    assert parse_meeting_id(text) == expected


@pytest.mark.parametrize("text", ["abc", "0", "", str(2**63), "１２３", "-5"])
def test_bad_meeting_ids(text: str) -> None:
    with pytest.raises(InvalidInputError) as info:
        parse_meeting_id(text)
    assert "id" in info.value.problems
