"""The sandbox's side of the browser sign-in: port-blind loopback redirects, the Google stand-in.

Also what tests see of a sign-in: ``oauth_requests`` in the state, with no secret in it.
"""

from __future__ import annotations

import hashlib
import json

import pytest
import requests
from sandbox_support import (
    TIMEOUT,
    authorize_params,
    code_grant,
    open_authorize,
    parse_page,
    pkce,
    redirect_query,
    sign_in_and_answer,
    submit,
    token_request,
)

from zoomdesk.sandbox import PUBLIC_CLIENT_ID, Sandbox
from zoomdesk.sandbox.model import Client
from zoomdesk.sandbox.oauth_routes import redirect_matches

QT_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "QtWebEngine/6.8.1 Chrome/122.0.6261.171 Safari/537.36"
)
DESKTOP_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36"
)


# -- port-blind loopback redirects ------------------------------------------------------------


@pytest.mark.parametrize(
    ("registered", "given", "matches"),
    [
        # Same path, any port: matches (Zoom's "PKCE loopback"; RFC 8252 §7.3).
        ("http://127.0.0.1:27183/zoomdesk/callback", "http://127.0.0.1:27183/zoomdesk/callback", 1),
        ("http://127.0.0.1:27183/zoomdesk/callback", "http://127.0.0.1:50001/zoomdesk/callback", 1),
        ("http://127.0.0.1:27183/zoomdesk/callback", "http://127.0.0.1/zoomdesk/callback", 1),
        ("http://127.0.0.1/zoomdesk/callback", "http://127.0.0.1:40000/zoomdesk/callback", 1),
        ("http://[::1]:27183/zoomdesk/callback", "http://[::1]:50001/zoomdesk/callback", 1),
        # Another path, host, scheme or an added query: no match.
        ("http://127.0.0.1:27183/zoomdesk/callback", "http://127.0.0.1:50001/zoomdesk/other", 0),
        (
            "http://127.0.0.1:27183/zoomdesk/callback",
            "http://127.0.0.1:50001/zoomdesk/callback/",
            0,
        ),
        ("http://127.0.0.1:27183/zoomdesk/callback", "http://localhost:50001/zoomdesk/callback", 0),
        ("http://127.0.0.1:27183/zoomdesk/callback", "http://127.0.0.2:50001/zoomdesk/callback", 0),
        ("http://127.0.0.1:27183/zoomdesk/callback", "http://[::1]:50001/zoomdesk/callback", 0),
        (
            "http://127.0.0.1:27183/zoomdesk/callback",
            "https://127.0.0.1:50001/zoomdesk/callback",
            0,
        ),
        ("http://127.0.0.1:27183/zoomdesk/callback", "http://127.0.0.1:5x/zoomdesk/callback", 0),
        ("http://127.0.0.1:27183/cb", "http://127.0.0.1:50001/cb?x=1", 0),
        ("http://127.0.0.1:27183/cb", "http://user@127.0.0.1:50001/cb", 0),
        # Not loopback: exactly as registered, port included.
        ("https://example.com/zoomdesk/callback", "https://example.com/zoomdesk/callback", 1),
        ("https://example.com/zoomdesk/callback", "https://example.com:8443/zoomdesk/callback", 0),
        ("http://localhost:27183/zoomdesk/callback", "http://localhost:50001/zoomdesk/callback", 0),
    ],
)
def test_loopback_redirects_match_on_any_port(registered: str, given: str, matches: int) -> None:
    assert redirect_matches(Client("public", registered), given) is bool(matches)


def test_a_confidential_client_matches_exactly_even_on_loopback() -> None:
    client = Client("conf", "http://127.0.0.1:27183/zoomdesk/callback", "secret")
    assert redirect_matches(client, "http://127.0.0.1:27183/zoomdesk/callback")
    assert not redirect_matches(client, "http://127.0.0.1:50001/zoomdesk/callback")


