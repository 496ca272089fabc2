"""OAuth as Zoom does it: pages, code exchange with PKCE, refresh rotation, revoke."""

from __future__ import annotations

import base64
from urllib.parse import quote_plus, urlsplit

import pytest
import requests
from sandbox_support import (
    TIMEOUT,
    Api,
    FakeClock,
    authorize_params,
    code_grant,
    get_code,
    open_authorize,
    parse_page,
    pkce,
    redirect_query,
    sign_in,
    sign_in_and_answer,
    submit,
    token_request,
)

from zoomdesk.sandbox import (
    CONFIDENTIAL_CLIENT_ID,
    CONFIDENTIAL_CLIENT_SECRET,
    PUBLIC_CLIENT_ID,
    SANDBOX_EMAIL,
    SANDBOX_PASSWORD,
    Sandbox,
)

INVALID_GRANT = {"reason": "Invalid Token!", "error": "invalid_grant"}
INVALID_CLIENT = {"reason": "Invalid client_id or client_secret", "error": "invalid_client"}
INVALID_TOKEN = {"code": 124, "message": "Invalid access token."}


def me(session: requests.Session, sandbox: Sandbox, token: str) -> requests.Response:
    """``GET /v2/users/me``, its body checked against Zoom's schema (or error shape)."""
    return Api(session, sandbox, token).call("GET", "/users/me")


def refresh(
    session: requests.Session, sandbox: Sandbox, token: str, client_id: str = PUBLIC_CLIENT_ID
) -> requests.Response:
    data = {"grant_type": "refresh_token", "refresh_token": token}
    return token_request(session, sandbox, data, client_id)


def revoke(
    session: requests.Session, sandbox: Sandbox, token: str, client_id: str = PUBLIC_CLIENT_ID
) -> requests.Response:
    return session.post(
        sandbox.url + "/oauth/revoke",
        data={"token": token, "client_id": client_id},
        timeout=TIMEOUT,
    )


def exchange(
    session: requests.Session,
    sandbox: Sandbox,
    code: str,
    verifier: str,
    client_id: str = PUBLIC_CLIENT_ID,
    redirect_uri: str | None = None,
) -> requests.Response:
    return token_request(
        session, sandbox, code_grant(sandbox, code, verifier, redirect_uri), client_id
    )


# -- the whole flow ---------------------------------------------------------------------


def test_public_client_full_flow(session: requests.Session, sandbox: Sandbox) -> None:
    verifier, challenge = pkce()
    params = authorize_params(sandbox, challenge=challenge, state="s-42")
    page = open_authorize(session, sandbox, **params)
    assert page.status_code == 200
    assert page.headers["Content-Type"].startswith("text/html")
    fields = parse_page(page.text)
    assert fields.ids["email"][1]["value"] == SANDBOX_EMAIL
    assert fields.ids["password"][1]["value"] == SANDBOX_PASSWORD
    assert f"Sandbox account: <code>{SANDBOX_EMAIL}</code>" in page.text

    consent = submit(session, page, "signin")
    assert consent.status_code == 200
    assert {"allow", "deny"} <= set(parse_page(consent.text).ids)

    answer = submit(session, consent, "allow")
    location = answer.headers["Location"]
    assert location.startswith(sandbox.redirect_uri + "?")
    query = redirect_query(answer)
    assert set(query) == {"code", "state"}
    assert query["state"] == "s-42"

    response = exchange(session, sandbox, query["code"], verifier)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    tokens = response.json()
    assert set(tokens) == {
        "access_token",
        "token_type",
        "refresh_token",
        "expires_in",
        "scope",
        "api_url",
    }
    assert tokens["token_type"] == "bearer"
    assert tokens["expires_in"] == 3599
    assert tokens["api_url"] == sandbox.url
    assert "meeting:write:meeting" in tokens["scope"].split()

    assert me(session, sandbox, tokens["access_token"]).status_code == 200

    first_refresh = refresh(session, sandbox, tokens["refresh_token"])
    assert first_refresh.status_code == 200
    rotated = first_refresh.json()
    assert rotated["refresh_token"] != tokens["refresh_token"]
    assert rotated["access_token"] != tokens["access_token"]
    assert me(session, sandbox, rotated["access_token"]).status_code == 200

    reused = refresh(session, sandbox, tokens["refresh_token"])
    assert reused.status_code == 400
    assert reused.json() == INVALID_GRANT

    revoked = revoke(session, sandbox, rotated["access_token"])
    assert revoked.status_code == 200
    assert revoked.json() == {"status": "success"}
    after = me(session, sandbox, rotated["access_token"])
    assert after.status_code == 401
    assert after.json() == INVALID_TOKEN
    assert refresh(session, sandbox, rotated["refresh_token"]).json() == INVALID_GRANT

    state = sandbox.state()
    assert state["token_requests"] == {"authorization_code": 1, "refresh_token": 3}
    assert state["callback_hits"] == 0
    assert state["revoke_requests"] == 1


