"""MeetingDraft.validate(): every rule, keyed by Zoom's field names, in plain words."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest

from zoomdesk.core.meeting import (
    JOIN_BEFORE_HOST_CONFLICT,
    MeetingDraft,
    MeetingSettings,
    MeetingType,
    Recurrence,
    RecurrenceType,
)

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
START = datetime(2026, 4, 1, 9, 30)  # a Wednesday, in the future of NOW


def scheduled(**changes: object) -> MeetingDraft:
    draft = MeetingDraft(
        topic="Planning",
        type=MeetingType.SCHEDULED,
        start=START,
        timezone="Europe/Berlin",
        duration=45,
        passcode="abc123",
    )
    return dataclasses.replace(draft, **changes)  # type: ignore[arg-type]


def recurring(**changes: object) -> MeetingDraft:
    rec = Recurrence(RecurrenceType.WEEKLY, repeat_interval=1, weekly_days=(2, 4), end_times=6)
    return scheduled(
        type=MeetingType.RECURRING_FIXED_TIME,
        recurrence=dataclasses.replace(rec, **changes),  # type: ignore[arg-type]
    )


def daily(**changes: object) -> MeetingDraft:
    return recurring(type=RecurrenceType.DAILY, weekly_days=(), **changes)


def monthly(**changes: object) -> MeetingDraft:
    return recurring(type=RecurrenceType.MONTHLY, weekly_days=(), **changes)


def settings(**changes: object) -> MeetingDraft:
    return scheduled(settings=dataclasses.replace(MeetingSettings(), **changes))  # type: ignore[arg-type]


# (draft factory, the one key expected, words the message must contain)
INVALID: list[tuple[str, Callable[[], MeetingDraft], str, str]] = [
    ("empty topic", lambda: scheduled(topic=""), "topic", "Enter a topic"),
    ("blank topic", lambda: scheduled(topic="   \t"), "topic", "Enter a topic"),
    ("long topic", lambda: scheduled(topic="x" * 201), "topic", "201 characters"),
    ("unknown type", lambda: scheduled(type=5), "type", "Unknown meeting type 5"),
    ("no start", lambda: scheduled(start=None), "start_time", "Choose the date and time"),
    (
        "past start",
        lambda: scheduled(start=datetime(2026, 3, 1, 12, 59)),  # 11:59 UTC
        "start_time",
        "has passed: it is already 13:00 on 1 Mar 2026 in Europe/Berlin",
    ),
    (
        "start exactly now",
        lambda: scheduled(start=datetime(2026, 3, 1, 13, 0)),
        "start_time",
        "has passed",
    ),
    ("no timezone", lambda: scheduled(timezone=""), "timezone", "Choose a time zone"),
    (
        "unknown timezone",
        lambda: scheduled(timezone="Mars/Olympus"),
        "timezone",
        "Unknown time zone “Mars/Olympus”",
    ),
    (
        "path as timezone",
        lambda: scheduled(timezone="../../etc/passwd"),
        "timezone",
        "Unknown time zone",
    ),
    (
        "lower-case timezone",
        lambda: scheduled(timezone="europe/berlin"),
        "timezone",
        "Unknown time zone",
    ),
    ("zero duration", lambda: scheduled(duration=0), "duration", "at least 1 minute"),
    ("negative duration", lambda: scheduled(duration=-30), "duration", "at least 1 minute"),
    ("fractional duration", lambda: scheduled(duration=1.5), "duration", "whole number"),
    ("boolean duration", lambda: scheduled(duration=True), "duration", "whole number"),
    ("long passcode", lambda: scheduled(passcode="a" * 11), "password", "11 characters"),
    (
        "passcode with space and !",
        lambda: scheduled(passcode="ab c!"),
        "password",
        "not allowed: spaces, “!”",
    ),
    ("passcode with accent", lambda: scheduled(passcode="café"), "password", "“é”"),
    ("long agenda", lambda: scheduled(agenda="a" * 2001), "agenda", "2,001 characters"),
    (
        "waiting room + join before host",
        lambda: settings(waiting_room=True, join_before_host=True),
        "settings.join_before_host",
        JOIN_BEFORE_HOST_CONFLICT,
    ),
    (
        "unknown recording",
        lambda: settings(auto_recording="tape"),
        "settings.auto_recording",
        "none, local or cloud",
    ),
    (
        "recurring without pattern",
        lambda: scheduled(type=MeetingType.RECURRING_FIXED_TIME),
        "recurrence.type",
        "daily, weekly or monthly",
    ),
    (
        "scheduled with pattern",
        lambda: scheduled(recurrence=Recurrence(RecurrenceType.DAILY, end_times=3)),
        "recurrence.type",
        "Only a recurring meeting with a fixed time",
    ),
    (
        "unknown recurrence type",
        lambda: recurring(type=4),
        "recurrence.type",
        "daily, weekly or monthly",
    ),
    (
        "daily every 91 days",
        lambda: daily(repeat_interval=91),
        "recurrence.repeat_interval",
        "every 1 to 90 days",
    ),
    (
        "weekly every 13 weeks",
        lambda: recurring(repeat_interval=13),
        "recurrence.repeat_interval",
        "A weekly meeting can repeat every 1 to 12 weeks.",
    ),
    (
        "monthly every 4 months",
        lambda: monthly(monthly_day=1, repeat_interval=4),
        "recurrence.repeat_interval",
        "every 1 to 3 months",
    ),
    ("interval 0", lambda: daily(repeat_interval=0), "recurrence.repeat_interval", "1 to 90"),
    (
        "weekly without days",
        lambda: recurring(weekly_days=()),
        "recurrence.weekly_days",
        "at least one day",
    ),
    (
        "weekday 0",
        lambda: recurring(weekly_days=(0, 2)),
        "recurrence.weekly_days",
        "0 is not one of them",
    ),
    (
        "weekday 8",
        lambda: recurring(weekly_days=(8,)),
        "recurrence.weekly_days",
        "1 (Sunday) to 7 (Saturday)",
    ),
    (
        "monthly without day",
        lambda: monthly(),
        "recurrence.monthly_day",
        "a day of the month, or a week",
    ),
    (
        "monthly with both",
        lambda: monthly(monthly_day=3, monthly_week=1, monthly_week_day=2),
        "recurrence.monthly_day",
        "not both",
    ),
    ("monthly day 32", lambda: monthly(monthly_day=32), "recurrence.monthly_day", "1 to 31"),
    ("monthly day 0", lambda: monthly(monthly_day=0), "recurrence.monthly_day", "1 to 31"),
    (
        "monthly week 5",
        lambda: monthly(monthly_week=5, monthly_week_day=2),
        "recurrence.monthly_week",
        "first, second, third, fourth or last",
    ),
    (
        "monthly week without weekday",
        lambda: monthly(monthly_week=2),
        "recurrence.monthly_week_day",
        "day of the week",
    ),
    (
        "monthly weekday without week",
        lambda: monthly(monthly_week_day=2),
        "recurrence.monthly_week",
        "first, second",
    ),
    (
        "monthly weekday 8",
        lambda: monthly(monthly_week=-1, monthly_week_day=8),
        "recurrence.monthly_week_day",
        "1 (Sunday) to 7 (Saturday)",
    ),
    (
        "no end",
        lambda: recurring(end_times=None),
        "recurrence.end_times",
        "after a number of times, or on a date",
    ),
    (
        "both ends",
        lambda: recurring(end_date=date(2026, 6, 1)),
        "recurrence.end_date_time",
        "not both",
    ),
    ("61 times", lambda: recurring(end_times=61), "recurrence.end_times", "1 to 60 times"),
    ("0 times", lambda: recurring(end_times=0), "recurrence.end_times", "1 to 60 times"),
    (
        "ends the day it starts",
        lambda: recurring(end_times=None, end_date=START.date()),
        "recurrence.end_date_time",
        "after the first meeting (1 Apr 2026)",
    ),
    (
        "ends before it starts",
        lambda: recurring(end_times=None, end_date=date(2026, 3, 20)),
        "recurrence.end_date_time",
        "after the first meeting",
    ),
]


@pytest.mark.parametrize(
    ("make", "key", "words"), [c[1:] for c in INVALID], ids=[c[0] for c in INVALID]
)
def test_each_rule_reports_one_field_in_plain_words(
    make: Callable[[], MeetingDraft], key: str, words: str
) -> None:
    errors = make().validate(NOW)
    assert list(errors) == [key]
    assert words in errors[key]
    message = errors[key]
    assert message[0].isupper() and message.endswith("."), message
    assert "None" not in message and "{" not in message


VALID: list[tuple[str, Callable[[], MeetingDraft]]] = [
    ("scheduled", scheduled),
    ("200-character topic", lambda: scheduled(topic="x" * 200)),
    ("topic padded with spaces", lambda: scheduled(topic="  Planning  ")),
    ("empty passcode: Zoom applies the account policy", lambda: scheduled(passcode="")),
    ("every allowed passcode character", lambda: scheduled(passcode="aZ09@_*-")),
    ("10-character passcode", lambda: scheduled(passcode="a" * 10)),
    ("2000-character agenda", lambda: scheduled(agenda="a" * 2000)),
    ("one-minute meeting", lambda: scheduled(duration=1)),
    ("long meeting: Zoom documents no limit", lambda: scheduled(duration=24 * 60)),
    (
        "join before host without waiting room",
        lambda: settings(waiting_room=False, join_before_host=True),
    ),
    ("cloud recording", lambda: settings(auto_recording="cloud")),
    (
        "instant: no start, no zone needed",
        lambda: scheduled(type=MeetingType.INSTANT, start=None, timezone=""),
    ),
    (
        "no fixed time: no start",
        lambda: scheduled(type=MeetingType.RECURRING_NO_FIXED_TIME, start=None),
    ),
    ("weekly", recurring),
    ("weekly, every day of the week", lambda: recurring(weekly_days=(1, 2, 3, 4, 5, 6, 7))),
    ("daily every 90 days", lambda: daily(repeat_interval=90)),
    ("weekly every 12 weeks", lambda: recurring(repeat_interval=12)),
    ("monthly every 3 months", lambda: monthly(monthly_day=31, repeat_interval=3)),
    ("monthly on the last Friday", lambda: monthly(monthly_week=-1, monthly_week_day=6)),
    ("60 times", lambda: recurring(end_times=60)),
    ("until the next day", lambda: recurring(end_times=None, end_date=date(2026, 4, 2))),
    (
        "aware start, converted to the zone",
        lambda: scheduled(start=datetime(2026, 4, 1, 7, 30, tzinfo=UTC)),
    ),
]


@pytest.mark.parametrize("make", [c[1] for c in VALID], ids=[c[0] for c in VALID])
def test_valid_drafts_have_no_errors(make: Callable[[], MeetingDraft]) -> None:
    assert make().validate(NOW) == {}


def test_errors_are_listed_in_form_order() -> None:
    draft = scheduled(topic="", start=None, duration=0, passcode="!", agenda="a" * 2001)
    assert list(draft.validate(NOW)) == ["topic", "start_time", "duration", "password", "agenda"]


def test_start_is_judged_in_the_meetings_zone() -> None:
    now = datetime(2026, 4, 1, 7, 0, tzinfo=UTC)
    # 08:30 looks later than 07:00, but in Berlin (UTC+2) it is 06:30 UTC: gone.
    errors = scheduled(start=datetime(2026, 4, 1, 8, 30)).validate(now)
    assert "it is already 09:00 on 1 Apr 2026 in Europe/Berlin" in errors["start_time"]
    assert scheduled(start=datetime(2026, 4, 1, 8, 30), timezone="UTC").validate(now) == {}


def test_a_wall_time_in_the_spring_forward_gap_does_not_exist() -> None:
    draft = scheduled(start=datetime(2026, 3, 8, 2, 30), timezone="America/New_York")
    assert draft.validate(NOW) == {
        "start_time": "02:30 on 8 Mar 2026 does not exist in America/New_York: the clocks "
        "go forward an hour that night. Choose another time."
    }
    assert (
        scheduled(start=datetime(2026, 3, 8, 3, 0), timezone="America/New_York").validate(NOW) == {}
    )


def test_a_half_hour_gap_says_30_minutes() -> None:
    # Lord Howe Island moves its clocks by 30 minutes.
    draft = scheduled(start=datetime(2026, 10, 4, 2, 15), timezone="Australia/Lord_Howe")
    assert "forward 30 minutes" in draft.validate(NOW)["start_time"]


def test_an_ambiguous_wall_time_is_fine() -> None:
    # 02:30 happens twice in Berlin on 25 Oct 2026; fold picks one (0: the first, in
    # summer time), and it goes in UTC, which leaves Zoom nothing to guess.
    draft = scheduled(start=datetime(2026, 10, 25, 2, 30))
    assert draft.validate(NOW) == {}
    assert draft.to_zoom_json()["start_time"] == "2026-10-25T00:30:00Z"


def test_recurring_end_date_in_a_gap_zone_is_checked_against_the_wall_date() -> None:
    draft = recurring(end_times=None, end_date=date(2026, 3, 9))
    draft.start = datetime(2026, 3, 8, 3, 30)
    draft.timezone = "America/New_York"
    assert draft.validate(NOW) == {}


def test_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        scheduled().validate(datetime(2026, 3, 1, 12, 0))


def test_default_now_is_the_current_time() -> None:
    assert "start_time" in scheduled(start=datetime(2000, 1, 1, 9, 0)).validate()
    assert scheduled(start=datetime(2099, 1, 1, 9, 0)).validate() == {}


def test_editing_keeps_an_unchanged_past_start_acceptable() -> None:
    original = recurring()
    later = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)  # the series began in April
    edited = dataclasses.replace(original, topic="Renamed")
    assert "start_time" in edited.validate(later)
    assert edited.validate(later, original=original) == {}
    moved = dataclasses.replace(original, start=datetime(2026, 4, 2, 9, 30))
    assert "start_time" in moved.validate(later, original=original)


def test_unknown_zone_does_not_also_complain_about_the_start() -> None:
    errors = scheduled(timezone="Nowhere/Land", start=datetime(2000, 1, 1)).validate(NOW)
    assert list(errors) == ["timezone"]
