"""*Start* for a meeting the user hosts: its ``start_url``, fetched fresh, opened, dropped.

Zoom documents ``start_url`` as a secret: it signs the host in to the Zoom
client, and its ``zak`` expires (about two hours). So it is fetched with
``GET /meetings/{id}`` when *Start* is chosen, handed to the desktop through
``open_link`` (https only, as every link) and forgotten: never logged, shown,
copied, kept with the listed meeting or on disk, or put in an invitation.
The sandbox's links are http on 127.0.0.1, so there *Start* is refused like
*Join*, and the window says so without showing the link.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from zoomdesk.ui.untrusted import may_open, open_link

if TYPE_CHECKING:
    from zoomdesk.core.account import Account


def fetch_start_url(account: Account, meeting_id: int) -> str:
    """The meeting's ``start_url`` as Zoom sends it now; empty when Zoom sends none (blocking)."""
    data = account.client.get_meeting(meeting_id)
    url = data.get("start_url") if isinstance(data, dict) else None
    return url if isinstance(url, str) else ""


def open_start_url(topic: str, url: str) -> str:
    """Open ``url`` if the link policy allows; the status line's words, which never hold it."""
    if not url:
        # Zoom gives the start link to the meeting's host (and its alternative hosts) only.
        return f"Zoom sent no start link for “{topic}”: only its host can start it."
    if not may_open(url):
        return f"Not started: Zoom's start link for “{topic}” is not an https link."
    if not open_link(url):
        return "Could not open the start link: no app on this computer opens web links."
    return f"Starting “{topic}” in Zoom…"
