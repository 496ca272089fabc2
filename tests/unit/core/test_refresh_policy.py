"""The meeting list's refresh schedule with a fake clock: the pace, the back-off, Zoom's 429s,
the refresh before a reminder, and clock changes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from manual_clock import ManualClock

from zoomdesk.core.errors import NetworkError, RateLimited
from zoomdesk.core.refresh_policy import (
    BACKOFF,
    FLOOR,
    INTERVAL,
    PRE_REMINDER,
    RefreshPolicy,
    next_utc_midnight,
)

T0 = datetime(2030, 3, 4, 9, 0, tzinfo=UTC)
MIN = timedelta(minutes=1)


def test_the_first_refresh_is_now_then_every_five_minutes() -> None:
    clock = ManualClock(T0)
    policy = RefreshPolicy(clock)
    assert policy.next_refresh() == T0
    policy.succeeded()
    assert INTERVAL == 5 * MIN
    assert policy.next_refresh() == T0 + 5 * MIN
    clock.now = T0 + 2 * MIN
    assert policy.wait() == 3 * MIN


def test_back_off_when_offline_then_back_to_the_pace() -> None:
    clock = ManualClock(T0)
    policy = RefreshPolicy(clock)
    waits = []
    for _ in range(8):
        policy.failed(NetworkError("offline"))
        waits.append(policy.next_refresh() - clock.now)
        clock.now = policy.next_refresh()
    assert [w // MIN for w in waits] == [1, 2, 4, 8, 16, 30, 30, 30]
    assert BACKOFF[-1] == 30 * MIN
    policy.succeeded()
    assert policy.failures == 0
    assert policy.next_refresh() - clock.now == INTERVAL


def test_retry_after_is_obeyed() -> None:
    clock = ManualClock(T0)
    policy = RefreshPolicy(clock)
    policy.failed(RateLimited(429, "Too many requests", retry_after=600))
    assert policy.next_refresh() == T0 + 10 * MIN
    policy.failed(RateLimited(429, "Too many requests", retry_after=1e30))  # garbled
    assert policy.next_refresh() == T0 + timedelta(days=1)


def test_a_daily_cap_without_a_time_waits_for_zooms_midnight() -> None:
    clock = ManualClock(datetime(2030, 3, 4, 22, 30, tzinfo=UTC))
    policy = RefreshPolicy(clock)
    policy.failed(RateLimited(429, "daily limit", retry_after=None, daily_cap=True))
    assert policy.next_refresh() == datetime(2030, 3, 5, tzinfo=UTC)
    assert next_utc_midnight(clock.now) == datetime(2030, 3, 5, tzinfo=UTC)


def test_a_rate_limit_without_a_time_backs_off() -> None:
    clock = ManualClock(T0)
    policy = RefreshPolicy(clock)
    policy.failed(RateLimited(429, "slow down", retry_after=None))
    assert policy.next_refresh() == T0 + BACKOFF[0]


def test_a_reminder_brings_the_refresh_forward_but_not_closer_than_the_floor() -> None:
    clock = ManualClock(T0)
    policy = RefreshPolicy(clock)
    policy.succeeded()
    reminder = T0 + 3 * MIN
    assert policy.next_refresh(reminder) == reminder - PRE_REMINDER
    assert policy.next_refresh(T0 + 30 * MIN) == T0 + INTERVAL  # far off: the usual pace
    # Due 90 s after a fetch: refreshed a minute after that fetch, not 30 s after it.
    assert policy.next_refresh(T0 + 90 * timedelta(seconds=1)) == T0 + FLOOR
    # Due 30 s after a fetch: that fetch was after the pre-reminder moment, fresh enough.
    assert policy.next_refresh(T0 + 30 * timedelta(seconds=1)) == T0 + INTERVAL
    clock.now = T0 + 2 * MIN + timedelta(seconds=30)
    policy.succeeded()  # fetched after the pre-reminder moment: fresh enough
    assert policy.next_refresh(reminder) == clock.now + INTERVAL


def test_no_extra_refresh_for_a_reminder_while_backing_off() -> None:
    clock = ManualClock(T0)
    policy = RefreshPolicy(clock)
    policy.failed(NetworkError("offline"))
    policy.failed(NetworkError("offline"))
    assert policy.next_refresh(T0 + 90 * timedelta(seconds=1)) == T0 + BACKOFF[1]


def test_after_sleep_the_refresh_is_due_at_once() -> None:
    clock = ManualClock(T0)
    policy = RefreshPolicy(clock)
    policy.succeeded()
    clock.now = T0 + timedelta(hours=9)  # the lid was closed overnight
    assert policy.next_refresh() <= clock.now
    assert policy.wait() == timedelta(0)


def test_a_clock_set_back_keeps_the_pace() -> None:
    clock = ManualClock(T0)
    policy = RefreshPolicy(clock)
    policy.succeeded()
    clock.now = T0 - timedelta(hours=3)
    assert policy.wait() == INTERVAL  # not three hours and five minutes


def test_a_clock_set_back_past_a_daily_cap_does_not_wait_for_days() -> None:
    clock = ManualClock(T0)
    policy = RefreshPolicy(clock)
    policy.failed(RateLimited(429, "daily limit", retry_after=None, daily_cap=True))
    clock.now = T0 - timedelta(days=3)
    assert policy.wait() <= BACKOFF[-1]


@settings(max_examples=200, deadline=None)
@given(
    outcomes=st.lists(st.sampled_from(["ok", "net", "429"]), min_size=1, max_size=40),
    reminder_in=st.one_of(st.none(), st.integers(min_value=0, max_value=600)),
)
def test_never_more_often_than_the_floor(outcomes: list[str], reminder_in: int | None) -> None:
    """Whatever happens, two refreshes the policy schedules are at least a minute apart."""
    clock = ManualClock(T0)
    policy = RefreshPolicy(clock)
    last: datetime | None = None
    for outcome in outcomes:
        reminder = None if reminder_in is None else clock.now + timedelta(seconds=reminder_in)
        when = max(policy.next_refresh(reminder), clock.now)
        if last is not None:
            assert when - last >= FLOOR
        clock.now = last = when
        if outcome == "ok":
            policy.succeeded()
        elif outcome == "net":
            policy.failed(NetworkError("offline"))
        else:
            policy.failed(RateLimited(429, "slow down", retry_after=30))
