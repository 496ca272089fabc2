"""Where a session's two tokens are kept: the private file, or one item in the system keyring.

Both write ``tokens.json``. The file storage keeps the whole grant there
(version 1, today's format). The keyring storage writes both tokens into one
keyring item in one call, so that they never disagree, reads it back, and only
then writes the version 2 ``tokens.json``, which holds no token. The store
(``tokens.TokenStore``) holds its lock around every call made here.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal, Protocol

from zoomdesk.core.keyring_vault import Vault
from zoomdesk.core.securefile import write_private_json
from zoomdesk.core.token_set import TokenSet, check_metadata


class MissingItem(Exception):  # noqa: N818 - reads as what happened
    """``tokens.json`` points into the keyring, which has no usable item for it."""


class TokenStorage(Protocol):
    """One place a session can live."""

    kind: Literal["file", "keyring"]

    def read(self, data: Mapping[str, Any]) -> TokenSet:
        """The grant, from ``tokens.json``'s object; ValueError if that is damaged."""
        ...

    def write(self, path: Path, tokens: TokenSet) -> None:
        """Keep ``tokens`` (``path`` is ``tokens.json``); StoreError or KeyringFailed on failure."""
        ...

    def discard(self) -> None:
        """Forget what this storage keeps outside ``tokens.json`` (nothing, for the file)."""
        ...


class FileStorage:
    """Everything in ``tokens.json``: 0600 in a 0700 directory, replaced atomically."""

    kind: Literal["file", "keyring"] = "file"

    def read(self, data: Mapping[str, Any]) -> TokenSet:
        return TokenSet.from_json(data)

    def write(self, path: Path, tokens: TokenSet) -> None:
        write_private_json(path, tokens.to_json())

    def discard(self) -> None:
        return None


class KeyringStorage:
    """Both tokens in one keyring item (the version 1 object as JSON); metadata in the file."""

    kind: Literal["file", "keyring"] = "keyring"

    def __init__(self, vault: Vault, item: str) -> None:
        self.vault = vault
        self.item = item

    def __repr__(self) -> str:
        return f"KeyringStorage({self.vault!r}, {self.item!r})"

    def read(self, data: Mapping[str, Any]) -> TokenSet:
        check_metadata(data)
        return self.read_item()

    def read_item(self) -> TokenSet:
        """The item's grant; MissingItem if there is none or it is damaged."""
        blob = self.vault.get(self.item)  # KeyringFailed: nothing is touched
        if blob is None:
            raise MissingItem("The system keyring has no zoomdesk session for this Zoom app.")
        try:
            return TokenSet.from_json(json.loads(blob))
        except (ValueError, RecursionError, AttributeError):
            # AttributeError: valid JSON that is not an object.
            raise MissingItem("The zoomdesk session in the system keyring is damaged.") from None

    def write(self, path: Path, tokens: TokenSet) -> None:
        # Item first, read back by put(): tokens.json loses no secret before the keyring holds it.
        self.vault.put(self.item, json.dumps(tokens.to_json(), sort_keys=True))
        write_private_json(path, tokens.metadata_json())

    def discard(self) -> None:
        self.vault.delete(self.item)