def test_a_sign_in_on_another_port_goes_through(
    session: requests.Session, sandbox: Sandbox
) -> None:
    sandbox.register_client("loopback-app", "http://127.0.0.1:27183/zoomdesk/callback")
    listened = "http://127.0.0.1:50001/zoomdesk/callback"
    verifier, challenge = pkce()
    params = authorize_params(sandbox, "loopback-app", challenge=challenge, redirect_uri=listened)
    code = redirect_query(sign_in_and_answer(session, sandbox, params))["code"]
    grant = code_grant(sandbox, code, verifier, redirect_uri=listened)
    assert token_request(session, sandbox, grant, "loopback-app").status_code == 200


# -- what tests see of a sign-in --------------------------------------------------------------


def test_oauth_requests_show_what_was_asked_and_no_secret(
    session: requests.Session, sandbox: Sandbox
) -> None:
    verifier, challenge = pkce()
    params = authorize_params(sandbox, challenge=challenge, state="st-" + "q" * 40)
    code = redirect_query(sign_in_and_answer(session, sandbox, params))["code"]
    token_request(session, sandbox, code_grant(sandbox, code, verifier), PUBLIC_CLIENT_ID)
    # A plain GET reads it: no knob token needed.
    state = requests.get(f"{sandbox.url}/_sandbox/state", timeout=TIMEOUT).json()
    authorize, token = state["oauth_requests"]
    assert authorize == {
        "endpoint": "authorize",
        "client_id": PUBLIC_CLIENT_ID,
        "redirect_uri": sandbox.redirect_uri,
        "code_challenge_method": "S256",
        "state_digest": hashlib.sha256(params["state"].encode()).hexdigest()[:16],
    }
    assert token == {
        "endpoint": "token",
        "grant_type": "authorization_code",
        "client_id": PUBLIC_CLIENT_ID,
        "client_auth": "body",
        "redirect_uri": sandbox.redirect_uri,
        "code_verifier_sent": True,
    }
    text = json.dumps(state)
    for secret in (code, verifier, params["state"], challenge):
        assert secret not in text
    sandbox.reset()
    assert sandbox.state()["oauth_requests"] == []


# -- Sign in with Google ----------------------------------------------------------------------


def _google(session: requests.Session, sandbox: Sandbox, agent: str) -> requests.Response:
    session.headers["User-Agent"] = agent
    _, challenge = pkce()
    page = open_authorize(session, sandbox, **authorize_params(sandbox, challenge=challenge))
    assert parse_page(page.text).ids["google"][1]["type"] == "submit"
    return submit(session, page, "google")


def test_google_refuses_an_embedded_browser(session: requests.Session, sandbox: Sandbox) -> None:
    refusal = _google(session, sandbox, QT_AGENT)
    assert refusal.status_code == 403
    assert "This browser or app may not be secure" in refusal.text
    assert "disallowed_useragent" in refusal.text
    parsed = parse_page(refusal.text)
    assert "error-code" in parsed.ids and not parsed.forms
    assert "title" in [t for t, _ in parsed.tags] and ("html", {"lang": "en"}) in parsed.tags


def test_google_signs_in_from_any_other_browser(
    session: requests.Session, sandbox: Sandbox
) -> None:
    chooser = _google(session, sandbox, DESKTOP_AGENT)
    assert chooser.status_code == 200 and "sandbox@zoomdesk.test" in chooser.text
    # The engine cannot slip past the chooser either.
    session.headers["User-Agent"] = QT_AGENT
    assert submit(session, chooser, "account").status_code == 403
    session.headers["User-Agent"] = DESKTOP_AGENT
    consent = submit(session, chooser, "account")
    assert consent.status_code == 200 and "Allow" in consent.text
    answer = redirect_query(submit(session, consent, "allow"))
    assert answer["state"] == "state-123" and answer["code"]


def test_google_pages_want_a_live_sign_in(session: requests.Session, sandbox: Sandbox) -> None:
    session.headers["User-Agent"] = DESKTOP_AGENT
    for path in ("/google/signin", "/google/continue"):
        expired = session.post(sandbox.url + path, data={"request_id": "nope"}, timeout=TIMEOUT)
        assert expired.status_code == 400 and "expired" in expired.text
        assert session.get(sandbox.url + path, timeout=TIMEOUT).status_code == 405
    assert session.get(sandbox.url + "/google/other", timeout=TIMEOUT).status_code == 404
