"""Settings' *Desktop* tab: reminders, the tray, and starting zoomdesk at login.

The preferences live in ``config.json``'s ``desktop`` section (``core.desktop_prefs``);
start at login is the XDG autostart entry itself (``core.autostart``). Reading and
writing them is disk I/O: ``load_desktop`` and ``save_desktop`` run on the TaskRunner.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QStyle,
    QSystemTrayIcon,
    QWidget,
)

from zoomdesk.core import autostart, desktop_prefs
from zoomdesk.core.desktop_prefs import REMINDER_CHOICES, DesktopPrefs
from zoomdesk.core.errors import StoreError
from zoomdesk.ui.style import muted

NO_TRAY = "This desktop has no system tray, so closing the window quits zoomdesk."
NO_AUTOSTART = (
    "Not available here: zoomdesk sets up start at login only on Linux and BSD desktops "
    "(XDG autostart)."
)
AUTOSTART_HELP = "It starts in the tray, with its window hidden, to remind you of meetings."


@dataclass(frozen=True)
class DesktopState:
    """What the tab shows: the saved preferences, and whether the autostart entry is on."""

    prefs: DesktopPrefs = field(default_factory=DesktopPrefs)
    autostart: bool = False


def load_desktop(path: Path | None = None) -> DesktopState:
    """Blocking: the saved preferences and the autostart entry's state."""
    on = autostart.supported() and autostart.is_enabled()
    return DesktopState(desktop_prefs.load(path), on)


def save_desktop(
    before: DesktopState, after: DesktopState, path: Path | None = None
) -> DesktopPrefs | None:
    """Blocking: save what changed; the preferences as saved, or None when they were not.

    Only the two the tab edits are taken from ``after``: the rest (the tray's
    one-time notice) is read again, as the tray may have saved it meanwhile.
    StoreError (with the file named) when the autostart entry cannot be written
    or removed; the preferences may then already be saved.
    """
    saved = None
    if after.prefs != before.prefs:
        saved = dataclasses.replace(
            desktop_prefs.load(path),
            reminder_minutes=after.prefs.reminder_minutes,
            close_to_tray=after.prefs.close_to_tray,
        )
        desktop_prefs.save(saved, path)
    if after.autostart != before.autostart:
        try:
            if after.autostart:
                autostart.enable()
            else:
                autostart.disable()
        except OSError as exc:
            what = "write" if after.autostart else "remove"
            raise StoreError(
                f"Could not {what} {autostart.entry_path()}: {exc.strerror or exc}"
            ) from None
    return saved


def minutes_text(minutes: int) -> str:
    if minutes == 0:
        return "Off"
    return "1 minute before" if minutes == 1 else f"{minutes} minutes before"


class DesktopTab(QWidget):
    """The three controls; each disabled control says why underneath."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = DesktopState()
        grid = QGridLayout(self)
        grid.setColumnStretch(1, 1)
        grid.setVerticalSpacing(4)
        self.reminder = QComboBox(self)
        self.reminder.setObjectName("reminderMinutes")
        self.reminder.setAccessibleName("Remind me before meetings")
        for minutes in REMINDER_CHOICES:
            self.reminder.addItem(minutes_text(minutes), minutes)
        label = QLabel("Re&mind me before meetings", self)
        label.setBuddy(self.reminder)
        grid.addWidget(label, 0, 0)
        grid.addWidget(self.reminder, 0, 1)
        grid.setRowMinimumHeight(1, 8)

        self.tray = QCheckBox("Keep zoomdesk in the tra&y when its window is closed", self)
        self.tray.setObjectName("closeToTray")
        self.tray.setAccessibleName("Keep zoomdesk in the tray when its window is closed")
        self.tray_note = muted("", self)
        self.tray_note.setObjectName("closeToTrayNote")
        self.tray_available = bool(QSystemTrayIcon.isSystemTrayAvailable())
        if not self.tray_available:
            self.tray_note.setText(NO_TRAY)
            self.tray.setAccessibleDescription(NO_TRAY)
        self.tray_note.setVisible(not self.tray_available)
        grid.addWidget(self.tray, 2, 0, 1, 2)
        grid.addWidget(self.tray_note, 3, 0, 1, 2)
        grid.setRowMinimumHeight(4, 8)

        self.autostart = QCheckBox("Start zoomdesk when I &log in", self)
        self.autostart.setObjectName("autostart")
        self.autostart.setAccessibleName("Start zoomdesk when I log in")
        self.autostart_supported = autostart.supported()
        note = AUTOSTART_HELP if self.autostart_supported else NO_AUTOSTART
        self.autostart_note = muted(note, self)
        self.autostart_note.setObjectName("autostartNote")
        self.autostart.setAccessibleDescription(note)
        grid.addWidget(self.autostart, 5, 0, 1, 2)
        grid.addWidget(self.autostart_note, 6, 0, 1, 2)
        grid.setRowStretch(7, 1)
        # Each note sits under its box's text, not under the box itself.
        style = self.style()
        indent = style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, None, self.tray)
        indent += style.pixelMetric(QStyle.PixelMetric.PM_CheckBoxLabelSpacing, None, self.tray)
        for under in (self.tray_note, self.autostart_note):
            under.setContentsMargins(indent, 0, 0, 0)
        self._editable = False  # until the saved state has been loaded
        self._read_only = False
        self._sync_enabled()

    def set_state(self, state: DesktopState) -> None:
        """Show what was loaded; the controls become editable (unless read-only)."""
        self._state = state
        index = self.reminder.findData(state.prefs.reminder_minutes)
        self.reminder.setCurrentIndex(max(index, 0))
        self.tray.setChecked(state.prefs.close_to_tray)
        self.autostart.setChecked(state.autostart)
        self._editable = True
        self._sync_enabled()

    def state(self) -> DesktopState:
        """What the controls say now (the loaded state until the controls are ready)."""
        if not self._editable:
            return self._state
        saved = self._state.prefs
        # Without a tray the box cannot be changed: keep what was saved (another desktop's).
        tray = self.tray.isChecked() if self.tray_available else saved.close_to_tray
        prefs = dataclasses.replace(
            saved, reminder_minutes=int(self.reminder.currentData()), close_to_tray=tray
        )
        return DesktopState(prefs, self.autostart.isChecked())

    @property
    def loaded(self) -> DesktopState:
        return self._state

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self._sync_enabled()

    def _sync_enabled(self) -> None:
        on = self._editable and not self._read_only
        self.reminder.setEnabled(on)
        self.tray.setEnabled(on and self.tray_available)
        self.autostart.setEnabled(on and self.autostart_supported)


__all__ = ["DesktopState", "DesktopTab", "load_desktop", "save_desktop"]
