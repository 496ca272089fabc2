"""Injected faults: what goes wrong on the next N matching requests.

A fault is described by a small JSON object (the same over HTTP and from
Python)::

    {"kind": "status", "status": 503, "count": 1, "path_prefix": "/v2"}
    {"kind": "drop"}                         # close the socket, no answer
    {"kind": "hang", "seconds": 3}           # say nothing for 3 s, then close
    {"kind": "rate_limit", "retry_after": "2"}   # 429 with Retry-After
    {"kind": "not_json"}                     # 200 with a body that is not JSON

Common keys: ``count`` (default 1), ``path_prefix`` (default ``/``), ``method``
(default any). ``status``, ``not_json``, ``drop`` and ``hang`` also take
``process`` (default false): when true the request takes effect first (a
meeting really is created) and only the answer is lost or spoiled (a 502 from a
gateway; for ``not_json`` the request's own status, 201 for a create), which is
how a client meets the "did my create go through?" case.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

KINDS = ("status", "drop", "hang", "rate_limit", "not_json")
#: The kinds that can let the request take effect before spoiling its answer.
PROCESSING = ("status", "not_json", "drop", "hang")


class FaultError(ValueError):
    """The fault description is not valid; the message says why."""


@dataclass
class Fault:
    kind: str
    count: int = 1
    path_prefix: str = "/"
    method: str | None = None
    status: int = 503
    seconds: float = 0.0
    retry_after: str | None = None
    process: bool = False
    body: dict[str, Any] | None = None

    def matches(self, method: str, path: str) -> bool:
        if self.count <= 0 or not path.startswith(self.path_prefix):
            return False
        return self.method is None or self.method == method

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}


def parse_fault(spec: Mapping[str, Any]) -> Fault:
    """Build a :class:`Fault` from its JSON description, or raise FaultError."""
    known = {"kind", "count", "path_prefix", "method", "status", "seconds"}
    known |= {"retry_after", "process", "body"}
    unknown = sorted(set(spec) - known)
    if unknown:
        raise FaultError(f"unknown fault keys: {', '.join(unknown)}")
    kind = spec.get("kind")
    if kind not in KINDS:
        raise FaultError(f"kind must be one of {', '.join(KINDS)}")
    fault = Fault(kind=str(kind))
    fault.count = _integer(spec, "count", 1, minimum=1)
    prefix = spec.get("path_prefix", "/")
    if not isinstance(prefix, str) or not prefix.startswith("/"):
        raise FaultError("path_prefix must be a path starting with /")
    fault.path_prefix = prefix
    method = spec.get("method")
    if method is not None and not isinstance(method, str):
        raise FaultError("method must be a string such as POST")
    fault.method = method.upper() if method else None
    if kind == "status":
        fault.status = _integer(spec, "status", 503, minimum=400)
        if fault.status > 599:
            raise FaultError("status must be an HTTP error status (400-599)")
        body = spec.get("body")
        if body is not None and not isinstance(body, dict):
            raise FaultError("body must be a JSON object")
        fault.body = body
    if kind == "hang":
        seconds = spec.get("seconds")
        if isinstance(seconds, bool) or not isinstance(seconds, int | float) or seconds < 0:
            raise FaultError("hang needs seconds >= 0")
        fault.seconds = float(seconds)
    if kind == "not_json" and "status" in spec:
        raise FaultError("not_json answers 200, or the request's own status with process")
    if kind in PROCESSING:
        process = spec.get("process", False)
        if not isinstance(process, bool):
            raise FaultError("process must be true or false")
        fault.process = process
    if kind == "rate_limit":
        retry_after = spec.get("retry_after")
        if retry_after is not None and not isinstance(retry_after, str | int):
            raise FaultError('retry_after must be a string such as "2" or an HTTP-date')
        fault.retry_after = None if retry_after is None else str(retry_after)
    return fault


def _integer(spec: Mapping[str, Any], key: str, default: int, minimum: int) -> int:
    value = spec.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise FaultError(f"{key} must be an integer >= {minimum}")
    return value
