"""The rules' bounds on a start and a duration: reported under Zoom's field names, never raised."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from zoomdesk.core.meeting import MeetingDraft, MeetingType, Recurrence, RecurrenceType
from zoomdesk.core.meeting.rules import DURATION_MAX, START_YEARS

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
ZONES = ["UTC", "Asia/Tokyo", "Pacific/Kiritimati", "America/New_York", "Pacific/Pago_Pago"]


def draft(start: datetime, zone: str = "UTC", duration: int = 60, **kw: object) -> MeetingDraft:
    return MeetingDraft(
        topic="Sync", type=MeetingType.SCHEDULED, start=start, timezone=zone, duration=duration,
        **kw,  # type: ignore[arg-type]
    )  # fmt: skip


def test_the_bounds_and_where_they_come_from() -> None:
    assert START_YEARS == (2000, 2100)
    assert DURATION_MAX == 30 * 60  # Zoom ends every meeting after 30 hours


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize(
    "start",
    [
        datetime(2100, 1, 1),
        datetime(9999, 12, 31, 22, 0),
        datetime(9999, 12, 31, 23, 59, 59),
        datetime(9999, 12, 31, 23, 0, tzinfo=timezone(timedelta(hours=-5))),
    ],
)
def test_a_start_from_2100_is_too_far_ahead(start: datetime, zone: str) -> None:
    problems = draft(start, zone).validate(NOW)
    assert problems == {
        "start_time": "The start is too far ahead: choose a date before 1 Jan 2100."
    }


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize(
    "start",
    [
        datetime(1, 1, 1),
        datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=5))),
        datetime(1999, 12, 31),
    ],
)
def test_a_start_before_2000_has_passed(start: datetime, zone: str) -> None:
    assert draft(start, zone).validate(NOW)["start_time"].startswith("The start time has passed")


@pytest.mark.parametrize("zone", ZONES)
def test_the_last_day_before_the_bound_is_fine(zone: str) -> None:
    assert draft(datetime(2099, 12, 31, 23, 30), zone).validate(NOW) == {}


TOO_LONG = (
    "The duration can be at most 30 hours (1,800 minutes): Zoom ends every meeting after that."
)


@pytest.mark.parametrize(
    ("minutes", "problems"),
    [(1800, {}), (1801, {"duration": TOO_LONG}), (10**23, {"duration": TOO_LONG})],
)
def test_a_duration_is_at_most_30_hours(minutes: int, problems: dict[str, str]) -> None:
    assert draft(datetime(2031, 1, 1, 10, 0), duration=minutes).validate(NOW) == problems


def test_values_zoom_already_has_are_not_judged_again() -> None:
    """Editing a meeting Zoom holds with such values: unchanged, they are not sent back."""
    original = draft(datetime(9999, 12, 31, 22, 0), duration=10**23)
    assert original.validate(NOW, original=original) == {}
    renamed = draft(datetime(9999, 12, 31, 22, 0), duration=10**23, agenda="Now with notes")
    assert renamed.validate(NOW, original=original) == {}
    longer = draft(datetime(9999, 12, 31, 22, 0), duration=10**22)
    assert set(longer.validate(NOW, original=original)) == {"duration"}
    moved = draft(datetime(9999, 12, 30, 22, 0), duration=10**23)
    assert set(moved.validate(NOW, original=original)) == {"start_time"}


def test_a_recurring_start_beyond_the_bound_is_judged_without_raising() -> None:
    series = MeetingDraft(
        topic="Sync", type=MeetingType.RECURRING_FIXED_TIME,
        start=datetime(9999, 12, 31, 23, 0, tzinfo=timezone(timedelta(hours=-5))),
        timezone="Asia/Tokyo", duration=60,
        recurrence=Recurrence(RecurrenceType.DAILY, end_times=3),
    )  # fmt: skip
    assert set(series.validate(NOW)) == {"start_time"}
