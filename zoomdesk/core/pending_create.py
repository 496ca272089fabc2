"""Whether Zoom may hold a meeting whose create failed, and since when: one rule for CLI and GUI.

A create that fails has not necessarily failed at Zoom. Only Zoom refusing
(4xx) the one create that was sent proves that no meeting was made; after
anything else (a network error, a 5xx such as a 502 from a gateway, a 2xx body
that is not JSON, a session that ended during the look-up, a retry that failed
before its own look-up was done) the meeting may exist, so it is looked for
before another is sent or a failure is reported (``ZoomClient.create_meeting``
with ``lost_since``, or ``look_for``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import Any

from zoomdesk.core.api_support import RecoveredMeeting
from zoomdesk.core.errors import (
    AuthRequired,
    CreateUnconfirmed,
    NetworkError,
    OAuthError,
    StoreError,
    ZoomApiError,
)

#: ``ZoomClient.find_recent_create``: the meeting ``body`` made since then, or None.
Finder = Callable[[Mapping[str, Any], float], RecoveredMeeting | None]


class PendingCreate:
    """The creates of one form or one command, from the first unanswered one on.

    ``begin()`` before each create gives its ``lost_since``; ``failed(exc)``
    after a failure says whether a meeting may be pending; ``answered()`` once
    Zoom has answered with the meeting.
    """

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._since: float | None = None  # first create since Zoom last answered one
        self._looked_since: float | None = None  # the lost_since the running create was given

    @property
    def since(self) -> float | None:
        """Epoch seconds of the first create Zoom may hold; None when none is pending."""
        return self._since

    def begin(self) -> float | None:
        """A create is about to be sent: the ``lost_since`` to send it with (None: look not)."""
        self._looked_since = self._since
        if self._since is None:
            self._since = self._clock()
        return self._looked_since

    def failed(self, exc: BaseException) -> float | None:
        """The create from ``begin`` failed: since when to look for it; None if Zoom refused it.

        A refusal of a create sent with ``lost_since`` may be the look-up's, not
        the create's, so it leaves the earlier create pending.
        """
        refused = isinstance(exc, ZoomApiError) and 400 <= exc.status < 500
        if refused and self._looked_since is None:
            self._since = None
        return self._since

    def answered(self) -> None:
        """Zoom answered with the meeting (made or found): nothing is pending any more."""
        self._since = self._looked_since = None


def look_for(
    find: Finder, body: Mapping[str, Any], since: float, cause: str = ""
) -> RecoveredMeeting:
    """One look for the meeting a create since ``since`` may have made; raise when none is seen.

    Raises ``CreateUnconfirmed`` (``looked`` with ``cause``, the create's own
    failure, when the list did not show it; not ``looked`` when the look-up
    failed) or ``AuthRequired`` with ``lost_create_at`` when the session ended.
    """
    try:
        found = find(body, since)
    except AuthRequired as exc:
        # Still unknown whether Zoom made it: a plain "sign in again" would invite
        # a second create once signed in.
        raise AuthRequired(exc.reason, lost_create_at=since) from None
    except (NetworkError, ZoomApiError, OAuthError, StoreError) as exc:
        raise CreateUnconfirmed(since, looked=False, cause=str(exc)) from None
    if found is None:
        # One look right after the loss: Zoom may still be finishing the create.
        raise CreateUnconfirmed(since, looked=True, cause=cause)
    return found
