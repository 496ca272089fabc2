"""Token stores for tests that run against both storages (see tests/unit/core/conftest.py)."""

from __future__ import annotations

from pathlib import Path

from zoomdesk.core.tokens import TokenStore

#: The keyring item of the tests' stores (``keyring_vault.item_name`` shape).
ITEM = "tokens:c@zoom.test"


def open_store(path: Path, storage: str) -> TokenStore:
    """A new store on ``path``: ``file``, or ``keyring`` with the tests' item."""
    if storage == "file":
        return TokenStore(path)
    return TokenStore(path, storage=storage, item=ITEM)


def reopen(store: TokenStore) -> TokenStore:
    """Another view of the same store, as another window or process would have."""
    return TokenStore(store.path, storage=store.storage, item=store.item)
