"""The two token storages that the store, lock and refresh tests run against.

``file`` is ``tokens.json`` alone; ``keyring`` is the real GNOME Keyring on a
private D-Bus (tests/support/keyring_daemon.py), skipped where it cannot run.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from token_stores import open_store as open_store_at

from zoomdesk.core.tokens import TokenStore


@pytest.fixture(params=["file", pytest.param("keyring", marks=pytest.mark.keyring)])
def token_storage(request: pytest.FixtureRequest) -> str:
    """``file`` or ``keyring`` (then the private keyring is running and empty)."""
    if request.param == "keyring":
        request.getfixturevalue("real_keyring")
    return str(request.param)


@pytest.fixture
def open_store(token_storage: str) -> Callable[[Path], TokenStore]:
    """Opens a new ``TokenStore`` on a path in this test's storage (another process's view)."""
    return lambda path: open_store_at(path, token_storage)