def test_confidential_client_uses_basic_auth(session: requests.Session, sandbox: Sandbox) -> None:
    tokens = sign_in(session, sandbox, CONFIDENTIAL_CLIENT_ID)
    assert me(session, sandbox, tokens["access_token"]).status_code == 200
    rotated = refresh(session, sandbox, tokens["refresh_token"], CONFIDENTIAL_CLIENT_ID)
    assert rotated.status_code == 200
    # A public-style refresh (client_id in the body, no secret) is refused.
    public_style = refresh(session, sandbox, rotated.json()["refresh_token"], "x")
    assert public_style.status_code == 401
    assert public_style.json() == INVALID_CLIENT


@pytest.mark.parametrize(
    ("auth", "body"),
    [
        (None, {"client_id": CONFIDENTIAL_CLIENT_ID}),  # confidential without Basic
        ((CONFIDENTIAL_CLIENT_ID, "wrong"), {}),  # wrong secret
        (None, {"client_id": CONFIDENTIAL_CLIENT_ID, "client_secret": "sandbox-secret"}),
        ((PUBLIC_CLIENT_ID, ""), {}),  # a public client must not send Basic
        (None, {}),  # nobody
        (None, {"client_id": "nobody"}),
        ((CONFIDENTIAL_CLIENT_ID, CONFIDENTIAL_CLIENT_SECRET), {"client_id": PUBLIC_CLIENT_ID}),
    ],
)
def test_client_authentication_is_zoom_strict(
    session: requests.Session,
    sandbox: Sandbox,
    auth: tuple[str, str] | None,
    body: dict[str, str],
) -> None:
    code, verifier = get_code(session, sandbox, CONFIDENTIAL_CLIENT_ID)
    data = {**code_grant(sandbox, code, verifier), **body}
    response = session.post(sandbox.url + "/oauth/token", data=data, auth=auth, timeout=TIMEOUT)
    assert response.status_code == 401
    assert response.json() == INVALID_CLIENT


def test_malformed_basic_header_is_invalid_client(
    session: requests.Session, sandbox: Sandbox
) -> None:
    for header in ("Basic !!!", "Basic " + base64.b64encode(b"no-colon").decode(), "Bearer x"):
        response = session.post(
            sandbox.url + "/oauth/token",
            data={"grant_type": "refresh_token", "refresh_token": "x"},
            headers={"Authorization": header},
            timeout=TIMEOUT,
        )
        assert response.status_code == 401, header
        assert response.json() == INVALID_CLIENT


def basic(client_id: str, secret: str) -> dict[str, str]:
    """RFC 6749 §2.3.1: each part form-encoded, then ``id:secret`` in base64."""
    pair = f"{quote_plus(client_id)}:{quote_plus(secret)}".encode()
    return {"Authorization": "Basic " + base64.b64encode(pair).decode("ascii")}


def test_basic_credentials_are_form_decoded(session: requests.Session, sandbox: Sandbox) -> None:
    redirect = "https://example.com/zoomdesk/callback"
    client_id, secret = "odd app:1", "p%41ss+w/rd=x é"
    sandbox.register_client(client_id, redirect, secret)
    verifier, challenge = pkce()
    params = authorize_params(sandbox, client_id, challenge=challenge, redirect_uri=redirect)
    code = redirect_query(sign_in_and_answer(session, sandbox, params))["code"]
    data = code_grant(sandbox, code, verifier, redirect)
    url = sandbox.url + "/oauth/token"
    # The raw secret (not form-encoded) is another secret: "%41" is "A", "+" a space.
    raw = base64.b64encode(f"{quote_plus(client_id)}:{secret}".encode()).decode("ascii")
    refused = session.post(
        url, data=data, headers={"Authorization": f"Basic {raw}"}, timeout=TIMEOUT
    )
    assert refused.status_code == 401
    assert refused.json() == INVALID_CLIENT
    response = session.post(url, data=data, headers=basic(client_id, secret), timeout=TIMEOUT)
    assert response.status_code == 200, response.text
    # The built-in confidential client's plain secret reads the same either way.
    for header in (basic(CONFIDENTIAL_CLIENT_ID, CONFIDENTIAL_CLIENT_SECRET), None):
        response = session.post(
            sandbox.url + "/oauth/revoke",
            data={"token": "unknown"},
            headers=header,
            auth=None if header else (CONFIDENTIAL_CLIENT_ID, CONFIDENTIAL_CLIENT_SECRET),
            timeout=TIMEOUT,
        )
        assert response.json() == {"status": "success"}


