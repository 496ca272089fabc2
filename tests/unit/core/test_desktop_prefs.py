"""The desktop preferences in config.json's ``desktop`` section."""

from __future__ import annotations

from pathlib import Path

import pytest

from zoomdesk.core import config, desktop_prefs
from zoomdesk.core.desktop_prefs import DesktopPrefs


def test_defaults_when_nothing_is_saved(tmp_path: Path) -> None:
    prefs = desktop_prefs.load(tmp_path / "config.json")
    assert prefs == DesktopPrefs(reminder_minutes=5, close_to_tray=False)
    assert prefs.reminders_on


def test_saved_preferences_come_back_and_keep_the_settings(tmp_path: Path) -> None:
    path = tmp_path / "config.json"
    config.save_file({"client_id": "abc", "redirect_uri": "https://example.com/cb"}, path)
    desktop_prefs.save(DesktopPrefs(reminder_minutes=0, close_to_tray=True), path)
    prefs = desktop_prefs.load(path)
    assert prefs == DesktopPrefs(reminder_minutes=0, close_to_tray=True)
    assert not prefs.reminders_on
    assert config.load_file(path)["client_id"] == "abc"


@pytest.mark.parametrize(
    "raw",
    [{"reminder_minutes": 7}, {"reminder_minutes": True}, {"reminder_minutes": "5"},
     {"close_to_tray": "yes"}, {"close_to_tray": 1}],
)  # fmt: skip
def test_values_of_the_wrong_shape_read_as_defaults(raw: dict[str, object]) -> None:
    assert desktop_prefs.from_mapping(raw) == DesktopPrefs()


def test_an_unknown_reminder_time_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="reminder_minutes"):
        desktop_prefs.save(DesktopPrefs(reminder_minutes=3), tmp_path / "config.json")
