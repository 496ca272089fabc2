"""The blocking Zoom calls of the meeting dialog; they run on the TaskRunner, never the GUI thread.

``ZoomClient.create_meeting`` already looks for the meeting when the answer to
its POST is lost. When that look-up fails too, the dialog cannot know whether
Zoom has the meeting, so its *Retry* passes ``lost_since`` and the core looks
again before sending the form a second time: a retry never makes a duplicate.
"""

from __future__ import annotations

from typing import Any, Protocol


class MeetingClient(Protocol):
    """The part of ``ZoomClient`` the dialog uses."""

    def create_meeting(
        self, body: dict[str, Any], *, lost_since: float | None = None
    ) -> dict[str, Any]: ...

    def get_meeting(self, meeting_id: int) -> dict[str, Any]: ...

    def update_meeting(self, meeting_id: int, body: dict[str, Any]) -> None: ...


def create(client: MeetingClient, body: dict[str, Any], lost_since: float | None) -> dict[str, Any]:
    """Create the meeting; ``lost_since`` (epoch seconds) marks a retry after a lost answer."""
    return client.create_meeting(body, lost_since=lost_since)


def update(client: MeetingClient, meeting_id: int, patch: dict[str, Any]) -> dict[str, Any]:
    """PATCH the changes, then fetch the meeting: Zoom answers a PATCH with 204 and no body."""
    client.update_meeting(meeting_id, patch)
    return client.get_meeting(meeting_id)
