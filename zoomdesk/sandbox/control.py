"""Test and demo knobs: the ``/_sandbox/`` endpoints and the logic the Python API shares.

No authentication, so the endpoints answer loopback clients only. Nothing
under ``/_sandbox/`` is delayed, faulted or written to the request log.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from zoomdesk.sandbox.faults import FaultError, parse_fault
from zoomdesk.sandbox.httpio import Request, Response, json_response
from zoomdesk.sandbox.state import State

PREFIX = "/_sandbox/"


class ControlError(ValueError):
    """A knob was given a value it cannot take; the message says why."""


def configure(state: State, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Change ``access_token_ttl`` (s), ``latency`` (s) and/or ``daily_limit``."""
    unknown = sorted(set(changes) - {"access_token_ttl", "latency", "daily_limit"})
    if unknown:
        raise ControlError(f"unknown settings: {', '.join(unknown)}")
    knobs = state.knobs
    if "access_token_ttl" in changes:
        knobs.access_token_ttl = _number(changes, "access_token_ttl", minimum=1, whole=True)
    if "latency" in changes:
        knobs.latency = _number(changes, "latency", minimum=0, whole=False)
    if "daily_limit" in changes:
        knobs.daily_limit = _number(changes, "daily_limit", minimum=0, whole=True)
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
    if not _is_loopback(request.client_host):
        return json_response(403, {"error": "the sandbox knobs answer loopback clients only"})
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


def _number(changes: Mapping[str, Any], key: str, minimum: float, whole: bool) -> Any:
    value = changes[key]
    number = isinstance(value, int) or (not whole and isinstance(value, float))
    if isinstance(value, bool) or not number or value < minimum:
        kind = "a whole number" if whole else "a number"
        raise ControlError(f"{key} must be {kind} >= {minimum:g}")
    return value


def _is_loopback(host: str) -> bool:
    try:
        address = ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)  # ::ffff:127.0.0.1 on a dual-stack socket
    return address.is_loopback or (mapped is not None and mapped.is_loopback)
