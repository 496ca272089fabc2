"""Settings' Desktop tab: reminders, the tray and start at login, saved off the GUI thread."""

from __future__ import annotations

import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QSystemTrayIcon, QWidget
from pytestqt.qtbot import QtBot

from zoomdesk.core import autostart, desktop_prefs
from zoomdesk.core.desktop_prefs import DesktopPrefs
from zoomdesk.ui.tasks import TaskRunner
from zoomdesk.ui.window import settings_desktop
from zoomdesk.ui.window.settings_dialog import SettingsDialog

VALUES = {"client_id": "cid", "redirect_uri": "https://example.com/cb"}


@pytest.fixture
def prefs_path(isolated_dirs: Path) -> Path:
    return isolated_dirs / "config" / "zoomdesk" / "config.json"


@pytest.fixture
def with_tray(monkeypatch: pytest.MonkeyPatch) -> None:
    """A desktop with a system tray (the offscreen platform has none)."""
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))


def open_dialog(
    qtbot: QtBot, runner: TaskRunner, path: Path, save: object = None
) -> SettingsDialog:
    saver = save if save is not None else (lambda values: None)
    dialog = SettingsDialog(runner, VALUES, saver, signed_in=True, prefs_path=path)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentWidget(dialog.desktop_tab)
    qtbot.waitUntil(lambda: not dialog.loading)
    assert dialog.desktop_tab.reminder.isEnabled()
    return dialog


