"""Zoom sign-in: OAuth 2.0 authorization code with PKCE (RFC 7636), for a desktop app.

The pieces: one-time values (``new_state``, ``new_pkce``); the authorize URL;
the decision the embedded login view takes for every navigation
(``classify_navigation`` in ``navigation.py``, wrapped by ``AuthorizationAttempt``, which allows one
capture per sign-in); and the calls to Zoom's token endpoint (``OAuthClient``).
No code, verifier, token or client secret is ever put in a log line or an
exception message here.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote_plus, urlencode, urlsplit

import requests

from zoomdesk.core import filelock, http
from zoomdesk.core.config import Config
from zoomdesk.core.errors import AuthReason, AuthRequired, NetworkError, OAuthError
from zoomdesk.core.navigation import (  # re-exported: part of the sign-in API
    Allow,
    Captured,
    Denied,
    Navigation,
    Rejected,
    classify_navigation,
    printable,
)
from zoomdesk.core.tokens import TokenSet

log = logging.getLogger(__name__)

#: Total seconds for one token request (see http.with_deadline). A refresh makes
#: it holding the token lock, which other processes wait for only
#: ``filelock.DEFAULT_TIMEOUT``: it must end, and free the lock, well before they give up.
TOKEN_DEADLINE = filelock.DEFAULT_TIMEOUT / 2


def new_state() -> str:
    """A fresh ``state`` value: 256 random bits, URL-safe."""
    return secrets.token_urlsafe(32)


@dataclass(frozen=True)
class PkcePair:
    """A PKCE verifier and its S256 challenge. ``repr`` hides the verifier."""

    verifier: str = field(repr=False)
    challenge: str


def s256_challenge(verifier: str) -> str:
    """``BASE64URL(SHA256(ASCII(verifier)))`` without padding (RFC 7636 §4.2)."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def new_pkce() -> PkcePair:
    """A new pair; the verifier is 86 characters from the unreserved set (512 random bits)."""
    verifier = secrets.token_urlsafe(64)
    return PkcePair(verifier, s256_challenge(verifier))


def authorize_url(
    config: Config, state: str, challenge: str, redirect_uri: str | None = None
) -> str:
    """The Zoom page the login view (or the browser) opens. Always S256: Zoom assumes ``plain``.

    ``redirect_uri`` replaces the configured one: the browser's loopback
    listener may have had to take another port than the registered one.
    """
    query = urlencode(
        {
            "response_type": "code",
            "client_id": config.client_id,
            "redirect_uri": redirect_uri or config.redirect_uri,
            "state": state,
            "code_challenge": challenge,
            "code_challenge_method": "S256",
        }
    )
    return f"{config.oauth_url.rstrip('/')}/oauth/authorize?{query}"


__all__ = [
    "Allow",
    "AuthorizationAttempt",
    "Captured",
    "Denied",
    "Navigation",
    "OAuthClient",
    "PkcePair",
    "Rejected",
    "authorize_url",
    "classify_navigation",
    "new_pkce",
    "new_state",
    "s256_challenge",
]


class AuthorizationAttempt:
    """One sign-in: its state, PKCE pair and authorize ``url``; ``classify`` allows one answer.

    ``redirect_uri`` is the one this attempt sends, in the authorize URL and in
    the token request alike: the configured one unless given (a loopback
    listener's real port).
    """

    def __init__(
        self, config: Config, state: str, pkce: PkcePair, redirect_uri: str | None = None
    ) -> None:
        self.redirect_uri = redirect_uri or config.redirect_uri
        self.state = state
        self.pkce = pkce
        self.url = authorize_url(config, state, pkce.challenge, self.redirect_uri)
        self._finished = False
        self._guard = threading.Lock()

    @classmethod
    def start(cls, config: Config, redirect_uri: str | None = None) -> AuthorizationAttempt:
        """A fresh attempt: new state and PKCE pair, never those of an earlier one."""
        return cls(config, new_state(), new_pkce(), redirect_uri)

    def __repr__(self) -> str:
        return f"AuthorizationAttempt(redirect_uri={self.redirect_uri!r}, finished={self.finished})"

    @property
    def verifier(self) -> str:
        return self.pkce.verifier

    @property
    def finished(self) -> bool:
        """True once a code was captured or a denial seen: the state is single-use."""
        return self._finished

    def classify(self, url: str) -> Navigation:
        decision = classify_navigation(url, self.redirect_uri, self.state)
        if isinstance(decision, Allow):
            return decision
        with self._guard:
            if self._finished:
                return Rejected("This sign-in attempt is already finished.")
            if isinstance(decision, Captured | Denied):
                self._finished = True
        return decision


# --- the token endpoint ---------------------------------------------------------