# -- the browser part ----------------------------------------------------------------


def test_decline_redirects_with_access_denied(session: requests.Session, sandbox: Sandbox) -> None:
    _, challenge = pkce()
    params = authorize_params(sandbox, challenge=challenge, state="keep-me")
    answer = sign_in_and_answer(session, sandbox, params, decision="deny")
    assert answer.headers["Location"].startswith(sandbox.redirect_uri + "?")
    assert redirect_query(answer) == {"error": "access_denied", "state": "keep-me"}
    assert sandbox.state()["token_requests"]["authorization_code"] == 0


def test_consent_buttons_work_without_their_names(
    session: requests.Session, sandbox: Sandbox
) -> None:
    """form.submit() from JavaScript sends no button value; each button has its own form."""
    _, challenge = pkce()
    page = open_authorize(session, sandbox, **authorize_params(sandbox, challenge=challenge))
    consent = submit(session, page, "signin")
    form = next(f for f in parse_page(consent.text).forms if "deny" in f.ids)
    answer = session.post(
        sandbox.url + form.action, data=form.fields, allow_redirects=False, timeout=TIMEOUT
    )
    assert redirect_query(answer)["error"] == "access_denied"


@pytest.mark.parametrize("client_id", ["nobody", "<script>alert(1)</script>"])
def test_unknown_client_gets_an_error_page(
    session: requests.Session, sandbox: Sandbox, client_id: str
) -> None:
    _, challenge = pkce()
    params = authorize_params(sandbox, client_id, challenge=challenge)
    response = open_authorize(session, sandbox, **params)
    assert response.status_code == 400
    assert "Location" not in response.headers
    assert "Invalid client_id" in response.text
    assert "<script>" not in response.text


@pytest.mark.parametrize(
    "redirect_uri",
    [
        "https://evil.example/zoomdesk/callback",
        "http://127.0.0.1:{port}/zoomdesk/other",
        "http://127.0.0.1:{port}/zoomdesk/callback?extra=1",
        "http://localhost:{port}/zoomdesk/callback",
        "",
    ],
)
def test_wrong_redirect_uri_gets_an_error_page(
    session: requests.Session, sandbox: Sandbox, redirect_uri: str
) -> None:
    _, challenge = pkce()
    port = urlsplit(sandbox.url).port
    params = authorize_params(sandbox, challenge=challenge)
    params["redirect_uri"] = redirect_uri.format(port=port)
    response = open_authorize(session, sandbox, **params)
    assert response.status_code == 400
    assert "Location" not in response.headers
    assert "Invalid redirect" in response.text


def test_public_loopback_redirect_may_use_another_port(
    session: requests.Session, sandbox: Sandbox
) -> None:
    """Zoom accepts any port on a PKCE client's loopback redirect (RFC 8252 §7.3)."""
    other = "http://127.0.0.1:9/zoomdesk/callback"
    verifier, challenge = pkce()
    params = authorize_params(sandbox, challenge=challenge, redirect_uri=other)
    answer = sign_in_and_answer(session, sandbox, params)
    assert answer.headers["Location"].startswith(other + "?")
    code = redirect_query(answer)["code"]
    # ...but the token request must repeat exactly the URI the code was issued for.
    mismatch = exchange(session, sandbox, code, verifier)
    assert mismatch.status_code == 400
    assert mismatch.json() == {"reason": "Redirect URI mismatch.", "error": "invalid_request"}


