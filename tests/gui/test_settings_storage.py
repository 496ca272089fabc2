"""Settings' Sign-in and storage tab: the two choices save, and a new storage moves the session.

The window's real ``Backend.load`` runs (settings, token store, migration); only
Zoom is scripted (``fake_zoom``). Failures come from the in-memory keyring
(tests/support/fake_keyrings.py); the happy path also runs against the real
GNOME Keyring (tests/support/keyring_daemon.py).
"""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path
from typing import Any

import pytest
from fake_keyrings import MemoryKeyring
from fake_zoom import FakeAccount
from pytestqt.qtbot import QtBot

from zoomdesk.core import keyring_probe
from zoomdesk.core.config import load_file, save_file
from zoomdesk.core.keyring_vault import SERVICE
from zoomdesk.core.tokens import TokenSet, TokenStore, store_for
from zoomdesk.ui import status
from zoomdesk.ui.session import Backend
from zoomdesk.ui.tasks import TaskRunner
from zoomdesk.ui.window import main_window as mw
from zoomdesk.ui.window.main_window import MainWindow
from zoomdesk.ui.window.settings_dialog import SettingsDialog
from zoomdesk.ui.window.settings_storage import where_stored

APP = {"client_id": "cid", "redirect_uri": "https://example.com/cb"}
TOKENS = TokenSet(
    access_token="access-secret-1",
    refresh_token="refresh-secret-1",
    expires_at=4_000_000_000,
    obtained_at=1_700_000_000,
)


class StoreAccount(FakeAccount):
    """A scripted Zoom with the real token store that ``Backend`` built."""

    def __init__(self, store: TokenStore) -> None:
        super().__init__()
        self.store = store

    def is_signed_in(self) -> bool:
        self.calls("is_signed_in")
        return self.store.load() is not None


class LocalBackend(Backend):
    loads = 0

    def load(self) -> Any:
        startup = super().load()
        self.loads += 1
        return startup

    def _account(self, cfg: Any) -> Any:
        return StoreAccount(store_for(cfg, self.tokens_path))


@pytest.fixture
def no_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    """config.json decides token_storage (tests/conftest.py sets the variable to file)."""
    monkeypatch.delenv("ZOOMDESK_TOKEN_STORAGE", raising=False)
    monkeypatch.setattr(status, "_fallback_told", None)


@pytest.fixture
def ring(no_variable: None) -> MemoryKeyring:
    backend = MemoryKeyring()
    keyring_probe.pin(backend)
    return backend


def seed(tmp_path: Path, storage: str) -> Path:
    save_file({**APP, "token_storage": storage}, tmp_path / "config.json")
    TokenStore(tmp_path / "tokens.json").save(TOKENS)  # a version 1 file
    return tmp_path / "tokens.json"


def on_disk(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text())
    return data


def open_window(qtbot: QtBot, backend: LocalBackend) -> MainWindow:
    window = MainWindow(backend)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.state == mw.SIGNED_IN and not window.runner.busy)
    return window


def choose_storage(qtbot: QtBot, window: MainWindow, storage: str) -> None:
    loads = window.backend.loads  # type: ignore[attr-defined]
    window.open_settings()
    dialog = window.findChildren(SettingsDialog)[-1]
    combo = dialog.storage_tab.storage
    combo.setCurrentIndex(combo.findData(storage))
    assert dialog.save_button is not None
    dialog.save_button.click()
    qtbot.waitUntil(lambda: window.backend.loads == loads + 1)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: window.state == mw.SIGNED_IN and not window.runner.busy)


def test_both_choices_save_and_come_back(qtbot: QtBot, runner: TaskRunner, tmp_path: Path) -> None:
    backend = Backend(tmp_path)
    save_file(APP, backend.config_path)
    dialog = SettingsDialog(runner, load_file(backend.config_path), backend.save_settings,
                            signed_in=False)  # fmt: skip
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.loading)
    tab = dialog.storage_tab
    assert tab.values() == {"sign_in": "embedded", "token_storage": "auto"}
    tab.sign_in.browser.click()
    tab.storage.setCurrentIndex(tab.storage.findData("file"))
    assert dialog.save_button is not None
    with qtbot.waitSignal(dialog.saved):
        dialog.save_button.click()
    saved = load_file(backend.config_path)
    assert (saved["sign_in"], saved["token_storage"]) == ("browser", "file")

    again = SettingsDialog(runner, saved, backend.save_settings, signed_in=False)
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: not again.loading)
    assert again.storage_tab.sign_in.browser.isChecked()
    assert again.storage_tab.storage.currentText() == "Private file"
    # Other changes leave both as they are.
    again.form.edit("redirect_uri").setText("https://example.com/other")
    assert again.save_button is not None
    with qtbot.waitSignal(again.saved) as signal:
        again.save_button.click()
    assert "sign_in" not in signal.args[0]
    assert load_file(backend.config_path)["sign_in"] == "browser"


