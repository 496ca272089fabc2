"""Zoom's published request/response schemas, read at test time from ``../shared/zoom-api/``.

The files are never copied into this repository. When the folder is missing,
every helper calls ``pytest.skip`` with the reason, so a checkout without it
still runs the rest of the suite. ``pytest.skip`` only skips in the test's own
thread: a test whose worker threads validate calls ``require()`` before starting them.

Use from any test module (``pythonpath`` in pyproject.toml puts ``tests/support`` on ``sys.path``)::

    from zoom_schema import validate_request, validate_response

    validate_request("POST", "/users/me/meetings", body)       # both exports
    validate_response("GET", "/v2/meetings/85746065", 200, reply)

``path`` may be the template (``/meetings/{meetingId}``) or a concrete path, with
or without the ``/v2`` prefix. By default a body must pass *every* export
(``"2023-10 v2"`` and ``"2023-07 v2.0.0"``); pass ``versions=`` to pick.

Adaptations, made on a copy and only where the export contradicts its own
documentation (each is a gap, not a loosening):

* ``recurrence.weekly_days`` has ``enum: ["1" .. "7"]`` while its description asks
  for comma-separated days (``"1,3"``): it becomes the pattern ``^[1-7](,[1-7])*$``.
* ``format: date-time`` is checked (Draft 4 alone ignores formats) as RFC 3339
  *or* Zoom's documented local form ``yyyy-MM-ddTHH:mm:ss`` (used with
  ``timezone``); ``int64`` is range-checked; ``email`` needs one ``@``.
* ``nullable: true`` (OpenAPI, not JSON Schema) becomes ``type: [T, "null"]``.
* Requests are strict by default: objects that list ``properties`` refuse keys
  they do not list (``additionalProperties: false``), so a misspelt field is
  caught instead of silently ignored by Zoom. Pass ``strict=False`` to relax.
* Meeting ``settings`` newer than the exports (``NEWER_SETTINGS``) are added to
  every meeting settings object, each with the Zoom page that documents it;
  ``test_meeting_options_schema.py`` checks that the exports still lack them.

Two operations zoomdesk uses are not in the cut (``EXTRA_OPERATIONS``): they are
read from the whole 2023-10 export, and the 2023-07 cut is skipped for them.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator, FormatChecker

SHARED_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "zoom-api"
OPERATIONS_FILE = SHARED_DIR / "meetings-api-operations.json"
VERSIONS = ("2023-10 v2", "2023-07 v2.0.0")
LATEST = VERSIONS[0]

_LOCAL_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}")
_RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})")
_WEEKLY_DAYS = "^[1-7](,[1-7])*$"
FULL_EXPORT = SHARED_DIR / "ZoomMeetingAPISpec-2023-10.json"
#: Operations read from the whole 2023-10 export; the 2023-07 cut does not have them.
EXTRA_OPERATIONS = ("GET /users/{userId}/meeting_templates", "GET /meetings/{meetingId}/invitation")
#: Meeting settings newer than both exports, and where Zoom documents them.
NEWER_SETTINGS: dict[str, dict[str, Any]] = {
    # "Create a Meeting API ... auto_start_meeting_summary" (Zoom developer changelog,
    # 2025-12-18 and 2026-03-05: omitted, it inherits the user's setting).
    "auto_start_meeting_summary": {"type": "boolean"},
}


def skip_reason() -> str | None:
    """Why the schema tests cannot run here, or None when they can."""
    if not OPERATIONS_FILE.is_file():
        return f"../shared/zoom-api is missing: {OPERATIONS_FILE} not found"
    return None


def require() -> None:
    """Skip the calling test unless the schemas are here, and load them in this thread."""
    operations()


@functools.cache
def _load() -> dict[str, Any]:
    with OPERATIONS_FILE.open(encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


def operations(version: str = LATEST) -> dict[str, Any]:
    """``{"METHOD /template": operation}`` of one export; skips when the folder is absent."""
    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    ops: dict[str, Any] = _load()[version]
    if version == LATEST:
        ops = {**ops, **_extra_operations()}
    return ops


@functools.cache
def _extra_operations() -> dict[str, Any]:
    """``EXTRA_OPERATIONS`` from the whole export, shaped like the cut's entries."""
    with FULL_EXPORT.open(encoding="utf-8") as f:
        paths = json.load(f)["paths"]
    found: dict[str, Any] = {}
    for key in EXTRA_OPERATIONS:
        method, template = key.split(" ", 1)
        op = paths[template][method.lower()]
        responses = {
            status: (entry.get("content") or {}).get("application/json", {}).get("schema")
            for status, entry in op["responses"].items()
        }
        found[key] = {"requestBody": None, "responses": responses}
    return found


def _absent(method: str, path: str, version: str) -> bool:
    """True when ``version`` is an older cut and the operation is one of ``EXTRA_OPERATIONS``."""
    return version != LATEST and operation_key(method, path) in EXTRA_OPERATIONS


def operation_key(method: str, path: str, version: str = LATEST) -> str:
    """The ``"METHOD /template"`` key matching a template or concrete ``path``."""
    method = method.upper()
    path = "/" + path.split("?", 1)[0].strip("/")
    if path.startswith("/v2/"):
        path = path[3:]
    for key in operations(version):
        op_method, template = key.split(" ", 1)
        pattern = re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template))
        if op_method == method and (template == path or re.fullmatch(pattern, path)):
            return key
    raise LookupError(f"{method} {path} is not among the operations in {OPERATIONS_FILE.name}")