def validate(path: Path) -> None:
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        return  # tests/unit/core/test_autostart.py says it is missing
    run = subprocess.run([tool, str(path)], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr


def test_each_control_saves_and_comes_back(
    qtbot: QtBot, runner: TaskRunner, prefs_path: Path, with_tray: None
) -> None:
    dialog = open_dialog(qtbot, runner, prefs_path)
    tab = dialog.desktop_tab
    assert tab.reminder.currentData() == 5  # the default
    assert not tab.tray.isChecked() and not tab.autostart.isChecked()
    tab.reminder.setCurrentIndex(tab.reminder.findData(10))
    tab.tray.setChecked(True)
    tab.autostart.setChecked(True)
    assert dialog.save_button is not None
    with qtbot.assertNotEmitted(dialog.saved), qtbot.waitSignal(dialog.desktopPrefsChanged) as got:
        dialog.save_button.click()
    assert got.args == [DesktopPrefs(reminder_minutes=10, close_to_tray=True)]
    assert desktop_prefs.load(prefs_path) == DesktopPrefs(10, True)
    entry = autostart.entry_path()
    assert entry.is_file() and autostart.is_enabled()
    assert str(entry).startswith(str(prefs_path.parents[2]))  # $XDG_CONFIG_HOME/autostart
    assert autostart.MINIMIZED_FLAG in entry.read_text()
    validate(entry)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    again = open_dialog(qtbot, runner, prefs_path)
    tab = again.desktop_tab
    assert (tab.reminder.currentData(), tab.tray.isChecked(), tab.autostart.isChecked()) == (
        10,
        True,
        True,
    )
    tab.reminder.setCurrentIndex(tab.reminder.findData(0))
    tab.tray.setChecked(False)
    tab.autostart.setChecked(False)
    assert again.save_button is not None
    with qtbot.waitSignal(again.desktopPrefsChanged) as got:
        again.save_button.click()
    assert got.args == [DesktopPrefs(reminder_minutes=0, close_to_tray=False)]
    assert not entry.exists()
    assert desktop_prefs.load(prefs_path) == DesktopPrefs(0, False)


def test_reading_and_saving_happen_off_the_gui_thread(
    qtbot: QtBot, runner: TaskRunner, prefs_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[str] = []
    real_load, real_save = desktop_prefs.load, desktop_prefs.save

    def load(path: Path | None = None) -> DesktopPrefs:
        threads.append(threading.current_thread().name)
        return real_load(path)

    def save(prefs: DesktopPrefs, path: Path | None = None) -> None:
        threads.append(threading.current_thread().name)
        real_save(prefs, path)

    monkeypatch.setattr(desktop_prefs, "load", load)
    monkeypatch.setattr(desktop_prefs, "save", save)
    dialog = open_dialog(qtbot, runner, prefs_path)
    dialog.desktop_tab.reminder.setCurrentIndex(1)
    assert dialog.save_button is not None
    with qtbot.waitSignal(dialog.desktopPrefsChanged):
        dialog.save_button.click()
    assert len(threads) == 3  # read at the start, read again and written by Save
    assert threading.main_thread().name not in threads


def test_nothing_changed_writes_nothing(qtbot: QtBot, runner: TaskRunner, prefs_path: Path) -> None:
    dialog = open_dialog(qtbot, runner, prefs_path)
    assert dialog.save_button is not None
    with qtbot.assertNotEmitted(dialog.desktopPrefsChanged):
        dialog.save_button.click()
    assert not prefs_path.exists() and not autostart.entry_path().exists()


def test_without_a_tray_the_box_is_off_and_says_why(
    qtbot: QtBot, runner: TaskRunner, prefs_path: Path
) -> None:
    assert not QSystemTrayIcon.isSystemTrayAvailable()  # the offscreen platform
    desktop_prefs.save(DesktopPrefs(close_to_tray=True), prefs_path)  # chosen on another desktop
    dialog = open_dialog(qtbot, runner, prefs_path)
    tab = dialog.desktop_tab
    assert not tab.tray.isEnabled()
    assert tab.tray_note.isVisible() and tab.tray_note.text() == settings_desktop.NO_TRAY
    assert tab.tray.accessibleDescription() == settings_desktop.NO_TRAY
    tab.reminder.setCurrentIndex(tab.reminder.findData(15))
    assert dialog.save_button is not None
    with qtbot.waitSignal(dialog.desktopPrefsChanged):
        dialog.save_button.click()
    assert desktop_prefs.load(prefs_path) == DesktopPrefs(15, close_to_tray=True)  # kept


def test_where_autostart_is_not_supported_it_says_so(
    qtbot: QtBot, runner: TaskRunner, prefs_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(autostart, "supported", lambda platform="darwin": False)
    dialog = open_dialog(qtbot, runner, prefs_path)
    tab = dialog.desktop_tab
    assert not tab.autostart.isEnabled()
    assert tab.autostart_note.text() == settings_desktop.NO_AUTOSTART


def test_an_autostart_entry_that_cannot_be_written_is_reported(
    qtbot: QtBot, runner: TaskRunner, prefs_path: Path
) -> None:
    blocker = autostart.autostart_dir()
    blocker.parent.mkdir(parents=True, exist_ok=True)
    blocker.write_text("a file where the folder should be")
    dialog = open_dialog(qtbot, runner, prefs_path)
    dialog.desktop_tab.autostart.setChecked(True)
    assert dialog.save_button is not None
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.error.isVisible())
    assert dialog.error.text().startswith(f"Could not write {autostart.entry_path()}")
    assert dialog.isVisible() and dialog.desktop_tab.autostart.isChecked()


def test_new_controls_have_names_and_unique_access_keys(
    qtbot: QtBot, runner: TaskRunner, prefs_path: Path, with_tray: None
) -> None:
    dialog = open_dialog(qtbot, runner, prefs_path)
    texts = [b.text() for b in dialog.findChildren(QAbstractButton)]
    texts += [label.text() for label in dialog.findChildren(QLabel) if label.buddy() is not None]
    texts += [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    keys = [t[t.index("&") + 1].lower() for t in texts if "&" in t.replace("&&", "")]
    assert len(keys) == len(set(keys)), sorted(keys)
    for widget in (
        dialog.desktop_tab.reminder,
        dialog.desktop_tab.tray,
        dialog.desktop_tab.autostart,
        dialog.storage_tab.sign_in.embedded,
        dialog.storage_tab.sign_in.browser,
        dialog.storage_tab.storage,
    ):
        assert isinstance(widget, QWidget) and widget.accessibleName(), widget.objectName()
    for text in (
        "Re&mind",
        "tra&y",
        "&log in",
        "this &window",
        "web &browser",
        "S&tore",
        "&Desktop",
    ):
        assert any(text in t for t in texts), text


def test_the_trays_notice_saved_meanwhile_is_kept(
    qtbot: QtBot, runner: TaskRunner, prefs_path: Path
) -> None:
    dialog = open_dialog(qtbot, runner, prefs_path)
    desktop_prefs.save(DesktopPrefs(tray_notice_shown=True), prefs_path)  # the tray, meanwhile
    dialog.desktop_tab.reminder.setCurrentIndex(dialog.desktop_tab.reminder.findData(1))
    assert dialog.save_button is not None
    with qtbot.waitSignal(dialog.desktopPrefsChanged) as got:
        dialog.save_button.click()
    assert got.args == [DesktopPrefs(reminder_minutes=1, tray_notice_shown=True)]
    assert desktop_prefs.load(prefs_path) == got.args[0]
