"""Occurrence dates of recurring meetings (type 8), without a server."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from zoomdesk.sandbox.recurrence import MAX_OCCURRENCES, Rule, occurrence_starts


def starts(rule: Rule, first: str, timezone: str = "UTC") -> list[str]:
    begin = datetime.fromisoformat(first.replace("Z", "+00:00"))
    return [s.strftime("%Y-%m-%dT%H:%M:%SZ") for s in occurrence_starts(rule, begin, timezone)]


def test_daily_every_other_day() -> None:
    rule = Rule(type=1, repeat_interval=2, end_times=3)
    assert starts(rule, "2026-02-27T08:00:00Z") == [
        "2026-02-27T08:00:00Z",
        "2026-03-01T08:00:00Z",
        "2026-03-03T08:00:00Z",
    ]


def test_weekly_every_two_weeks_on_two_days() -> None:
    rule = Rule(type=2, repeat_interval=2, weekly_days=(2, 6), end_times=4)  # Mon, Fri
    assert starts(rule, "2026-03-04T12:00:00Z") == [  # a Wednesday
        "2026-03-06T12:00:00Z",  # Friday of the first week
        "2026-03-16T12:00:00Z",  # Monday two weeks on
        "2026-03-20T12:00:00Z",
        "2026-03-30T12:00:00Z",
    ]


def test_weekly_sunday_is_day_one() -> None:
    rule = Rule(type=2, weekly_days=(1,), end_times=2)
    assert starts(rule, "2026-03-07T10:00:00Z") == [  # a Saturday
        "2026-03-08T10:00:00Z",
        "2026-03-15T10:00:00Z",
    ]


def test_weekly_keeps_wall_time_through_us_dst_end() -> None:
    rule = Rule(type=2, weekly_days=(2,), end_times=2)
    # Monday 26 Oct 2026, 09:00 in New York (EDT, UTC-4); clocks go back on 1 Nov.
    assert starts(rule, "2026-10-26T13:00:00Z", "America/New_York") == [
        "2026-10-26T13:00:00Z",
        "2026-11-02T14:00:00Z",
    ]


def test_monthly_day_31_skips_the_months_without_one() -> None:
    # Zoom's schema: monthly_day is "the day in a month when the meeting should
    # recur"; it names no other day for a month that lacks it (nor does RFC 5545).
    rule = Rule(type=3, monthly_day=31, end_times=4)
    assert starts(rule, "2028-01-31T09:00:00Z") == [
        "2028-01-31T09:00:00Z",
        "2028-03-31T09:00:00Z",
        "2028-05-31T09:00:00Z",
        "2028-07-31T09:00:00Z",
    ]


@pytest.mark.parametrize(
    ("day", "first", "expected"),
    [
        (30, "2027-01-30", ["2027-01-30", "2027-03-30", "2027-04-30"]),  # no 30 Feb
        (29, "2027-01-29", ["2027-01-29", "2027-03-29", "2027-04-29"]),  # 2027 is no leap year
        (29, "2028-01-29", ["2028-01-29", "2028-02-29", "2028-03-29"]),
    ],
)
def test_monthly_day_past_a_months_end_is_skipped(
    day: int, first: str, expected: list[str]
) -> None:
    rule = Rule(type=3, monthly_day=day, end_times=3)
    assert [s[:10] for s in starts(rule, first + "T09:00:00Z")] == expected


def test_monthly_day_31_every_three_months_counts_the_skipped_months() -> None:
    end = datetime(2027, 12, 31, tzinfo=UTC)
    rule = Rule(type=3, repeat_interval=3, monthly_day=31, end_date_time=end)
    assert [s[:10] for s in starts(rule, "2026-03-31T09:00:00Z")] == [
        "2026-03-31",  # then June and September have no 31st
        "2026-12-31",
        "2027-03-31",
    ]


def test_monthly_day_before_the_start_begins_next_month() -> None:
    rule = Rule(type=3, monthly_day=5, end_times=2)
    assert starts(rule, "2026-03-10T09:00:00Z") == ["2026-04-05T09:00:00Z", "2026-05-05T09:00:00Z"]


@pytest.mark.parametrize(
    ("week", "weekday", "expected"),
    [
        (-1, 6, ["2026-03-27", "2026-04-24", "2026-05-29"]),  # last Friday
        (1, 2, ["2026-04-06", "2026-05-04", "2026-06-01"]),  # first Monday (March's is past)
        (2, 1, ["2026-03-08", "2026-04-12", "2026-05-10"]),  # second Sunday
        (4, 7, ["2026-03-28", "2026-04-25", "2026-05-23"]),  # fourth Saturday
    ],
)
def test_monthly_by_week(week: int, weekday: int, expected: list[str]) -> None:
    rule = Rule(type=3, monthly_week=week, monthly_week_day=weekday, end_times=3)
    assert [s[:10] for s in starts(rule, "2026-03-03T09:00:00Z")] == expected


def test_monthly_every_three_months_across_a_year() -> None:
    rule = Rule(type=3, repeat_interval=3, monthly_day=15, end_times=3)
    assert [s[:10] for s in starts(rule, "2026-11-15T09:00:00Z")] == [
        "2026-11-15",
        "2027-02-15",
        "2027-05-15",
    ]


def test_end_date_time_is_inclusive() -> None:
    end = datetime(2026, 3, 4, 8, 0, tzinfo=UTC)
    rule = Rule(type=1, end_date_time=end)
    assert starts(rule, "2026-03-01T08:00:00Z") == [
        "2026-03-01T08:00:00Z",
        "2026-03-02T08:00:00Z",
        "2026-03-03T08:00:00Z",
        "2026-03-04T08:00:00Z",
    ]


def test_a_far_end_date_is_capped() -> None:
    rule = Rule(type=1, end_date_time=datetime(2099, 1, 1, tzinfo=UTC))
    assert len(starts(rule, "2026-03-01T08:00:00Z")) == MAX_OCCURRENCES


def test_a_series_ends_before_year_10000() -> None:
    rule = Rule(type=3, repeat_interval=3, monthly_day=1, end_times=10)
    assert len(starts(rule, "9999-06-01T00:00:00Z")) == 3  # Jun, Sep, Dec


def test_rule_json_round_trip_fields() -> None:
    rule = Rule(
        type=3,
        monthly_week=-1,
        monthly_week_day=6,
        end_date_time=datetime(2026, 12, 31, tzinfo=UTC),
    )
    assert rule.to_json() == {
        "type": 3,
        "repeat_interval": 1,
        "monthly_week": -1,
        "monthly_week_day": 6,
        "end_date_time": "2026-12-31T00:00:00Z",
    }
