"""``tokens.json``, the keyring item behind it, the lock that guards both, the refresh manager.

Zoom access tokens live an hour and every refresh rotates the refresh token:
the old one stops working at once. Losing the answer to a refresh therefore
means signing in again, so the manager refreshes one at a time (the store's
lock spans threads and processes), re-reads the store under the lock before it
calls Zoom, and saves the rotated tokens before anybody uses them.

Where the tokens live follows ``token_storage`` (DESIGN.md §3.1, §3.2): the
file (``tokens.json`` version 1) or one keyring item, with the metadata in a
version 2 ``tokens.json``. The lock and the rules above are the same for
both. A load moves a session to where the setting wants it, and loses
nothing on the way: the new place is written and read back before the old
one is emptied, and if the keyring refuses, the session stays where it was.
"""

from __future__ import annotations

import dataclasses
import hmac
import json
import logging
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from zoomdesk.core import keyring_probe, paths
from zoomdesk.core.errors import AuthReason, AuthRequired, KeyringFailed, NetworkError, StoreError
from zoomdesk.core.filelock import FileLock
from zoomdesk.core.keyring_vault import TOKENS, item_name, vault_for, vault_for_reading
from zoomdesk.core.secret_store import FileStorage, KeyringStorage, MissingItem, TokenStorage
from zoomdesk.core.securefile import DamagedFile, damaged, read_json_object, remove_temp_files
from zoomdesk.core.token_set import FORMAT_VERSION, METADATA_VERSION, TokenSet

if TYPE_CHECKING:
    from zoomdesk.core.config import Config

__all__ = [
    "FORMAT_VERSION",
    "METADATA_VERSION",
    "RefreshManager",
    "TokenSet",
    "TokenStore",
    "store_for",
]

log = logging.getLogger(__name__)


def store_for(config: Config, path: Path | None = None) -> TokenStore:
    """The store ``config`` asks for: its ``token_storage``, its keyring item.

    With ``token_storage`` = ``keyring`` and no keyring this raises ConfigError
    at once, before anybody signs in for nothing.
    """
    if config.token_storage == "keyring":  # noqa: S105 - a storage name, not a secret
        keyring_probe.backend_for("keyring")
    item = item_name(TOKENS, config.oauth_url, config.client_id)
    return TokenStore(path, storage=config.token_storage, item=item)


