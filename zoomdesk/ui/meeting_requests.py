"""The blocking Zoom calls of the meeting dialog; they run on the TaskRunner, never the GUI thread.

``ZoomClient.create_meeting`` already looks for the meeting when the answer to
its POST is lost. When that look-up fails too, the dialog cannot know whether
Zoom has the meeting, so its *Retry* looks again before sending the form a
second time: a retry never makes a duplicate.
"""

from __future__ import annotations

import time
from typing import Any, Protocol

from zoomdesk.core.api import RecoveredMeeting
from zoomdesk.core.api_support import find_created

#: Where a meeting created moments ago can be listed (``live`` for instant ones).
_LISTS = ("scheduled", "upcoming", "live")


class MeetingClient(Protocol):
    """The part of ``ZoomClient`` the dialog uses."""

    def create_meeting(self, body: dict[str, Any]) -> dict[str, Any]: ...

    def get_meeting(self, meeting_id: int) -> dict[str, Any]: ...

    def update_meeting(self, meeting_id: int, body: dict[str, Any]) -> None: ...

    def list_meetings(self, type: str = "upcoming") -> list[dict[str, Any]]: ...


def create(client: MeetingClient, body: dict[str, Any], lost_since: float | None) -> dict[str, Any]:
    """Create the meeting; ``lost_since`` (epoch seconds) marks a retry after a lost answer."""
    if lost_since is not None:
        for kind in _LISTS:
            found = find_created(client.list_meetings(kind), body, lost_since, time.time())
            if found is not None:
                return RecoveredMeeting(client.get_meeting(int(found["id"])))
    return client.create_meeting(body)


def update(client: MeetingClient, meeting_id: int, patch: dict[str, Any]) -> dict[str, Any]:
    """PATCH the changes, then fetch the meeting: Zoom answers a PATCH with 204 and no body."""
    client.update_meeting(meeting_id, patch)
    return client.get_meeting(meeting_id)
