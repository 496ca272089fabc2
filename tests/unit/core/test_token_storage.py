"""Where the tokens live: moving them between file and keyring, and every way the keyring fails.

A keyring that is locked, refuses mid-way, or loses its daemon must leave the
user signed in with the session where it was, and say so. The failures are
injected with a small in-memory backend (tests/support/fake_keyrings.py);
the same paths against the real GNOME Keyring are in tests/cli/test_keyring.py.
"""

from __future__ import annotations

import dataclasses
import json
import time
from pathlib import Path
from typing import Any

import pytest
from fake_keyrings import MemoryKeyring
from token_stores import ITEM

from zoomdesk.core import keyring_probe
from zoomdesk.core.config import Config
from zoomdesk.core.errors import ConfigError, KeyringFailed, StoreError
from zoomdesk.core.keyring_vault import SERVICE
from zoomdesk.core.tokens import RefreshManager, TokenSet, TokenStore, store_for

TOKENS = TokenSet(
    access_token="eyJhIjoxfQ.eyJ4IjoxfQ.access-secret",
    refresh_token="eyJyIjoxfQ.eyJ4IjoyfQ.refresh-secret",
    expires_at=1_700_003_599,
    obtained_at=1_700_000_000,
    scope="meeting:write",
    api_url="https://api.zoom.us",
)
NEWER = TokenSet(access_token="access-2", refresh_token="refresh-2", expires_at=9, obtained_at=1)


@pytest.fixture
def ring() -> MemoryKeyring:
    backend = MemoryKeyring()
    keyring_probe.pin(backend)
    return backend


def store(tmp_path: Path, storage: str = "auto") -> TokenStore:
    return TokenStore(tmp_path / "tokens.json", storage=storage, item=ITEM)


def seed_v1(tmp_path: Path, tokens: TokenSet = TOKENS) -> Path:
    TokenStore(tmp_path / "tokens.json").save(tokens)  # today's file
    return tmp_path / "tokens.json"


def on_disk(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text())
    return data


def item(ring: MemoryKeyring) -> dict[str, Any] | None:
    blob = ring.items.get((SERVICE, ITEM))
    return json.loads(blob) if blob is not None else None


# --- moving in and out -----------------------------------------------------------


@pytest.mark.parametrize("storage", ["auto", "keyring"])
def test_a_version_1_file_moves_into_the_keyring(
    tmp_path: Path, ring: MemoryKeyring, storage: str
) -> None:
    path = seed_v1(tmp_path)
    s = store(tmp_path, storage)
    assert s.load() == TOKENS
    assert item(ring) == TOKENS.to_json()
    assert on_disk(path) == TOKENS.metadata_json()
    assert on_disk(path)["version"] == 2 and on_disk(path)["storage"] == "keyring"
    assert TOKENS.access_token not in path.read_text()
    assert TOKENS.refresh_token not in path.read_text()
    # Looked for a newer item, written in one call, read back before tokens.json
    # lost the tokens.
    assert ring.calls == ["get", "set", "get"]
    assert (s.where, s.notice) == ("keyring", None)
    assert store(tmp_path, storage).load() == TOKENS


def test_switching_to_file_moves_the_tokens_back(tmp_path: Path, ring: MemoryKeyring) -> None:
    path = seed_v1(tmp_path)
    store(tmp_path).load()
    s = store(tmp_path, "file")
    assert s.load() == TOKENS
    assert on_disk(path) == TOKENS.to_json()
    assert item(ring) is None
    assert s.describe() == "a private file (token_storage = file)"


def test_file_storage_never_asks_the_keyring(tmp_path: Path, ring: MemoryKeyring) -> None:
    seed_v1(tmp_path)
    s = store(tmp_path, "file")
    assert s.load() == TOKENS
    s.save(NEWER)
    s.clear()
    assert ring.calls == []


def test_saves_go_to_the_keyring_in_one_item(tmp_path: Path, ring: MemoryKeyring) -> None:
    s = store(tmp_path)
    s.save(TOKENS)
    s.save(NEWER)
    assert list(ring.items) == [(SERVICE, ITEM)]
    assert item(ring) == NEWER.to_json()
    assert on_disk(s.path) == NEWER.metadata_json()