def test_confidential_redirect_must_match_exactly(
    session: requests.Session, sandbox: Sandbox
) -> None:
    params = authorize_params(
        sandbox,
        CONFIDENTIAL_CLIENT_ID,
        method=None,
        redirect_uri="http://127.0.0.1:9/zoomdesk/callback",
    )
    assert open_authorize(session, sandbox, **params).status_code == 400


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"response_type": "token"}, "unsupported_response_type"),
        ({"code_challenge_method": "S512"}, "invalid_request"),
        ({"code_challenge": "too-short"}, "invalid_request"),
    ],
)
def test_bad_authorize_parameters_go_back_to_the_app(
    session: requests.Session, sandbox: Sandbox, change: dict[str, str], error: str
) -> None:
    _, challenge = pkce()
    params = {**authorize_params(sandbox, challenge=challenge, state="st"), **change}
    response = open_authorize(session, sandbox, **params)
    assert redirect_query(response) == {"error": error, "state": "st"}


def test_public_client_must_send_a_code_challenge(
    session: requests.Session, sandbox: Sandbox
) -> None:
    params = authorize_params(sandbox, method=None)
    assert redirect_query(open_authorize(session, sandbox, **params))["error"] == "invalid_request"


def test_wrong_password_shows_the_form_again(session: requests.Session, sandbox: Sandbox) -> None:
    _, challenge = pkce()
    page = open_authorize(session, sandbox, **authorize_params(sandbox, challenge=challenge))
    again = submit(session, page, "signin", password="wrong")
    assert again.status_code == 200
    assert 'role="alert"' in again.text
    assert "incorrect" in again.text
    assert f"<code>{SANDBOX_PASSWORD}</code>" in again.text  # the account is still shown
    assert parse_page(again.text).ids["password"][1]["value"] == ""
    assert "signin" in parse_page(again.text).ids
    consent = submit(session, again, "signin", password=SANDBOX_PASSWORD)
    assert "allow" in parse_page(consent.text).ids


def test_consent_without_sign_in_is_refused(session: requests.Session, sandbox: Sandbox) -> None:
    _, challenge = pkce()
    page = open_authorize(session, sandbox, **authorize_params(sandbox, challenge=challenge))
    request_id = parse_page(page.text).forms[0].fields["request_id"]
    response = session.post(
        sandbox.url + "/oauth/consent",
        data={"request_id": request_id, "decision": "allow"},
        allow_redirects=False,
        timeout=TIMEOUT,
    )
    assert response.status_code == 400
    assert "Location" not in response.headers


def test_sign_in_page_expires(
    session: requests.Session, sandbox: Sandbox, clock: FakeClock
) -> None:
    _, challenge = pkce()
    page = open_authorize(session, sandbox, **authorize_params(sandbox, challenge=challenge))
    clock.advance(601)
    response = submit(session, page, "signin")
    assert response.status_code == 400
    assert "expired" in response.text


def test_a_consent_answer_is_used_once(session: requests.Session, sandbox: Sandbox) -> None:
    _, challenge = pkce()
    page = open_authorize(session, sandbox, **authorize_params(sandbox, challenge=challenge))
    consent = submit(session, page, "signin")
    assert submit(session, consent, "allow").status_code == 302
    assert submit(session, consent, "allow").status_code == 400


def test_pages_are_accessible_plain_html(session: requests.Session, sandbox: Sandbox) -> None:
    _, challenge = pkce()
    page = open_authorize(session, sandbox, **authorize_params(sandbox, challenge=challenge))
    consent = submit(session, page, "signin")
    error = open_authorize(session, sandbox, client_id="nobody")
    for response in (page, consent, error):
        parsed = parse_page(response.text)
        tags = [t for t, _ in parsed.tags]
        assert ("html", {"lang": "en"}) in parsed.tags
        assert "h1" in tags and "title" in tags and "main" in tags
        assert "script" not in tags
        assert ":focus-visible" in response.text
        assert all(f.method == "post" for f in parsed.forms)
        assert response.headers["Cache-Control"] == "no-store"
    signin = parse_page(page.text)
    assert {"email", "password"} <= set(signin.label_targets)


# -- token endpoint ------------------------------------------------------------------


def test_wrong_verifier_is_rejected(session: requests.Session, sandbox: Sandbox) -> None:
    code, _ = get_code(session, sandbox)
    response = exchange(session, sandbox, code, pkce()[0])
    assert response.status_code == 400
    assert response.json() == {"reason": "Invalid code_verifier", "error": "invalid_request"}


