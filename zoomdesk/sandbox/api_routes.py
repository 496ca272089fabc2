"""Zoom's REST API under ``/v2``: the signed-in user and their meetings.

Bearer header only; answers and errors are shaped like Zoom's (``code`` and
``message``, plus ``errors`` for code 300). Create and update count against
the per-user daily limit before anything else is looked at, as at Zoom.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any
from urllib.parse import unquote

from zoomdesk.sandbox.fields import Problems
from zoomdesk.sandbox.httpio import Request, Response, empty, json_response
from zoomdesk.sandbox.meetings import (
    INSTANT,
    Meeting,
    has_ended,
    list_item,
    listed_start,
    meeting_json,
    new_meeting,
)
from zoomdesk.sandbox.model import User
from zoomdesk.sandbox.scheduling import (
    INVITATION_SCOPE,
    TEMPLATES_SCOPE,
    alternative_host_refusal,
    invitation_text,
    templates_json,
    with_template,
)
from zoomdesk.sandbox.state import PageCursor, State
from zoomdesk.sandbox.validation import (
    merge_update,
    validate_meeting,
    validate_occurrence_update,
)

LIST_TYPES = ("scheduled", "live", "upcoming", "upcoming_meetings", "previous_meetings")
DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE = 30, 300
CURSOR_LIFETIME = 15 * 60.0  # Zoom: a next_page_token expires after 15 minutes


def handle(state: State, request: Request) -> Response:
    user = _bearer_user(state, request)
    if user is None:
        return _error(401, 124, "Invalid access token.")
    parts = [unquote(p) for p in request.path.removeprefix("/v2/").split("/")]
    method = request.method
    if len(parts) == 2 and parts[0] == "users":
        if not user.matches(parts[1]):
            return _error(404, 1001, f"User does not exist: {parts[1]}.")
        if method != "GET":
            return _method_not_allowed("GET")
        profile = user.profile(state.base_url, state.last_login.get(user.user_id, ""))
        return json_response(200, profile)
    if len(parts) == 3 and parts[0] == "users" and parts[2] == "meetings":
        if not user.matches(parts[1]):
            return _error(404, 1001, f"User does not exist: {parts[1]}.")
        if method == "GET":
            return _list_meetings(state, request, user)
        if method == "POST":
            return _create_meeting(state, request, user)
        return _method_not_allowed("GET, POST")
    if len(parts) == 3 and parts[0] == "users" and parts[2] == "meeting_templates":
        if not user.matches(parts[1]):
            return _error(404, 1001, f"User does not exist: {parts[1]}.")
        if method != "GET":
            return _method_not_allowed("GET")
        return _missing_scope(state, request, TEMPLATES_SCOPE) or json_response(
            200, templates_json()
        )
    if len(parts) == 3 and parts[0] == "meetings" and parts[2] == "invitation":
        if method != "GET":
            return _method_not_allowed("GET")
        refusal = _missing_scope(state, request, INVITATION_SCOPE)
        meeting = _find_meeting(state, parts[1], user)
        if refusal is not None or meeting is None:
            return refusal or _no_meeting(parts[1])
        return json_response(200, {"invitation": invitation_text(meeting, state.base_url)})
    if len(parts) == 2 and parts[0] == "meetings":
        meeting = _find_meeting(state, parts[1], user)
        if method == "PATCH":
            # Counted before the meeting is looked up: Zoom limits requests, not successes.
            if not state.use_daily_quota(user.user_id):
                return _daily_limit(state)
            if meeting is None:
                return _no_meeting(parts[1])
            return _update_meeting(state, request, meeting, user)
        if method not in ("GET", "DELETE"):
            return _method_not_allowed("GET, PATCH, DELETE")
        if meeting is None:
            return _no_meeting(parts[1])
        if method == "GET":
            return _get_meeting(state, request, meeting)
        return _delete_meeting(state, request, meeting)
    return _error(404, 404, "Not Found.")


def _bearer_user(state: State, request: Request) -> User | None:
    if "access_token" in request.query:
        return None  # Zoom refuses a token in the query string outright
    return state.user_for_access_token(_bearer_token(request))


def _bearer_token(request: Request) -> str:
    scheme, _, token = (request.header("Authorization") or "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def _missing_scope(state: State, request: Request, scope: str) -> Response | None:
    """Zoom's answer to a token granted without ``scope`` (code 4711), or None."""
    if scope in state.scopes_for_access_token(_bearer_token(request)):
        return None
    return _error(400, 4711, f"Invalid access token, does not contain scopes:[{scope}].")


