"""Stand-ins for the desktop around the main window: a tray icon, a clock, a user's close."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtGui import QCloseEvent


class FakeTrayIcon:
    """What ``Desktop`` uses of a ``QSystemTrayIcon``, recorded (offscreen Qt has no tray)."""

    def __init__(self, menu: Any, supports_messages: bool = True) -> None:
        self.menu = menu
        self.visible = False
        self.messages: list[tuple[str, str]] = []
        self._supports = supports_messages

    def show(self) -> None:
        self.visible = True

    def hide(self) -> None:
        self.visible = False

    def supportsMessages(self) -> bool:  # QSystemTrayIcon's names
        return self._supports

    def showMessage(self, title: str, text: str, *_: Any) -> None:
        self.messages.append((title, text))


class FakeClock:
    """A wall clock and a monotonic clock that tests move: ``advance`` moves both (time
    passing), ``sleep`` only the wall clock (a suspended machine), ``set_wall`` jumps."""

    def __init__(self, start: datetime) -> None:
        self.wall = start
        self.mono = 1000.0

    def now(self) -> datetime:
        return self.wall

    def monotonic(self) -> float:
        return self.mono

    def advance(self, **delta: float) -> None:
        step = timedelta(**delta)
        self.wall += step
        self.mono += step.total_seconds()

    def sleep(self, **delta: float) -> None:
        self.wall += timedelta(**delta)


class UserClose(QCloseEvent):
    """A close event as the window manager's close button sends it (``spontaneous``);
    Qt offers no public way to mark a synthetic event so."""

    def spontaneous(self) -> bool:
        return True


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)
