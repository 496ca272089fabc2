"""Where a reminder (or the tray's one-time notice) is shown: the desktop, the tray, or the log.

In order of preference:

1. the freedesktop notification service on the session bus
   (``desktop_notify``), with a *Join* button where the server advertises
   ``actions``; clicking the notification itself opens zoomdesk;
2. the tray icon's own message (``QSystemTrayIcon.showMessage``), without
   *Join*: clicking it opens zoomdesk;
3. nothing on screen, a line in the log.

Meeting text comes from the network: the summary is plain text by the
specification, and the body is escaped where the server reads markup in it.
The join link never goes into the text (it carries the passcode).
"""

from __future__ import annotations

import functools
import html
import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from zoomdesk.core.meeting import Meeting
from zoomdesk.core.reminders import Reminder
from zoomdesk.ui.resources import app_icon_files
from zoomdesk.ui.tasks import TaskRunner
from zoomdesk.ui.untrusted import may_open, plain_tooltip

if TYPE_CHECKING:
    from zoomdesk.ui.window.desktop_notify import Notifications

log = logging.getLogger(__name__)

APP_NAME = "zoomdesk"
JOIN, OPEN = "join", "default"  # "default" is the spec's key for a click on the notification
#: How many notification ids to remember for their Join button (older ones are forgotten).
KEEP_IDS = 50
#: Shown once, the first time closing the window leaves zoomdesk in the tray.
NOTICE_TITLE = "zoomdesk is still running"
NOTICE_TEXT = (
    "It stays in the tray to remind you of meetings. To quit, choose Quit in the tray icon's menu."
)

#: (title, message) -> shown? : the tray's own balloon; None without a tray.
TrayMessage = Callable[[str, str], bool]


def reminder_text(reminder: Reminder, now: datetime) -> tuple[str, str]:
    """(summary, body) of a reminder: the topic, and when it starts, in local time."""
    at = reminder.start.astimezone().strftime("%H:%M")
    minutes = reminder.minutes_to_start(now)
    if minutes > 0:
        when = f"Starts in {minutes} minute{'s' if minutes != 1 else ''}, at {at}"
    elif minutes == 0:
        when = f"Starts now, at {at}"
    else:
        ago = -minutes
        when = f"Started {ago} minute{'s' if ago != 1 else ''} ago, at {at}"
    topic = " ".join(reminder.meeting.topic.split()) or "Zoom meeting"
    return topic, when


