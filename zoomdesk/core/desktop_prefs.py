"""The desktop preferences: reminders and the tray, kept in ``config.json``'s ``desktop`` section.

They are not settings of the Zoom app (``config.KEYS``), have no environment
variable, and mean nothing to the command line; Settings edits them and the
tray and reminders read them. Start at login is not stored here: the XDG
autostart entry itself is the truth (``core.autostart``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from zoomdesk.core import config

SECTION = "desktop"
#: Minutes before a meeting that a reminder may come (0 = off); the issue's choices.
REMINDER_CHOICES = (0, 1, 5, 10, 15)
DEFAULT_REMINDER_MINUTES = 5


@dataclass(frozen=True)
class DesktopPrefs:
    """What Settings shows under *Desktop*."""

    reminder_minutes: int = DEFAULT_REMINDER_MINUTES
    #: Closing the window leaves zoomdesk in the tray (only where a tray exists).
    close_to_tray: bool = False
    #: The one-time "zoomdesk is still running in the tray" notice was shown.
    tray_notice_shown: bool = False

    @property
    def reminders_on(self) -> bool:
        return self.reminder_minutes > 0


def from_mapping(raw: dict[str, Any]) -> DesktopPrefs:
    """Preferences from a section as stored; a value of the wrong shape reads as its default."""
    minutes = raw.get("reminder_minutes")
    if isinstance(minutes, bool) or minutes not in REMINDER_CHOICES:
        minutes = DEFAULT_REMINDER_MINUTES
    flags = {
        key: value
        for key in ("close_to_tray", "tray_notice_shown")
        if isinstance(value := raw.get(key), bool)
    }
    return DesktopPrefs(reminder_minutes=minutes, **flags)


def load(path: Path | None = None) -> DesktopPrefs:
    """The saved preferences (defaults where none are saved). Disk I/O: not on the GUI thread."""
    return from_mapping(config.load_section(SECTION, path))


def save(prefs: DesktopPrefs, path: Path | None = None) -> None:
    """Save ``prefs`` (StoreError when config.json cannot be written; the old one then stays)."""
    if prefs.reminder_minutes not in REMINDER_CHOICES:
        raise ValueError(f"reminder_minutes must be one of {REMINDER_CHOICES}")
    config.save_section(SECTION, asdict(prefs), path)


__all__ = [
    "DEFAULT_REMINDER_MINUTES",
    "REMINDER_CHOICES",
    "SECTION",
    "DesktopPrefs",
    "from_mapping",
    "load",
    "save",
]
