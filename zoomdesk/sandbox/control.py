"""Test and demo knobs: the ``/_sandbox/`` endpoints and the logic the Python API shares.

Any web page the user visits can send requests to 127.0.0.1 (CSRF), and a
hostile name that resolves to 127.0.0.1 lets a page read the answers (DNS
rebinding). So the endpoints answer a loopback client that names a loopback
``Host`` and sends no foreign ``Origin``; and every request that changes
anything must carry the per-run token (:attr:`State.knob_token`) in the
``X-Sandbox-Token`` header, which a page cannot add without a CORS preflight
the sandbox never grants. A plain ``GET`` (no body) only reads: no token.
Nothing under ``/_sandbox/`` is delayed, faulted or written to the request log.
"""

from __future__ import annotations

import hmac
import ipaddress
import math
from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from zoomdesk.sandbox.faults import FaultError, parse_fault
from zoomdesk.sandbox.httpio import Request, Response, json_response
from zoomdesk.sandbox.model import SCOPES
from zoomdesk.sandbox.state import MAX_PAGE_SIZE, State

PREFIX = "/_sandbox/"
TOKEN_HEADER = "X-Sandbox-Token"
#: Seconds. Above the app's default read timeout (20 s), so latency alone can
#: still make every call time out; any longer only keeps a connection thread
#: asleep for nothing (the ``hang`` fault is the answer that never comes).
MAX_LATENCY = 30.0


class ControlError(ValueError):
    """A knob was given a value it cannot take; the message says why."""


