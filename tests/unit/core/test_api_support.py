"""Pure helpers behind ZoomClient: Retry-After parsing and matching a lost create."""

from __future__ import annotations

import email.utils
from datetime import UTC, datetime

import pytest

from zoomdesk.core.api_support import find_created, next_utc_midnight, parse_retry_after

NOW = 1_750_000_000.0  # 2025-06-15T15:06:40Z


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("", None),
        ("   ", None),
        ("5", 5.0),
        (" 2.5 ", 2.5),
        ("-3", 0.0),
        ("nan", None),
        ("soon", None),
        (email.utils.formatdate(NOW + 42, usegmt=True), 42.0),
        (email.utils.formatdate(NOW - 42, usegmt=True), 0.0),
        ("Sun, 15 Jun 2025 15:07:00 GMT", 20.0),
    ],
)
def test_parse_retry_after(value: str | None, expected: float | None) -> None:
    assert parse_retry_after(value, NOW) == expected


def test_next_utc_midnight() -> None:
    assert next_utc_midnight(NOW) == datetime(2025, 6, 16, tzinfo=UTC)
    assert next_utc_midnight(datetime(2025, 12, 31, 23, 59, tzinfo=UTC).timestamp()) == datetime(
        2026, 1, 1, tzinfo=UTC
    )


BODY = {"topic": "T", "type": 2, "start_time": "2025-06-16T09:30:00", "timezone": "Europe/Berlin"}


def item(**kw: object) -> dict[str, object]:
    base: dict[str, object] = {
        "id": 1,
        "topic": "T",
        "type": 2,
        "start_time": "2025-06-16T07:30:00Z",
        "created_at": "2025-06-15T15:06:50Z",
    }
    return {**base, **kw}


def test_match_converts_local_wall_time() -> None:
    assert find_created([item()], BODY, NOW, NOW + 20) is not None


@pytest.mark.parametrize(
    "changes",
    [
        {"topic": "t"},
        {"type": 8},
        {"start_time": "2025-06-16T09:30:00Z"},
        {"created_at": "2025-06-15T14:00:00Z"},  # long before the request
        {"created_at": None},
        {"created_at": "garbage"},
    ],
)
def test_no_match(changes: dict[str, object]) -> None:
    assert find_created([item(**changes)], BODY, NOW, NOW + 20) is None


def test_newest_match_wins_and_skew_is_tolerated() -> None:
    old = item(id=1, created_at="2025-06-15T15:05:00Z")  # 100 s before: clock skew
    new = item(id=2, created_at="2025-06-15T15:06:41Z")
    assert find_created([old, new], BODY, NOW, NOW + 5) == new
    assert find_created([old], BODY, NOW, NOW + 5) == old


def test_recurring_meetings_ignore_start_time() -> None:
    body = {**BODY, "type": 8}
    later = item(type=8, start_time="2025-06-18T07:30:00Z")
    assert find_created([later], body, NOW, NOW) is not None


def test_utc_start_time_in_body() -> None:
    body = {"topic": "T", "type": 2, "start_time": "2025-06-16T07:30:00Z"}
    assert find_created([item()], body, NOW, NOW) is not None