def test_sign_out_deletes_the_item_and_the_file(tmp_path: Path, ring: MemoryKeyring) -> None:
    s = store(tmp_path)
    s.save(TOKENS)
    s.clear()
    assert ring.items == {}
    assert not s.path.exists()
    assert s.load() is None


def test_a_missing_item_signs_out_and_keeps_the_file(tmp_path: Path, ring: MemoryKeyring) -> None:
    s = store(tmp_path)
    s.save(TOKENS)
    ring.items.clear()
    assert s.load() is None
    assert s.last_problem is not None and "no zoomdesk session" in s.last_problem
    assert on_disk(s.path) == TOKENS.metadata_json()  # nothing moved aside or deleted


def test_a_damaged_item_signs_out(tmp_path: Path, ring: MemoryKeyring) -> None:
    s = store(tmp_path)
    s.save(TOKENS)
    ring.items[(SERVICE, ITEM)] = "[1, 2"
    assert s.load() is None
    assert s.last_problem is not None and "damaged" in s.last_problem
    assert TOKENS.access_token not in s.last_problem


# --- failures: the session stays where it was ---------------------------------------


@pytest.mark.parametrize("failure", ["locked", "dismissed", "refused", "init", "dbus"])
def test_a_failed_move_in_keeps_the_version_1_file(
    tmp_path: Path, ring: MemoryKeyring, failure: str
) -> None:
    path = seed_v1(tmp_path)
    before = path.read_bytes()
    ring.fail["set"] = failure
    s = store(tmp_path)
    assert s.load() == TOKENS  # still signed in
    assert path.read_bytes() == before
    assert s.where == "file"
    assert s.notice is not None and "stays in tokens.json" in s.notice
    assert TOKENS.refresh_token not in s.notice
    # ``auto`` does not ask again in this process (no unlock prompt at every call).
    s.save(NEWER)
    assert on_disk(path) == NEWER.to_json()
    assert ring.calls.count("set") == 1
    assert s.describe().startswith("a private file; the keyring refused")


def test_a_keyring_that_keeps_nothing_is_not_trusted(tmp_path: Path, ring: MemoryKeyring) -> None:
    path = seed_v1(tmp_path)
    before = path.read_bytes()
    ring.keep_nothing = True  # set answers, the read-back finds nothing
    assert store(tmp_path).load() == TOKENS
    assert path.read_bytes() == before


@pytest.mark.parametrize("failure", ["locked", "init", "dbus"])
def test_a_keyring_that_cannot_be_read_changes_nothing(
    tmp_path: Path, ring: MemoryKeyring, failure: str
) -> None:
    s = store(tmp_path)
    s.save(TOKENS)
    before = s.path.read_bytes()
    ring.fail["get"] = failure
    with pytest.raises(KeyringFailed) as info:
        store(tmp_path).load()
    assert info.value.locked is (failure == "locked")
    assert "zoomdesk could not read" in str(info.value)
    assert s.path.read_bytes() == before
    del ring.fail["get"]
    assert store(tmp_path).load() == TOKENS  # back once the keyring answers


