"""Private atomic JSON files and the move-aside of damaged ones."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest
from file_modes import UMASKS, mode, posix_only
from file_modes import umask as set_umask

from zoomdesk.core import securefile
from zoomdesk.core.errors import StoreError
from zoomdesk.core.securefile import DamagedFile, read_json_object, write_private_json


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "app" / "data.json"
    write_private_json(path, {"b": [1, 2], "a": "x"})
    assert read_json_object(path) == {"a": "x", "b": [1, 2]}
    assert read_json_object(tmp_path / "missing.json") is None


@posix_only
@UMASKS
def test_file_is_0600_in_a_0700_dir_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    path = tmp_path / "new" / "data.json"
    with set_umask(umask):
        write_private_json(path, {"k": "v"})
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700


@posix_only
def test_an_existing_world_readable_file_and_dir_become_private(tmp_path: Path) -> None:
    directory = tmp_path / "open"
    directory.mkdir(mode=0o755)
    directory.chmod(0o755)
    path = directory / "data.json"
    path.write_text("{}")
    path.chmod(0o644)
    write_private_json(path, {"k": 1})
    assert mode(path) == 0o600
    assert mode(directory) == 0o700
    assert read_json_object(path) == {"k": 1}


def boom(*args: object, **kwargs: object) -> None:
    raise OSError(28, "No space left on device")


@pytest.mark.parametrize("target", ["replace", "fsync", "fchmod"])
def test_injected_failures_keep_the_old_file_and_leave_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    path = tmp_path / "data.json"
    write_private_json(path, {"old": True})
    before = path.read_bytes()
    fds_before = _open_fds()
    monkeypatch.setattr(os, target, boom)
    with pytest.raises(StoreError) as info:
        write_private_json(path, {"new": True})
    monkeypatch.undo()
    assert "No space left on device" in str(info.value)
    assert path.read_bytes() == before
    assert leftovers(tmp_path) == []
    assert _open_fds() == fds_before  # the temp file's descriptor was closed


def test_unserialisable_data_keeps_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    write_private_json(path, {"old": True})
    with pytest.raises(StoreError):
        write_private_json(path, {"bad": object()})
    assert json.loads(path.read_text()) == {"old": True}
    assert leftovers(tmp_path) == []


def test_an_interrupt_mid_write_leaves_no_temp_and_propagates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "data.json"
    write_private_json(path, {"old": True})

    def interrupt(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_private_json(path, {"new": True})
    monkeypatch.undo()
    assert json.loads(path.read_text()) == {"old": True}
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"", "empty file"),
        (b"  \n", "empty file"),
        (b"{oops", "not valid JSON"),
        (b"\xff\xfe{}", "not valid JSON"),
        (b"[" * 100_000, "not valid JSON"),
        (b"[1]", "not a JSON object"),
        (b"null", "not a JSON object"),
    ],
)
def test_damaged_files_are_moved_aside_and_reported(
    tmp_path: Path, content: bytes, why: str, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "tokens.json"
    path.write_bytes(content)
    with pytest.raises(DamagedFile) as info:
        read_json_object(path)
    assert info.value.why == why
    assert not path.exists()
    assert info.value.moved_to.read_bytes() == content
    assert info.value.moved_to.name.startswith("tokens.json.corrupt-")
    assert info.value.moved_to.name in str(info.value)
    assert any(r.levelname == "WARNING" and "damaged" in r.getMessage() for r in caplog.records)


def test_move_aside_never_overwrites_an_earlier_copy(tmp_path: Path) -> None:
    path = tmp_path / "config.json"
    moved = []
    for n in range(3):
        path.write_text(f"copy {n}")
        moved.append(securefile.move_aside(path))
    assert len(set(moved)) == 3
    assert sorted(p.read_text() for p in moved) == ["copy 0", "copy 1", "copy 2"]


def test_concurrent_movers_never_share_a_name(tmp_path: Path) -> None:
    path = tmp_path / "tokens.json"
    start = threading.Barrier(16)
    names: list[Path] = []

    def claim() -> None:
        start.wait()
        names.extend(securefile.reserve_corrupt_name(path) for _ in range(4))

    threads = [threading.Thread(target=claim) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(names) == len(set(names)) == 64
    assert {mode(name) for name in names} == {0o600}


def test_a_damaged_file_that_cannot_be_moved_is_a_store_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "config.json"
    path.write_text("{oops")
    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(StoreError, match="could not be moved aside"):
        read_json_object(path)
    monkeypatch.undo()
    assert path.read_text() == "{oops"
    assert list(tmp_path.iterdir()) == [path]  # the name it had claimed is given back


def test_an_unreadable_file_is_a_store_error_and_is_not_moved(tmp_path: Path) -> None:
    path = tmp_path / "config.json"
    path.mkdir()  # reading a directory fails with an OSError other than "missing"
    with pytest.raises(StoreError):
        read_json_object(path)
    assert path.is_dir()


def _open_fds() -> int:
    fd_dir = Path("/proc/self/fd")
    return len(list(fd_dir.iterdir())) if fd_dir.exists() else 0