class ReminderNotifier(QObject):
    """Shows reminders and notices; ``joinRequested``/``openRequested`` come from a click."""

    joinRequested = Signal(object)  # the Meeting whose Join was clicked
    openRequested = Signal()
    #: (signal name, body) from the bus, crossing from jeepney's thread to the GUI thread.
    _busSignal = Signal(str, object)

    def __init__(
        self,
        runner: TaskRunner,
        tray_message: TrayMessage | None = None,
        connect: Callable[[Callable[[str, tuple[Any, ...]], None]], Notifications | None]
        | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.tray_message = tray_message
        self._connect = connect
        self.service: Notifications | None = None
        self._looked = False
        self._ready = False
        #: Shown before the look-up ended: they wait for its answer, not for the tray.
        self._waiting: list[tuple[str, str, list[str], Meeting | None]] = []
        self._by_id: dict[int, Meeting] = {}
        #: Clicks that came before ``Notify``'s answer reached the GUI thread (a fast server).
        self._early: dict[int, str] = {}
        self._busSignal.connect(self._on_bus_signal)
        #: What was shown and how, newest last: ("dbus" | "tray" | "log", summary, body).
        self.shown: list[tuple[str, str, str]] = []

    def start(self) -> None:
        """Look for the notification service, on a worker (it is a D-Bus round trip)."""
        if self._looked:
            return
        self._looked = True
        from zoomdesk.ui.window import desktop_notify

        connect = self._connect or desktop_notify.connect
        relay = self._busSignal.emit
        self.runner.run(lambda: connect(relay), self._found, self._not_found, "find notifications")

    def _found(self, service: Notifications | None) -> None:
        self.service = service
        self._flush()

    def _not_found(self, exc: BaseException) -> None:
        log.info("no desktop notifications: %s", type(exc).__name__)
        self._flush()

    def _flush(self) -> None:
        self._ready = True
        waiting, self._waiting = self._waiting, []
        for summary, body, actions, meeting in waiting:
            self._show(summary, body, actions, meeting)

    def stop(self) -> None:
        service, self.service = self.service, None
        if service is not None:
            service.close()

    # -- showing ------------------------------------------------------------------------

    def remind(self, reminder: Reminder, now: datetime) -> None:
        summary, body = reminder_text(reminder, now)
        meeting = reminder.meeting
        actions = [OPEN, "Open zoomdesk"]
        if may_open(meeting.join_url):
            actions += [JOIN, "Join"]
        self._show(summary, body, actions, meeting)

    def notice(self) -> None:
        """The one-time "still running in the tray" notice."""
        self._show(NOTICE_TITLE, NOTICE_TEXT, [], None)

    def _show(self, summary: str, body: str, actions: list[str], meeting: Meeting | None) -> None:
        if self._looked and not self._ready:
            self._waiting.append((summary, body, actions, meeting))
            return
        service = self.service
        if service is not None:
            text = html.escape(body, quote=False) if service.markup else body

            def send() -> int:  # on the runner: the icon's look-up reads the disk
                return service.notify(
                    APP_NAME, summary, text, icon=_icon(),
                    actions=actions if service.actions else [],
                    hints={"desktop-entry": ("s", APP_NAME)},
                )  # fmt: skip

            def sent(notification_id: int) -> None:
                if meeting is not None:
                    self._remember(notification_id, meeting)

            self.shown.append(("dbus", summary, body))
            self.runner.run(send, sent, lambda e: self._fall_back(summary, body, e), "notify")
            return
        self._fall_back(summary, body)

    def _fall_back(self, summary: str, body: str, exc: BaseException | None = None) -> None:
        if exc is not None:
            log.info("the notification service failed (%s); using the tray", type(exc).__name__)
        if self.tray_message is not None and self.tray_message(
            plain_tooltip(summary), plain_tooltip(body)
        ):
            self.shown.append(("tray", summary, body))
            return
        # No topic in the log: it is the user's, and the log is kept for support.
        log.info("reminder not shown (no notification service, no tray): %s", body)
        self.shown.append(("log", summary, body))

    def _remember(self, notification_id: int, meeting: Meeting) -> None:
        self._by_id[notification_id] = meeting
        while len(self._by_id) > KEEP_IDS:
            del self._by_id[next(iter(self._by_id))]
        early = self._early.pop(notification_id, None)
        if early is not None:
            self._act(meeting, early)

    def _on_bus_signal(self, name: str, body: object) -> None:
        args = tuple(body) if isinstance(body, tuple | list) else ()
        if not args or isinstance(args[0], bool) or not isinstance(args[0], int):
            return  # not the shape the spec gives these signals: anyone on the bus may send
        if name == "ActionInvoked" and len(args) == 2:
            meeting = self._by_id.get(int(args[0]))
            if meeting is not None:
                self._act(meeting, str(args[1]))
            elif len(self._early) < KEEP_IDS:
                # Ours, answered before Notify's reply was handled, or another program's.
                self._early[int(args[0])] = str(args[1])
        elif name == "NotificationClosed" and args:
            self._by_id.pop(int(args[0]), None)
            self._early.pop(int(args[0]), None)

    def _act(self, meeting: Meeting, key: str) -> None:
        if key == JOIN:
            self.joinRequested.emit(meeting)
        elif key == OPEN:
            self.openRequested.emit()


#: The icon size sent: servers scale it down (dunst to 32-128 px); a 512 px one is wasted.
ICON_PX = 64


@functools.cache
def _icon() -> str:
    """The app icon as a file path (the spec accepts one); "" when none ships.

    Looked up once, on the worker that sends (it looks at files)."""
    files = app_icon_files()
    sized = [f for f in files if f.suffix == ".png" and f"{ICON_PX}x{ICON_PX}" in str(f)]
    chosen = sized or files
    return str(chosen[0]) if chosen else ""


__all__ = ["JOIN", "NOTICE_TEXT", "NOTICE_TITLE", "OPEN", "ReminderNotifier", "reminder_text"]
