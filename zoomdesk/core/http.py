"""The one place that builds HTTP sessions and knows zoomdesk's timeouts.

``ZOOMDESK_HTTP_TIMEOUT`` (``READ`` or ``CONNECT,READ`` seconds) overrides the
default timeouts for the whole process; tests use it to meet a silent server
without waiting 20 s. Values that are not positive numbers are ignored.
"""

from __future__ import annotations

import math
import os

import requests
from requests.models import PreparedRequest, Response

from zoomdesk import __version__

TIMEOUT_ENV = "ZOOMDESK_HTTP_TIMEOUT"


def _timeout_from(value: str | None) -> tuple[float, float] | None:
    try:
        parts = [float(p) for p in (value or "").split(",")]
    except ValueError:
        return None
    if len(parts) not in (1, 2) or not all(math.isfinite(p) and p > 0 for p in parts):
        return None
    return (parts[0], parts[-1]) if len(parts) == 2 else (min(5.0, parts[0]), parts[0])


#: (connect, read) seconds for every request zoomdesk makes.
DEFAULT_TIMEOUT: tuple[float, float] = _timeout_from(os.environ.get(TIMEOUT_ENV)) or (5.0, 20.0)
USER_AGENT = f"zoomdesk/{__version__}"


class _NoNetrcAuth(requests.auth.AuthBase):
    """Session-level auth that changes nothing.

    requests looks up ``~/.netrc`` only when neither the request nor the
    session has auth; having this one switches that lookup off. A stray netrc
    entry for zoom.us or 127.0.0.1 would otherwise be sent as Basic auth: it
    would replace our Bearer header and add an Authorization header to a public
    client's token request.
    """

    def __call__(self, r: PreparedRequest) -> PreparedRequest:
        return r


class _Session(requests.Session):
    def rebuild_auth(self, prepared_request: PreparedRequest, response: Response) -> None:
        # requests' own redirect rule (drop Authorization when the host changes)
        # without its second .netrc lookup for the new host.
        original = response.request.url
        url = prepared_request.url
        headers = prepared_request.headers
        if "Authorization" not in headers or not original or not url:
            return
        if self.should_strip_auth(original, url):  # type: ignore[no-untyped-call]
            del headers["Authorization"]


def new_session() -> requests.Session:
    """A session with zoomdesk's User-Agent; callers always pass ``timeout=``.

    Proxy and CA-bundle environment variables are honoured; ``.netrc`` never is.
    """
    session = _Session()
    session.headers["User-Agent"] = USER_AGENT
    session.auth = _NoNetrcAuth()
    return session
