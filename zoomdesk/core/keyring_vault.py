"""zoomdesk's items in the system keyring: service ``zoomdesk``, one per OAuth host and client ID.

Every failure of the keyring (locked, unlock prompt dismissed, daemon gone,
D-Bus errors of any kind) becomes one error, ``KeyringFailed``, whose message
says what could not be done; the caller decides what stays where.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

from zoomdesk.core import keyring_probe
from zoomdesk.core.errors import KeyringFailed

log = logging.getLogger(__name__)

SERVICE = "zoomdesk"
TOKENS = "tokens"
CLIENT_SECRET = "client_secret"  # noqa: S105 - the name of an item, not a secret

#: What the keyring and SecretStorage raise when a collection stays locked.
_LOCKED = frozenset({"KeyringLocked", "LockedException", "PromptDismissedException"})


def item_name(kind: str, oauth_url: str, client_id: str) -> str:
    """The item's user name: ``tokens:CLIENT_ID@HOST`` or ``client_secret:CLIENT_ID@HOST``."""
    host = urlsplit(oauth_url).netloc.lower() or oauth_url
    return f"{kind}:{client_id}@{host}"


class Vault:
    """The ``zoomdesk`` items of one keyring backend (see ``keyring_probe``)."""

    def __init__(self, backend: Any) -> None:
        self.backend = backend

    def __repr__(self) -> str:
        return f"Vault({type(self.backend).__name__})"

    def get(self, user: str) -> str | None:
        """The item's secret, or None when there is no such item."""
        try:
            value = self.backend.get_password(SERVICE, user)
        except Exception as exc:
            raise _failure(exc, "read what it keeps there") from None
        return value if isinstance(value, str) else None

    def put(self, user: str, value: str) -> None:
        """Write the item in one call and read it back; KeyringFailed unless it holds ``value``."""
        try:
            self.backend.set_password(SERVICE, user, value)
        except Exception as exc:
            raise _failure(exc, "save the secret there") from None
        if self.get(user) != value:
            raise KeyringFailed(f"{keyring_probe.keyring_name()} did not keep what was saved.")

    def delete(self, user: str) -> bool:
        """Delete the item; False when there was none."""
        if self.get(user) is None:
            return False
        try:
            self.backend.delete_password(SERVICE, user)
        except Exception as exc:
            raise _failure(exc, "delete its item there") from None
        return True


def vault_for(mode: str) -> Vault | None:
    """The keyring new secrets go to under ``token_storage`` ``mode``, or None (the file)."""
    backend = keyring_probe.backend_for(mode)
    return Vault(backend) if backend is not None else None


def vault_for_reading(what: str = "the zoomdesk session") -> Vault:
    """The keyring, to read or delete what was saved there; KeyringFailed when none answers."""
    backend = keyring_probe.backend_for_reading()
    if backend is None:
        reason = keyring_probe.probe().reason
        raise KeyringFailed(
            f"{what.capitalize()} is in the system keyring, which does not answer here ({reason})."
        )
    return Vault(backend)


def _failure(exc: Exception, doing: str) -> KeyringFailed:
    names = {cls.__name__ for cls in type(exc).__mro__}
    locked = bool(names & _LOCKED)
    # The text of a keyring or D-Bus error names the failure, never the secret sent.
    log.warning("keyring failed: %s: %s", type(exc).__name__, str(exc)[:200])
    name = keyring_probe.keyring_name()
    if locked:
        return KeyringFailed(
            f"{name} is locked (the unlock prompt was dismissed or could not be shown), "
            f"so zoomdesk could not {doing}.",
            locked=True,
        )
    if "PasswordSetError" in names:
        return KeyringFailed(f"{name} refused to let zoomdesk {doing}.")
    return KeyringFailed(
        f"{name} did not answer, so zoomdesk could not {doing} ({type(exc).__name__})."
    )
