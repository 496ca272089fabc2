"""Helpers for ``api.py``: Zoom error bodies, ``Retry-After``, and finding a lost create.

Kept apart from the client so the rules can be tested as plain functions.
"""

from __future__ import annotations

import email.utils
import math
import re
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

import requests
from urllib3.exceptions import NewConnectionError

from zoomdesk.core.errors import FieldError, RateLimited, ZoomApiError
from zoomdesk.core.wallclock import zone as find_zone

#: how far Zoom's ``created_at`` may be before our send time (clock skew) or after now
CREATED_SKEW = 120.0
_MAX_MESSAGE = 500
#: Refusals Zoom sends without ``errors`` but about one field, so the field can show them:
#: 1114, a user outside the account given as an alternative host.
FIELD_OF_CODE = {1114: "settings.alternative_hosts"}


class RecoveredMeeting(dict[str, Any]):
    """A meeting ``create_meeting`` found after the answer to its POST was lost.

    It is Zoom's own JSON (so ``--json`` output stays pure); the type is the mark:
    ``isinstance(m, RecoveredMeeting)`` / ``api.was_recovered(m)``.
    """

    recovered = True


def _body(resp: requests.Response) -> dict[str, Any] | None:
    try:
        data = resp.json()
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def zoom_code(resp: requests.Response) -> int | None:
    """Zoom's numeric ``code`` from an error body, if there is one."""
    data = _body(resp)
    code = data.get("code") if data else None
    return code if isinstance(code, int) and not isinstance(code, bool) else None


# One auth-param of a WWW-Authenticate header (RFC 9110 §11.2: name = token or
# quoted-string), or a bare token: the scheme of the next challenge.
_AUTH_PART = re.compile(
    r"(?P<name>[-!#$%&'*+.^_`|~0-9A-Za-z]+)"
    r'(?:[ \t]*=[ \t]*(?P<value>"(?:[^"\\]|\\.)*"|[^\s,"]*))?'
)


def bearer_error(header: str) -> str | None:
    """The ``error`` of the Bearer challenge in a ``WWW-Authenticate`` header (RFC 6750 §3)."""
    scheme = ""
    for part in _AUTH_PART.finditer(header):
        name, value = part["name"], part["value"]
        if value is None:
            scheme = name.lower()
        elif scheme == "bearer" and name.lower() == "error":
            quoted = value.startswith('"')
            return re.sub(r"\\(.)", r"\1", value[1:-1]) if quoted else value
    return None


def token_rejected(resp: requests.Response) -> bool:
    """True for a 401 that says the access token is no good, so one refresh may help.

    Zoom says it with code 124 in the body; a standard server (RFC 6750 §3.1)
    with ``WWW-Authenticate: Bearer error="invalid_token"``.
    """
    if resp.status_code != 401:
        return False
    challenge = resp.headers.get("WWW-Authenticate", "")
    return zoom_code(resp) == 124 or bearer_error(challenge) == "invalid_token"


def never_sent(exc: BaseException) -> bool:
    """True when the connection was never made, so Zoom cannot have seen the request."""
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return True
    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    return isinstance(reason, NewConnectionError)  # refused, no route, DNS failure


def _plain(resp: requests.Response) -> str:
    reason = f" {resp.reason}" if resp.reason else ""
    return f"Zoom answered HTTP {resp.status_code}{reason}."


def zoom_error(resp: requests.Response) -> ZoomApiError:
    """``ZoomApiError`` from Zoom's ``{code, message, errors: [{field, message}]}``."""
    data = _body(resp)
    if data is None:
        return ZoomApiError(resp.status_code, None, _plain(resp))
    message = data.get("message")
    if not isinstance(message, str) or not message.strip():
        message = _plain(resp)
    fields: list[FieldError] = []
    for item in data.get("errors") or []:
        if isinstance(item, dict) and isinstance(item.get("field"), str):
            fields.append(FieldError(item["field"], str(item.get("message") or "")))
    field = FIELD_OF_CODE.get(zoom_code(resp) or 0)
    if field is not None and not fields:
        fields.append(FieldError(field, message.strip()[:_MAX_MESSAGE]))
    return ZoomApiError(
        resp.status_code,
        zoom_code(resp),
        message.strip()[:_MAX_MESSAGE],
        tuple(fields),
    )