class OAuthClient:
    """Zoom's ``/oauth/token`` and ``/oauth/revoke``, for public and confidential clients.

    Public client (no secret): ``client_id`` in the form body, no Authorization
    header. Confidential client: HTTP Basic ``client_id:client_secret`` (each
    form-encoded first, RFC 6749 §2.3.1), and the secret never in the body.
    Every request has (connect, read) timeouts.
    """

    def __init__(
        self,
        config: Config,
        session: requests.Session | None = None,
        timeout: http.Timeouts = http.DEFAULT_TIMEOUT,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.config = config
        self._session = session or http.new_session()
        # Also on a timeout given without a total: the lock relation must always hold.
        self._timeout = http.with_deadline(TOKEN_DEADLINE, timeout)
        self._clock = clock

    def exchange_code(self, code: str, verifier: str, redirect_uri: str | None = None) -> TokenSet:
        """Trade a code for tokens; AuthRequired if Zoom calls the code invalid_grant.

        ``redirect_uri`` must be the one the authorize request sent (RFC 6749
        §4.1.3): the attempt's, which differs from the setting when a loopback
        listener took another port.
        """
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri or self.config.redirect_uri,
            "code_verifier": verifier,
        }
        data = self._post("/oauth/token", form, (code, verifier), AuthReason.CODE_REFUSED)
        return self._token_set(data)

    def refresh(self, refresh_token: str) -> TokenSet:
        """Rotate tokens; ``AuthRequired(SESSION_ENDED)`` when Zoom answers invalid_grant."""
        form = {"grant_type": "refresh_token", "refresh_token": refresh_token}
        data = self._post("/oauth/token", form, (refresh_token,), AuthReason.SESSION_ENDED)
        # RFC 6749 §6: without a new refresh token in the answer, the old one stays valid.
        data.setdefault("refresh_token", refresh_token)
        return self._token_set(data)

    def revoke(self, token: str) -> None:
        """Revoke a token at Zoom. It goes in the form body (RFC 7009), never in the URL."""
        self._post(
            "/oauth/revoke", {"token": token}, (token,), AuthReason.SESSION_ENDED, want_json=False
        )

    def _token_set(self, data: dict[str, Any]) -> TokenSet:
        try:
            return TokenSet.from_response(data, self._clock())
        except ValueError as exc:
            raise OAuthError(
                "invalid_response", f"Zoom's token answer is unusable: {exc}"
            ) from None

    def _post(
        self,
        path: str,
        form: dict[str, str],
        hidden: tuple[str, ...],
        invalid_grant: AuthReason,
        want_json: bool = True,
    ) -> dict[str, Any]:
        headers = {"Accept": "application/json"}
        hidden = (*hidden, self.config.client_secret)
        if self.config.is_public_client:
            form = {**form, "client_id": self.config.client_id}
        else:
            # RFC 6749 §2.3.1: both parts form-encoded before base64, so a ":",
            # "%" or "+" in them reaches a standard server as it was typed.
            pair = f"{quote_plus(self.config.client_id)}:{quote_plus(self.config.client_secret)}"
            headers["Authorization"] = "Basic " + base64.b64encode(pair.encode()).decode("ascii")
        url = self.config.oauth_url.rstrip("/") + path
        host = urlsplit(url).netloc
        log.debug("POST %s %s", path, form.get("grant_type", ""))
        try:
            # No redirects: requests would turn a redirected POST into a GET and
            # could carry the form to another host.
            resp = self._session.post(
                url, data=form, headers=headers, timeout=self._timeout, allow_redirects=False
            )
        except requests.Timeout:
            raise NetworkError(f"Zoom sign-in ({host}) did not answer in time.") from None
        except requests.RequestException as exc:
            log.debug("POST %s failed: %s", path, type(exc).__name__)
            raise NetworkError(f"Could not reach Zoom sign-in ({host}).") from None
        status = resp.status_code
        log.debug("POST %s -> HTTP %d", path, status)
        try:
            body = resp.json()
        except ValueError:
            body = None
        fields: dict[str, Any] = body if isinstance(body, dict) else {}
        if status >= 500:
            raise NetworkError(f"Zoom sign-in had a problem (HTTP {status}). Try again later.")
        if status >= 300:
            error = _clean(fields.get("error") or f"http_{status}", hidden, 100)
            reason = _clean(fields.get("reason") or fields.get("error_description"), hidden, 300)
            if error == "invalid_grant":
                raise AuthRequired(invalid_grant)
            raise OAuthError(error, reason or f"HTTP {status}", status)
        if want_json and not isinstance(body, dict):
            raise OAuthError("invalid_response", "Zoom's answer was not a JSON object", status)
        return fields


def _clean(value: object, hidden: tuple[str, ...], limit: int) -> str:
    # Zoom's "reason" may quote what we sent (e.g. the code): never repeat it.
    text = "" if value is None else str(value)
    for secret in hidden:
        if secret:
            text = text.replace(secret, "[redacted]")
    return printable(text, limit)