# -- meetings --------------------------------------------------------------------


def _create_meeting(state: State, request: Request, user: User) -> Response:
    if not state.use_daily_quota(user.user_id):
        return _daily_limit(state)
    body = _json_object(request)
    if body is None:
        return _bad_json()
    templated = with_template(body)
    if isinstance(templated, Problems):
        return _validation_failed(templated)
    spec = validate_meeting(templated, user, state.now_dt())
    if isinstance(spec, Problems):
        return _validation_failed(spec)
    refusal = alternative_host_refusal(spec.settings, user)
    if refusal is not None:
        return _error(400, 1114, refusal)
    meeting = new_meeting(state.new_meeting_id(), spec, user, state.now_dt())
    state.meetings[meeting.id] = meeting
    return json_response(201, meeting_json(meeting, state.base_url))


def _get_meeting(state: State, request: Request, meeting: Meeting) -> Response:
    occurrence_id = request.query_value("occurrence_id")
    occurrence = None
    if occurrence_id is not None:
        occurrence = meeting.occurrence(occurrence_id)
        if occurrence is None:
            return _error(400, 3000, "Invalid occurrence_id.")
    return json_response(200, meeting_json(meeting, state.base_url, occurrence))


def _update_meeting(state: State, request: Request, meeting: Meeting, user: User) -> Response:
    body = _json_object(request)
    if body is None:
        return _bad_json()
    occurrence_id = request.query_value("occurrence_id")
    if occurrence_id is not None:
        occurrence = meeting.occurrence(occurrence_id)
        if occurrence is None:
            return _error(400, 3000, "Invalid occurrence_id.")
        changes = validate_occurrence_update(body, meeting.spec.timezone)
        if isinstance(changes, Problems):
            return _validation_failed(changes)
        occurrence.start = changes.get("start_time") or occurrence.start
        occurrence.duration = changes.get("duration") or occurrence.duration
        if changes.get("agenda") is not None:
            occurrence.agenda = changes["agenda"]
        occurrence.settings.update(changes.get("settings", {}))
        if {**meeting.spec.settings, **occurrence.settings}.get("waiting_room"):
            # As for a whole meeting: the waiting room and join-before-host exclude each other.
            occurrence.settings["join_before_host"] = False
        meeting.occurrences.sort(key=lambda o: o.start)
        return empty(204)
    templated = with_template(body)
    if isinstance(templated, Problems):
        return _validation_failed(templated)
    spec = validate_meeting(merge_update(meeting.spec, templated), user, state.now_dt())
    if isinstance(spec, Problems):
        return _validation_failed(spec)
    refusal = alternative_host_refusal(spec.settings, user)
    if refusal is not None:
        return _error(400, 1114, refusal)
    if spec.type == INSTANT:
        spec.start_time = meeting.spec.start_time or state.now_dt()  # instant: stays as created
    meeting.apply(spec)
    return empty(204)


def _delete_meeting(state: State, request: Request, meeting: Meeting) -> Response:
    occurrence_id = request.query_value("occurrence_id")
    if occurrence_id is None:
        del state.meetings[meeting.id]
        return empty(204)
    occurrence = meeting.occurrence(occurrence_id)
    if occurrence is None:
        return _error(400, 3000, "Invalid occurrence_id.")
    meeting.occurrences.remove(occurrence)
    return empty(204)


