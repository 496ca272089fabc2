"""A client secret moves from config.json into the keyring and back, losing nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fake_keyrings import MemoryKeyring

from zoomdesk.core import keyring_probe, paths
from zoomdesk.core.config import load_config, load_file, save_file
from zoomdesk.core.config_secret import MARKER
from zoomdesk.core.errors import ConfigError
from zoomdesk.core.keyring_vault import SERVICE

SECRET = "s3cr3t-value"
ITEM = (SERVICE, "client_secret:app@zoom.test")
SETTINGS = {
    "client_id": "app",
    "redirect_uri": "https://example.com/cb",
    "oauth_url": "https://zoom.test",
}


@pytest.fixture
def ring() -> MemoryKeyring:
    backend = MemoryKeyring()
    keyring_probe.pin(backend)
    return backend


def write(data: dict[str, Any]) -> Path:
    path = paths.config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data))
    return path


def on_disk() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(paths.config_path().read_text())
    return data


def test_the_secret_moves_into_the_keyring(ring: MemoryKeyring) -> None:
    write({**SETTINGS, "client_secret": SECRET, "extra": 1})
    assert load_config({}, {}).client_secret == SECRET
    assert ring.items == {ITEM: SECRET}
    assert on_disk() == {**SETTINGS, "extra": 1, MARKER: "keyring"}  # the rest kept as it was
    assert SECRET not in paths.config_path().read_text()
    # The keyring now stands in for config.json's value.
    assert load_config({}, {}).client_secret == SECRET
    assert load_file()["client_secret"] == SECRET


def test_a_flag_or_variable_outranks_the_keyring_without_asking_it(ring: MemoryKeyring) -> None:
    write({**SETTINGS, MARKER: "keyring"})
    ring.fail["get"] = "locked"
    env = {"ZOOMDESK_CLIENT_SECRET": "from-env"}
    assert load_config({}, env).client_secret == "from-env"
    assert load_config({"client_secret": "from-flag"}, {}).client_secret == "from-flag"
    assert "get" not in ring.calls


def test_switching_to_file_moves_it_back(ring: MemoryKeyring) -> None:
    write({**SETTINGS, "client_secret": SECRET})
    load_config({}, {})
    config = load_config({}, {"ZOOMDESK_TOKEN_STORAGE": "file"})
    assert config.client_secret == SECRET
    assert on_disk() == {**SETTINGS, "client_secret": SECRET}
    assert ring.items == {}


@pytest.mark.parametrize("failure", ["locked", "dismissed", "refused", "dbus"])
def test_a_refusing_keyring_leaves_the_secret_in_the_file(
    ring: MemoryKeyring, failure: str
) -> None:
    write({**SETTINGS, "client_secret": SECRET})
    ring.fail["set"] = failure
    assert load_config({}, {}).client_secret == SECRET
    assert on_disk() == {**SETTINGS, "client_secret": SECRET}


def test_a_keyring_that_cannot_be_read_is_a_clear_config_error(ring: MemoryKeyring) -> None:
    write({**SETTINGS, MARKER: "keyring"})
    ring.items[ITEM] = SECRET
    ring.fail["get"] = "locked"
    with pytest.raises(ConfigError) as info:
        load_config({}, {})
    assert info.value.key == "client_secret"
    assert "locked" in str(info.value)
    assert on_disk() == {**SETTINGS, MARKER: "keyring"}  # nothing changed
    del ring.fail["get"]
    ring.items.clear()
    with pytest.raises(ConfigError, match="has no client secret"):
        load_config({}, {})


def test_a_public_client_never_asks_the_keyring(ring: MemoryKeyring) -> None:
    write(SETTINGS)
    assert load_config({}, {}).is_public_client
    assert ring.calls == []


def test_save_puts_the_secret_in_the_keyring_and_keeps_token_storage(
    ring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ZOOMDESK_TOKEN_STORAGE")  # the file's value decides
    write({**SETTINGS, "token_storage": "auto"})
    save_file({**SETTINGS, "client_secret": SECRET})  # the settings form has no storage field
    assert on_disk() == {**SETTINGS, "token_storage": "auto", MARKER: "keyring"}
    assert ring.items == {ITEM: SECRET}
    # Another client ID: its own item; the old one goes.
    save_file({**SETTINGS, "client_id": "other", "client_secret": "x2"})
    assert ring.items == {(SERVICE, "client_secret:other@zoom.test"): "x2"}
    # No secret any more (a public client now): the item goes too.
    save_file({**SETTINGS, "client_id": "other"})
    assert ring.items == {}
    assert MARKER not in on_disk()


def test_save_with_file_storage_writes_the_secret_as_before(
    ring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ZOOMDESK_TOKEN_STORAGE")
    write({**SETTINGS, "token_storage": "file"})
    save_file({**SETTINGS, "client_secret": SECRET})
    assert on_disk()["client_secret"] == SECRET
    assert ring.calls == []


def test_token_storage_is_validated() -> None:
    write(SETTINGS)
    with pytest.raises(ConfigError) as info:
        load_config({}, {"ZOOMDESK_TOKEN_STORAGE": "vault"})
    assert info.value.key == "token_storage"
    assert load_config({}, {"ZOOMDESK_TOKEN_STORAGE": " File "}).token_storage == "file"
    assert load_config({}, {}).token_storage == "auto"
