"""The private temporary .ics that *Add to calendar* hands to the calendar app."""

from __future__ import annotations

import os
import time
from pathlib import Path

import icalendar
import pytest
from file_modes import UMASKS, mode, posix_only
from file_modes import umask as set_umask

from zoomdesk.core import calendar_handoff
from zoomdesk.core.calendar_handoff import KEEP_FOR, file_stem, handoff_dir, write_handoff
from zoomdesk.core.meeting import Meeting

MEETING = Meeting.from_zoom_json(
    {"id": 81234567890, "topic": "Design: review / Q3", "type": 2, "duration": 30,
     "timezone": "Europe/Berlin", "start_time": "2030-01-15T09:00:00Z",
     "join_url": "https://zoom.example/j/81234567890?pwd=x", "password": "Ab3xY9"}
)  # fmt: skip


def private_runtime(tmp_path: Path) -> Path:
    runtime = tmp_path / "run"
    runtime.mkdir(0o700)
    runtime.chmod(0o700)
    return runtime


def test_the_runtime_dir_when_it_is_private(tmp_path: Path) -> None:
    runtime = private_runtime(tmp_path)
    assert handoff_dir({"XDG_RUNTIME_DIR": str(runtime)}) == runtime / "zoomdesk" / "calendar"


@posix_only
@pytest.mark.parametrize("value", ["", "relative/run", "missing", "open"])
def test_else_the_cache_dir(tmp_path: Path, isolated_dirs: Path, value: str) -> None:
    if value == "missing":
        value = str(tmp_path / "nowhere")
    elif value == "open":
        shared = tmp_path / "shared"
        shared.mkdir()
        shared.chmod(0o755)  # others may enter: no place for a passcode
        value = str(shared)
    assert handoff_dir({"XDG_RUNTIME_DIR": value}) == isolated_dirs / "cache/zoomdesk/calendar"


@posix_only
@UMASKS
def test_the_file_is_private_and_whole(tmp_path: Path, umask: int) -> None:
    runtime = private_runtime(tmp_path)
    folder = handoff_dir({"XDG_RUNTIME_DIR": str(runtime)})
    with set_umask(umask):
        path = write_handoff(MEETING, folder)
    assert path.parent == folder and path.suffix == ".ics"
    assert path.name.startswith("Design review Q3-")
    assert mode(path) == 0o600 and mode(folder) == 0o700 and mode(folder.parent) == 0o700
    (event,) = icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Design: review / Q3"
    assert [p.name for p in folder.iterdir()] == [path.name]  # no temp file left


def test_each_hand_off_is_a_new_file_so_a_reader_never_sees_it_change(tmp_path: Path) -> None:
    first = write_handoff(MEETING, tmp_path / "calendar")
    second = write_handoff(MEETING, tmp_path / "calendar")
    assert first != second and first.exists() and second.exists()


def test_old_files_go_later_not_at_once(tmp_path: Path) -> None:
    folder = tmp_path / "calendar"
    old = write_handoff(MEETING, folder)
    recent = write_handoff(MEETING, folder)
    day_ago = time.time() - KEEP_FOR - 60
    os.utime(old, (day_ago, day_ago))
    other = folder / "notes.txt"  # not ours to delete
    other.write_text("x")
    os.utime(other, (day_ago, day_ago))
    newest = write_handoff(MEETING, folder)
    assert not old.exists()
    assert recent.exists() and newest.exists() and other.exists()


def test_file_stem() -> None:
    assert file_stem("  a/b:c  ") == "a b c"
    assert file_stem("../../etc/passwd") == "etc passwd"
    assert file_stem("«»") == "meeting"
    assert len(file_stem("x" * 300)) == 60
    assert calendar_handoff.SUFFIX == ".ics"
