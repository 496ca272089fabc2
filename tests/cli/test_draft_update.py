"""``meetings update`` in-process: every flag counts, one occurrence, a series under way, DST.

Bodies are checked against Zoom's PATCH schema when ../shared/zoom-api is here.
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
    patch_for_update,
    precheck_update,
    touched_fields,
)

NOW = datetime(2030, 1, 1, 12, 0, tzinfo=UTC)
SETTINGS = {
    "host_video": False,
    "participant_video": False,
    "join_before_host": False,
    "mute_upon_entry": False,
    "waiting_room": True,
    "auto_recording": "none",
}
ORIGINAL: dict[str, Any] = {
    "id": 123,
    "topic": "Old",
    "type": 2,
    "start_time": "2030-02-03T08:30:00Z",
    "timezone": "America/New_York",
    "duration": 30,
    "password": "abc123",
    "agenda": "",
    "settings": SETTINGS,
}


@pytest.fixture(autouse=True)
def _berlin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")  # the "system" zone for these tests


def update_args(*flags: str) -> argparse.Namespace:
    return build_parser().parse_args(["meetings", "update", "123", *flags])


def patch(
    *flags: str, original: dict[str, Any] | None = None, now: datetime = NOW
) -> dict[str, Any]:
    args = update_args(*flags)
    precheck_update(args, now)
    result = patch_for_update(original or ORIGINAL, args, now)
    if result and skip_reason() is None:
        validate_request("PATCH", "/meetings/123", result)
    return result


def problems(*flags: str, original: dict[str, Any] | None = None) -> dict[str, str]:
    with pytest.raises(InvalidInputError) as info:
        patch(*flags, original=original)
    return info.value.problems


# -- what update sends, and what it checks first -----------------------------------------


def test_update_sends_only_what_changed() -> None:
    assert patch("--topic", "New") == {"topic": "New"}
    assert patch("--duration", "45", "--mute-on-entry") == {
        "duration": 45,
        "settings": {"mute_upon_entry": True},
    }
    assert patch("--topic", "Old") == {}


def test_update_start_keeps_the_meetings_zone() -> None:
    assert patch("--start", "2030-02-05T10:00") == {
        "start_time": "2030-02-05T10:00:00",
        "timezone": "America/New_York",
    }
    assert patch("--timezone", "Europe/Berlin")["timezone"] == "Europe/Berlin"


def test_update_adds_a_recurrence() -> None:
    p = patch("--recurrence", "weekly", "--end-times", "4")
    assert p["type"] == 8
    assert p["recurrence"] == {"type": 2, "repeat_interval": 1, "weekly_days": "1", "end_times": 4}


def test_update_ignores_problems_of_untouched_fields() -> None:
    past = {**ORIGINAL, "start_time": "2029-01-01T08:00:00Z"}
    assert patch("--topic", "Renamed", original=past) == {"topic": "Renamed"}
    with pytest.raises(InvalidInputError) as info:
        patch("--duration", "50", "--start", "2029-06-01T10:00", original=past)
    assert "start_time" in info.value.problems


@pytest.mark.parametrize(
    ("flags", "field"),
    [
        ((), "input"),
        (("--passcode", "x" * 11), "password"),
        (("--timezone", "Nowhere/Land"), "timezone"),
        (("--duration", "-1"), "duration"),
        (("--start", "soon"), "start_time"),
        (("--weekly-days", "funday"), "recurrence.weekly_days"),
    ],
)
def test_update_precheck_needs_no_meeting(flags: tuple[str, ...], field: str) -> None:
    with pytest.raises(InvalidInputError) as info:
        precheck_update(update_args(*flags), NOW)
    assert field in info.value.problems


def test_update_of_an_unknown_meeting_type_is_refused() -> None:
    with pytest.raises(ValueError):
        patch("--topic", "x", original={**ORIGINAL, "type": 10})


# -- every flag update takes counts --------------------------------------------------------

#: each flag alone -> a field touched_fields must name for it
EVERY_FLAG = [
    (("--topic", "New"), "topic"),
    (("--start", "2030-02-05T10:00"), "start_time"),
    (("--timezone", "Europe/Berlin"), "timezone"),
    (("--duration", "45"), "duration"),
    (("--end", "10:00"), "duration"),
    (("--passcode", "n3w"), "password"),
    (("--agenda", "Plans"), "agenda"),
    (("--waiting-room",), "settings.waiting_room"),
    (("--no-waiting-room",), "settings.waiting_room"),
    (("--join-before-host",), "settings.join_before_host"),
    (("--no-join-before-host",), "settings.join_before_host"),
    (("--mute-on-entry",), "settings.mute_upon_entry"),
    (("--no-mute-on-entry",), "settings.mute_upon_entry"),
    (("--host-video",), "settings.host_video"),
    (("--no-host-video",), "settings.host_video"),
    (("--participant-video",), "settings.participant_video"),
    (("--no-participant-video",), "settings.participant_video"),
    (("--auto-recording", "cloud"), "settings.auto_recording"),
    (("--recurrence", "weekly"), "recurrence.type"),
    (("--repeat-interval", "2"), "recurrence.repeat_interval"),
    (("--weekly-days", "mon"), "recurrence.weekly_days"),
    (("--monthly-day", "9"), "recurrence.monthly_day"),
    (("--monthly-week", "2"), "recurrence.monthly_week"),
    (("--monthly-week-day", "fri"), "recurrence.monthly_week_day"),
    (("--end-times", "3"), "recurrence.end_times"),
    (("--end-date", "2030-02-10"), "recurrence.end_date_time"),
]


@pytest.mark.parametrize(("flags", "field"), EVERY_FLAG)
def test_every_update_flag_counts_as_a_change(flags: tuple[str, ...], field: str) -> None:
    args = update_args(*flags)
    assert field in touched_fields(args)
    precheck_update(args, NOW)  # no "Nothing to change"


def _child(parser: argparse.ArgumentParser, name: str) -> argparse.ArgumentParser:
    for action in parser._actions:  # argparse keeps its sub-parsers only here
        if isinstance(action, argparse._SubParsersAction):
            found: argparse.ArgumentParser = action.choices[name]
            return found
    raise AssertionError(f"no sub-command {name}")


def test_the_table_above_covers_every_meeting_flag_update_accepts() -> None:
    update = _child(_child(build_parser(), "meetings"), "update")
    accepted = {
        option
        for group in update._action_groups
        if group.title in {"meeting", "meeting settings", "recurrence"}
        for action in group._group_actions
        for option in action.option_strings
    }
    assert accepted == {flags[0] for flags, _ in EVERY_FLAG}


@pytest.mark.parametrize(
    ("flag", "key", "value"),
    [
        ("--mute-on-entry", "mute_upon_entry", True),
        ("--no-mute-on-entry", "mute_upon_entry", False),
        ("--host-video", "host_video", True),
        ("--no-host-video", "host_video", False),
        ("--participant-video", "participant_video", True),
        ("--no-participant-video", "participant_video", False),
        ("--no-join-before-host", "join_before_host", False),
        ("--waiting-room", "waiting_room", True),
        ("--no-waiting-room", "waiting_room", False),
    ],
)
def test_a_settings_flag_alone_reaches_the_patch(flag: str, key: str, value: bool) -> None:
    # The original has the other value, so the flag alone is a real change.
    settings = {**SETTINGS, key: not value}
    if key == "join_before_host":
        settings["waiting_room"] = False  # join before host on needs it off
    assert patch(flag, original={**ORIGINAL, "settings": settings}) == {"settings": {key: value}}


# -- one occurrence ------------------------------------------------------------------------

SERIES: dict[str, Any] = {
    **ORIGINAL,
    "type": 8,
    "timezone": "Europe/Berlin",
    "start_time": "2030-02-04T08:00:00Z",  # this occurrence: 09:00 in Berlin
    "recurrence": {"type": 1, "repeat_interval": 1, "end_times": 5},
}
OCC = ("--occurrence-id", "1896156000000")


def occurrence_patch(*flags: str, original: dict[str, Any] | None = None) -> dict[str, Any]:
    return patch(*OCC, *flags, original=original or SERIES)


def test_an_occurrence_gets_its_start_in_utc_and_no_timezone() -> None:
    assert occurrence_patch("--start", "2030-02-04T10:30") == {"start_time": "2030-02-04T09:30:00Z"}
    # An offset names an instant; it stays that instant.
    assert occurrence_patch("--start", "2030-02-04T10:30-05:00") == {
        "start_time": "2030-02-04T15:30:00Z"
    }


def test_an_occurrence_takes_duration_agenda_and_its_settings() -> None:
    assert occurrence_patch(
        "--duration", "90", "--agenda", "Only today", "--mute-on-entry", "--host-video",
        "--participant-video", "--auto-recording", "local",
    ) == {
        "duration": 90,
        "agenda": "Only today",
        "settings": {"mute_upon_entry": True, "host_video": True, "participant_video": True,
                     "auto_recording": "local"},
    }  # fmt: skip


@pytest.mark.parametrize(
    ("flags", "named"),
    [
        (("--topic", "New"), "--topic"),
        (("--timezone", "Europe/Berlin"), "--timezone"),
        (("--passcode", "n3w"), "--passcode"),
        (("--recurrence", "weekly"), "--recurrence"),
        (("--repeat-interval", "2"), "--repeat-interval"),
        (("--weekly-days", "mon"), "--weekly-days"),
        (("--monthly-day", "3"), "--monthly-day"),
        (("--monthly-week", "2"), "--monthly-week"),
        (("--monthly-week-day", "fri"), "--monthly-week-day"),
        (("--end-times", "3"), "--end-times"),
        (("--end-date", "2030-03-01"), "--end-date"),
        (("--duration", "30", "--topic", "New"), "--topic"),
    ],
)
def test_flags_that_change_the_whole_series_are_refused_for_an_occurrence(
    flags: tuple[str, ...], named: str
) -> None:
    with pytest.raises(InvalidInputError) as info:
        precheck_update(update_args(*OCC, *flags), NOW)  # before anything is fetched
    text = "\n".join(info.value.lines())
    assert named in text and "occurrence" in text, text
    assert "--duration" not in text


def test_join_before_host_for_an_occurrence_opens_its_waiting_room() -> None:
    # Zoom lets one occurrence change its waiting room, like the whole meeting.
    open_series = {**SERIES, "settings": {**SETTINGS, "waiting_room": False}}
    assert occurrence_patch("--join-before-host", original=open_series) == {
        "settings": {"join_before_host": True}
    }
    assert occurrence_patch("--join-before-host", original=SERIES) == {
        "settings": {"join_before_host": True, "waiting_room": False}
    }
    assert occurrence_patch("--no-waiting-room", original=SERIES) == {
        "settings": {"waiting_room": False}
    }


# -- a series under way ----------------------------------------------------------------------


def test_a_series_that_began_in_the_past_can_still_be_edited() -> None:
    started = {**SERIES, "start_time": "2029-12-01T08:00:00Z"}  # a month before NOW
    assert patch("--end-times", "10", original=started) == {
        "recurrence": {"type": 1, "repeat_interval": 1, "end_times": 10}
    }
    assert patch("--recurrence", "weekly", original=started)["recurrence"]["weekly_days"] == "7"
    # A new start is judged as ever: it must be in the future.
    assert "start_time" in problems("--start", "2029-12-02T09:00", original=started)


# -- explicit offsets around DST changes -------------------------------------------------------

BEFORE_2027 = datetime(2027, 1, 1, tzinfo=UTC)
BERLIN = ("--timezone", "Europe/Berlin")


@pytest.mark.parametrize(
    ("start", "sent"),
    [
        # 31 Oct 2027: 03:00 CEST becomes 02:00 CET, so 02:30 happens twice.
        ("2027-10-31T02:30+02:00", "2027-10-31T00:30:00Z"),  # the first (fold 0)
        ("2027-10-31T02:30+01:00", "2027-10-31T01:30:00Z"),  # the second (fold 1)
        ("2027-10-31T00:30Z", "2027-10-31T00:30:00Z"),
        ("2027-10-31T01:30Z", "2027-10-31T01:30:00Z"),
        # Outside the repeated hour the wall time goes, as ever.
        ("2027-10-31T03:30+01:00", "2027-10-31T03:30:00"),
        ("2027-10-31T01:30+02:00", "2027-10-31T01:30:00"),
        # 28 Mar 2027: 02:00 CET becomes 03:00 CEST; 02:30+01:00 is 03:30 on the clocks.
        ("2027-03-28T02:30+01:00", "2027-03-28T03:30:00"),
        ("2027-03-28T01:30+01:00", "2027-03-28T01:30:00"),
        ("2027-03-28T03:30+02:00", "2027-03-28T03:30:00"),
    ],
)
def test_an_explicit_offset_keeps_its_instant(start: str, sent: str) -> None:
    body = patch("--start", start, *BERLIN, now=BEFORE_2027)
    assert (body["start_time"], body["timezone"]) == (sent, "Europe/Berlin")


def test_a_wall_time_in_the_spring_gap_is_refused() -> None:
    with pytest.raises(InvalidInputError) as info:
        patch("--start", "2027-03-28T02:30", *BERLIN, now=BEFORE_2027)
    assert "does not exist" in info.value.problems["start_time"]


def test_choosing_the_other_one_of_a_repeated_hour_is_a_change() -> None:
    second = {**ORIGINAL, "timezone": "Europe/Berlin", "start_time": "2027-10-31T01:30:00Z"}
    assert patch("--start", "2027-10-31T02:30+02:00", original=second, now=BEFORE_2027) == {
        "start_time": "2027-10-31T00:30:00Z",
        "timezone": "Europe/Berlin",
    }
    assert patch("--start", "2027-10-31T02:30+01:00", original=second, now=BEFORE_2027) == {}
