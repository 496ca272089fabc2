"""wallclock.format_start: Zoom's local form, except for a repeated hour, which goes in UTC."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from zoomdesk.core import wallclock

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(
    ("wall", "sent"),
    [
        # 31 Oct 2027: 03:00 CEST becomes 02:00 CET, so 02:30 happens twice.
        (datetime(2027, 10, 31, 2, 30), "2027-10-31T00:30:00Z"),
        (datetime(2027, 10, 31, 2, 30, fold=1), "2027-10-31T01:30:00Z"),
        (datetime(2027, 10, 31, 1, 59, 59), "2027-10-31T01:59:59"),
        (datetime(2027, 10, 31, 3, 0), "2027-10-31T03:00:00"),
        (datetime(2027, 10, 31, 3, 0, fold=1), "2027-10-31T03:00:00"),  # once: fold says nothing
        # 28 Mar 2027: 02:00 CET becomes 03:00 CEST; nothing repeats.
        (datetime(2027, 3, 28, 1, 30), "2027-03-28T01:30:00"),
        (datetime(2027, 3, 28, 3, 30), "2027-03-28T03:30:00"),
    ],
)
def test_format_start(wall: datetime, sent: str) -> None:
    assert wallclock.format_start(wall, BERLIN) == sent


def test_format_start_round_trips_through_parse_zoom_time() -> None:
    for fold in (0, 1):
        wall = datetime(2027, 10, 31, 2, 30, fold=fold)
        parsed = wallclock.parse_zoom_time(wallclock.format_start(wall, BERLIN), BERLIN)
        assert parsed == wallclock.to_instant(wall, BERLIN)
        assert wallclock.to_wall(parsed, BERLIN).fold == fold
