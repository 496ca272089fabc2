"""The last time zone used: kept in state.json (not config.json), read once, never a crash."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from zoomdesk.core import paths, ui_state


@pytest.fixture(autouse=True)
def _fresh() -> Iterator[None]:
    ui_state.forget()
    yield
    ui_state.forget()


def test_nothing_remembered_yet() -> None:
    assert not ui_state.last_zone_loaded()
    assert ui_state.load_last_zone() is None
    assert ui_state.last_zone_loaded() and ui_state.cached_last_zone() is None


def test_a_zone_remembered_is_kept_in_the_state_dir_not_the_config(isolated_dirs: Path) -> None:
    ui_state.remember_zone("Asia/Tokyo")
    assert ui_state.cached_last_zone() == "Asia/Tokyo"  # at once, for the next dialog
    path = ui_state.state_path()
    assert path.parent == paths.state_dir() and path.is_relative_to(isolated_dirs / "state")
    assert json.loads(path.read_text()) == {"last_timezone": "Asia/Tokyo"}
    assert not paths.config_path().exists()
    ui_state.forget()
    assert ui_state.load_last_zone() == "Asia/Tokyo"  # the next run


def test_other_keys_of_the_file_are_kept() -> None:
    path = ui_state.state_path()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"window": [1, 2], "last_timezone": "UTC"}))
    ui_state.remember_zone("Europe/Berlin")
    assert json.loads(path.read_text()) == {"window": [1, 2], "last_timezone": "Europe/Berlin"}


def test_a_zone_remembered_while_the_file_was_read_wins() -> None:
    ui_state.remember_zone("Asia/Tokyo", path=ui_state.state_path().with_name("other.json"))
    assert ui_state.load_last_zone() == "Asia/Tokyo"  # the file has none: newer is kept


@pytest.mark.parametrize(
    "content", ["{oops", "[]", '{"last_timezone": 5}', '{"last_timezone": ""}']
)
def test_a_damaged_or_odd_file_is_no_zone_and_no_crash(
    content: str, caplog: pytest.LogCaptureFixture
) -> None:
    path = ui_state.state_path()
    path.parent.mkdir(parents=True)
    path.write_text(content)
    with caplog.at_level(logging.WARNING):
        assert ui_state.load_last_zone() is None
    if content in ("{oops", "[]"):  # moved aside, never deleted
        assert list(path.parent.glob("state.json.corrupt-*"))


def test_a_failed_write_is_logged_not_raised(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with caplog.at_level(logging.WARNING):
        ui_state.remember_zone("Asia/Tokyo", path=blocker / "state.json")  # a file as its dir
    assert "last time zone not saved" in caplog.text
    assert ui_state.cached_last_zone() == "Asia/Tokyo"
