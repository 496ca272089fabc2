"""``tokens.json``, the lock that guards it, and the refresh manager.

Zoom access tokens live an hour and every refresh rotates the refresh token:
the old one stops working at once. Losing the answer to a refresh therefore
means signing in again, so the manager refreshes one at a time (the store's
lock spans threads and processes), re-reads the file under the lock before it
calls Zoom, and saves the rotated tokens before anybody uses them.
"""

from __future__ import annotations

import dataclasses
import hmac
import logging
import time
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from zoomdesk.core import paths
from zoomdesk.core.config import validate_value
from zoomdesk.core.errors import AuthReason, AuthRequired, NetworkError, StoreError
from zoomdesk.core.filelock import FileLock
from zoomdesk.core.securefile import (
    DamagedFile,
    damaged,
    read_json_object,
    remove_temp_files,
    write_private_json,
)

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
#: Zoom's access tokens live an hour; used only if a token answer omits expires_in.
DEFAULT_LIFETIME = 3599
#: The last second a datetime can show (9999-12-31T23:59:59Z): no token time lies beyond it.
MAX_EPOCH = 253_402_300_799


@dataclass(frozen=True, kw_only=True)
class TokenSet:
    """One grant from Zoom. Times are UTC epoch seconds. ``repr`` never shows a token."""

    access_token: str
    refresh_token: str
    expires_at: int
    obtained_at: int
    token_type: str = "bearer"  # noqa: S105 - a token type, not a secret
    scope: str = ""
    api_url: str | None = None

    def __repr__(self) -> str:
        return (
            f"TokenSet(access_token=<hidden>, refresh_token=<hidden>, "
            f"token_type={self.token_type!r}, scope={self.scope!r}, "
            f"expires_at={self.expires_at}, api_url={self.api_url!r}, "
            f"obtained_at={self.obtained_at})"
        )

    def expires_in(self, now: float) -> float:
        """Seconds of validity left at ``now`` (negative once expired)."""
        return self.expires_at - now

    @classmethod
    def from_response(cls, data: Mapping[str, Any], now: float) -> TokenSet:
        """Build from Zoom's token answer; ValueError (naming the field) if it is unusable."""
        lifetime = data.get("expires_in", DEFAULT_LIFETIME)
        # Digits as text, as some servers send; past 20 it stays text and is refused
        # below (int() of thousands of digits would raise a ValueError of its own).
        if isinstance(lifetime, str) and lifetime.isascii() and lifetime.isdigit():
            lifetime = int(lifetime) if len(lifetime) <= 20 else lifetime
        obtained = int(now)
        # Bounded so that expires_at is itself a time tokens.json can hold.
        lifetime = _seconds(lifetime, "expires_in", MAX_EPOCH - obtained)
        return cls(
            access_token=_text(data, "access_token", required=True),
            refresh_token=_text(data, "refresh_token", required=True),
            token_type=_text(data, "token_type") or "bearer",
            scope=_text(data, "scope"),
            expires_at=obtained + lifetime,
            obtained_at=obtained,
            api_url=_safe_api_url(_text(data, "api_url")),
        )

    def to_json(self) -> dict[str, Any]:
        """The ``tokens.json`` object (DESIGN.md §3.2)."""
        return {"version": FORMAT_VERSION, **dataclasses.asdict(self)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> TokenSet:
        """Parse a ``tokens.json`` object; ValueError (naming the field, never a value) if bad."""
        version = data.get("version")
        if type(version) is not int or version != FORMAT_VERSION:
            raise ValueError("unsupported format version")
        api_url = data.get("api_url")
        if api_url is not None and not isinstance(api_url, str):
            raise ValueError("api_url is not a string")
        return cls(
            access_token=_text(data, "access_token", required=True),
            refresh_token=_text(data, "refresh_token", required=True),
            token_type=_text(data, "token_type", required=True),
            scope=_text(data, "scope"),
            expires_at=_seconds(data.get("expires_at"), "expires_at"),
            obtained_at=_seconds(data.get("obtained_at"), "obtained_at"),
            api_url=api_url or None,
        )


def _text(data: Mapping[str, Any], key: str, *, required: bool = False) -> str:
    value = data.get(key, None if required else "")
    if not isinstance(value, str) or (required and not value):
        raise ValueError(f"{key} is missing or not a string")
    return value


def _seconds(value: object, key: str, limit: int = MAX_EPOCH) -> int:
    # bool is an int subclass; True is no timestamp.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{key} is missing or not a number")
    # Compared before any conversion: float() of a 400-digit int raises
    # OverflowError. NaN fails both comparisons, infinity the upper one.
    if not 0 <= value <= limit:
        raise ValueError(f"{key} is out of range")
    return int(value)


def _safe_api_url(value: str) -> str | None:
    # The REST calls carry the access token there: the rule of the api_url setting applies.
    problem = validate_value("api_url", value) if value else None
    if problem:
        log.warning("ignoring the api_url in Zoom's token answer: %s", problem)
        return None
    return value or None


class TokenStore:
    """``tokens.json``: 0600 in a 0700 directory, replaced atomically, guarded by ``lock()``.

    ``last_problem`` is the plain-words report of the last damaged file that
    ``load()`` moved aside, for a UI to show; a successful load or save resets it.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or paths.tokens_path()
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.last_problem: str | None = None
        self._lock = FileLock(self.lock_path)

    def __repr__(self) -> str:
        return f"TokenStore({str(self.path)!r})"

    def lock(self) -> AbstractContextManager[None]:
        """Exclusive across threads and processes, re-entrant; StoreError if it stays busy."""
        return self._lock.hold()

    def load(self) -> TokenSet | None:
        """The saved tokens, or None when signed out.

        A damaged file (empty, not JSON, unknown version, wrong shape) is moved
        aside to ``tokens.json.corrupt-<UTC stamp>``, logged and reported in
        ``last_problem``, and the result is None. Reading holds the lock so
        that a damaged file is never confused with one a refresh is replacing.
        """
        with self.lock():
            # Under the lock no save is in flight: any temp file is a killed one's.
            remove_temp_files(self.path)
            try:
                data = read_json_object(self.path)
                if data is None:
                    return None
                try:
                    tokens = TokenSet.from_json(data)
                except ValueError as exc:
                    raise damaged(self.path, str(exc)) from None
            except DamagedFile as exc:
                self.last_problem = f"{exc} You are signed out; sign in again."
                return None
            self.last_problem = None
            return tokens

    def save(self, tokens: TokenSet) -> None:
        """Atomically replace ``tokens.json``; StoreError if that fails (the old file stays)."""
        with self.lock():
            write_private_json(self.path, tokens.to_json())
            self.last_problem = None

    def clear(self) -> None:
        """Delete ``tokens.json`` and leftover temp files (sign-out); the lock file stays."""
        with self.lock():
            remove_temp_files(self.path)
            try:
                self.path.unlink(missing_ok=True)
            except OSError as exc:
                raise StoreError(f"Could not delete {self.path.name}: {exc.strerror}") from None


class TokenRefresher(Protocol):
    """What the manager needs from ``oauth.OAuthClient``; raises AuthRequired on invalid_grant."""

    def refresh(self, refresh_token: str) -> TokenSet: ...


class RefreshManager:
    """Hands out a valid access token, refreshing ahead of expiry and after a rejection.

    On ``invalid_grant`` the manager re-reads the store (another process may
    have rotated the token), and otherwise raises ``AuthRequired(AuthReason.SESSION_ENDED)``
    *without* touching ``tokens.json``: deleting files is ``Account.sign_out``'s
    job, and the next sign-in replaces the file. It remembers the rejected
    refresh token so that it never sends it to Zoom again.
    """

    #: When a refresh fails for network reasons, a token with more than this
    #: many seconds left is still handed out rather than failing the request.
    GRACE_SECONDS = 30.0

    def __init__(
        self,
        store: TokenStore,
        oauth: TokenRefresher,
        clock: Callable[[], float] = time.time,
        leeway: float = 300.0,
    ) -> None:
        self.store = store
        self._oauth = oauth
        self._clock = clock
        self._leeway = leeway
        self._dead_refresh_token: str | None = None

    def tokens(self) -> TokenSet | None:
        return self.store.load()

    def access_token(self) -> str:
        """A token with at least ``leeway`` seconds left, refreshing first if needed."""
        current = self._load()
        if not self._needs_refresh(current):
            return current.access_token
        with self.store.lock():
            current = self._load()  # another thread or process may have refreshed
            if not self._needs_refresh(current):
                return current.access_token
            try:
                return self._refresh_locked(current).access_token
            except NetworkError:
                if current.expires_in(self._clock()) <= self.GRACE_SECONDS:
                    raise
                log.warning("token refresh failed (network); using the current token meanwhile")
                return current.access_token

    def refresh_after_rejection(self, rejected_access_token: str) -> str:
        """After Zoom answered 401 (code 124) to ``rejected_access_token``: a token to retry with.

        If someone else already replaced the rejected token, that one is returned
        without calling Zoom; otherwise the tokens are refreshed.
        """
        with self.store.lock():
            current = self._load()
            replaced = not _same(current.access_token, rejected_access_token)
            if replaced and not self._needs_refresh(current):
                return current.access_token
            return self._refresh_locked(current).access_token

    def _load(self) -> TokenSet:
        tokens = self.store.load()
        if tokens is None:
            raise AuthRequired()
        return tokens

    def _needs_refresh(self, tokens: TokenSet) -> bool:
        return tokens.expires_in(self._clock()) < self._leeway

    def _refresh_locked(self, current: TokenSet) -> TokenSet:
        # Called with the lock held and ``current`` freshly read under it, so
        # the refresh token sent is never a stale copy. At most two rounds:
        # the second only if the store changed under us after invalid_grant.
        for _ in range(2):
            if self._dead_refresh_token is not None and _same(
                current.refresh_token, self._dead_refresh_token
            ):
                break
            try:
                fresh = self._oauth.refresh(current.refresh_token)
            except AuthRequired:
                self._dead_refresh_token = current.refresh_token
                stored = self.store.load()
                if stored is None or _same(stored.refresh_token, current.refresh_token):
                    break
                log.info("refresh token was rotated elsewhere; using the stored one")
                if not self._needs_refresh(stored):
                    return stored
                current = stored
                continue
            if fresh.api_url is None and current.api_url:
                fresh = dataclasses.replace(fresh, api_url=current.api_url)
            # Persist before use: if this raises, the new token is never handed out.
            self.store.save(fresh)
            log.info("access token refreshed; expires in %d s", fresh.expires_in(self._clock()))
            return fresh
        log.warning("Zoom rejected the refresh token; the user must sign in again")
        raise AuthRequired(AuthReason.SESSION_ENDED)


def _same(a: str, b: str) -> bool:
    # surrogatepass: a hand-edited tokens.json may hold lone surrogates; never raise here.
    return hmac.compare_digest(
        a.encode("utf-8", "surrogatepass"), b.encode("utf-8", "surrogatepass")
    )
