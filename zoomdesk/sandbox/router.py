"""From a parsed request to an outcome: knobs, latency, injected faults, then the routes.

Order matters and is the same for every request outside ``/_sandbox/``:
wait the configured latency, note the request (method and path only), take a
matching fault if one is queued, and only then let the routes see it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from zoomdesk.sandbox import api_routes, control, google_idp, oauth_routes, pages
from zoomdesk.sandbox.faults import Fault
from zoomdesk.sandbox.httpio import Drop, Outcome, Request, Response, html_response, json_response
from zoomdesk.sandbox.model import CALLBACK_PATH
from zoomdesk.sandbox.state import State

log = logging.getLogger("zoomdesk.sandbox")

_PER_SECOND_LIMIT = (
    "You have reached the maximum per-second rate limit for this API. Try again later."
)
#: What a proxy that cut the answer short might pass on: not JSON, though labelled so.
_NOT_JSON = b'{"id": 8561'


class Router:
    """Turns a :class:`Request` into a :class:`Response` or a :class:`Drop`.

    ``wait(seconds)`` sleeps but returns early when the sandbox stops.
    """

    def __init__(self, state: State, wait: Callable[[float], object]) -> None:
        self._state = state
        self._wait = wait

    def handle(self, request: Request) -> Outcome:
        if request.path.startswith(control.PREFIX):
            with self._state.lock:
                return control.handle(self._state, request)
        with self._state.lock:
            latency = self._state.knobs.latency
        if latency > 0:
            self._wait(latency)
        with self._state.lock:
            self._state.request_log.append((request.method, request.path))
            if request.path == CALLBACK_PATH:
                self._state.callback_hits += 1
            fault = self._state.take_fault(request.method, request.path)
        if fault is not None:
            return self._inject(fault, request)
        return self._route(request)

    def _inject(self, fault: Fault, request: Request) -> Outcome:
        if fault.kind == "rate_limit":
            headers = (("Retry-After", fault.retry_after),) if fault.retry_after else ()
            return json_response(429, {"code": 429, "message": _PER_SECOND_LIMIT}, headers)
        # The request takes effect; only its answer is lost or spoiled.
        done = self._route(request) if fault.process else None
        if fault.kind == "status":
            body = fault.body or {"code": fault.status, "message": "Fault injected by the sandbox."}
            return json_response(fault.status, body)
        if fault.kind == "not_json":
            status = done.status if done is not None else 200
            return Response(status, _NOT_JSON, [("Content-Type", "application/json")])
        return Drop(delay=fault.seconds if fault.kind == "hang" else 0.0)

    def _route(self, request: Request) -> Response:
        try:
            with self._state.lock:
                return _dispatch(self._state, request)
        except Exception:
            # Path only: the request may carry secrets elsewhere.
            log.exception("sandbox failed on %s %s", request.method, request.path)
            return json_response(500, {"code": 500, "message": "Sandbox internal error."})


def _dispatch(state: State, request: Request) -> Response:
    path = request.path
    if path.startswith("/oauth/"):
        return oauth_routes.handle(state, request)
    if path.startswith("/v2/"):
        return api_routes.handle(state, request)
    if path.startswith("/google/"):
        return google_idp.handle(state, request)
    if path == CALLBACK_PATH:
        return html_response(404, pages.callback_page())
    parts = path.split("/")
    if request.method == "GET" and len(parts) == 3 and parts[1] in ("j", "s") and parts[2]:
        return html_response(200, pages.join_page(parts[2]))
    if request.method == "GET" and path == "/":
        return html_response(200, pages.home_page(state.base_url))
    return html_response(404, pages.error_page("Not found", "There is no such page."))
