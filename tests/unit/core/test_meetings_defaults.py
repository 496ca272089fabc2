"""MeetingDraft.new() and random_passcode(): sensible, valid defaults."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from zoomdesk.core.meeting import PASSCODE_CHARS, MeetingDraft, MeetingType, random_passcode
from zoomdesk.core.wallclock import next_half_hour

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


@pytest.mark.parametrize("length", [6, 8, 10])
def test_random_passcodes_are_valid_and_friendly(length: int) -> None:
    seen = set()
    for _ in range(300):
        code = random_passcode(length)
        seen.add(code)
        assert len(code) == length
        assert set(code) <= PASSCODE_CHARS
        assert any(c.isdigit() for c in code)
        assert any(c.islower() for c in code) and any(c.isupper() for c in code)
        assert not set(code) & set("0O1lI")  # no look-alikes to misread
    assert len(seen) > 295  # random, not a fixed list


@pytest.mark.parametrize("length", [5, 11])
def test_random_passcode_refuses_lengths_zoom_would(length: int) -> None:
    with pytest.raises(ValueError, match="6 to 10"):
        random_passcode(length)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime(2026, 4, 1, 9, 5, tzinfo=BERLIN), datetime(2026, 4, 1, 9, 30)),
        (datetime(2026, 4, 1, 9, 20, tzinfo=BERLIN), datetime(2026, 4, 1, 9, 30)),
        (datetime(2026, 4, 1, 9, 21, tzinfo=BERLIN), datetime(2026, 4, 1, 10, 0)),
        (datetime(2026, 4, 1, 9, 30, tzinfo=BERLIN), datetime(2026, 4, 1, 10, 0)),
        (datetime(2026, 4, 1, 23, 55, tzinfo=BERLIN), datetime(2026, 4, 2, 0, 30)),
        (datetime(2026, 4, 1, 7, 5, tzinfo=UTC), datetime(2026, 4, 1, 9, 30)),  # converted
    ],
)
def test_next_half_hour(now: datetime, expected: datetime) -> None:
    assert next_half_hour(now, BERLIN) == expected


def test_next_half_hour_skips_the_spring_forward_gap() -> None:
    now = datetime(2026, 3, 8, 1, 45, tzinfo=NEW_YORK)  # 02:00 and 02:30 never happen
    assert next_half_hour(now, NEW_YORK, lead=timedelta(0)) == datetime(2026, 3, 8, 3, 0)


def test_next_half_hour_in_a_quarter_hour_zone_is_a_local_half_hour() -> None:
    kathmandu = ZoneInfo("Asia/Kathmandu")  # UTC+05:45
    now = datetime(2026, 4, 1, 3, 0, tzinfo=UTC)  # 08:45 local
    assert next_half_hour(now, kathmandu) == datetime(2026, 4, 1, 9, 0)


def test_new_draft_is_valid_as_it_comes() -> None:
    now = datetime(2026, 4, 1, 9, 5, tzinfo=BERLIN)
    draft = MeetingDraft.new("Weekly sync", now, "Europe/Berlin")
    assert draft.type == MeetingType.SCHEDULED
    assert draft.start == datetime(2026, 4, 1, 9, 30)
    assert draft.duration == 60
    assert draft.settings.waiting_room and not draft.settings.join_before_host
    assert len(draft.passcode) == 8
    assert draft.validate(now) == {}


def test_new_draft_with_an_unknown_zone_reports_it() -> None:
    now = datetime(2026, 4, 1, 9, 5, tzinfo=UTC)
    draft = MeetingDraft.new("x", now, "Nowhere/Land", duration=30)
    assert draft.duration == 30 and draft.start is not None
    assert list(draft.validate(now)) == ["timezone"]


def test_new_draft_without_now_uses_the_clock() -> None:
    assert MeetingDraft.new("x", timezone="UTC").validate() == {}