def parse_retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from ``Retry-After``: delta-seconds or an HTTP-date; None if absent/bad."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        pass
    else:
        return max(0.0, seconds) if math.isfinite(seconds) else None
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # RFC 7231 dates are GMT
        when = when.replace(tzinfo=UTC)
    return max(0.0, when.timestamp() - now)


def next_utc_midnight(now: float) -> datetime:
    """When Zoom's per-day create/update counter resets."""
    today = datetime.fromtimestamp(now, UTC).date()
    return datetime(today.year, today.month, today.day, tzinfo=UTC) + timedelta(days=1)


def _in_words(seconds: float) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    hours, minutes = divmod(minutes, 60)
    return f"in {hours} h {minutes} min" if hours else f"in {minutes} min"


def rate_limited(resp: requests.Response, method: str, now: float) -> RateLimited:
    """Classify a 429: the daily create/update cap, or a short-term rate limit."""
    base = zoom_error(resp)
    retry_after = parse_retry_after(resp.headers.get("Retry-After"), now)
    lower = base.message.lower()
    mentions_daily = any(w in lower for w in ("daily", "per day", "today", "a day"))
    # Zoom often sends no Retry-After with the daily cap, so a bare 429 on a
    # create/update is the cap too: retrying it would only burn the quota.
    daily = mentions_daily or (method in ("POST", "PATCH") and retry_after is None)
    message = base.message
    if daily:
        reset = next_utc_midnight(now)
        message += (
            f" Zoom's daily limit on creating and updating meetings resets at 00:00 UTC "
            f"({_in_words(reset.timestamp() - now)})."
        )
    elif retry_after is None:
        message += " Zoom did not say when to try again."
    else:
        message += f" Zoom asks to wait {math.ceil(retry_after)} s."
    return RateLimited(base.code, message, retry_after, daily_cap=daily)


def _timestamp(value: Any, zone: Any = None) -> float | None:
    """Epoch seconds of a Zoom time; naive values are wall time in ``zone`` (else UTC)."""
    if not isinstance(value, str) or not value:
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is None:
        tz = (find_zone(zone) if isinstance(zone, str) else None) or UTC
        when = when.replace(tzinfo=tz)
    return when.timestamp()


def find_created(
    meetings: Iterable[Mapping[str, Any]],
    body: Mapping[str, Any],
    sent_at: float,
    now: float,
) -> Mapping[str, Any] | None:
    """The meeting our lost POST created, if Zoom lists it; else None.

    A match has the same topic and type, was created between ``sent_at`` and
    ``now`` (give or take ``CREATED_SKEW``) and, for a one-off scheduled meeting,
    starts at the same instant. Recurring meetings are not matched on start
    time, because Zoom lists them under their first occurrence, which may differ
    from the requested start. The newest match wins.
    """
    topic = body.get("topic")
    mtype = body.get("type")
    want_start = _timestamp(body.get("start_time"), body.get("timezone"))
    best: tuple[float, Mapping[str, Any]] | None = None
    for m in meetings:
        if m.get("topic") != topic or "id" not in m:
            continue
        if mtype is not None and m.get("type") is not None and m.get("type") != mtype:
            continue
        created = _timestamp(m.get("created_at"))
        if created is None or not (sent_at - CREATED_SKEW <= created <= now + CREATED_SKEW):
            continue
        if want_start is not None and mtype in (None, 2):
            got = _timestamp(m.get("start_time"), m.get("timezone") or body.get("timezone"))
            if got is None or abs(got - want_start) > 1:
                continue
        if best is None or created > best[0]:
            best = (created, m)
    return best[1] if best else None