def _list_meetings(state: State, request: Request, user: User) -> Response:
    list_type = request.query_value("type") or "scheduled"
    if list_type not in LIST_TYPES:
        return _field_error("type", "Must be one of " + ", ".join(LIST_TYPES) + ".")
    raw_size = request.query_value("page_size") or str(DEFAULT_PAGE_SIZE)
    if not raw_size.isdigit() or int(raw_size) < 1:
        return _field_error("page_size", "Must be a whole number from 1 to 300.")
    # Zoom caps larger sizes silently, at 300; the knob lowers the cap so tests can page.
    page_size = min(int(raw_size), MAX_PAGE_SIZE, state.knobs.max_page_size)
    now = state.now()
    for stale in [k for k, c in state.cursors.items() if c.expires_at <= now]:
        del state.cursors[stale]
    token = request.query_value("next_page_token")
    if token:
        cursor = state.cursors.get(token)
        if cursor is None:
            return _error(400, 300, "The next page token is invalid or expired.")
        ids, total = cursor.meeting_ids, cursor.total_records
    else:
        ids = _listed_ids(state, user, list_type, state.now_dt())
        total = len(ids)
    page, rest = ids[:page_size], ids[page_size:]
    next_token = ""
    if rest:
        next_token = secrets.token_urlsafe(24)
        state.cursors[next_token] = PageCursor(rest, total, now + CURSOR_LIFETIME)
    at = state.now_dt()
    meetings = [
        list_item(state.meetings[i], state.base_url, at) for i in page if i in state.meetings
    ]
    return json_response(
        200,
        {
            "page_size": page_size,
            "total_records": total,
            "next_page_token": next_token,
            "meetings": meetings,
        },
    )


def _listed_ids(state: State, user: User, list_type: str, now: datetime) -> list[int]:
    """Meeting ids of one listing, in Zoom's order (by start time; no-fixed-time last)."""
    if list_type == "live":
        return []  # the sandbox never starts a meeting
    mine = [m for m in state.meetings.values() if m.host.user_id == user.user_id]
    if list_type == "previous_meetings":
        mine = [m for m in mine if has_ended(m, now)]
    elif list_type != "scheduled":
        mine = [m for m in mine if not has_ended(m, now)]

    def order(m: Meeting) -> tuple[int, float, float, int]:
        start = listed_start(m, now)
        stamp = start.timestamp() if start is not None else 0.0
        return (start is None, stamp, m.created_at.timestamp(), m.id)

    return [m.id for m in sorted(mine, key=order)]


def _find_meeting(state: State, meeting_ref: str, user: User) -> Meeting | None:
    if not meeting_ref.isdigit() or len(meeting_ref) > 19:
        return None
    meeting = state.meetings.get(int(meeting_ref))
    return meeting if meeting is not None and meeting.host.user_id == user.user_id else None


# -- bodies and errors -----------------------------------------------------------


def _json_object(request: Request) -> dict[str, Any] | None:
    try:
        body = request.json()
    except (ValueError, UnicodeDecodeError):
        return None
    return body if isinstance(body, dict) else None


def _error(status: int, code: int, message: str) -> Response:
    return json_response(status, {"code": code, "message": message})


def _no_meeting(meeting_ref: str) -> Response:
    return _error(404, 3001, f"Meeting does not exist: {meeting_ref}.")


def _bad_json() -> Response:
    return _error(400, 300, "Request Body should be a valid JSON object.")


def _validation_failed(problems: Problems) -> Response:
    payload = {"code": 300, "message": "Validation Failed.", "errors": problems.items}
    return json_response(400, payload)


def _field_error(field: str, message: str) -> Response:
    problems = Problems()
    problems.add(field, message)
    return _validation_failed(problems)


def _daily_limit(state: State) -> Response:
    # Zoom sends no Retry-After with the daily cap: the reset is at 00:00 UTC.
    limit = state.knobs.daily_limit
    message = (
        f"You have exceeded the daily rate limit ({limit}) of Meeting Create/Update API "
        "requests permitted for this particular user. You may resume these user-level "
        "requests at GMT 00:00:00."
    )
    return _error(429, 429, message)


def _method_not_allowed(allowed: str) -> Response:
    response = _error(405, 405, "Method Not Allowed.")
    response.headers.append(("Allow", allowed))
    return response
