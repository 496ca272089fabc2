"""The two meetings that crashed zoomdesk, as Zoom (and the sandbox) hand them back.

A start of 9999-12-31T22:00 in UTC is already the year 10000 in Tokyo, and a
duration of 99999999999999999999999 minutes overflows any end time; both made
the main window fail inside ``QAbstractItemModel.data()`` at every start, and
``meetings list`` exit 1. The ``*_BODY`` dicts are what ``meetings create``
used to send for them, before the rules refused such values.
"""

from __future__ import annotations

from typing import Any

VIEWER = "Asia/Tokyo"
HUGE = 99999999999999999999999

FAR_FUTURE_BODY: dict[str, Any] = {
    "topic": "Far future", "type": 2, "start_time": "9999-12-31T22:00:00",
    "timezone": "UTC", "duration": 60,
}  # fmt: skip
HUGE_DURATION_BODY: dict[str, Any] = {
    "topic": "Endless", "type": 2, "start_time": "2031-01-01T10:00:00",
    "timezone": "UTC", "duration": HUGE,
}  # fmt: skip


def as_zoom_returns(body: dict[str, Any], meeting_id: int) -> dict[str, Any]:
    """The list item Zoom answers for ``body``: start in UTC, an id, a link."""
    return {
        **body,
        "id": meeting_id,
        "uuid": f"uuid-{meeting_id}",
        "host_id": "h0st",
        "start_time": body["start_time"] + "Z",
        "created_at": "2026-12-01T12:00:00Z",
        "join_url": f"https://zoom.example/j/{meeting_id}",
    }


FAR_FUTURE = as_zoom_returns(FAR_FUTURE_BODY, 38995819027)
HUGE_DURATION = as_zoom_returns(HUGE_DURATION_BODY, 48515275606)
