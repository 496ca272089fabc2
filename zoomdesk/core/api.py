"""The Zoom REST client: Bearer auth, bounded retries, typed errors.

Retry rules (each bounded, none of them ever duplicates a meeting):

* 401 with code 124, or with ``WWW-Authenticate: Bearer error="invalid_token"``
  (RFC 6750): ask the refresh manager once for a new token, retry once.
* 429 on a GET: wait ``Retry-After`` (seconds or an HTTP-date) or a short
  backoff, at most ``MAX_RATE_RETRIES`` times and ``MAX_RATE_WAIT`` seconds in
  total, telling ``on_wait`` first. The daily create/update cap is never retried.
* 5xx and dropped connections on GET/DELETE: capped exponential backoff,
  ``MAX_ATTEMPTS`` attempts. Timeouts are not retried: the user already waited.
* POST create is never retried. After a timeout or a dropped connection the
  meeting may exist anyway, so ``create_meeting`` looks for it (see
  ``api_support.find_created``) and returns it as a ``RecoveredMeeting`` instead of creating
  a second one.

Messages never contain query strings or tokens; logs get method and path only.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from typing import Any, Protocol
from urllib.parse import urlsplit

import requests

from zoomdesk.core import http
from zoomdesk.core.api_support import (
    RecoveredMeeting,
    find_created,
    never_sent,
    parse_retry_after,
    rate_limited,
    token_rejected,
    zoom_code,
    zoom_error,
)
from zoomdesk.core.errors import (
    AuthReason,
    AuthRequired,
    NetworkError,
    RateLimited,
    ZoomApiError,
)
from zoomdesk.core.pending_create import look_for

__all__ = [
    "RateLimited",
    "RecoveredMeeting",
    "TokenSource",
    "ZoomClient",
    "parse_retry_after",
    "was_recovered",
]

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3  # 5xx / dropped connection on GET and DELETE
MAX_RATE_RETRIES = 2  # 429 on GET
MAX_RATE_WAIT = 30.0  # seconds of 429 waiting in total, per call
BACKOFF_BASE = 0.5
BACKOFF_CAP = 4.0
PAGE_SIZE = 300
MAX_PAGES = 200  # a server repeating next_page_token must not loop us forever

_DROPPED = (requests.ConnectionError, requests.exceptions.ChunkedEncodingError)


class TokenSource(Protocol):
    """What the client needs from ``tokens.RefreshManager``."""

    def access_token(self) -> str: ...

    def refresh_after_rejection(self, rejected: str) -> str: ...


def was_recovered(meeting: Mapping[str, Any]) -> bool:
    """True when ``create_meeting`` found an already created meeting after a lost answer."""
    return isinstance(meeting, RecoveredMeeting)


def _backoff(attempt: int) -> float:
    return float(min(BACKOFF_CAP, BACKOFF_BASE * (2**attempt)))


class ZoomClient:
    """Blocking Zoom REST calls for one signed-in user (``/users/me``)."""

    def __init__(
        self,
        manager: TokenSource,
        api_url: Callable[[], str],
        session: requests.Session | None = None,
        timeout: http.Timeouts = http.DEFAULT_TIMEOUT,
        sleep: Callable[[float], None] = time.sleep,
        on_wait: Callable[[float, str], None] | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.manager = manager
        self.api_url = api_url
        self.session = session or http.new_session()
        self.timeout = timeout
        self.sleep = sleep
        self.on_wait = on_wait
        self.clock = clock

    # -- public calls ---------------------------------------------------------------

    def me(self) -> dict[str, Any]:
        """``GET /users/me``: the signed-in user."""
        return self._json("GET", "/users/me")

    def list_meetings(self, type: str = "upcoming") -> list[dict[str, Any]]:
        """Every page of ``GET /users/me/meetings`` merged into one list."""
        meetings: list[dict[str, Any]] = []
        params: dict[str, str | int] = {"type": type, "page_size": PAGE_SIZE}
        seen: set[str] = set()
        for _ in range(MAX_PAGES):
            page = self._json("GET", "/users/me/meetings", params=params)
            listed = page.get("meetings")
            # Anything but a list of objects is nothing zoomdesk can show.
            if isinstance(listed, list):
                meetings.extend(m for m in listed if isinstance(m, dict))
            token = page.get("next_page_token") or ""
            if not isinstance(token, str) or not token or token in seen:
                break
            seen.add(token)
            params["next_page_token"] = token
        return meetings

    def meeting_templates(self) -> dict[str, Any]:
        """``GET /users/me/meeting_templates``: Zoom's answer (``templates``, ``total_records``)."""
        return self._json("GET", "/users/me/meeting_templates")

    def meeting_invitation(self, meeting_id: int) -> str:
        """``GET /meetings/{id}/invitation``: Zoom's own invitation text, as Zoom wrote it."""
        answer = self._json("GET", _meeting_path(meeting_id) + "/invitation")
        text = answer.get("invitation")
        if not isinstance(text, str) or not text.strip():
            raise ZoomApiError(200, None, "Zoom sent no invitation text.")
        return text

    def create_meeting(
        self, body: Mapping[str, Any], *, lost_since: float | None = None
    ) -> dict[str, Any]:
        """``POST /users/me/meetings``; never sent twice (see the module docstring).

        ``lost_since`` (epoch seconds) marks a retry after an earlier answer was
        lost: the meeting that attempt may have created is looked for first and
        returned as a ``RecoveredMeeting`` instead of creating a second one.
        """
        if lost_since is not None:
            found = self.find_recent_create(body, lost_since)
            if found is not None:
                return found
        sent_at = self.clock()
        try:
            return self._json("POST", "/users/me/meetings", json=dict(body))
        except NetworkError as exc:
            cause = exc.__cause__
            if not isinstance(cause, (requests.Timeout, *_DROPPED)):
                raise
            if never_sent(cause):
                raise NetworkError(f"{exc} The meeting was not created.") from cause
            log.warning("create: answer lost (%s); looking for the meeting", type(cause).__name__)
            return look_for(self.find_recent_create, body, sent_at)

    def find_recent_create(self, body: Mapping[str, Any], since: float) -> RecoveredMeeting | None:
        """The meeting ``body`` created since ``since`` (epoch seconds), or None.

        Raises NetworkError or ZoomApiError when Zoom cannot be asked.
        """
        kinds = ["scheduled", "upcoming"] + ([] if body.get("start_time") else ["live"])
        for kind in kinds:
            found = find_created(self.list_meetings(kind), body, since, self.clock())
            if found is None:
                continue
            try:
                return RecoveredMeeting(self.get_meeting(int(found["id"])))
            except ZoomApiError:
                return RecoveredMeeting(found)  # the list item has id, topic, join_url
        return None

    def get_meeting(self, meeting_id: int, occurrence_id: str | None = None) -> dict[str, Any]:
        """``GET /meetings/{id}`` (one occurrence when ``occurrence_id`` is given)."""
        return self._json("GET", _meeting_path(meeting_id), params=_occ(occurrence_id))

    def update_meeting(
        self, meeting_id: int, body: Mapping[str, Any], occurrence_id: str | None = None
    ) -> None:
        """``PATCH /meetings/{id}`` with only the fields to change."""
        self._send("PATCH", _meeting_path(meeting_id), params=_occ(occurrence_id), json=dict(body))

    def delete_meeting(self, meeting_id: int, occurrence_id: str | None = None) -> None:
        """``DELETE /meetings/{id}``. A retried delete that finds it gone counts as done."""
        self._send("DELETE", _meeting_path(meeting_id), params=_occ(occurrence_id))

    # -- machinery ---------------------------------------------------------------------

    def _json(self, method: str, path: str, **kw: Any) -> dict[str, Any]:
        resp = self._send(method, path, **kw)
        try:
            data = resp.json()
        except ValueError:
            raise ZoomApiError(
                resp.status_code, None, "Zoom sent an answer that is not JSON."
            ) from None
        if not isinstance(data, dict):
            raise ZoomApiError(resp.status_code, None, "Zoom sent an unexpected answer.")
        return data

    def _send(
        self,
        method: str,
        path: str,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
    ) -> requests.Response:
        """One logical call with the retries allowed for ``method``; 2xx or raise."""
        idempotent = method in ("GET", "DELETE")
        token = self.manager.access_token()
        refreshed = False
        attempt = 0  # failed 5xx / dropped attempts so far
        rate_retries = 0
        waited = 0.0
        while True:
            try:
                resp = self._once(method, path, token, params, json)
            except _DROPPED as exc:
                if not idempotent or attempt + 1 >= MAX_ATTEMPTS:
                    raise self._network_error(method, path, exc) from exc
                attempt += 1
                what = (
                    "Could not connect to Zoom"
                    if never_sent(exc)
                    else "The connection to Zoom dropped"
                )
                self._pause(_backoff(attempt - 1), f"{what}; retrying")
                continue
            except requests.RequestException as exc:
                raise self._network_error(method, path, exc) from exc

            if resp.status_code < 400:
                return resp
            if token_rejected(resp):
                if refreshed:
                    raise AuthRequired(AuthReason.TOKEN_REJECTED)
                refreshed = True
                token = self.manager.refresh_after_rejection(token)
                continue
            if resp.status_code == 429:
                err = rate_limited(resp, method, self.clock())
                if method != "GET" or err.daily_cap or rate_retries >= MAX_RATE_RETRIES:
                    raise err
                wait = err.retry_after
                if wait is None:
                    wait = _backoff(rate_retries + 1)
                if waited + wait > MAX_RATE_WAIT:
                    raise err
                rate_retries += 1
                waited += wait
                self._pause(wait, "Zoom is limiting the request rate; waiting")
                continue
            if resp.status_code >= 500 and idempotent and attempt + 1 < MAX_ATTEMPTS:
                attempt += 1
                self._pause(_backoff(attempt - 1), f"Zoom answered {resp.status_code}; retrying")
                continue
            if method == "DELETE" and attempt > 0 and zoom_code(resp) == 3001:
                # An earlier attempt was lost after Zoom had already deleted it.
                return resp
            raise zoom_error(resp)

    def _once(
        self,
        method: str,
        path: str,
        token: str,
        params: Mapping[str, Any] | None,
        json: Any,
    ) -> requests.Response:
        url = self.api_url().rstrip("/") + path
        log.debug("%s %s", method, path)
        resp = self.session.request(
            method,
            url,
            params=dict(params) if params else None,
            json=json,
            headers={"Authorization": f"Bearer {token}", "Accept": "application/json"},
            timeout=self.timeout,
        )
        log.debug("%s %s -> %s", method, path, resp.status_code)
        return resp

    def _pause(self, seconds: float, reason: str) -> None:
        if self.on_wait is not None:
            self.on_wait(seconds, reason)
        self.sleep(seconds)

    def _network_error(self, method: str, path: str, exc: Exception) -> NetworkError:
        # Say what happened with the host only: URLs could carry query strings.
        host = urlsplit(self.api_url()).hostname or "Zoom"
        if isinstance(exc, requests.Timeout):
            what = f"{host} did not answer in time"
        elif never_sent(exc):
            what = f"could not connect to {host}"
        elif isinstance(exc, _DROPPED):
            what = f"the connection to {host} dropped"
        else:
            what = f"the request to {host} failed ({type(exc).__name__})"
        log.info("%s %s failed: %s", method, path, type(exc).__name__)
        return NetworkError(f"Network error: {what}.")


def _meeting_path(meeting_id: int) -> str:
    if isinstance(meeting_id, bool) or not isinstance(meeting_id, int) or meeting_id <= 0:
        raise ValueError("meeting_id must be a positive integer")
    return f"/meetings/{meeting_id}"


def _occ(occurrence_id: str | None) -> dict[str, str] | None:
    return {"occurrence_id": str(occurrence_id)} if occurrence_id else None