def request_schema(method: str, path: str, version: str = LATEST) -> dict[str, Any]:
    """The request-body schema of an operation, as published (no adaptations)."""
    op = operations(version)[operation_key(method, path, version)]
    if not op.get("requestBody"):
        raise LookupError(f"{method} {path} takes no request body")
    schema: dict[str, Any] = op["requestBody"]
    return schema


def response_schema(
    method: str, path: str, status: int | str, version: str = LATEST
) -> dict[str, Any]:
    """The response-body schema for ``status``, as published. LookupError when it has no body."""
    op = operations(version)[operation_key(method, path, version)]
    entry = op["responses"].get(str(status))
    if entry is None:
        raise LookupError(f"{method} {path} documents no {status} response")
    schema = entry[0] if isinstance(entry, list) else entry
    if not schema:
        raise LookupError(f"{method} {path} documents no body for {status}")
    result: dict[str, Any] = schema
    return result


def _adapt(schema: Any, *, strict: bool) -> Any:
    """A copy with the adaptations in the module docstring."""
    schema = copy.deepcopy(schema)

    def walk(node: Any) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
            return
        if not isinstance(node, dict):
            return
        if node.pop("nullable", False) and isinstance(node.get("type"), str):
            node["type"] = [node["type"], "null"]
        props = node.get("properties")
        if isinstance(props, dict):
            if {"join_before_host", "waiting_room"} <= set(props):  # a meeting's settings
                for key, newer in NEWER_SETTINGS.items():
                    props.setdefault(key, copy.deepcopy(newer))
            days = props.get("weekly_days")
            if isinstance(days, dict) and "enum" in days:
                del days["enum"]
                days["pattern"] = _WEEKLY_DAYS
            if strict:
                node.setdefault("additionalProperties", False)
            for child in props.values():
                walk(child)
        for key in ("items", "allOf", "anyOf", "oneOf", "not", "additionalProperties"):
            if key in node:
                walk(node[key])

    walk(schema)
    return schema


_formats = FormatChecker(formats=())


def _date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not (_RFC3339.fullmatch(value) or _LOCAL_TIME.fullmatch(value)):
        return False
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return False
    return True


def _int64(value: object) -> bool:
    return not isinstance(value, int) or -(2**63) <= value < 2**63


def _email(value: object) -> bool:
    return not isinstance(value, str) or value.count("@") == 1


# Registered by call, not decorator: jsonschema ships no type hints.
_formats.checks("date-time")(_date_time)
_formats.checks("int64")(_int64)
_formats.checks("email")(_email)


def problems(schema: dict[str, Any], body: Any, *, strict: bool = False) -> list[str]:
    """Every way ``body`` breaks ``schema`` (adapted), as ``path: message`` lines."""
    validator = Draft4Validator(_adapt(schema, strict=strict), format_checker=_formats)
    found = []
    for error in sorted(validator.iter_errors(body), key=lambda e: list(map(str, e.path))):
        where = "/".join(str(p) for p in error.absolute_path) or "(body)"
        found.append(f"{where}: {error.message}")
    return found


def request_problems(
    method: str, path: str, body: Any, *, versions: Iterable[str] = VERSIONS, strict: bool = True
) -> list[str]:
    """Problems of a request body against each export, prefixed with the export's name."""
    return [
        f"[{version}] {line}"
        for version in versions
        if not _absent(method, path, version)
        for line in problems(request_schema(method, path, version), body, strict=strict)
    ]


def response_problems(
    method: str, path: str, status: int | str, body: Any, *, versions: Iterable[str] = VERSIONS
) -> list[str]:
    """Problems of a response body against each export (never strict: Zoom adds fields)."""
    found = []
    for version in versions:
        if _absent(method, path, version):
            continue
        try:
            schema = response_schema(method, path, status, version)
        except LookupError:
            if body in (None, b"", ""):
                continue  # a bodiless status, answered without a body
            raise
        found += [f"[{version}] {line}" for line in problems(schema, body)]
    return found


def validate_request(
    method: str, path: str, body: Any, *, versions: Iterable[str] = VERSIONS, strict: bool = True
) -> None:
    """Fail the test (AssertionError listing every problem) unless ``body`` fits the schemas."""
    found = request_problems(method, path, body, versions=versions, strict=strict)
    assert not found, f"{method} {path} request body breaks Zoom's schema:\n" + "\n".join(found)


def validate_response(
    method: str, path: str, status: int | str, body: Any, *, versions: Iterable[str] = VERSIONS
) -> None:
    """Fail the test unless ``body`` fits the documented response for ``status``."""
    found = response_problems(method, path, status, body, versions=versions)
    assert not found, f"{method} {path} {status} response breaks Zoom's schema:\n" + "\n".join(
        found
    )


#: Zoom's REST error body (the export documents none): ``code``, ``message`` and,
#: for validation failures (code 300), ``errors: [{field, message}]``.
ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["code", "message"],
    "properties": {
        "code": {"type": "integer"},
        "message": {"type": "string", "minLength": 1},
        "errors": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["field", "message"],
                "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
                "additionalProperties": False,
            },
        },
    },
    "additionalProperties": False,
}


def validate_error(body: Any) -> None:
    """Fail the test unless ``body`` has Zoom's error shape."""
    found = problems(ERROR_SCHEMA, body)
    assert not found, "error body has the wrong shape:\n" + "\n".join(found)
