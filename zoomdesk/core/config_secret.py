"""A confidential client's secret in the system keyring rather than in ``config.json``.

Moved there like the tokens (DESIGN.md §3.2): the keyring item is written and
read back before ``config.json`` loses the secret; the file then says
``"client_secret_storage": "keyring"`` where the secret was. The item (service
``zoomdesk``, ``client_secret:CLIENT_ID@HOST``, named by the client ID and
OAuth URL in that same file) stands in for the file's value in the
resolution order, so a flag or a variable still outranks it. With
``token_storage`` = ``file`` the secret moves back into the file.
``config.py`` decides what moves when; this module only talks to the keyring.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from zoomdesk.core.errors import ConfigError, KeyringFailed
from zoomdesk.core.keyring_vault import CLIENT_SECRET, item_name, vault_for, vault_for_reading

log = logging.getLogger(__name__)

MARKER = "client_secret_storage"


def in_keyring(raw: Mapping[str, Any]) -> bool:
    """True when ``config.json``'s object says its secret is in the keyring."""
    return raw.get(MARKER) == "keyring" and not raw.get(CLIENT_SECRET)


def item_for(raw: Mapping[str, Any], default_oauth_url: str) -> str | None:
    """The item of the client named in ``raw`` (None without a client ID)."""
    client_id, oauth_url = raw.get("client_id"), raw.get("oauth_url") or default_oauth_url
    if not isinstance(client_id, str) or not client_id.strip() or not isinstance(oauth_url, str):
        return None
    return item_name(CLIENT_SECRET, oauth_url.strip().rstrip("/"), client_id.strip())


def fetch(item: str | None, path: Path) -> str:
    """The secret kept in ``item``; ConfigError (key ``client_secret``) when it cannot be had."""
    if item is None:
        raise ConfigError(
            f"{path.name} says the client secret is in the system keyring, "
            "but names no client ID to find it by.",
            key=CLIENT_SECRET,
            path=path,
        )
    try:
        secret = vault_for_reading("the client secret").get(item)
    except KeyringFailed as exc:
        raise ConfigError(str(exc), key=CLIENT_SECRET, path=path) from None
    if not secret:
        raise ConfigError(
            "The system keyring has no client secret for this Zoom app.",
            key=CLIENT_SECRET,
            path=path,
        )
    return secret


def keep(item: str, secret: str, mode: str) -> bool:
    """Write ``secret`` to ``item`` and read it back; False when it stays in the file.

    It stays for storage ``file``, under ``auto`` without a keyring, and when
    the keyring refuses (logged). ConfigError for ``keyring`` without one.
    """
    vault = vault_for(mode)
    if vault is None:
        return False
    try:
        vault.put(item, secret)
    except KeyringFailed as exc:
        log.warning("the client secret stays in config.json: %s", exc)
        return False
    return True


def forget(item: str) -> None:
    """Delete ``item`` from the keyring; best effort (logged)."""
    try:
        vault_for_reading("the client secret").delete(item)
    except KeyringFailed as exc:
        log.warning("could not delete a client secret from the keyring: %s", exc)
