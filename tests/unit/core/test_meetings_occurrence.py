"""MeetingDraft.patch_from for one occurrence, and starts in the repeated autumn hour."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from typing import Any

import pytest
from zoom_schema import validate_request

from zoomdesk.core.meeting import (
    MeetingDraft,
    MeetingType,
    Recurrence,
    RecurrenceType,
    occurrence_may_change,
)

NOW = datetime(2027, 1, 1, tzinfo=UTC)


def occurrence(**changes: Any) -> MeetingDraft:
    """One occurrence of a daily series, as ``GET /meetings/{id}?occurrence_id=`` has it."""
    base = MeetingDraft(
        topic="Daily",
        type=MeetingType.RECURRING_FIXED_TIME,
        start=datetime(2027, 2, 4, 9, 0),
        timezone="Europe/Berlin",
        duration=30,
        passcode="abc123",
        recurrence=Recurrence(RecurrenceType.DAILY, end_times=5),
    )
    return dataclasses.replace(base, **changes)


def occurrence_patch(edited: MeetingDraft) -> dict[str, Any]:
    body = edited.patch_from(occurrence(), occurrence=True)
    validate_request("PATCH", "/meetings/85746065432", body)
    return body


def test_an_occurrence_start_goes_in_utc_without_a_timezone() -> None:
    moved = occurrence(start=datetime(2027, 2, 4, 10, 30))
    assert occurrence_patch(moved) == {"start_time": "2027-02-04T09:30:00Z"}
    # The same edit of the whole series keeps wall time and zone together.
    assert moved.patch_from(occurrence()) == {
        "start_time": "2027-02-04T10:30:00",
        "timezone": "Europe/Berlin",
    }


def test_an_occurrence_takes_duration_agenda_and_some_settings() -> None:
    edited = occurrence(duration=45, agenda="Just this once")
    edited.settings = dataclasses.replace(edited.settings, mute_upon_entry=True, host_video=True)
    assert occurrence_patch(edited) == {
        "duration": 45,
        "agenda": "Just this once",
        "settings": {"host_video": True, "mute_upon_entry": True},
    }


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"topic": "Renamed"}, "topic"),
        ({"timezone": "Europe/Paris"}, "timezone"),
        ({"passcode": "n3w"}, "password"),
        ({"recurrence": Recurrence(RecurrenceType.DAILY, end_times=9)}, "recurrence"),
    ],
)
def test_what_only_the_series_can_change_is_refused(changes: dict[str, Any], named: str) -> None:
    with pytest.raises(ValueError, match=named):
        occurrence(**changes).patch_from(occurrence(), occurrence=True)


def test_one_occurrence_may_change_its_waiting_room() -> None:
    edited = occurrence()
    edited.settings = dataclasses.replace(edited.settings, waiting_room=False)
    assert edited.patch_from(occurrence(), occurrence=True) == {"settings": {"waiting_room": False}}


@pytest.mark.parametrize(
    ("field", "allowed"),
    [
        ("start_time", True),
        ("duration", True),
        ("agenda", True),
        ("settings.auto_recording", True),
        ("settings.join_before_host", True),
        ("settings.waiting_room", True),
        ("settings", False),
        ("timezone", False),
        ("topic", False),
        ("recurrence.end_times", False),
    ],
)
def test_occurrence_may_change(field: str, allowed: bool) -> None:
    assert occurrence_may_change(field) is allowed


# -- the repeated autumn hour --------------------------------------------------------------

FIRST = datetime(2027, 10, 31, 2, 30)  # 00:30 UTC, still summer time
SECOND = datetime(2027, 10, 31, 2, 30, fold=1)  # 01:30 UTC, winter time


def scheduled(start: datetime) -> MeetingDraft:
    return MeetingDraft(topic="Night", start=start, timezone="Europe/Berlin")


@pytest.mark.parametrize(("start", "sent"), [(FIRST, "00:30"), (SECOND, "01:30")])
def test_a_start_in_the_repeated_hour_is_sent_as_its_instant(start: datetime, sent: str) -> None:
    body = scheduled(start).to_zoom_json()
    assert (body["start_time"], body["timezone"]) == (f"2027-10-31T{sent}:00Z", "Europe/Berlin")
    validate_request("POST", "/users/me/meetings", body)


def test_the_other_02_30_is_a_change() -> None:
    assert scheduled(FIRST).patch_from(scheduled(SECOND)) == {
        "start_time": "2027-10-31T00:30:00Z",
        "timezone": "Europe/Berlin",
    }


def test_the_other_02_30_is_judged_as_a_new_start() -> None:
    # Between the two 02:30s: the second is still ahead, the first has passed.
    now = datetime(2027, 10, 31, 1, 0, tzinfo=UTC)
    assert scheduled(SECOND).validate(now, original=scheduled(SECOND)) == {}
    assert "start_time" in scheduled(FIRST).validate(now, original=scheduled(SECOND))