def test_missing_verifier_is_rejected(session: requests.Session, sandbox: Sandbox) -> None:
    code, _ = get_code(session, sandbox)
    data = {"grant_type": "authorization_code", "code": code, "redirect_uri": sandbox.redirect_uri}
    response = token_request(session, sandbox, data, PUBLIC_CLIENT_ID)
    assert response.json()["error"] == "invalid_request"


def test_plain_is_assumed_when_the_method_is_omitted(
    session: requests.Session, sandbox: Sandbox
) -> None:
    verifier, challenge = pkce()
    # S256 by mistake: the challenge was computed, but the method not sent.
    params = authorize_params(sandbox, challenge=challenge, method=None)
    code = redirect_query(sign_in_and_answer(session, sandbox, params))["code"]
    assert exchange(session, sandbox, code, verifier).status_code == 400

    params = authorize_params(sandbox, challenge=verifier, method=None)
    code = redirect_query(sign_in_and_answer(session, sandbox, params))["code"]
    assert exchange(session, sandbox, code, verifier).status_code == 200


def test_code_is_single_use(session: requests.Session, sandbox: Sandbox) -> None:
    code, verifier = get_code(session, sandbox)
    assert exchange(session, sandbox, code, verifier).status_code == 200
    again = exchange(session, sandbox, code, verifier)
    assert again.status_code == 400
    assert again.json() == {
        "reason": f"Invalid authorization code {code}",
        "error": "invalid_request",
    }


def test_code_expires_after_five_minutes(
    session: requests.Session, sandbox: Sandbox, clock: FakeClock
) -> None:
    code, verifier = get_code(session, sandbox)
    clock.advance(299)
    assert exchange(session, sandbox, code, verifier).status_code == 200
    code, verifier = get_code(session, sandbox)
    clock.advance(300)
    late = exchange(session, sandbox, code, verifier)
    assert late.status_code == 400
    assert late.json()["reason"].startswith("Invalid authorization code")


def test_code_belongs_to_its_client(session: requests.Session, sandbox: Sandbox) -> None:
    code, verifier = get_code(session, sandbox, PUBLIC_CLIENT_ID)
    other = exchange(session, sandbox, code, verifier, CONFIDENTIAL_CLIENT_ID)
    assert other.status_code == 400
    assert other.json()["error"] == "invalid_request"


@pytest.mark.parametrize("grant_type", ["password", "client_credentials", ""])
def test_unsupported_grant_type(
    session: requests.Session, sandbox: Sandbox, grant_type: str
) -> None:
    response = token_request(session, sandbox, {"grant_type": grant_type}, PUBLIC_CLIENT_ID)
    assert response.status_code == 400
    assert response.json() == {
        "reason": "Unsupported grant type",
        "error": "unsupported_grant_type",
    }


def test_token_endpoint_wants_a_form_body(session: requests.Session, sandbox: Sandbox) -> None:
    response = session.post(
        sandbox.url + "/oauth/token",
        json={"grant_type": "refresh_token", "client_id": PUBLIC_CLIENT_ID},
        timeout=TIMEOUT,
    )
    assert response.status_code == 401  # no form: no client_id either


def test_refresh_token_belongs_to_its_client(session: requests.Session, sandbox: Sandbox) -> None:
    tokens = sign_in(session, sandbox)
    stolen = refresh(session, sandbox, tokens["refresh_token"], CONFIDENTIAL_CLIENT_ID)
    assert stolen.status_code == 400
    assert stolen.json() == INVALID_GRANT


def test_refresh_token_lives_90_days(
    session: requests.Session, sandbox: Sandbox, clock: FakeClock
) -> None:
    tokens = sign_in(session, sandbox)
    clock.advance(90 * 24 * 3600)
    assert refresh(session, sandbox, tokens["refresh_token"]).json() == INVALID_GRANT


# -- tokens on the REST API -----------------------------------------------------------


def test_access_token_expires_after_its_ttl(
    session: requests.Session, sandbox: Sandbox, clock: FakeClock
) -> None:
    tokens = sign_in(session, sandbox)
    clock.advance(3598)
    assert me(session, sandbox, tokens["access_token"]).status_code == 200
    clock.advance(1)
    expired = me(session, sandbox, tokens["access_token"])
    assert expired.status_code == 401
    assert expired.json() == INVALID_TOKEN
    fresh = refresh(session, sandbox, tokens["refresh_token"]).json()
    assert me(session, sandbox, fresh["access_token"]).status_code == 200


