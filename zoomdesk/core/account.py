"""One Zoom account as the CLI and the GUI hold it: settings, tokens, OAuth and REST clients.

All methods block (they may talk to Zoom or take the token lock), so the GUI
calls them through its task runner. Nothing here prints or logs a secret.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping

import requests

from zoomdesk.core import http
from zoomdesk.core.api import ZoomClient
from zoomdesk.core.config import Config, load_config
from zoomdesk.core.errors import (
    AuthRequired,
    NetworkError,
    OAuthError,
    SignInCancelled,
    StoreError,
    ZoomApiError,
    ZoomdeskError,
)
from zoomdesk.core.oauth import AuthorizationAttempt, OAuthClient
from zoomdesk.core.tokens import RefreshManager, TokenSet, TokenStore, store_for
from zoomdesk.core.user import User

log = logging.getLogger(__name__)


class Account:
    """Settings + ``tokens.json`` + refresh manager + ``OAuthClient`` + ``ZoomClient``.

    One HTTP session is shared by the OAuth and REST clients, so a test (or
    the sandbox) can inject a single one.
    """

    def __init__(
        self,
        config: Config,
        store: TokenStore | None = None,
        session: requests.Session | None = None,
    ) -> None:
        self.config = config
        self.session = session or http.new_session()
        # token_storage decides: the keyring or the file (ConfigError: keyring asked, none here).
        self.store = store or store_for(config)
        self.oauth = OAuthClient(config, session=self.session)
        self.manager = RefreshManager(self.store, self.oauth)
        self.client = ZoomClient(self.manager, self.api_url, session=self.session)

    def __repr__(self) -> str:
        return f"Account({self.config!r}, {self.store!r})"

    def api_url(self) -> str:
        """The REST base: the explicit setting, else the one Zoom sent with the tokens."""
        if self.config.api_url:
            return self.config.resolved_api_url(None)
        # Read per call: signing in again (e.g. to ZoomGov) may change it.
        tokens = self.manager.tokens()
        return self.config.resolved_api_url(tokens.api_url if tokens else None)

    def begin_sign_in(self) -> AuthorizationAttempt:
        """A new attempt (state, PKCE pair, authorize URL). Pure: no I/O."""
        return AuthorizationAttempt.start(self.config)

    def finish_sign_in(
        self,
        attempt: AuthorizationAttempt,
        code: str,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> User | None:
        """Exchange the captured code, save the tokens, and return the user (``/users/me``).

        ``cancelled`` is asked between the exchange and the save: a sign-in the
        user cancelled meanwhile writes nothing, its fresh grant is revoked
        (best effort) and SignInCancelled is raised.

        Once the tokens are saved the user is signed in, whatever ``/users/me``
        says next: when Zoom refuses it (an app without the ``user:read`` scope)
        or cannot be reached, the answer is None and the caller asks again later.
        """
        tokens = self.oauth.exchange_code(code, attempt.verifier, attempt.redirect_uri)
        if cancelled():
            self._revoke(tokens)
            raise SignInCancelled()
        try:
            self.store.save(tokens)
        except StoreError:
            # A grant we cannot keep would stay valid at Zoom with no one holding it.
            self._revoke(tokens)
            raise
        log.info("signed in; tokens saved")
        try:
            return User.from_zoom_json(self.client.me())
        except AuthRequired:
            # Zoom refuses the tokens it just issued: keeping them would open the
            # window signed in with a session that cannot work.
            self.store.clear()
            raise
        except (ZoomApiError, NetworkError) as exc:
            log.warning("signed in, but could not read the user's profile: %s", exc)
            return None

    def sign_out(self) -> None:
        """Revoke the grant at Zoom (best effort), then delete the keyring item and ``tokens.json``.

        A failed revoke is logged and ignored: the local sign-out must always
        work, also offline.
        """
        try:
            tokens = self.store.load()
        except ZoomdeskError as exc:
            log.warning("could not read the tokens to revoke them: %s", type(exc).__name__)
            tokens = None
        if tokens is not None:
            self._revoke(tokens)
        self.store.clear()
        log.info("signed out; tokens deleted")

    def _revoke(self, tokens: TokenSet) -> None:
        """Best-effort revoke of a grant; never raises.

        The refresh token goes first because it is the long-lived credential; if
        Zoom refuses that one, the access token is tried, which at Zoom revokes
        the same grant.
        """
        for kind, token in (("refresh", tokens.refresh_token), ("access", tokens.access_token)):
            try:
                self.oauth.revoke(token)
            except OAuthError as exc:
                log.warning("Zoom refused to revoke the %s token (%s)", kind, exc.error)
                continue
            except (ZoomdeskError, requests.RequestException) as exc:
                log.warning("could not revoke the %s token: %s", kind, type(exc).__name__)
            else:
                log.info("revoked the %s token at Zoom", kind)
            break

    def is_signed_in(self) -> bool:
        """True when ``tokens.json`` holds a session (it may still be expired at Zoom)."""
        return self.store.load() is not None


def load_account(flags: Mapping[str, str | None] | None = None) -> Account:
    """Resolve the settings (flag > environment > file) and build the account.

    Raises ConfigError naming the missing or invalid setting.
    """
    return Account(load_config(flags))
