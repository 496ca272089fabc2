"""TokenSet and TokenStore: the tokens.json format, file modes, damaged files, the lock."""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from file_modes import UMASKS, mode, posix_only
from file_modes import umask as set_umask
from token_stores import reopen

from zoomdesk.core import paths
from zoomdesk.core.errors import StoreError
from zoomdesk.core.tokens import TokenSet, TokenStore

ACCESS = "eyJhY2Nlc3MiOjF9.eyJ4IjoxfQ.access-secret"
REFRESH = "eyJyZWZyZXNoIjoxfQ.eyJ4IjoyfQ.refresh-secret"


def sample(**overrides: Any) -> TokenSet:
    values: dict[str, Any] = {
        "access_token": ACCESS,
        "refresh_token": REFRESH,
        "token_type": "bearer",
        "scope": "meeting:write",
        "expires_at": 1_700_003_599,
        "obtained_at": 1_700_000_000,
        "api_url": "https://api.zoom.us",
    }
    values.update(overrides)
    return TokenSet(**values)


# --- TokenSet -----------------------------------------------------------------


def test_from_response_computes_times_from_now() -> None:
    tokens = TokenSet.from_response(
        {
            "access_token": ACCESS,
            "refresh_token": REFRESH,
            "token_type": "bearer",
            "expires_in": 3599,
            "scope": "meeting:write",
            "api_url": "https://api.zoom.us",
        },
        now=1_700_000_000.9,
    )
    assert tokens == sample()
    assert tokens.expires_in(1_700_003_000) == 599


def test_from_response_defaults() -> None:
    tokens = TokenSet.from_response({"access_token": "a", "refresh_token": "r"}, now=100)
    assert (tokens.token_type, tokens.scope, tokens.api_url) == ("bearer", "", None)
    assert tokens.expires_at == 100 + 3599
    assert TokenSet.from_response({**sample().to_json(), "expires_in": "60"}, 0).expires_at == 60


def test_to_json_is_the_documented_format() -> None:
    assert sample().to_json() == {
        "version": 1,
        "access_token": ACCESS,
        "refresh_token": REFRESH,
        "token_type": "bearer",
        "scope": "meeting:write",
        "expires_at": 1_700_003_599,
        "api_url": "https://api.zoom.us",
        "obtained_at": 1_700_000_000,
    }
    assert TokenSet.from_json(sample().to_json()) == sample()
    assert TokenSet.from_json(sample(api_url=None).to_json()) == sample(api_url=None)


@pytest.mark.parametrize(
    "change",
    [
        {"version": 2},
        {"version": "1"},
        {"version": True},
        {"version": None},
        {"access_token": ""},
        {"access_token": 5},
        {"refresh_token": None},
        {"token_type": ["bearer"]},
        {"scope": 1},
        {"expires_at": "1700000000"},
        {"expires_at": True},
        {"expires_at": float("nan")},
        {"obtained_at": None},
        {"api_url": 3},
    ],
)
def test_from_json_rejects_bad_shapes_without_quoting_values(change: dict[str, Any]) -> None:
    data = {**sample().to_json(), **change}
    with pytest.raises(ValueError) as info:
        TokenSet.from_json(data)
    assert ACCESS not in str(info.value) and REFRESH not in str(info.value)


def test_from_json_requires_the_version() -> None:
    data = sample().to_json()
    del data["version"]
    with pytest.raises(ValueError, match="version"):
        TokenSet.from_json(data)


def test_repr_hides_both_tokens() -> None:
    tokens = sample()
    for text in (repr(tokens), str(tokens), f"{tokens}", repr([tokens])):
        assert ACCESS not in text
        assert REFRESH not in text
    assert "expires_at=1700003599" in repr(tokens)


# --- TokenStore: file format and modes ------------------------------------------


def test_default_path_is_in_the_config_dir() -> None:
    assert TokenStore().path == paths.tokens_path()
    assert TokenStore().lock_path == paths.tokens_path().with_name("tokens.json.lock")


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    store = TokenStore(tmp_path / "cfg" / "tokens.json")
    assert store.load() is None
    store.save(sample())
    assert json.loads(store.path.read_text()) == sample().to_json()
    assert store.load() == sample()
    assert TokenStore(store.path).load() == sample()


