"""A meeting's invitation: Zoom's own text, or zoomdesk's when Zoom refuses to send it.

Both front ends use :func:`fetch_invitation` (*Copy invitation*, ``meetings
invitation ID``). Zoom may refuse ``/meetings/{id}/invitation`` while the
meeting itself can be read: an app without the ``meeting:read:invitation``
scope gets code 4711. Then zoomdesk writes the text from the meeting, and the
log says that it did and why.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import tzinfo
from typing import Any, Protocol

from zoomdesk.core.errors import ZoomApiError
from zoomdesk.core.meeting import Meeting
from zoomdesk.core.user import User

log = logging.getLogger(__name__)


class InvitationSource(Protocol):
    """What :func:`fetch_invitation` needs of ``api.ZoomClient``."""

    def meeting_invitation(self, meeting_id: int) -> str: ...

    def get_meeting(self, meeting_id: int, occurrence_id: str | None = None) -> dict[str, Any]: ...

    def me(self) -> dict[str, Any]: ...


@dataclass(frozen=True)
class Invitation:
    """The text to share. ``refusal`` is Zoom's refusal when the text is zoomdesk's own."""

    text: str
    refusal: ZoomApiError | None = None

    @property
    def from_zoom(self) -> bool:
        return self.refusal is None


def fetch_invitation(
    client: InvitationSource,
    meeting_id: int,
    *,
    host_name: str | None = None,
    viewer_tz: tzinfo | None = None,
) -> Invitation:
    """Zoom's invitation for ``meeting_id``, or zoomdesk's own when Zoom refuses it.

    Lines end in ``\\n`` (Zoom writes ``\\r\\n``). ``host_name`` names the host in
    zoomdesk's text; None asks Zoom for the signed-in user's name. Errors that
    are not a refusal of the invitation (the network, the session, a meeting
    that does not exist) are raised, as is the fallback's own failure.
    """
    try:
        text = client.meeting_invitation(meeting_id)
    except ZoomApiError as exc:
        code = "" if exc.code is None else f", code {exc.code}"
        log.warning(
            "invitation of meeting %s: Zoom refused it (HTTP %s%s); using zoomdesk's own text",
            meeting_id,
            exc.status,
            code,
        )
        meeting = Meeting.from_zoom_json({**client.get_meeting(meeting_id), "id": meeting_id})
        if host_name is None:
            host_name = _signed_in_name(client)
        return Invitation(meeting.invitation(viewer_tz, host_name), refusal=exc)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return Invitation("\n".join(lines).strip("\n"))


def _signed_in_name(client: InvitationSource) -> str:
    try:
        return User.from_zoom_json(client.me()).display_name
    except ZoomApiError:  # an app without user:read: the text says "You are invited"
        return ""
