"""Plain request/response values passed between the HTTP server and the route modules.

The routes never touch sockets: they get a :class:`Request` and return a
:class:`Response`. That keeps them easy to read and lets the server alone decide
about latency, injected faults and connection handling.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import parse_qs

JSON_TYPE = "application/json;charset=UTF-8"
HTML_TYPE = "text/html; charset=utf-8"

# Pages must not be cached or framed: they carry one-time request ids.
_PAGE_HEADERS = (
    ("Cache-Control", "no-store"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
    (
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
    ),
)


class Headers(Protocol):
    """Case-insensitive header lookup."""

    def get(self, name: str, /) -> str | None: ...


@dataclass(frozen=True)
class Request:
    """One parsed HTTP request. ``path`` never contains the query string."""

    method: str
    path: str
    query: Mapping[str, list[str]]
    headers: Headers
    body: bytes
    client_host: str

    def query_value(self, name: str) -> str | None:
        """The first value of query parameter ``name``, or None."""
        values = self.query.get(name)
        return values[0] if values else None

    def header(self, name: str) -> str | None:
        """A header value (case-insensitive name), or None."""
        return self.headers.get(name)

    def form(self) -> dict[str, str]:
        """The body as an HTML form (first value of each field).

        Only ``application/x-www-form-urlencoded`` bodies count, like Zoom's token
        endpoint: a JSON body yields no fields at all.
        """
        content_type = (self.header("Content-Type") or "").split(";")[0].strip().lower()
        if content_type != "application/x-www-form-urlencoded":
            return {}
        try:
            text = self.body.decode("utf-8")
        except UnicodeDecodeError:
            return {}
        return {k: v[0] for k, v in parse_qs(text, keep_blank_values=True).items()}

    def json(self) -> Any:
        """The body decoded as JSON; raises ValueError when it is not JSON."""
        return json.loads(self.body.decode("utf-8"))


@dataclass
class Response:
    """What a route answers. ``body`` is already encoded."""

    status: int
    body: bytes = b""
    headers: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Drop:
    """Close the connection without answering, after waiting ``delay`` seconds."""

    delay: float = 0.0


Outcome = Response | Drop


def json_response(
    status: int, payload: object, headers: tuple[tuple[str, str], ...] = ()
) -> Response:
    """A JSON answer with Zoom's content type."""
    body = json.dumps(payload, separators=(",", ":")).encode("utf-8")
    return Response(status, body, [("Content-Type", JSON_TYPE), *headers])


def html_response(status: int, html: str) -> Response:
    """An HTML page with the headers every sandbox page carries."""
    return Response(status, html.encode("utf-8"), [("Content-Type", HTML_TYPE), *_PAGE_HEADERS])


def redirect(location: str) -> Response:
    """A 302 to ``location`` (the OAuth redirect back to the app)."""
    return Response(302, b"", [("Location", location), ("Cache-Control", "no-store")])


def empty(status: int = 204) -> Response:
    """An answer without a body (Zoom's 204 for PATCH and DELETE)."""
    return Response(status)