@posix_only
@UMASKS
def test_saved_file_is_0600_in_a_0700_dir_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    store = TokenStore(tmp_path / "cfg" / "tokens.json")
    with set_umask(umask):
        store.save(sample())
    assert mode(store.path) == 0o600
    assert mode(store.path.parent) == 0o700
    assert mode(store.lock_path) == 0o600


@posix_only
def test_world_readable_files_become_private(tmp_path: Path) -> None:
    store = TokenStore(tmp_path / "tokens.json")
    store.path.write_text("{}")
    store.path.chmod(0o644)
    store.lock_path.write_text("")
    store.lock_path.chmod(0o644)
    store.save(sample())
    assert mode(store.path) == 0o600
    assert mode(store.lock_path) == 0o600


def test_a_failed_save_keeps_the_previous_tokens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = TokenStore(tmp_path / "tokens.json")
    store.save(sample())

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(StoreError):
        store.save(sample(access_token="new"))
    monkeypatch.undo()
    assert store.load() == sample()


def test_clear_deletes_the_file_and_a_missing_file_is_fine(tmp_path: Path) -> None:
    store = TokenStore(tmp_path / "tokens.json")
    store.clear()
    store.save(sample())
    store.clear()
    assert not store.path.exists()
    assert store.load() is None


# --- TokenStore: damaged files ----------------------------------------------------


DAMAGED = [
    ("", "empty file"),
    ("{not json", "not valid JSON"),
    ("[]", "not a JSON object"),
    (json.dumps({**sample().to_json(), "version": 99}), "unsupported format version"),
    (json.dumps({k: v for k, v in sample().to_json().items() if k != "version"}), "version"),
    (json.dumps({**sample().to_json(), "expires_at": "tomorrow"}), "expires_at"),
    (json.dumps({**sample().to_json(), "refresh_token": None}), "refresh_token"),
]


@pytest.mark.parametrize(("content", "why"), DAMAGED)
def test_a_damaged_store_signs_out_and_is_moved_aside(
    tmp_path: Path, content: str, why: str, caplog: pytest.LogCaptureFixture
) -> None:
    store = TokenStore(tmp_path / "tokens.json")
    store.path.write_text(content)
    with caplog.at_level(logging.WARNING):
        assert store.load() is None
    assert not store.path.exists()
    [moved] = list(tmp_path.glob("tokens.json.corrupt-*"))
    assert moved.read_text() == content
    assert store.last_problem is not None
    assert why in store.last_problem
    assert moved.name in store.last_problem
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings and all(why in r.getMessage() for r in warnings)
    for record in caplog.records:
        assert ACCESS not in record.getMessage() and REFRESH not in record.getMessage()
    # Signed out now; a later load still says so, and a save clears the report.
    assert store.load() is None
    store.save(sample())
    assert store.last_problem is None
    assert store.load() == sample()


# --- TokenStore: lock (both storages: tests/unit/core/conftest.py) -------------------


def test_lock_is_reentrant_and_shared_by_stores_on_the_same_path(
    tmp_path: Path, open_store: Callable[[Path], TokenStore]
) -> None:
    path = tmp_path / "tokens.json"
    one, two = open_store(path), open_store(path)
    with one.lock(), two.lock(), one.lock():
        two.save(sample())
        assert one.load() == sample()


def test_lock_excludes_other_threads(
    tmp_path: Path, open_store: Callable[[Path], TokenStore]
) -> None:
    store = open_store(tmp_path / "tokens.json")
    entered = threading.Event()
    inside: list[str] = []

    def other() -> None:
        with reopen(store).lock():
            inside.append("other")
            entered.set()

    with store.lock():
        worker = threading.Thread(target=other)
        worker.start()
        assert not entered.wait(0.3)
        inside.append("owner")
    worker.join(5)
    assert inside == ["owner", "other"]


def test_load_waits_for_a_writer_holding_the_lock(
    tmp_path: Path, open_store: Callable[[Path], TokenStore]
) -> None:
    # A load during a refresh elsewhere sees the new file, never a half-state.
    store = open_store(tmp_path / "tokens.json")
    store.save(sample())
    seen: list[TokenSet | None] = []
    with store.lock():
        reader = threading.Thread(target=lambda: seen.append(reopen(store).load()))
        reader.start()
        reader.join(0.3)
        assert reader.is_alive()
        store.save(sample(access_token="after"))
    reader.join(5)
    assert seen == [sample(access_token="after")]