def test_old_access_token_stays_valid_after_refresh(
    session: requests.Session, sandbox: Sandbox
) -> None:
    tokens = sign_in(session, sandbox)
    refresh(session, sandbox, tokens["refresh_token"])
    assert me(session, sandbox, tokens["access_token"]).status_code == 200


def test_short_ttl_from_the_constructor(session: requests.Session, clock: FakeClock) -> None:
    with Sandbox(access_token_ttl=5, clock=clock) as box:
        tokens = sign_in(session, box)
        assert tokens["expires_in"] == 5
        clock.advance(5)
        assert me(session, box, tokens["access_token"]).json() == INVALID_TOKEN


def test_token_in_the_query_string_is_refused(
    session: requests.Session, sandbox: Sandbox, tokens: dict[str, str]
) -> None:
    token = tokens["access_token"]
    url = sandbox.url + "/v2/users/me"
    alone = session.get(url, params={"access_token": token}, timeout=TIMEOUT)
    assert alone.status_code == 401
    assert alone.json() == INVALID_TOKEN
    both = session.get(
        url,
        params={"access_token": token},
        headers={"Authorization": f"Bearer {token}"},
        timeout=TIMEOUT,
    )
    assert both.status_code == 401
    assert both.json() == INVALID_TOKEN


@pytest.mark.parametrize("header", [None, "Bearer", "Bearer unknown-token", "Basic abc", "bearer"])
def test_missing_or_unknown_token(
    session: requests.Session, sandbox: Sandbox, header: str | None
) -> None:
    headers = {"Authorization": header} if header else {}
    response = session.get(sandbox.url + "/v2/users/me", headers=headers, timeout=TIMEOUT)
    assert response.status_code == 401
    assert response.json() == INVALID_TOKEN


def test_revoking_the_refresh_token_ends_the_grant(
    session: requests.Session, sandbox: Sandbox
) -> None:
    tokens = sign_in(session, sandbox)
    other = sign_in(session, sandbox)
    assert revoke(session, sandbox, tokens["refresh_token"]).json() == {"status": "success"}
    assert me(session, sandbox, tokens["access_token"]).json() == INVALID_TOKEN
    assert refresh(session, sandbox, tokens["refresh_token"]).json() == INVALID_GRANT
    # Another sign-in (another grant) is untouched.
    assert me(session, sandbox, other["access_token"]).status_code == 200


def test_revoke_needs_client_authentication(session: requests.Session, sandbox: Sandbox) -> None:
    tokens = sign_in(session, sandbox)
    response = session.post(
        sandbox.url + "/oauth/revoke", data={"token": tokens["access_token"]}, timeout=TIMEOUT
    )
    assert response.status_code == 401
    assert response.json() == INVALID_CLIENT
    # Another client cannot revoke it either (answered like success, as RFC 7009 asks).
    confidential = session.post(
        sandbox.url + "/oauth/revoke",
        data={"token": tokens["access_token"]},
        auth=(CONFIDENTIAL_CLIENT_ID, CONFIDENTIAL_CLIENT_SECRET),
        timeout=TIMEOUT,
    )
    assert confidential.json() == {"status": "success"}
    assert me(session, sandbox, tokens["access_token"]).status_code == 200
    missing = revoke(session, sandbox, "")
    assert missing.status_code == 400


def test_register_client(session: requests.Session, sandbox: Sandbox) -> None:
    redirect = "https://example.com/zoomdesk/callback"
    sandbox.register_client("my-app", redirect, "my-secret")
    verifier, challenge = pkce()
    params = authorize_params(sandbox, "my-app", challenge=challenge, redirect_uri=redirect)
    code = redirect_query(sign_in_and_answer(session, sandbox, params))["code"]
    response = session.post(
        sandbox.url + "/oauth/token",
        data=code_grant(sandbox, code, verifier, redirect),
        auth=("my-app", "my-secret"),
        timeout=TIMEOUT,
    )
    assert response.status_code == 200


def test_callback_url_counts_leaks(session: requests.Session, sandbox: Sandbox) -> None:
    response = session.get(sandbox.redirect_uri + "?code=abc&state=x", timeout=TIMEOUT)
    assert response.status_code == 404
    assert "This URL should never be loaded" in response.text
    assert sandbox.state()["callback_hits"] == 1
