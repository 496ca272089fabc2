"""A meeting's end: from the start and duration (across DST and midnight), the duration
from an end, what is wrong with an end, and ``--end`` as typed."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from zoomdesk.core.meeting import END_FIELD, end_of, end_problem, minutes_between
from zoomdesk.core.meeting.span import next_day_hint, parse_end

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def test_end_of_a_meeting_past_midnight_is_on_the_next_day() -> None:
    start = datetime(2026, 12, 21, 14, 30)
    assert end_of(start, 22 * 60 + 39, BERLIN) == datetime(2026, 12, 22, 13, 9)
    assert minutes_between(start, datetime(2026, 12, 22, 13, 9), BERLIN) == 22 * 60 + 39


def test_minutes_are_the_minutes_that_pass_across_a_dst_change() -> None:
    # 29 Mar 2026: Berlin's clocks go from 02:00 to 03:00.
    start = datetime(2026, 3, 29, 1, 0)
    assert minutes_between(start, datetime(2026, 3, 29, 4, 0), BERLIN) == 120
    assert end_of(start, 120, BERLIN) == datetime(2026, 3, 29, 4, 0)
    # 25 Oct 2026: back from 03:00 to 02:00; the second 02:30 is an hour after the first.
    first, second = datetime(2026, 10, 25, 2, 30), datetime(2026, 10, 25, 2, 30, fold=1)
    assert minutes_between(first, second, BERLIN) == 60
    assert end_of(first, 60, BERLIN) == second and end_of(first, 60, BERLIN).fold == 1  # type: ignore[union-attr]


def test_an_aware_start_is_taken_as_its_instant() -> None:
    start = datetime(2026, 12, 3, 14, 30, tzinfo=UTC)
    assert end_of(start, 30, NEW_YORK) == datetime(2026, 12, 3, 10, 0)


def test_an_end_past_the_years_a_date_holds_is_none() -> None:
    assert end_of(datetime(9999, 12, 31, 23, 0), 120, BERLIN) is None


@pytest.mark.parametrize(
    ("end", "message"),
    [
        (datetime(2026, 12, 21, 13, 0), "end before it starts (14:30 on 21 Dec 2026)"),
        (datetime(2026, 12, 21, 14, 30), "end as it starts"),
        (datetime(2026, 3, 29, 2, 30), "02:30 on 29 Mar 2026 does not exist in Europe/Berlin"),
    ],
)
def test_end_problems(end: datetime, message: str) -> None:
    start = datetime(2026, 12, 21, 14, 30) if end.month == 12 else datetime(2026, 3, 29, 1, 0)
    problem = end_problem(start, end, BERLIN, "Europe/Berlin")
    assert problem is not None and message in problem
    assert END_FIELD == "end_time"


def test_an_end_after_the_start_is_fine_however_many_days_later() -> None:
    start = datetime(2026, 12, 21, 22, 0)
    assert end_problem(start, datetime(2026, 12, 22, 1, 0), BERLIN, "Europe/Berlin") is None
    assert end_problem(start, datetime(2026, 12, 23, 1, 0), BERLIN, "Europe/Berlin") is None


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("17:30", datetime(2026, 12, 21, 17, 30)),
        (" 09:05 ", datetime(2026, 12, 21, 9, 5)),
        ("2026-12-22T01:00", datetime(2026, 12, 22, 1, 0)),
        ("2026-12-22 01:00", datetime(2026, 12, 22, 1, 0)),
        ("2026-12-22T00:00:00Z", datetime(2026, 12, 22, 1, 0)),  # UTC, seen in Berlin
        ("2026-12-22T01:00+01:00", datetime(2026, 12, 22, 1, 0)),
    ],
)
def test_parse_end(text: str, end: datetime) -> None:
    assert parse_end(text, datetime(2026, 12, 21, 14, 30), BERLIN) == end


@pytest.mark.parametrize("text", ["5pm", "", "25:00", "tomorrow", "2026-13-01T10:00"])
def test_parse_end_says_how_to_write_it(text: str) -> None:
    with pytest.raises(ValueError, match=r"is not a time: use e\.g\. 17:30.*2026-12-22T01:00"):
        parse_end(text, datetime(2026, 12, 21, 14, 30), BERLIN)


def test_next_day_hint() -> None:
    hint = next_day_hint(datetime(2026, 12, 31, 22, 0), datetime(2026, 12, 31, 1, 0))
    assert hint == "For an end on the next day give the date too: 2027-01-01T01:00."
