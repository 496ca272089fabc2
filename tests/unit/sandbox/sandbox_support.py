"""Helpers for the sandbox tests: a fake clock, a browser-like form driver, an API client.

The form driver reads the sandbox's HTML with :mod:`html.parser` and submits
forms the way a browser without JavaScript would (hidden fields included,
found by the stable element ids), so the tests exercise the real pages.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import requests
from zoom_schema import validate_error, validate_request, validate_response

from zoomdesk.sandbox import (
    CONFIDENTIAL_CLIENT_ID,
    CONFIDENTIAL_CLIENT_SECRET,
    PUBLIC_CLIENT_ID,
    Sandbox,
)

#: Monday 2 March 2026, 09:00 UTC: before the EU (29 March) DST change.
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
TIMEOUT = 5


class FakeClock:
    """Epoch seconds that move only when a test says so."""

    def __init__(self, start: datetime = START) -> None:
        self.now = start.timestamp()

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def pkce() -> tuple[str, str]:
    """A fresh (verifier, S256 challenge) pair."""
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


# -- pages ------------------------------------------------------------------------


@dataclass
class Form:
    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)
    ids: dict[str, dict[str, str]] = field(default_factory=dict)  # element id -> attributes


class PageParser(HTMLParser):
    """Collects forms, every element id, and the labels' ``for`` targets."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[Form] = []
        self.ids: dict[str, tuple[str, dict[str, str]]] = {}
        self.label_targets: list[str] = []
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append((tag, a))
        if "id" in a:
            self.ids[a["id"]] = (tag, a)
        if tag == "label" and "for" in a:
            self.label_targets.append(a["for"])
        if tag == "form":
            self.forms.append(Form(a.get("action", ""), a.get("method", "get").lower()))
        elif self.forms and tag in ("input", "button"):
            form = self.forms[-1]
            if "id" in a:
                form.ids[a["id"]] = a
            if tag == "input" and a.get("name") and a.get("type") != "submit":
                form.fields[a["name"]] = a.get("value", "")


def parse_page(html: str) -> PageParser:
    parser = PageParser()
    parser.feed(html)
    return parser


def submit(
    session: requests.Session, page: requests.Response, button_id: str, **overrides: str
) -> requests.Response:
    """Submit the form holding element ``button_id`` (as a browser would, no redirects)."""
    parsed = parse_page(page.text)
    form = next(f for f in parsed.forms if button_id in f.ids)
    data = {**form.fields, **overrides}
    button = form.ids[button_id]
    if button.get("name"):
        data[button["name"]] = button.get("value", "")
    assert form.method == "post"
    return session.post(
        urljoin(page.url, form.action), data=data, allow_redirects=False, timeout=TIMEOUT
    )


def authorize_params(
    sandbox: Sandbox,
    client_id: str = PUBLIC_CLIENT_ID,
    *,
    challenge: str | None = None,
    method: str | None = "S256",
    state: str = "state-123",
    redirect_uri: str | None = None,
) -> dict[str, str]:
    params = {
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": redirect_uri or sandbox.redirect_uri,
        "state": state,
    }
    if challenge is not None:
        params["code_challenge"] = challenge
    if method is not None:
        params["code_challenge_method"] = method
    return params


def open_authorize(session: requests.Session, sandbox: Sandbox, **params: str) -> requests.Response:
    return session.get(
        sandbox.url + "/oauth/authorize", params=params, allow_redirects=False, timeout=TIMEOUT
    )


def sign_in_and_answer(
    session: requests.Session, sandbox: Sandbox, params: dict[str, str], decision: str = "allow"
) -> requests.Response:
    """Authorize page → sign in → consent; returns the final 302."""
    page = open_authorize(session, sandbox, **params)
    assert page.status_code == 200, page.text
    consent = submit(session, page, "signin")
    assert consent.status_code == 200, consent.text
    return submit(session, consent, decision)


def redirect_query(response: requests.Response) -> dict[str, str]:
    assert response.status_code == 302, response.text
    return {k: v[0] for k, v in parse_qs(urlsplit(response.headers["Location"]).query).items()}


def code_grant(
    sandbox: Sandbox, code: str, verifier: str, redirect_uri: str | None = None
) -> dict[str, str]:
    """The form of an authorization-code token request."""
    return {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": redirect_uri or sandbox.redirect_uri,
        "code_verifier": verifier,
    }


def token_request(
    session: requests.Session, sandbox: Sandbox, data: dict[str, str], client_id: str
) -> requests.Response:
    """POST /oauth/token with Zoom's client authentication for ``client_id``."""
    if client_id == CONFIDENTIAL_CLIENT_ID:
        auth = (CONFIDENTIAL_CLIENT_ID, CONFIDENTIAL_CLIENT_SECRET)
        return session.post(sandbox.url + "/oauth/token", data=data, auth=auth, timeout=TIMEOUT)
    return session.post(
        sandbox.url + "/oauth/token", data={**data, "client_id": client_id}, timeout=TIMEOUT
    )


def get_code(
    session: requests.Session, sandbox: Sandbox, client_id: str = PUBLIC_CLIENT_ID
) -> tuple[str, str]:
    """Run the browser part; returns (code, verifier)."""
    verifier, challenge = pkce()
    params = authorize_params(sandbox, client_id, challenge=challenge)
    query = redirect_query(sign_in_and_answer(session, sandbox, params))
    return query["code"], verifier


def sign_in(
    session: requests.Session, sandbox: Sandbox, client_id: str = PUBLIC_CLIENT_ID
) -> dict[str, Any]:
    """The whole authorization; returns Zoom's token response."""
    code, verifier = get_code(session, sandbox, client_id)
    response = token_request(session, sandbox, code_grant(sandbox, code, verifier), client_id)
    assert response.status_code == 200, response.text
    tokens: dict[str, Any] = response.json()
    return tokens


# -- REST -------------------------------------------------------------------------


class Api:
    """Calls ``/v2`` with a Bearer token and checks every body against Zoom's schemas.

    Request bodies are checked unless ``valid=False`` (for bodies meant to fail).
    """

    def __init__(self, session: requests.Session, sandbox: Sandbox, token: str) -> None:
        self.session, self.sandbox, self.token = session, sandbox, token

    def call(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        params: dict[str, Any] | None = None,
        valid: bool = True,
        token: str | None = None,
    ) -> requests.Response:
        if body is not None and valid:
            validate_request(method, path, body)
        response = self.session.request(
            method,
            self.sandbox.url + "/v2" + path,
            json=body,
            params=params,
            headers={"Authorization": f"Bearer {token or self.token}"},
            timeout=TIMEOUT,
        )
        if response.ok:
            payload = response.json() if response.content else b""
            validate_response(method, path, response.status_code, payload)
        else:
            validate_error(response.json())
        return response

    def create(self, body: dict[str, Any]) -> dict[str, Any]:
        response = self.call("POST", "/users/me/meetings", body)
        assert response.status_code == 201, response.text
        meeting: dict[str, Any] = response.json()
        return meeting

    def get(self, meeting_id: int, **params: Any) -> dict[str, Any]:
        response = self.call("GET", f"/meetings/{meeting_id}", params=params)
        assert response.status_code == 200, response.text
        meeting: dict[str, Any] = response.json()
        return meeting