def test_a_save_that_reached_only_the_keyring_is_not_undone(
    tmp_path: Path, ring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A version 1 file, then a refresh whose item is written but whose tokens.json
    # is not (disk full): the item holds the rotated grant, the file the old one.
    # Copying the file over the item at the next load would force a new sign-in.
    path = seed_v1(tmp_path)
    rotated = dataclasses.replace(
        TOKENS, access_token="access-3", refresh_token="refresh-3", obtained_at=1_700_003_000
    )

    def disk_full(target: Path, data: object) -> None:
        raise StoreError(f"Could not save {target.name}: No space left on device")

    with monkeypatch.context() as m:
        m.setattr("zoomdesk.core.secret_store.write_private_json", disk_full)
        with pytest.raises(StoreError):
            store(tmp_path).save(rotated)
    assert item(ring) == rotated.to_json() and on_disk(path) == TOKENS.to_json()
    s = store(tmp_path)
    assert s.load() == rotated
    assert item(ring) == rotated.to_json()
    assert on_disk(path) == rotated.metadata_json() and s.where == "keyring"


def test_an_item_older_than_the_version_1_file_is_replaced(
    tmp_path: Path, ring: MemoryKeyring
) -> None:
    # A sign-out whose item delete the keyring refused leaves an older grant there.
    ring.items[(SERVICE, ITEM)] = json.dumps(
        dataclasses.replace(TOKENS, refresh_token="refresh-0", obtained_at=1_600_000_000).to_json()
    )
    path = seed_v1(tmp_path)
    assert store(tmp_path).load() == TOKENS
    assert item(ring) == TOKENS.to_json() and on_disk(path) == TOKENS.metadata_json()


@pytest.mark.parametrize("failure", ["locked", "refused", "dbus"])
def test_a_refused_save_keeps_the_new_tokens_in_the_file(
    tmp_path: Path, ring: MemoryKeyring, failure: str
) -> None:
    # A refresh's answer must never be lost: Zoom has already rotated the token.
    s = store(tmp_path)
    s.save(TOKENS)
    ring.fail["set"] = failure
    s.save(NEWER)
    assert on_disk(s.path) == NEWER.to_json()
    assert s.load() == NEWER
    assert s.notice is not None


def test_sign_out_without_a_keyring_still_deletes_the_file(
    tmp_path: Path, ring: MemoryKeyring
) -> None:
    s = store(tmp_path)
    s.save(TOKENS)
    ring.fail["get"] = "dbus"
    s.clear()
    assert not s.path.exists()
    assert s.notice is not None and "may still be there" in s.notice


# --- choosing ------------------------------------------------------------------------


def config(storage: str) -> Config:
    return Config("c", "http://127.0.0.1/cb", oauth_url="https://zoom.test", token_storage=storage)


def test_keyring_storage_without_a_keyring_is_a_config_error() -> None:
    keyring_probe.pin(None, "no D-Bus session bus")
    with pytest.raises(ConfigError) as info:
        store_for(config("keyring"))
    assert info.value.key == "token_storage"
    assert "no D-Bus session bus" in str(info.value)


def test_auto_without_a_keyring_uses_the_file_and_says_so(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    keyring_probe.pin(None, "no D-Bus session bus")
    s = store_for(config("auto"), tmp_path / "tokens.json")
    assert s.item == ITEM  # service zoomdesk, per OAuth host and client ID
    with caplog.at_level("INFO"):
        s.save(TOKENS)
        s.save(NEWER)
    assert on_disk(s.path) == NEWER.to_json()
    assert keyring_probe.fell_back()
    assert s.describe() == "a private file, no keyring found"
    said = [r for r in caplog.records if "no system keyring" in r.getMessage()]
    assert len(said) == 1  # once per process


def test_the_item_is_named_by_host_and_client_id() -> None:
    keyring_probe.pin(MemoryKeyring())
    assert store_for(config("auto")).item == "tokens:c@zoom.test"
    other = Config("c", "http://127.0.0.1/cb", oauth_url="https://zoomgov.com")
    assert store_for(other).item == "tokens:c@zoomgov.com"


def test_the_read_under_the_lock_sees_the_keyring_itself(
    tmp_path: Path, ring: MemoryKeyring
) -> None:
    # Loads outside the lock may reuse the item read last time (a D-Bus round
    # trip each); the re-read under the lock must not, whatever the file says.
    s = store(tmp_path)
    s.save(dataclasses.replace(TOKENS, expires_at=int(time.time()) + 10))
    assert s.load() is not None  # remembered
    rotated = dataclasses.replace(NEWER, expires_at=int(time.time()) + 3600)
    ring.items[(SERVICE, ITEM)] = json.dumps(rotated.to_json())  # another process, file untouched
    sent: list[str] = []

    class Zoom:
        def refresh(self, refresh_token: str) -> TokenSet:
            sent.append(refresh_token)
            raise AssertionError("refreshed a token that was already rotated")

    assert RefreshManager(s, Zoom()).access_token() == "access-2"
    assert sent == []
