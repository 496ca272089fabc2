"""OAuthClient against a mocked Zoom token endpoint: request shape, client kinds, errors."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest
import requests
import responses

from zoomdesk.core import http
from zoomdesk.core.config import Config
from zoomdesk.core.errors import AuthReason, AuthRequired, NetworkError, OAuthError
from zoomdesk.core.oauth import OAuthClient

OAUTH = "https://zoom.example"
TOKEN_URL = f"{OAUTH}/oauth/token"
REVOKE_URL = f"{OAUTH}/oauth/revoke"
REDIRECT = "https://example.com/zoomdesk/callback"
SECRET = "cl1ent-s3cret-value"
CODE = "auth-c0de-9f8e7d6c5b4a"
VERIFIER = "v3rifier-" + "x" * 50
ACCESS = "eyJhY2Nlc3MiOiIx.eyJ0b2tlbiI6MX0.acc3ss-sig"
REFRESH = "eyJyZWZyZXNoIjoi.eyJ0b2tlbiI6Mn0.r3fresh-sig"
NOW = 1_750_000_000.7

TOKEN_ANSWER = {
    "access_token": ACCESS,
    "token_type": "bearer",
    "refresh_token": REFRESH,
    "expires_in": 3599,
    "scope": "meeting:write user:read",
    "api_url": "https://api.zoom.us",
}


@pytest.fixture
def mocked() -> Iterator[responses.RequestsMock]:
    with responses.RequestsMock() as rsps:
        yield rsps


def public() -> OAuthClient:
    config = Config(client_id="pub-client", redirect_uri=REDIRECT, oauth_url=OAUTH)
    return OAuthClient(config, clock=lambda: NOW)


def confidential() -> OAuthClient:
    config = Config(
        client_id="conf-client", redirect_uri=REDIRECT, oauth_url=OAUTH, client_secret=SECRET
    )
    return OAuthClient(config, clock=lambda: NOW)


def form_of(call: Any) -> dict[str, str]:
    parsed = parse_qs(call.request.body, keep_blank_values=True, strict_parsing=True)
    assert all(len(v) == 1 for v in parsed.values())
    return {k: v[0] for k, v in parsed.items()}


def test_public_code_exchange(mocked: responses.RequestsMock) -> None:
    mocked.post(TOKEN_URL, json=TOKEN_ANSWER)
    tokens = public().exchange_code(CODE, VERIFIER)

    [call] = mocked.calls
    assert form_of(call) == {
        "grant_type": "authorization_code",
        "code": CODE,
        "redirect_uri": REDIRECT,
        "code_verifier": VERIFIER,
        "client_id": "pub-client",
    }
    assert "Authorization" not in call.request.headers
    assert call.request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert "?" not in call.request.url
    assert call.request.req_kwargs["timeout"] == http.DEFAULT_TIMEOUT

    assert tokens.access_token == ACCESS
    assert tokens.refresh_token == REFRESH
    assert tokens.obtained_at == int(NOW)
    assert tokens.expires_at == int(NOW) + 3599
    assert tokens.scope == "meeting:write user:read"
    assert tokens.api_url == "https://api.zoom.us"
    assert tokens.token_type == "bearer"


def test_confidential_code_exchange_uses_basic_auth_and_no_secret_in_the_body(
    mocked: responses.RequestsMock,
) -> None:
    mocked.post(TOKEN_URL, json=TOKEN_ANSWER)
    confidential().exchange_code(CODE, VERIFIER)

    [call] = mocked.calls
    expected = base64.b64encode(f"conf-client:{SECRET}".encode()).decode()
    assert call.request.headers["Authorization"] == f"Basic {expected}"
    form = form_of(call)
    assert form == {
        "grant_type": "authorization_code",
        "code": CODE,
        "redirect_uri": REDIRECT,
        "code_verifier": VERIFIER,
    }
    assert SECRET not in call.request.body


@pytest.mark.parametrize(
    ("client_id", "secret", "encoded"),
    [
        # RFC 6749 §2.3.1: each part form-encoded (application/x-www-form-urlencoded)
        # before base64, so "%", "+", "/", "=" and ":" survive a standard server.
        ("conf-client", "p%41ss+w/rd=x", "conf-client:p%2541ss%2Bw%2Frd%3Dx"),
        ("my app:1", "s3cret é", "my+app%3A1:s3cret+%C3%A9"),
        # Zoom's own: letters and digits, unchanged.
        ("AbC123xyz", "0aB9zQ7xLmN4", "AbC123xyz:0aB9zQ7xLmN4"),
    ],
)
def test_basic_credentials_are_form_encoded_before_base64(
    mocked: responses.RequestsMock, client_id: str, secret: str, encoded: str
) -> None:
    mocked.post(TOKEN_URL, json=TOKEN_ANSWER)
    mocked.post(REVOKE_URL, json={"status": "success"})
    config = Config(
        client_id=client_id, redirect_uri=REDIRECT, oauth_url=OAUTH, client_secret=secret
    )
    client = OAuthClient(config, clock=lambda: NOW)
    client.refresh("old-refresh")
    client.revoke("some-token")

    expected = "Basic " + base64.b64encode(encoded.encode("ascii")).decode("ascii")
    assert [c.request.headers["Authorization"] for c in mocked.calls] == [expected, expected]


def test_refresh_public_and_confidential(mocked: responses.RequestsMock) -> None:
    mocked.post(TOKEN_URL, json=TOKEN_ANSWER)
    mocked.post(TOKEN_URL, json=TOKEN_ANSWER)
    public().refresh("old-refresh")
    confidential().refresh("old-refresh")

    pub, conf = mocked.calls
    assert form_of(pub) == {
        "grant_type": "refresh_token",
        "refresh_token": "old-refresh",
        "client_id": "pub-client",
    }
    assert "Authorization" not in pub.request.headers
    assert form_of(conf) == {"grant_type": "refresh_token", "refresh_token": "old-refresh"}
    assert conf.request.headers["Authorization"].startswith("Basic ")


def test_refresh_without_a_new_refresh_token_keeps_the_old_one(
    mocked: responses.RequestsMock,
) -> None:
    answer = {k: v for k, v in TOKEN_ANSWER.items() if k != "refresh_token"}
    mocked.post(TOKEN_URL, json=answer)
    assert public().refresh("old-refresh").refresh_token == "old-refresh"


def test_revoke_sends_the_token_in_the_body_not_the_url(mocked: responses.RequestsMock) -> None:
    mocked.post(REVOKE_URL, json={"status": "success"})
    mocked.post(REVOKE_URL, body="")
    public().revoke(ACCESS)
    confidential().revoke(REFRESH)

    pub, conf = mocked.calls
    assert form_of(pub) == {"token": ACCESS, "client_id": "pub-client"}
    assert ACCESS not in pub.request.url
    assert "Authorization" not in pub.request.headers
    assert form_of(conf) == {"token": REFRESH}
    assert conf.request.headers["Authorization"].startswith("Basic ")


def test_every_request_passes_the_configured_timeout(mocked: responses.RequestsMock) -> None:
    mocked.post(TOKEN_URL, json=TOKEN_ANSWER)
    mocked.post(REVOKE_URL, json={"status": "success"})
    config = Config(client_id="c", redirect_uri=REDIRECT, oauth_url=OAUTH)
    client = OAuthClient(config, timeout=(1.5, 7.0))
    client.refresh("r")
    client.revoke("t")
    assert [c.request.req_kwargs["timeout"] for c in mocked.calls] == [(1.5, 7.0), (1.5, 7.0)]


def test_a_netrc_entry_is_never_sent(
    mocked: responses.RequestsMock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    netrc = tmp_path / "netrc"
    netrc.write_text("machine zoom.example login someone password netrc-pass\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    mocked.post(TOKEN_URL, json=TOKEN_ANSWER)
    public().exchange_code(CODE, VERIFIER)
    assert "Authorization" not in mocked.calls[0].request.headers


@pytest.mark.parametrize("status", [400, 401])
def test_invalid_grant_means_sign_in_again(mocked: responses.RequestsMock, status: int) -> None:
    answer = {"reason": "Invalid Token!", "error": "invalid_grant"}
    mocked.post(TOKEN_URL, json=answer, status=status)
    mocked.post(TOKEN_URL, json=answer, status=status)
    with pytest.raises(AuthRequired) as refresh_info:
        public().refresh(REFRESH)
    assert refresh_info.value.reason is AuthReason.SESSION_ENDED
    with pytest.raises(AuthRequired) as code_info:
        public().exchange_code(CODE, VERIFIER)
    assert code_info.value.reason is AuthReason.CODE_REFUSED


def test_other_zoom_errors_are_oauth_errors_with_their_fields(
    mocked: responses.RequestsMock,
) -> None:
    mocked.post(
        TOKEN_URL,
        json={"reason": f"Invalid authorization code {CODE}", "error": "invalid_request"},
        status=400,
    )
    with pytest.raises(OAuthError) as info:
        public().exchange_code(CODE, VERIFIER)
    exc = info.value
    assert (exc.error, exc.status) == ("invalid_request", 400)
    assert exc.reason == "Invalid authorization code [redacted]"
    assert CODE not in str(exc)
    assert "invalid_request" in str(exc)


def test_invalid_client_is_an_oauth_error(mocked: responses.RequestsMock) -> None:
    mocked.post(
        TOKEN_URL,
        json={"reason": f"Invalid client_id or client_secret {SECRET}", "error": "invalid_client"},
        status=401,
    )
    with pytest.raises(OAuthError) as info:
        confidential().refresh(REFRESH)
    assert info.value.error == "invalid_client"
    assert info.value.status == 401
    assert SECRET not in str(info.value)
    assert SECRET not in info.value.reason


@pytest.mark.parametrize(
    ("status", "body", "kind", "words"),
    [
        (500, "oops", NetworkError, "HTTP 500"),
        (503, json.dumps({"error": "x"}), NetworkError, "HTTP 503"),
        (400, "<html>bad</html>", OAuthError, "HTTP 400"),
        (302, "", OAuthError, "http_302"),
        (200, "not json", OAuthError, "not a JSON object"),
        (200, "[1, 2]", OAuthError, "not a JSON object"),
        (200, json.dumps({"token_type": "bearer"}), OAuthError, "access_token"),
        (200, json.dumps({**TOKEN_ANSWER, "expires_in": "soon"}), OAuthError, "expires_in"),
        (200, json.dumps({**TOKEN_ANSWER, "expires_in": -1}), OAuthError, "expires_in"),
    ],
)
def test_unusable_answers_give_plain_errors(
    mocked: responses.RequestsMock, status: int, body: str, kind: type[Exception], words: str
) -> None:
    mocked.post(TOKEN_URL, body=body, status=status, headers={"Location": "https://evil/"})
    with pytest.raises(kind) as info:
        public().exchange_code(CODE, VERIFIER)
    assert words in str(info.value)
    assert len(mocked.calls) == 1  # a redirect is never followed


@pytest.mark.parametrize(
    ("failure", "words"),
    [
        (requests.ConnectTimeout("connect timed out"), "did not answer in time"),
        (requests.ReadTimeout("read timed out"), "did not answer in time"),
        (requests.ConnectionError(f"refused {TOKEN_URL}?code={CODE}"), "Could not reach"),
        (requests.exceptions.ChunkedEncodingError("broken"), "Could not reach"),
    ],
)
def test_transport_failures_are_network_errors(
    mocked: responses.RequestsMock, failure: Exception, words: str
) -> None:
    mocked.post(TOKEN_URL, body=failure)
    with pytest.raises(NetworkError) as info:
        public().exchange_code(CODE, VERIFIER)
    message = str(info.value)
    assert words in message
    assert "zoom.example" in message
    assert "?" not in message
    assert CODE not in message and VERIFIER not in message
    assert info.value.__cause__ is None
    assert info.value.__suppress_context__