def test_an_override_is_named_under_the_choice(qtbot: QtBot, runner: TaskRunner) -> None:
    overrides = {"token_storage": "ZOOMDESK_TOKEN_STORAGE", "sign_in": "--sign-in"}
    dialog = SettingsDialog(runner, APP, lambda v: None, signed_in=False, overrides=overrides)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.loading)
    assert "Overridden by ZOOMDESK_TOKEN_STORAGE in the environment." in (
        dialog.storage_tab.storage_note.text()
    )
    assert "Overridden by --sign-in on the command line." in dialog.storage_tab.sign_in_note.text()


def test_the_line_uses_whoamis_words_and_is_worked_out_off_the_gui_thread(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = TokenStore(tmp_path / "tokens.json", storage="file", item="tokens:cid@zoom.us")
    store.save(TOKENS)
    threads: list[bool] = []
    real = TokenStore.describe

    def describe(self: TokenStore) -> str:
        threads.append(threading.current_thread() is threading.main_thread())
        return real(self)

    monkeypatch.setattr(TokenStore, "describe", describe)
    dialog = SettingsDialog(runner, APP, lambda v: None, signed_in=True, store=store)
    qtbot.addWidget(dialog)
    dialog.show()
    where = dialog.storage_tab.where
    qtbot.waitUntil(lambda: not dialog.loading)
    assert where.text() == "Stored in: a private file (token_storage = file)"
    assert where.text() == f"Stored in: {real(store)}"  # zoomdesk whoami's helper
    assert threads and not any(threads)


def test_signed_out_the_line_says_where_a_session_would_go(
    tmp_path: Path, ring: MemoryKeyring
) -> None:
    store = TokenStore(tmp_path / "tokens.json", storage="file", item="tokens:cid@zoom.us")
    line = where_stored(store)
    assert (
        line == "Not signed in. A session would be kept in a private file (token_storage = file)."
    )
    store.storage = "auto"
    assert where_stored(store).endswith(f"kept in {keyring_probe.keyring_name()}.")
    assert where_stored(None) == ""


def test_choosing_the_keyring_moves_the_session_there_and_back(
    qtbot: QtBot, tmp_path: Path, ring: MemoryKeyring
) -> None:
    path = seed(tmp_path, "file")
    window = open_window(qtbot, LocalBackend(tmp_path))
    choose_storage(qtbot, window, "keyring")
    assert on_disk(path)["version"] == 2 and "refresh-secret-1" not in path.read_text()
    [(key, blob)] = ring.items.items()
    assert key[0] == SERVICE and json.loads(blob)["refresh_token"] == "refresh-secret-1"
    assert load_file(tmp_path / "config.json")["token_storage"] == "keyring"

    choose_storage(qtbot, window, "file")
    assert on_disk(path) == TOKENS.to_json() and ring.items == {}
    assert window.state == mw.SIGNED_IN


def test_a_keyring_that_refuses_keeps_the_session_and_says_so(
    qtbot: QtBot, tmp_path: Path, ring: MemoryKeyring
) -> None:
    path = seed(tmp_path, "file")
    window = open_window(qtbot, LocalBackend(tmp_path))
    ring.fail["set"] = "locked"
    choose_storage(qtbot, window, "keyring")
    assert on_disk(path) == TOKENS.to_json()  # nothing lost, still where it was
    assert ring.items == {}
    text = window.status.text
    assert "stays in tokens.json" in text and "refresh-secret-1" not in text


def test_the_fall_back_to_the_file_is_said_once(
    qtbot: QtBot, tmp_path: Path, no_variable: None, caplog: pytest.LogCaptureFixture
) -> None:
    keyring_probe.pin(None, "no D-Bus session bus")
    seed(tmp_path, "auto")
    caplog.set_level(logging.INFO, logger="zoomdesk.core.keyring_probe")
    window = open_window(qtbot, LocalBackend(tmp_path))
    said = "Your Zoom session is kept in a private file, no keyring found"
    assert window.status.text.startswith(said)
    assert [r for r in caplog.records if "private file" in r.getMessage()]
    window.status.clear_message()
    loads = window.backend.loads  # type: ignore[attr-defined]
    window.reload()
    qtbot.waitUntil(lambda: window.backend.loads == loads + 1)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: window.state == mw.SIGNED_IN and not window.runner.busy)
    assert said not in window.status.text


@pytest.mark.slow
def test_automatic_moves_the_session_into_the_real_keyring(
    qtbot: QtBot, tmp_path: Path, real_keyring: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ZOOMDESK_TOKEN_STORAGE")  # config.json decides
    path = seed(tmp_path, "file")
    window = open_window(qtbot, LocalBackend(tmp_path))
    choose_storage(qtbot, window, "auto")
    assert "refresh-secret-1" not in path.read_text() and on_disk(path)["version"] == 2
    assert len(real_keyring.items()) == 1
    window.open_settings()
    dialog = window.findChildren(SettingsDialog)[-1]
    qtbot.waitUntil(lambda: dialog.storage_tab.where.text().startswith("Stored in: Secret"))
    dialog.reject()
    choose_storage(qtbot, window, "file")
    assert on_disk(path) == TOKENS.to_json() and real_keyring.items() == []