class TokenStore:
    """``tokens.json`` (0600 in a 0700 directory, replaced atomically), the keyring item
    that holds the tokens when the storage is the keyring, and ``lock()`` around both.

    ``storage`` is ``token_storage``: ``auto``, ``keyring`` or ``file``. ``item``
    names the keyring item (``keyring_vault.item_name``); a store without one
    never touches the keyring, and cannot read a version 2 file.

    ``last_problem`` is the plain-words report of the last damaged file that
    ``load()`` moved aside, or of a keyring item that is gone, for a UI to show;
    a successful load or save resets it. ``notice`` reports keyring trouble that
    left the session where it was (the user is signed in all the same).
    ``where`` is "keyring" or "file" once a load or save has found the session.
    """

    def __init__(
        self, path: Path | None = None, *, storage: str = "file", item: str | None = None
    ) -> None:
        self.path = path or paths.tokens_path()
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.storage = storage
        self.item = item
        self.last_problem: str | None = None
        self.notice: str | None = None
        self.where: str | None = None
        self._lock = FileLock(self.lock_path)
        # The keyring item as last read, with the tokens.json it went with: a D-Bus
        # round trip costs some 15 ms, and a command loads the tokens several times.
        self._memo: tuple[object, TokenSet] | None = None

    def __repr__(self) -> str:
        return f"TokenStore({str(self.path)!r}, storage={self.storage!r})"

    def lock(self) -> AbstractContextManager[None]:
        """Exclusive across threads and processes, re-entrant; StoreError if it stays busy."""
        return self._lock.hold()

    def describe(self) -> str:
        """Where the session is kept, in words: "Secret Service (GNOME Keyring)", say."""
        if self.item is None:
            return keyring_probe.describe("file", "file")
        return keyring_probe.describe(self.where, self.storage)

    def load(self) -> TokenSet | None:
        """The saved tokens, or None when signed out.

        A damaged file (empty, not JSON, unknown version, wrong shape) is moved
        aside to ``tokens.json.corrupt-<UTC stamp>``, logged and reported in
        ``last_problem``, and the result is None; so is a version 2 file whose
        keyring item is gone (the file then stays). A keyring that does not
        answer raises KeyringFailed and changes nothing. Reading holds the lock
        so that a damaged file is never confused with one a refresh is replacing.
        """
        with self.lock():
            # Under the lock no save is in flight: any temp file is a killed one's.
            remove_temp_files(self.path)
            try:
                data = read_json_object(self.path)
                if data is None:
                    self.where = None
                    return None
                found = self._storage_of(data)
                try:
                    tokens = self._read(found, data)
                except ValueError as exc:
                    raise damaged(self.path, str(exc)) from None
            except (DamagedFile, MissingItem) as exc:
                self.last_problem = f"{exc} You are signed out; sign in again."
                self.where = None
                return None
            self.last_problem = None
            return self._settle(tokens, found)

    def save(self, tokens: TokenSet) -> None:
        """Keep ``tokens`` where ``token_storage`` says; StoreError if that fails (old ones stay).

        A keyring that refuses does not lose the grant: it goes to the file
        instead, and ``notice`` says so. The next load moves it into the keyring.
        """
        with self.lock():
            self._memo = None
            before = self._version_on_disk()
            target = self._wanted()
            if target.kind == "keyring":
                try:
                    target.write(self.path, tokens)
                except KeyringFailed as exc:
                    self._refused(exc)
                    target = FileStorage()
            if target.kind == "file":
                target.write(self.path, tokens)
                if before == METADATA_VERSION:
                    self._discard_item()  # it holds an older grant
            self.where = target.kind
            self.last_problem = None

    def clear(self) -> None:
        """Delete the keyring item and ``tokens.json`` with leftover temp files (sign-out).

        The lock file stays. A keyring that does not answer is reported in
        ``notice``; the file goes all the same, so signing out always works.
        """
        with self.lock():
            self._memo = None
            remove_temp_files(self.path)
            if self.item is not None and (
                self._version_on_disk() == METADATA_VERSION
                or (self.storage != "file" and keyring_probe.backend_for_reading() is not None)
            ):
                self._discard_item()
            try:
                self.path.unlink(missing_ok=True)
            except OSError as exc:
                raise StoreError(f"Could not delete {self.path.name}: {exc.strerror}") from None
            self.where = None

    def _storage_of(self, data: dict[str, Any]) -> TokenStorage:
        version = data.get("version")
        if type(version) is not int or version != METADATA_VERSION:
            return FileStorage()  # TokenSet.from_json refuses any other version
        if self.item is None:
            raise StoreError(f"{self.path.name} points into the system keyring; no item was named.")
        return KeyringStorage(vault_for_reading(), self.item)

    def _read(self, found: TokenStorage, data: dict[str, Any]) -> TokenSet:
        if found.kind == "file":
            return found.read(data)
        try:
            stat = self.path.stat()
        except OSError:
            stat = None
        key = (stat and (stat.st_ino, stat.st_mtime_ns, stat.st_size), data)
        # Never under a caller's lock: that read is the "re-read after the lock" and
        # must see the item itself, whatever another process did to it meanwhile.
        if self._memo is not None and self._memo[0] == key and not self._lock.nested():
            return self._memo[1]
        tokens = found.read(data)
        self._memo = (key, tokens)
        return tokens

    def _wanted(self) -> TokenStorage:
        if self.item is not None:
            vault = vault_for(self.storage)  # ConfigError: keyring asked for, none answers
            if vault is not None:
                return KeyringStorage(vault, self.item)
        return FileStorage()

    def _settle(self, tokens: TokenSet, found: TokenStorage) -> TokenSet:
        """Move the session to where ``token_storage`` wants it; on failure it stays where it is."""
        self.where = found.kind
        if found.kind == "keyring" and self.storage != "file":
            return tokens  # where it belongs (or the keyring refused a write meanwhile: stay)
        target = self._wanted()
        if target.kind == found.kind:
            return tokens
        if isinstance(target, KeyringStorage):
            tokens = self._newer_in(target, tokens)
        try:
            target.write(self.path, tokens)
        except KeyringFailed as exc:
            self._refused(exc)
            return tokens
        except StoreError as exc:
            log.warning("could not move the session to the %s: %s", target.kind, exc)
            return tokens
        self._memo = None
        if found.kind == "keyring":
            self._discard_item()
        log.info("moved the session from the %s to the %s", found.kind, target.kind)
        self.where = target.kind
        return tokens

    def _newer_in(self, keyring: KeyringStorage, tokens: TokenSet) -> TokenSet:
        """The keyring item's grant if it is newer than the file's ``tokens``.

        A save can reach the keyring and then fail to write ``tokens.json``
        (disk full): the item then holds the rotated grant and the version 1
        file the one Zoom has already replaced. An older item is a sign-out's
        leftover that the keyring refused to delete.
        """
        try:
            kept = keyring.read_item()
        except (MissingItem, KeyringFailed):
            return tokens  # the write that follows meets the same keyring and says so
        if kept.obtained_at <= tokens.obtained_at:
            return tokens
        log.info("the keyring holds a newer session than %s; keeping that one", self.path.name)
        return kept

    def _discard_item(self) -> None:
        assert self.item is not None
        try:
            KeyringStorage(vault_for_reading(), self.item).discard()
        except KeyringFailed as exc:
            self.notice = f"{exc} Its zoomdesk item may still be there."
            log.warning("could not delete the keyring item: %s", exc)

    def _refused(self, exc: KeyringFailed) -> None:
        keyring_probe.note_refused("locked" if exc.locked else "it did not answer")
        self.notice = f"{exc} The session stays in {self.path.name}."
        log.warning("the keyring refused the session; it stays in %s: %s", self.path.name, exc)

    def _version_on_disk(self) -> int | None:
        try:
            version = json.loads(self.path.read_bytes()).get("version")
        except (OSError, ValueError, AttributeError, RecursionError):
            return None
        return version if type(version) is int else None


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
