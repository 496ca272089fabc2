"""Reminders with a fake clock: due once, at the new time after a move, never for the deleted,
and neither lost nor doubled by refreshes, clock changes and sleep."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from manual_clock import ManualClock

from zoomdesk.core.meeting import Meeting
from zoomdesk.core.reminders import (
    CHECK_EVERY,
    DEFAULT_LEAD,
    FORGET_AFTER,
    LATE_LIMIT,
    Reminders,
    check_lead,
    starts_of,
)

T0 = datetime(2030, 3, 4, 9, 0, tzinfo=UTC)
MIN = timedelta(minutes=1)


def meeting(mid: int = 1, start: datetime | None = T0, duration: int = 30, **extra: Any) -> Meeting:
    data: dict[str, Any] = {"id": mid, "topic": f"Meeting {mid}", "type": 2, "duration": duration,
                            "timezone": "Europe/Berlin", **extra}  # fmt: skip
    if start is not None:
        data["start_time"] = start.strftime("%Y-%m-%dT%H:%M:%SZ")
    return Meeting.from_zoom_json(data)


def reminders(clock: ManualClock, *meetings: Meeting, lead: int = DEFAULT_LEAD) -> Reminders:
    box = Reminders(clock, lead)
    box.update(meetings)
    return box


def ids(found: list[Any]) -> list[int]:
    return [r.meeting.id for r in found]


def test_default_lead_is_five_minutes_and_the_choices_are_checked() -> None:
    assert DEFAULT_LEAD == 5
    for lead in (0, 1, 5, 10, 15):
        assert check_lead(lead) == lead
    for bad in (2, -5, 60, True):
        with pytest.raises(ValueError, match="0, 1, 5, 10, 15"):
            check_lead(bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="0, 1, 5"):
        Reminders(ManualClock(T0), 3)


def test_due_from_the_lead_time_and_only_once() -> None:
    clock = ManualClock(T0 - 6 * MIN)
    box = reminders(clock, meeting())
    assert box.due() == []
    assert box.next_due() == T0 - 5 * MIN
    clock.at(T0 - 5 * MIN)
    due = box.due()
    assert ids(due) == [1] and due[0].start == T0 and due[0].minutes_to_start(clock()) == 5
    assert box.due() == []  # asked again at once
    clock.at(T0 - 2 * MIN)
    assert box.due() == []
    assert box.next_due() is None


@pytest.mark.parametrize("lead", [1, 5, 10, 15])
def test_each_lead_time(lead: int) -> None:
    clock = ManualClock(T0 - lead * MIN - timedelta(seconds=1))
    box = reminders(clock, meeting(), lead=lead)
    assert box.due() == []
    clock.at(T0 - lead * MIN)
    assert ids(box.due()) == [1]


def test_off_reminds_of_nothing_and_switching_on_reminds_only_open_windows() -> None:
    clock = ManualClock(T0 - 20 * MIN)
    box = reminders(clock, meeting(1, T0), meeting(2, T0 + 60 * MIN), lead=0)
    clock.at(T0 - MIN)
    assert box.due() == [] and box.next_due() is None
    assert box.next_check() == CHECK_EVERY
    clock.at(T0 + 20 * MIN)  # meeting 1 is 20 minutes under way: too late
    box.set_lead(15)
    assert box.due() == []
    assert box.next_due() == T0 + 45 * MIN
    clock.at(T0 + 45 * MIN)
    assert ids(box.due()) == [2]


def test_a_refresh_neither_loses_nor_doubles() -> None:
    clock = ManualClock(T0 - 5 * MIN)
    box = reminders(clock, meeting(1), meeting(2, T0 + 10 * MIN))
    assert ids(box.due()) == [1]
    # The same list again, with a new title for 1: same start, no second reminder.
    box.update([meeting(1, topic="Renamed"), meeting(2, T0 + 10 * MIN)])
    assert box.due() == []
    clock.at(T0 + 5 * MIN)
    assert ids(box.due()) == [2]


def test_a_moved_meeting_reminds_at_its_new_time_even_after_the_old_one() -> None:
    clock = ManualClock(T0 - 5 * MIN)
    box = reminders(clock, meeting(1))
    assert ids(box.due()) == [1]
    later = T0 + 60 * MIN
    box.update([meeting(1, later)])
    assert box.due() == []
    assert box.next_due() == later - 5 * MIN
    clock.at(later - 5 * MIN)
    assert [r.start for r in box.due()] == [later]


def test_a_meeting_moved_before_its_reminder_reminds_only_at_the_new_time() -> None:
    clock = ManualClock(T0 - 30 * MIN)
    box = reminders(clock, meeting(1))
    box.update([meeting(1, T0 + 30 * MIN)])
    clock.at(T0 - 5 * MIN)
    assert box.due() == []
    clock.at(T0 + 25 * MIN)
    assert ids(box.due()) == [1]


def test_a_deleted_meeting_does_not_remind() -> None:
    clock = ManualClock(T0 - 30 * MIN)
    box = reminders(clock, meeting(1), meeting(2))
    box.update([meeting(2)])
    clock.at(T0 - 5 * MIN)
    assert ids(box.due()) == [2]


def test_a_clock_set_back_does_not_repeat_a_reminder() -> None:
    clock = ManualClock(T0 - 5 * MIN)
    box = reminders(clock, meeting(1))
    assert ids(box.due()) == [1]
    clock.at(T0 - 3 * 60 * MIN)  # three hours back
    assert box.due() == []
    clock.at(T0 - 5 * MIN)
    assert box.due() == []
    assert box.next_due() is None


def test_a_clock_set_forward_into_the_window_reminds_once() -> None:
    clock = ManualClock(T0 - 60 * MIN)
    box = reminders(clock, meeting(1))
    clock.at(T0 - 2 * MIN)
    assert ids(box.due()) == [1]
    assert box.due() == []


@pytest.mark.parametrize(
    ("woke", "reminded"),
    [
        (-1, True),  # before the start
        (3, True),  # 3 minutes in: still worth a "started 3 minutes ago"
        (9, True),
        (10, False),  # LATE_LIMIT
        (45, False),  # over
    ],
)
def test_waking_from_sleep(woke: int, reminded: bool) -> None:
    clock = ManualClock(T0 - 60 * MIN)
    box = reminders(clock, meeting(1, duration=60))
    assert box.due() == []  # then the lid closes; no timer runs while asleep
    clock.at(T0 + woke * MIN)
    due = box.due()
    assert ids(due) == ([1] if reminded else [])
    if reminded and woke > 0:
        assert due[0].minutes_to_start(clock()) == -woke
    assert box.due() == []


def test_a_short_meeting_is_not_reminded_once_it_is_over() -> None:
    clock = ManualClock(T0 + 6 * MIN)  # within LATE_LIMIT, but the 5-minute meeting has ended
    box = reminders(clock, meeting(1, duration=5))
    assert LATE_LIMIT > 6 * MIN
    assert box.due() == []


def test_occurrences_each_remind_and_deleted_ones_do_not() -> None:
    occurrences = [
        {"occurrence_id": "1", "start_time": "2030-03-04T09:00:00Z", "duration": 30,
         "status": "available"},
        {"occurrence_id": "2", "start_time": "2030-03-05T09:00:00Z", "duration": 30,
         "status": "deleted"},
        {"occurrence_id": "3", "start_time": "2030-03-06T09:00:00Z", "duration": 30,
         "status": "available"},
    ]  # fmt: skip
    series = meeting(7, T0, type=8, occurrences=occurrences,
                     recurrence={"type": 1, "repeat_interval": 1, "end_times": 3})  # fmt: skip
    assert [r.occurrence_id for r in starts_of(series)] == ["1", "3"]
    clock = ManualClock(T0 - 5 * MIN)
    box = reminders(clock, series)
    assert [r.occurrence_id for r in box.due()] == ["1"]
    clock.at(T0 + timedelta(days=1) - 5 * MIN)
    assert box.due() == []
    clock.at(T0 + timedelta(days=2) - 5 * MIN)
    assert [r.occurrence_id for r in box.due()] == ["3"]


def test_meetings_without_a_fixed_start_are_never_reminded() -> None:
    instant = meeting(1, T0, type=1)
    floating = meeting(2, None, type=3)
    no_start = meeting(3, None)
    assert starts_of(instant) == starts_of(floating) == starts_of(no_start) == []


def test_several_due_at_once_come_earliest_first() -> None:
    clock = ManualClock(T0 - 60 * MIN)
    box = reminders(clock, meeting(3, T0 + 2 * MIN), meeting(1, T0), meeting(2, T0 + MIN))
    clock.at(T0 + MIN)  # woke up: all three in their window
    assert ids(box.due()) == [1, 2, 3]


def test_next_check_never_waits_past_check_every() -> None:
    clock = ManualClock(T0 - 3 * 60 * MIN)
    box = reminders(clock, meeting(1))
    assert box.next_check() == CHECK_EVERY  # hours away: look again in 30 s anyway
    clock.at(T0 - 5 * MIN - timedelta(seconds=10))
    assert box.next_check() == timedelta(seconds=10)
    clock.at(T0 - 4 * MIN)
    assert box.next_check() == timedelta(0)


def test_given_reminders_are_forgotten_a_day_after_their_start() -> None:
    clock = ManualClock(T0 - 5 * MIN)
    box = reminders(clock, meeting(1))
    box.due()
    assert box.was_given(starts_of(meeting(1))[0])
    clock.at(T0 + FORGET_AFTER + MIN)
    box.update([])
    assert not box.was_given(starts_of(meeting(1))[0])


def test_upcoming_lists_what_is_not_over() -> None:
    clock = ManualClock(T0 + 10 * MIN)
    box = reminders(clock, meeting(1, T0, 30), meeting(2, T0 - 60 * MIN, 30), meeting(3, T0 + MIN))
    assert [r.meeting.id for r in box.upcoming()] == [1, 3]


def test_a_naive_clock_is_refused() -> None:
    box = Reminders(lambda: datetime(2030, 1, 1), 5)  # a naive time: the point of the test
    with pytest.raises(ValueError, match="timezone-aware"):
        box.due()


# -- properties: whatever the clock does, each start is reminded at most once ----------------

steps = st.lists(st.integers(min_value=-24 * 60, max_value=24 * 60), min_size=1, max_size=30)


@settings(max_examples=200, deadline=None)
@given(jumps=steps, lead=st.sampled_from([1, 5, 10, 15]), refresh_every=st.integers(1, 5))
def test_never_twice_and_never_outside_the_window(
    jumps: list[int], lead: int, refresh_every: int
) -> None:
    starts = [T0 + k * 7 * MIN for k in range(6)]
    listed = [meeting(i + 1, start, 20) for i, start in enumerate(starts)]
    clock = ManualClock(T0 - 30 * MIN)
    box = reminders(clock, *listed, lead=lead)
    seen: list[tuple[int, datetime]] = []
    for n, jump in enumerate(jumps):
        clock.at(clock.now + jump * MIN)
        if n % refresh_every == 0:
            box.update(listed)
        for reminder in box.due():
            now = clock()
            assert reminder.start - lead * MIN <= now < reminder.start + LATE_LIMIT
            seen.append(reminder.key)
    assert len(seen) == len(set(seen))


@settings(max_examples=100, deadline=None)
@given(
    ticks=st.lists(st.integers(min_value=1, max_value=120), min_size=1, max_size=40),
    lead=st.sampled_from([1, 5, 10, 15]),
)
def test_a_clock_that_only_moves_on_in_small_steps_loses_nothing(
    ticks: list[int], lead: int
) -> None:
    """Checked at least every 30 s (``next_check``), every start in range is reminded."""
    starts = [T0 + k * 13 * MIN for k in range(4)]
    clock = ManualClock(T0 - 20 * MIN)
    box = reminders(clock, *(meeting(i + 1, s, 30) for i, s in enumerate(starts)), lead=lead)
    reminded: set[int] = set()
    end = T0 + 60 * MIN
    i = 0
    while clock.now < end:
        reminded.update(ids(box.due()))
        step = min(timedelta(seconds=ticks[i % len(ticks)]), box.next_check() or CHECK_EVERY)
        clock.at(clock.now + max(step, timedelta(seconds=1)))
        i += 1
    assert reminded == {1, 2, 3, 4}
