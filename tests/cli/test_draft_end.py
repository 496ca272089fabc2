"""``--end TIME`` instead of ``--duration``: create and update, one occurrence, and the
mistakes (both flags, no start, an end before the start) named before anything is sent."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from zoomdesk.cli.args import build_parser
from zoomdesk.cli.draft import (
    InvalidInputError,
    draft_for_create,
    patch_for_update,
    precheck_update,
)
from zoomdesk.cli.errors import classify
from zoomdesk.cli.output import time_line
from zoomdesk.core.meeting import Meeting

NOW = datetime(2030, 1, 1, 12, 0, tzinfo=UTC)
ORIGINAL: dict[str, Any] = {
    "id": 123,
    "topic": "Old",
    "type": 8,
    "start_time": "2030-02-03T08:30:00Z",  # 03:30 in New York
    "timezone": "America/New_York",
    "duration": 30,
    "password": "abc123",
    "agenda": "",
    "settings": {"waiting_room": True},
    "recurrence": {"type": 1, "repeat_interval": 1, "end_times": 3},
}


@pytest.fixture(autouse=True)
def _berlin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")


def create(*flags: str) -> argparse.Namespace:
    return build_parser().parse_args(["meetings", "create", "--topic", "Sync", *flags])


def update(*flags: str) -> argparse.Namespace:
    return build_parser().parse_args(["meetings", "update", "123", *flags])


def create_problems(*flags: str) -> dict[str, str]:
    with pytest.raises(InvalidInputError) as info:
        draft_for_create(create(*flags), NOW)
    return info.value.problems


def patch(*flags: str) -> dict[str, Any]:
    args = update(*flags)
    precheck_update(args, NOW)
    return patch_for_update(ORIGINAL, args, NOW)


@pytest.mark.parametrize(
    ("end", "minutes"),
    [("15:15", 45), ("2030-02-04T13:09", 22 * 60 + 39), ("2030-02-03T14:00Z", 30)],
)
def test_create_with_an_end_sends_the_duration(end: str, minutes: int) -> None:
    draft = draft_for_create(create("--start", "2030-02-03T14:30", "--end", end), NOW)
    assert draft.to_zoom_json()["duration"] == minutes


def test_the_end_is_read_in_the_meetings_zone() -> None:
    flags = ("--start", "2030-02-03T09:00", "--timezone", "America/New_York", "--end", "10:30")
    assert draft_for_create(create(*flags), NOW).duration == 90


def test_both_duration_and_end_is_refused_naming_both() -> None:
    problems = create_problems("--start", "2030-02-03T14:30", "--duration", "30", "--end", "15:00")
    assert list(problems) == ["duration"] and "--end" in problems["duration"]
    code, lines = classify(InvalidInputError(problems))
    assert code == 2 and "--duration" in lines[0] and "--end" in lines[0]


def test_an_end_before_the_start_says_how_to_give_the_next_day() -> None:
    problems = create_problems("--start", "2030-02-03T22:00", "--end", "01:00")
    assert "before it starts" in problems["end_time"]
    assert "2030-02-04T01:00" in problems["end_time"]
    code, lines = classify(InvalidInputError(problems))
    assert code == 2 and lines[0].startswith("invalid end_time (--end): ")


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (("--end", "15:00"), "needs a start time"),  # an instant meeting
        (("--start", "2030-02-03T14:30", "--end", "5pm"), "is not a time"),
        (("--start", "2030-02-03T14:30", "--end", "14:30"), "end as it starts"),
    ],
)
def test_ends_that_cannot_be(flags: tuple[str, ...], message: str) -> None:
    assert message in create_problems(*flags)["end_time"]


def test_an_end_past_zooms_longest_meeting_is_the_durations_problem() -> None:
    problems = create_problems("--start", "2030-02-03T14:30", "--end", "2030-02-05T14:30")
    assert "at most 30 hours" in problems["duration"]


def test_update_end_alone_uses_the_meetings_own_start() -> None:
    assert patch("--end", "05:00") == {"duration": 90}
    assert patch("--start", "2030-02-03T10:00", "--end", "10:15")["duration"] == 15


def test_update_precheck_reads_the_end_but_judges_it_with_the_real_start() -> None:
    # 03:00 is before a made-up start but after none in particular: no problem yet...
    precheck_update(update("--end", "03:00"), NOW)
    # ...but the meeting starts at 03:30.
    with pytest.raises(InvalidInputError, match="before it starts"):
        patch("--end", "03:00")
    with pytest.raises(InvalidInputError) as info:
        precheck_update(update("--end", "noon"), NOW)
    assert "is not a time" in info.value.problems["end_time"]
    with pytest.raises(InvalidInputError) as info:
        precheck_update(update("--end", "10:00", "--duration", "5"), NOW)
    assert "not both" in info.value.problems["duration"]


def test_one_occurrence_may_take_an_end() -> None:
    args = update("--occurrence-id", "1700000000000", "--end", "04:30")
    precheck_update(args, NOW)
    assert patch_for_update(ORIGINAL, args, NOW) == {"duration": 60}


def test_the_cli_shows_an_end_on_another_day_with_its_date() -> None:
    meeting = Meeting.from_zoom_json(
        {"id": 1, "topic": "Long", "type": 2, "start_time": "2031-12-21T13:30:00Z",
         "duration": 22 * 60 + 39, "timezone": "Europe/Berlin"}
    )  # fmt: skip
    berlin = ZoneInfo("Europe/Berlin")
    assert time_line(meeting, berlin) == (
        "Sun 21 Dec 2031 14:30 – Mon 22 Dec 2031 13:09 (Europe/Berlin)"
    )
    short = Meeting.from_zoom_json({**meeting.raw, "duration": 45})
    assert time_line(short, berlin) == "Sun 21 Dec 2031 14:30–15:15 (Europe/Berlin)"
