"""The tray icon and its menu: *New meeting…*, the next three meetings, *Open zoomdesk*, *Quit*.

``TrayMenu`` is the menu alone, a plain ``QMenu`` that tests can read and
trigger without a platform tray; ``make_tray_icon`` puts it on a
``QSystemTrayIcon`` where the desktop has a tray. A click on a meeting asks
to join it (the window's join path, https links only); the menu is rebuilt
whenever the meeting list changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from zoomdesk.core.meeting import Meeting
from zoomdesk.core.reminders import Reminder
from zoomdesk.ui.window.list_model import format_when

#: How many meetings the menu lists.
SHOWN = 3
#: Topics longer than this are cut (with "…"): a menu as wide as the screen helps no one.
TOPIC_CHARS = 48
NO_MEETINGS = "No upcoming meetings"
SIGNED_OUT = "Not signed in"


def meeting_label(reminder: Reminder, viewer_tz: str, now: datetime) -> str:
    """``Today, 14:00–14:30 · Design review``, as menu text (no mnemonics, one line)."""
    topic = " ".join(reminder.meeting.topic.split()) or "Zoom meeting"
    if len(topic) > TOPIC_CHARS:
        topic = topic[: TOPIC_CHARS - 1].rstrip() + "…"
    today = now.astimezone(ZoneInfo(viewer_tz)).date()
    when = format_when(reminder.start, reminder.duration or None, viewer_tz, today)
    return f"{when} · {topic}".replace("&", "&&")  # a lone & would underline the next letter


def next_meetings(upcoming: Sequence[Reminder], count: int = SHOWN) -> list[Reminder]:
    """The first ``count`` starts, one per meeting (a series shows its next occurrence)."""
    seen: set[int] = set()
    found: list[Reminder] = []
    for reminder in upcoming:
        if reminder.meeting.id not in seen:
            seen.add(reminder.meeting.id)
            found.append(reminder)
        if len(found) == count:
            break
    return found


class TrayMenu(QObject):
    """The tray's menu; its signals say what the user picked."""

    newMeetingRequested = Signal()
    joinRequested = Signal(object)  # a Meeting
    openRequested = Signal()
    quitRequested = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.menu = QMenu()
        self.menu.setObjectName("zoomdeskTrayMenu")
        self.new_action = self._action("&New meeting…", self.newMeetingRequested.emit)
        self.open_action = self._action("&Open zoomdesk", self.openRequested.emit)
        self.quit_action = self._action("&Quit", self.quitRequested.emit)
        self.meeting_actions: list[QAction] = []
        self.set_meetings([], signed_in=False, viewer_tz="UTC", now=datetime.now().astimezone())

    def set_meetings(
        self, upcoming: Sequence[Reminder], *, signed_in: bool, viewer_tz: str, now: datetime
    ) -> None:
        """Rebuild the menu around the next meetings of ``upcoming`` (earliest first)."""
        menu = self.menu
        menu.clear()
        menu.addAction(self.new_action)
        self.new_action.setEnabled(True)  # signed out, it signs in first (AppInstance)
        menu.addSeparator()
        self.meeting_actions = []
        for reminder in next_meetings(upcoming) if signed_in else []:
            action = QAction(meeting_label(reminder, viewer_tz, now), menu)
            meeting = reminder.meeting
            action.triggered.connect(lambda _=False, m=meeting: self._join(m))
            menu.addAction(action)
            self.meeting_actions.append(action)
        if not self.meeting_actions:
            placeholder = menu.addAction(NO_MEETINGS if signed_in else SIGNED_OUT)
            placeholder.setEnabled(False)
        menu.addSeparator()
        menu.addAction(self.open_action)
        menu.addAction(self.quit_action)

    def texts(self) -> list[str]:
        """What the menu shows, separators as "" (for tests and the log)."""
        return [action.text() for action in self.menu.actions()]

    def _join(self, meeting: Meeting) -> None:
        self.joinRequested.emit(meeting)

    def _action(self, text: str, slot: object) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(lambda _=False: slot())  # type: ignore[operator]
        return action


def make_tray_icon(menu: TrayMenu, icon: QIcon, parent: QObject | None = None) -> QSystemTrayIcon:
    """The platform's tray icon with ``menu``; a click on the icon opens zoomdesk."""
    tray = QSystemTrayIcon(icon, parent)
    tray.setToolTip("zoomdesk")
    tray.setContextMenu(menu.menu)

    def activated(reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            menu.openRequested.emit()

    tray.activated.connect(activated)
    tray.messageClicked.connect(menu.openRequested.emit)
    return tray


__all__ = ["SHOWN", "TrayMenu", "make_tray_icon", "meeting_label", "next_meetings"]
