"""The one place that builds HTTP sessions and knows zoomdesk's timeouts."""

from __future__ import annotations

import requests

from zoomdesk import __version__

#: (connect, read) seconds for every request zoomdesk makes.
DEFAULT_TIMEOUT: tuple[float, float] = (5.0, 20.0)
USER_AGENT = f"zoomdesk/{__version__}"


def new_session() -> requests.Session:
    """A session with zoomdesk's User-Agent; callers always pass ``timeout=``."""
    session = requests.Session()
    session.headers["User-Agent"] = USER_AGENT
    return session
