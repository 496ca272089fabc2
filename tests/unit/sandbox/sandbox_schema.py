"""Zoom's published schemas for the sandbox tests, read from ``<repo>/../shared/zoom-api/``.

Never copied into the repository; when the folder is missing the caller is
skipped with the reason. Bodies are checked with ``jsonschema``'s Draft 4
validator against the ``"2023-10 v2"`` export, with these adaptations (made on
a copy, each where the export is an OpenAPI document rather than JSON Schema or
contradicts its own text):

* ``nullable: true`` (OpenAPI) becomes ``type: [T, "null"]``;
* ``format`` is checked: ``date-time`` as RFC 3339 or Zoom's documented local
  ``yyyy-MM-ddTHH:mm:ss``, ``int64`` by range, ``email`` by one ``@``;
* ``recurrence.weekly_days`` has ``enum: ["1".."7"]`` but its description asks
  for comma-separated days (``"2,4"``): it becomes ``^[1-7](,[1-7])*$``;
* request bodies are strict (objects refuse keys their schema does not list),
  so a misspelt field in a test body is caught; responses are not (Zoom adds
  ``uuid``, ``host_id`` and ``status``, which the export lacks).
"""

from __future__ import annotations

import copy
import functools
import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator, FormatChecker

SHARED_DIR = Path(__file__).resolve().parents[3] / ".." / "shared" / "zoom-api"
OPERATIONS_FILE = SHARED_DIR / "meetings-api-operations.json"
VERSION = "2023-10 v2"

#: The error bodies the sandbox sends (not in the export, which documents none).
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

_RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")
_LOCAL = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}")


@functools.cache
def _operations() -> dict[str, Any]:
    with OPERATIONS_FILE.open(encoding="utf-8") as f:
        ops: dict[str, Any] = json.load(f)[VERSION]
    return ops


def operations() -> dict[str, Any]:
    """``{"METHOD /template": operation}``; skips the test when the folder is absent."""
    if not OPERATIONS_FILE.is_file():
        pytest.skip(f"Zoom schemas not available: {OPERATIONS_FILE.resolve()} is missing")
    return _operations()


def operation(method: str, path: str) -> dict[str, Any]:
    """The operation for a concrete API path such as ``/users/me/meetings``."""
    path = path.split("?")[0].removeprefix("/v2")
    for key, op in operations().items():
        op_method, template = key.split(" ", 1)
        pattern = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template))
        if op_method == method.upper() and re.fullmatch(pattern, path):
            return dict(op)
    raise LookupError(f"no operation {method} {path} in {OPERATIONS_FILE.name}")


def _date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not (_RFC3339.fullmatch(value) or _LOCAL.fullmatch(value)):
        return False
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


_FORMATS = FormatChecker(formats=())
_FORMATS.checks("date-time")(_date_time)
_FORMATS.checks("int64")(lambda v: not isinstance(v, int) or -(2**63) <= v < 2**63)
_FORMATS.checks("email")(lambda v: not isinstance(v, str) or v.count("@") == 1)


def _adapt(schema: Any, strict: bool) -> Any:
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
            days = props.get("weekly_days")
            if isinstance(days, dict) and "enum" in days:
                del days["enum"]
                days["pattern"] = "^[1-7](,[1-7])*$"
            if strict:
                node.setdefault("additionalProperties", False)
            walk(list(props.values()))
        for key in ("items", "allOf", "anyOf", "oneOf"):
            if key in node:
                walk(node[key])

    walk(schema)
    return schema


def problems(schema: dict[str, Any], body: Any, strict: bool = False) -> list[str]:
    validator = Draft4Validator(_adapt(schema, strict), format_checker=_FORMATS)
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '(body)'}: {e.message}"
        for e in validator.iter_errors(body)
    ]


def check_request(method: str, path: str, body: Any) -> None:
    """Fail unless ``body`` is a valid request body for the operation (strictly)."""
    schema = operation(method, path)["requestBody"]
    found = problems(schema, body, strict=True)
    assert not found, f"{method} {path} request breaks Zoom's schema:\n" + "\n".join(found)


def check_response(method: str, path: str, status: int, body: Any) -> None:
    """Fail unless a success ``body`` fits the documented response for ``status``."""
    entry = operation(method, path)["responses"].get(str(status))
    assert entry is not None, f"{method} {path} documents no {status} response"
    schema = entry[0] if isinstance(entry, list) else entry
    if not schema:
        assert body in (b"", None), f"{method} {path} {status} must have no body"
        return
    found = problems(schema, body)
    assert not found, f"{method} {path} {status} breaks Zoom's schema:\n" + "\n".join(found)


def check_error(body: Any) -> None:
    """Fail unless ``body`` has Zoom's error shape (``code``, ``message``, ``errors``)."""
    found = problems(ERROR_SCHEMA, body)
    assert not found, "error body has the wrong shape:\n" + "\n".join(found)