def configure(state: State, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Change ``access_token_ttl`` (s), ``latency`` (s), ``daily_limit``, ``max_page_size``
    (1-300) and/or ``scopes`` (granted by sign-ins from now on)."""
    known = {"access_token_ttl", "latency", "daily_limit", "max_page_size", "scopes"}
    unknown = sorted(set(changes) - known)
    if unknown:
        raise ControlError(f"unknown settings: {', '.join(unknown)}")
    knobs = state.knobs
    if "access_token_ttl" in changes:
        knobs.access_token_ttl = _number(changes, "access_token_ttl", minimum=1, whole=True)
    if "latency" in changes:
        knobs.latency = _number(changes, "latency", 0, whole=False, maximum=MAX_LATENCY)
    if "daily_limit" in changes:
        knobs.daily_limit = _number(changes, "daily_limit", minimum=0, whole=True)
    if "max_page_size" in changes:
        size = _number(changes, "max_page_size", 1, whole=True, maximum=MAX_PAGE_SIZE)
        knobs.max_page_size = size
    if "scopes" in changes:
        knobs.scopes = _scopes(changes["scopes"])
    return asdict(knobs)


def add_faults(state: State, payload: Any) -> list[dict[str, Any]]:
    """Queue one fault (an object) or several (``{"faults": [...]}``); returns the queue."""
    specs = (
        payload.get("faults") if isinstance(payload, dict) and "faults" in payload else [payload]
    )
    if not isinstance(specs, list) or not all(isinstance(s, dict) for s in specs):
        raise ControlError('send a fault object or {"faults": [fault, ...]}')
    try:
        faults = [parse_fault(spec) for spec in specs]
    except FaultError as exc:
        raise ControlError(str(exc)) from exc
    state.faults.extend(faults)
    return [f.to_json() for f in state.faults]


def advance_clock(state: State, seconds: Any) -> float:
    """Move the sandbox's clock forward (codes, tokens and the daily limit follow it)."""
    if isinstance(seconds, bool) or not isinstance(seconds, int | float) or seconds < 0:
        raise ControlError("seconds must be a number >= 0")
    state.clock_offset += float(seconds)
    return state.now()


def handle(state: State, request: Request) -> Response:
    refusal = _refusal(state, request)
    if refusal is not None:
        return json_response(403, {"error": refusal})
    name = request.path.removeprefix(PREFIX)
    try:
        payload = request.json() if request.body else {}
        return _route(state, request.method, name, payload)
    except ValueError as exc:  # ControlError, and a body that is not JSON
        return json_response(400, {"error": str(exc)})


def _route(state: State, method: str, name: str, payload: Any) -> Response:
    result: dict[str, Any]
    if (method, name) == ("GET", "state"):
        result = state.snapshot()
    elif (method, name) == ("POST", "reset"):
        state.reset()
        result = {"status": "success"}
    elif name == "config" and method in ("GET", "POST"):
        result = configure(state, _object(payload))
    elif (method, name) == ("GET", "faults"):
        result = {"faults": [f.to_json() for f in state.faults]}
    elif (method, name) == ("POST", "faults"):
        result = {"faults": add_faults(state, payload)}
    elif (method, name) == ("DELETE", "faults"):
        state.faults.clear()
        result = {"faults": []}
    elif (method, name) == ("POST", "expire-tokens"):
        result = {"expired": state.expire_access_tokens()}
    elif (method, name) == ("POST", "revoke-all"):
        result = {"revoked": state.revoke_all()}
    elif (method, name) == ("POST", "advance-clock"):
        result = {"now": advance_clock(state, _object(payload).get("seconds"))}
    else:
        return json_response(404, {"error": f"no sandbox knob {method} {PREFIX}{name}"})
    return json_response(200, result)


def _object(payload: Any) -> Mapping[str, Any]:
    if not isinstance(payload, dict):
        raise ControlError("the body must be a JSON object")
    return payload


def _number(
    changes: Mapping[str, Any], key: str, minimum: float, whole: bool, maximum: float = math.inf
) -> Any:
    value = changes[key]
    number = isinstance(value, int) or (not whole and isinstance(value, float))
    # Written so that NaN (which JSON bodies may carry) fails too.
    if isinstance(value, bool) or not number or not minimum <= value <= maximum:
        kind = "a whole number" if whole else "a number"
        if maximum == math.inf:
            raise ControlError(f"{key} must be {kind} >= {minimum:g}")
        unit = " (seconds)" if key == "latency" else ""
        raise ControlError(f"{key} must be {kind} from {minimum:g} to {maximum:g}{unit}")
    return value


def _scopes(value: Any) -> str:
    known = SCOPES.split()
    words = value.split() if isinstance(value, str) else None
    if words is None or any(w not in known for w in words):
        raise ControlError(f"scopes must be a space-separated string of: {' '.join(known)}")
    return " ".join(words)


def _refusal(state: State, request: Request) -> str | None:
    """Why this request may not use the knobs, or None when it may."""
    if not _is_loopback(request.client_host):
        return "the sandbox knobs answer loopback clients only"
    host = (request.header("Host") or "").strip().lower()
    if not is_loopback_name(_host_name(host)):
        return "the sandbox knobs answer only a loopback Host (127.0.0.1, [::1] or localhost)"
    origin = request.header("Origin")
    if origin is not None and origin.strip().lower() != f"http://{host}":
        return "the sandbox knobs refuse requests from another Origin (a web page)"
    changes = request.method != "GET" or bool(request.body)
    given = (request.header(TOKEN_HEADER) or "").encode("utf-8", "replace")
    if changes and not hmac.compare_digest(given, state.knob_token.encode("ascii")):
        return f"this knob needs the {TOKEN_HEADER} header the sandbox printed when it started"
    return None


def _host_name(host: str) -> str:
    if host.startswith("["):  # [::1]:PORT
        return host[1:].partition("]")[0]
    return host.rpartition(":")[0] if ":" in host else host


def is_loopback_name(name: str) -> bool:
    """True for ``localhost`` and for loopback addresses (``127.0.0.0/8``, ``::1``)."""
    return name == "localhost" or _is_loopback(name)


def _is_loopback(host: str) -> bool:
    try:
        address = ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)  # ::ffff:127.0.0.1 on a dual-stack socket
    return address.is_loopback or (mapped is not None and mapped.is_loopback)
