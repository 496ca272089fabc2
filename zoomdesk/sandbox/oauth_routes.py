"""Zoom's OAuth endpoints: ``/oauth/authorize`` (pages), ``/oauth/token``, ``/oauth/revoke``.

The browser part is three steps, each a plain form: the authorize URL shows
the sign-in page, ``POST /oauth/signin`` checks the password (or *Sign in with
Google* goes through the stand-in provider, ``google_idp.py``) and shows the
consent page, ``POST /oauth/consent`` redirects back to the app. The request
travels between them as a server-side pending-request id. Every authorize and
token request is noted in ``State.oauth_log`` without its secrets (a digest of
the state, whether a verifier came), so tests can check what the app sent.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from urllib.parse import unquote_plus, urlencode, urlsplit

from zoomdesk.sandbox import pages
from zoomdesk.sandbox.httpio import Request, Response, html_response, json_response, redirect
from zoomdesk.sandbox.model import (
    AUTH_CODE_LIFETIME,
    PENDING_LIFETIME,
    SANDBOX_USER,
    AuthCode,
    Client,
    PendingAuthorization,
    User,
)
from zoomdesk.sandbox.state import State

# RFC 7636: a verifier (and a plain challenge) is 43-128 unreserved characters;
# an S256 challenge is 43 base64url characters, which this also accepts.
_PKCE_RE = re.compile(r"[A-Za-z0-9._~-]{43,128}")
_NO_STORE = (("Cache-Control", "no-store"), ("Pragma", "no-cache"))
_ACCOUNT = (SANDBOX_USER.email, SANDBOX_USER.password)  # shown on the sign-in page


def handle(state: State, request: Request) -> Response:
    routes = {
        "/oauth/authorize": ("GET", authorize),
        "/oauth/signin": ("POST", sign_in),
        "/oauth/consent": ("POST", consent),
        "/oauth/token": ("POST", token),
        "/oauth/revoke": ("POST", revoke),
    }
    if request.path not in routes:
        return html_response(404, pages.error_page("Not found", "There is no such page."))
    method, route = routes[request.path]
    if request.method != method:
        return Response(405, b"", [("Allow", method)])
    return route(state, request)


# -- browser steps -------------------------------------------------------------


def authorize(state: State, request: Request) -> Response:
    q = request.query_value
    client_id = q("client_id") or ""
    state.oauth_log.append(
        {
            "endpoint": "authorize",
            "client_id": client_id[:200],
            "redirect_uri": (q("redirect_uri") or "")[:500],
            "code_challenge_method": q("code_challenge_method"),
            "state_digest": digest(q("state")),
        }
    )
    client = state.clients.get(client_id)
    if client is None:
        return html_response(
            400, pages.error_page("Invalid client_id", f"Invalid client_id: {client_id}")
        )
    redirect_uri = q("redirect_uri") or ""
    if not redirect_matches(client, redirect_uri):
        return html_response(
            400, pages.error_page("Invalid redirect", f"Invalid redirect: {redirect_uri}")
        )
    app_state = q("state")
    # From here the redirect URI is trusted, so errors go back to the app (RFC 6749 §4.1.2.1).
    if q("response_type") != "code":
        return redirect(
            _with_query(redirect_uri, error="unsupported_response_type", state=app_state)
        )
    challenge = q("code_challenge")
    method = q("code_challenge_method") or "plain"  # Zoom assumes plain when omitted
    bad_challenge = challenge is not None and not _PKCE_RE.fullmatch(challenge)
    if method not in ("S256", "plain") or bad_challenge or (challenge is None and client.is_public):
        return redirect(_with_query(redirect_uri, error="invalid_request", state=app_state))
    now = state.now()
    for stale in [k for k, v in state.pending.items() if v.expires_at <= now]:
        del state.pending[stale]
    pending = PendingAuthorization(
        request_id=secrets.token_urlsafe(24),
        client_id=client.client_id,
        redirect_uri=redirect_uri,
        state=app_state,
        code_challenge=challenge,
        code_challenge_method=method,
        expires_at=now + PENDING_LIFETIME,
    )
    state.pending[pending.request_id] = pending
    page = pages.sign_in_page(
        pending.request_id, client.client_id, _ACCOUNT, SANDBOX_USER.email, SANDBOX_USER.password
    )
    return html_response(200, page)


def sign_in(state: State, request: Request) -> Response:
    form = request.form()
    pending = find_pending(state, form.get("request_id", ""))
    if pending is None:
        return expired_page()
    email = form.get("email", "")
    user = state.find_user_by_email(email)
    if user is None or not hmac.compare_digest(
        user.password.encode(), form.get("password", "").encode()
    ):
        page = pages.sign_in_page(
            pending.request_id,
            pending.client_id,
            _ACCOUNT,
            email,
            "",
            "The email address or password is incorrect. Try again.",
        )
        return html_response(200, page)
    return signed_in(pending, user)


def signed_in(pending: PendingAuthorization, user: User) -> Response:
    """The user proved who they are (password or identity provider): the consent page."""
    pending.user_id = user.user_id
    name = f"{user.first_name} {user.last_name}"
    return html_response(
        200, pages.consent_page(pending.request_id, pending.client_id, name, user.email)
    )


def consent(state: State, request: Request) -> Response:
    form = request.form()
    pending = find_pending(state, form.get("request_id", ""))
    if pending is None or pending.user_id is None:
        return expired_page()
    decision = form.get("decision")
    if decision not in ("allow", "deny"):
        return html_response(400, pages.error_page("No answer", "Choose Allow or Decline."))
    del state.pending[pending.request_id]  # one answer per request
    if decision == "deny":
        return redirect(
            _with_query(pending.redirect_uri, error="access_denied", state=pending.state)
        )
    now = state.now()
    for stale in [k for k, v in state.codes.items() if v.expires_at <= now]:
        del state.codes[stale]
    code = secrets.token_urlsafe(32)
    state.codes[code] = AuthCode(
        client_id=pending.client_id,
        redirect_uri=pending.redirect_uri,
        user_id=pending.user_id,
        code_challenge=pending.code_challenge,
        code_challenge_method=pending.code_challenge_method,
        expires_at=now + AUTH_CODE_LIFETIME,
    )
    return redirect(_with_query(pending.redirect_uri, code=code, state=pending.state))


def redirect_matches(client: Client, redirect_uri: str) -> bool:
    """Exact match, except that a public client's loopback redirect may use any port.

    Zoom accepts ``http://127.0.0.1:{port}/{path}`` for PKCE clients with any
    port (RFC 8252 §7.3); everything else must be identical.
    """
    if redirect_uri == client.redirect_uri:
        return True
    if not client.is_public:
        return False
    registered, given = urlsplit(client.redirect_uri), urlsplit(redirect_uri)
    try:
        given.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return False
    loopback = registered.scheme == "http" and registered.hostname in ("127.0.0.1", "::1")
    same = (given.scheme, given.hostname, given.path, given.query) == (
        registered.scheme,
        registered.hostname,
        registered.path,
        registered.query,
    )
    return loopback and same and not given.fragment and given.username is None


# -- token endpoint ------------------------------------------------------------


def token(state: State, request: Request) -> Response:
    form = request.form()
    grant_type = form.get("grant_type", "")
    state.token_requests[grant_type[:40] or "(missing)"] += 1
    client = _authenticate(state, request, form)
    note: dict[str, object] = {
        "endpoint": "token",
        "grant_type": grant_type[:40],
        "client_id": client.client_id if client else None,
        "client_auth": "basic" if request.header("Authorization") else "body",
    }
    if grant_type == "authorization_code":
        note["redirect_uri"] = form.get("redirect_uri", "")[:500]
        note["code_verifier_sent"] = bool(form.get("code_verifier"))
    state.oauth_log.append(note)
    if client is None:
        return _invalid_client()
    if grant_type == "authorization_code":
        return _exchange_code(state, client, form)
    if grant_type == "refresh_token":
        grant = state.grant_for_refresh_token(form.get("refresh_token", ""))
        if grant is None or grant.client_id != client.client_id:
            return _oauth_error(400, "invalid_grant", "Invalid Token!")
        return json_response(200, state.rotate(grant), _NO_STORE)
    return _oauth_error(400, "unsupported_grant_type", "Unsupported grant type")


def revoke(state: State, request: Request) -> Response:
    form = request.form()
    state.revoke_requests += 1
    client = _authenticate(state, request, form)
    if client is None:
        return _invalid_client()
    token_value = form.get("token", "")
    if not token_value:
        return _oauth_error(400, "invalid_request", "Invalid Token!")
    # An unknown token, or another client's, is answered like a good one (RFC 7009).
    state.revoke_token(token_value, client.client_id)
    return json_response(200, {"status": "success"})


def _exchange_code(state: State, client: Client, form: dict[str, str]) -> Response:
    code = form.get("code", "")
    record = state.codes.pop(code, None)  # single use: gone after the first attempt
    if record is None or state.now() >= record.expires_at or record.client_id != client.client_id:
        return _oauth_error(400, "invalid_request", f"Invalid authorization code {code}")
    if form.get("redirect_uri") != record.redirect_uri:
        return _oauth_error(400, "invalid_request", "Redirect URI mismatch.")
    if record.code_challenge is not None and not _verifier_ok(
        record, form.get("code_verifier", "")
    ):
        return _oauth_error(400, "invalid_request", "Invalid code_verifier")
    return json_response(
        200, state.issue_grant(client.client_id, record.user_id, state.knobs.scopes), _NO_STORE
    )


def _verifier_ok(record: AuthCode, verifier: str) -> bool:
    if not _PKCE_RE.fullmatch(verifier):
        return False
    if record.code_challenge_method == "S256":
        digest = hashlib.sha256(verifier.encode("ascii")).digest()
        expected = base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
    else:
        expected = verifier
    return hmac.compare_digest(expected, record.code_challenge or "")


def _authenticate(state: State, request: Request, form: dict[str, str]) -> Client | None:
    """Zoom's client authentication: Basic for confidential clients, body id for public ones."""
    if "client_secret" in form:
        return None  # Zoom takes a secret only in the Basic header
    body_id = form.get("client_id")
    header = request.header("Authorization")
    if header is None:
        client = state.clients.get(body_id or "")
        return client if client is not None and client.is_public else None
    scheme, _, credentials = header.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(credentials.strip(), validate=True).decode("utf-8")
    except ValueError:  # binascii.Error and UnicodeDecodeError are ValueErrors
        return None
    # RFC 6749 §2.3.1: each part was form-encoded before base64 (a plain
    # alphanumeric secret, like Zoom's, reads the same either way).
    encoded_id, colon, encoded_secret = decoded.partition(":")
    client_id, secret = unquote_plus(encoded_id), unquote_plus(encoded_secret)
    client = state.clients.get(client_id)
    if not colon or client is None or client.secret is None:
        return None
    if not hmac.compare_digest(client.secret.encode(), secret.encode()):
        return None
    return client if body_id in (None, client_id) else None


def find_pending(state: State, request_id: str) -> PendingAuthorization | None:
    """The sign-in in progress with this id, unless it expired."""
    pending = state.pending.get(request_id)
    if pending is None or state.now() >= pending.expires_at:
        return None
    return pending


def expired_page() -> Response:
    message = "This sign-in page has expired or was already used. Start again from the app."
    return html_response(400, pages.error_page("Sign-in expired", message))


def digest(value: str | None) -> str | None:
    """A short fingerprint of a one-time value: enough to compare, useless to replay."""
    if value is None:
        return None
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _with_query(uri: str, **params: str | None) -> str:
    query = urlencode({k: v for k, v in params.items() if v is not None})
    return f"{uri}{'&' if '?' in uri else '?'}{query}"


def _oauth_error(status: int, error: str, reason: str) -> Response:
    return json_response(status, {"reason": reason, "error": error}, _NO_STORE)


def _invalid_client() -> Response:
    return _oauth_error(401, "invalid_client", "Invalid client_id or client_secret")
