"""``Backend.load`` when the keyring will not answer: a page that says why, never an escape.

Before, a client secret the keyring refused raised ConfigError out of ``load``
(the window then sat on its loading page with no way on), and so did
``token_storage = keyring`` with no keyring, or tokens the keyring would not give.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fake_keyrings import MemoryKeyring

from zoomdesk.core import keyring_probe
from zoomdesk.core.config import save_file
from zoomdesk.core.errors import ConfigError
from zoomdesk.core.tokens import TokenSet, TokenStore
from zoomdesk.ui.session import Backend

APP = {"client_id": "cid", "redirect_uri": "https://example.com/cb"}
TOKENS = TokenSet(access_token="a-1", refresh_token="r-1", expires_at=4_000_000_000, obtained_at=1)


@pytest.fixture
def ring(monkeypatch: pytest.MonkeyPatch) -> MemoryKeyring:
    monkeypatch.delenv("ZOOMDESK_TOKEN_STORAGE", raising=False)
    backend = MemoryKeyring()
    keyring_probe.pin(backend)
    return backend


def test_a_client_secret_the_keyring_refuses_is_a_page_and_is_never_lost(
    tmp_path: Path, ring: MemoryKeyring
) -> None:
    config = tmp_path / "config.json"
    save_file({**APP, "client_secret": "s3cret"}, config)
    assert "s3cret" not in config.read_text() and len(ring.items) == 1
    ring.fail["get"] = "dismissed"
    backend = Backend(tmp_path)
    startup = backend.load()
    assert startup.account is None
    assert "Unlock the system keyring" in startup.problem
    assert startup.values["client_id"] == "cid" and "client_secret" not in startup.values

    # The first-run form never showed the secret: saving it empty keeps it, and
    # while the keyring still refuses, nothing is saved at all.
    before = config.read_bytes()
    shown = {**startup.values, "client_secret": ""}
    with pytest.raises(ConfigError):
        backend.save_settings(shown)
    assert config.read_bytes() == before and len(ring.items) == 1
    del ring.fail["get"]
    backend.save_settings(shown)
    assert list(ring.items.values()) == ["s3cret"]
    assert backend.load().account is not None


def test_a_new_app_does_not_inherit_the_unread_secret(tmp_path: Path, ring: MemoryKeyring) -> None:
    save_file({**APP, "client_secret": "s3cret"}, tmp_path / "config.json")
    ring.fail["get"] = "locked"
    backend = Backend(tmp_path)
    backend.load()
    del ring.fail["get"]
    backend.save_settings({**APP, "client_id": "other", "client_secret": ""})
    saved = json.loads((tmp_path / "config.json").read_text())
    assert saved.get("client_id") == "other" and "client_secret_storage" not in saved


def test_keyring_storage_without_a_keyring_is_a_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ZOOMDESK_TOKEN_STORAGE", raising=False)
    keyring_probe.pin(None, "no D-Bus session bus")
    save_file({**APP, "token_storage": "keyring"}, tmp_path / "config.json")
    startup = Backend(tmp_path).load()
    assert startup.account is None
    assert "no system keyring answers (no D-Bus session bus)" in startup.problem


def test_tokens_the_keyring_will_not_give_leave_the_window_signed_out_saying_why(
    tmp_path: Path, ring: MemoryKeyring
) -> None:
    save_file({**APP, "token_storage": "keyring"}, tmp_path / "config.json")
    startup = Backend(tmp_path).load()
    assert startup.account is not None
    startup.account.store.save(TOKENS)
    before = (tmp_path / "tokens.json").read_bytes()
    ring.fail["get"] = "locked"
    startup = Backend(tmp_path).load()
    assert startup.account is not None and not startup.signed_in
    assert "Unlock it and restart zoomdesk" in startup.problem
    assert (tmp_path / "tokens.json").read_bytes() == before and len(ring.items) == 1
    assert isinstance(startup.account.store, TokenStore)
