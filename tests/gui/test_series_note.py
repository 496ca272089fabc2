"""The edit dialog's series note survives whatever Zoom sends as a meeting's details."""

from __future__ import annotations

from typing import Any

import pytest

from zoomdesk.ui.meeting.dialog import series_note


@pytest.mark.parametrize(
    "details",
    [
        {"type": "eight"},
        {"type": [8]},
        {"type": 8, "occurrences": 5},
        {"type": 8, "occurrences": "abc"},
        {"type": 8, "occurrences": {"status": "deleted"}},
        {"type": 10**30},
    ],
)
def test_odd_details_give_a_note_not_an_error(details: dict[str, Any]) -> None:
    assert isinstance(series_note(details), str)


def test_a_series_counts_its_occurrences() -> None:
    listed = [{"status": "available"}, {"status": "deleted"}, {"status": "available"}]
    assert "all 2 occurrences" in series_note({"type": 8, "occurrences": listed})
