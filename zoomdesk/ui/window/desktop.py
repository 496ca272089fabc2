"""zoomdesk on the desktop around its main window: the tray, close-to-tray, and reminders.

``Desktop`` is built by ``AppInstance`` once the main window has started
loading. It connects from outside (signals and an event filter), so the
window itself knows nothing of it:

* **Tray** (only where ``QSystemTrayIcon.isSystemTrayAvailable()``): the
  ``TrayMenu`` on a tray icon, rebuilt when the meeting list changes.
* **Close-to-tray**: the user closing the window (the window manager's close
  button, Alt+F4: a *spontaneous* close event) only hides it when there is a
  tray and ``close_to_tray`` is set; the first time, a notice says so once and
  ``tray_notice_shown`` is saved (on a worker). A close zoomdesk asks for
  itself (File ▸ Quit, the tray's *Quit*, the session ending) always closes,
  and without the preference or a tray closing quits as before.
* **Reminders**: ``ListRefresher`` keeps the list fresh while signed in and
  says which reminders are due; ``ReminderNotifier`` shows them.
* **Preferences** (``core.desktop_prefs``) are read on a worker at start, when
  the window reloads, and when a Settings dialog closes; ``apply_desktop_prefs``
  takes new ones at once.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QApplication, QDialog, QSystemTrayIcon

from zoomdesk.core import desktop_prefs
from zoomdesk.core.desktop_prefs import DesktopPrefs
from zoomdesk.core.meeting import Meeting
from zoomdesk.core.reminders import Clock, Reminder, system_clock
from zoomdesk.ui.guard import guarded
from zoomdesk.ui.session import fetch_upcoming
from zoomdesk.ui.status import Kind, describe
from zoomdesk.ui.tasks import TaskRunner
from zoomdesk.ui.untrusted import open_link
from zoomdesk.ui.window.list_bar import UPCOMING
from zoomdesk.ui.window.list_refresher import ListRefresher
from zoomdesk.ui.window.page_stack import LOADING, SIGNED_IN
from zoomdesk.ui.window.reminder_notifier import ReminderNotifier
from zoomdesk.ui.window.tray import TrayMenu, make_tray_icon

if TYPE_CHECKING:
    from zoomdesk.ui.window.main_window import MainWindow

log = logging.getLogger(__name__)

#: The tray icon: built from the menu (tests pass a stand-in; None: no tray).
MakeIcon = Callable[[TrayMenu], Any]
SHUTDOWN_WAIT_MS = 3000


def tray_available() -> bool:
    return bool(QSystemTrayIcon.isSystemTrayAvailable())


def platform_icon(menu: TrayMenu) -> QSystemTrayIcon:
    from zoomdesk.ui.app import app_icon

    icon = QApplication.windowIcon()
    return make_tray_icon(menu, icon if not icon.isNull() else app_icon(), menu)


class Desktop(QObject):
    """See the module docstring. ``new_meeting`` and ``open_window`` are AppInstance's."""

    def __init__(
        self,
        window: MainWindow,
        *,
        new_meeting: Callable[[], None],
        open_window: Callable[[], None],
        make_icon: MakeIcon | None = None,
        clock: Clock = system_clock,
        monotonic: Callable[[], float] = time.monotonic,
        notifications: Any = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.window = window
        self.clock = clock
        self.prefs = DesktopPrefs()  # the defaults until the saved ones are read
        self.quitting = False
        self._notice_given = False
        self._applying = False  # our own list going into the window's table
        # Owned by the application: a runner destroyed right after its last task crashes
        # PySide6. Not the window's: a background refresh must not show as busy there.
        self.runner = TaskRunner(QCoreApplication.instance())
        self.menu = TrayMenu(self)
        if make_icon is None and tray_available():
            make_icon = platform_icon
        self.tray = make_icon(self.menu) if make_icon is not None else None
        self.notifier = ReminderNotifier(
            self.runner, self._tray_message if self.tray is not None else None, notifications, self
        )
        self.refresher = ListRefresher(
            self.runner, clock, monotonic, self.prefs.reminder_minutes, self
        )

        self.menu.newMeetingRequested.connect(new_meeting)
        self.menu.openRequested.connect(open_window)
        self.menu.joinRequested.connect(self.join)
        self.menu.quitRequested.connect(self.quit)
        self.menu.menu.aboutToShow.connect(self.update_menu)  # "Today", "in progress" move on
        self.notifier.joinRequested.connect(self.join)
        self.notifier.openRequested.connect(open_window)
        self.refresher.listChanged.connect(self.update_menu)
        self.refresher.remindersDue.connect(self._remind)
        self.refresher.fetched.connect(self._show_in_window)
        self.refresher.fetchFailed.connect(self._fetch_failed)
        window.stateChanged.connect(self._state_changed)
        window.meetingsShown.connect(self._window_listed)
        window.installEventFilter(self)

        self.notifier.start()
        self._state_changed(window.state)  # LOADING reads the preferences
        if window.state != LOADING:
            self.load_prefs()
        if self.tray is not None:
            self.tray.show()

    # -- preferences --------------------------------------------------------------------

    def load_prefs(self) -> None:
        """Read the desktop preferences again, on a worker."""
        path = self.window.backend.config_path
        self.runner.run(
            lambda: desktop_prefs.load(path),
            self.apply_desktop_prefs,
            lambda exc: log.warning("desktop preferences not read: %s", type(exc).__name__),
            "load desktop prefs",
        )

    def apply_desktop_prefs(self, prefs: DesktopPrefs) -> None:
        """Use ``prefs`` from now on (Settings calls this once they are saved)."""
        if self._notice_given and not prefs.tray_notice_shown:
            prefs = replace(prefs, tray_notice_shown=True)  # a read older than our save
        self.prefs = prefs
        self.refresher.set_lead(prefs.reminder_minutes)

    @property
    def keeps_in_tray(self) -> bool:
        """Closing the window leaves zoomdesk in the tray."""
        return self.tray is not None and self.prefs.close_to_tray and not self.quitting

    # -- the window ---------------------------------------------------------------------

    @guarded(False)
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window:
            kind = event.type()
            if kind == QEvent.Type.Close and self.keeps_in_tray and event.spontaneous():
                event.ignore()  # a filtered close event still counts as accepted otherwise
                self.hide_to_tray()
                return True
            if kind == QEvent.Type.ChildPolished:
                self._watch_settings(getattr(event, "child", lambda: None)())
        return False

    def hide_to_tray(self) -> None:
        self.window.hide()
        log.info("the window is hidden; zoomdesk stays in the tray")
        if self.prefs.tray_notice_shown or self._notice_given:
            return
        self._notice_given = True
        self.prefs = replace(self.prefs, tray_notice_shown=True)
        self.notifier.notice()
        path = self.window.backend.config_path

        def save() -> None:
            # Read first: Settings may have saved other preferences since we read them.
            desktop_prefs.save(replace(desktop_prefs.load(path), tray_notice_shown=True), path)

        self.runner.run(
            save,
            None,
            lambda exc: log.warning("tray notice not recorded: %s", type(exc).__name__),
            "save desktop prefs",
        )

    def _watch_settings(self, child: object) -> None:
        if (
            isinstance(child, QDialog)
            and child.metaObject().className() == "SettingsDialog"
            and not child.property("zoomdeskWatched")
        ):
            child.setProperty("zoomdeskWatched", True)
            child.finished.connect(lambda _result: self.load_prefs())

    def quit(self) -> None:
        """*Quit*: really quit, window hidden in the tray or not."""
        self.quitting = True
        QApplication.quit()

    def join(self, meeting: Meeting) -> None:
        """Join from the tray or a notification: the window's own join path when signed in."""
        if self.window.state == SIGNED_IN:
            self.window.meeting_actions.join(meeting)
        elif not open_link(meeting.join_url):
            log.info("the join link of a reminded meeting was not opened")

    # -- the list and reminders ---------------------------------------------------------

    def _state_changed(self, state: str) -> None:
        account = self.window.account
        if state == SIGNED_IN and account is not None:
            self.refresher.set_source(lambda: fetch_upcoming(account))
            if self.window.pages.signed_in.meetings.model.rowCount():
                self._window_listed(0)  # a list already on screen (built after it came)
        else:
            self.refresher.set_source(None)
        if state == LOADING:
            self.load_prefs()  # the settings were saved, or the sandbox started
        self.update_menu()

    def _upcoming_on_screen(self) -> bool:
        """Signed in with the *Upcoming* list showing: the one list reminders share."""
        meetings = self.window.pages.signed_in.meetings
        return self.window.state == SIGNED_IN and meetings.list_type == UPCOMING

    def _window_listed(self, _count: int) -> None:
        # Past meetings (the *Previous* tab) must not become the reminders.
        if not self._applying and self._upcoming_on_screen():
            self.refresher.take_list(self.window.pages.signed_in.meetings.model.meetings)

    def _show_in_window(self, meetings: list[Meeting]) -> None:
        window = self.window
        if not self._upcoming_on_screen():  # the user is looking at another list
            return
        pending = window.meeting_actions.pending  # a delete waiting for Undo stays hidden
        meetings = [m for m in meetings if not pending.hides(m)]
        self._applying = True
        try:
            viewer_tz = window.meeting_actions.viewer_tz
            window.pages.signed_in.meetings.show_meetings(meetings, viewer_tz)
            window.meetings_shown(len(meetings))
        finally:
            self._applying = False

    def _fetch_failed(self, exc: BaseException) -> None:
        # Offline is no news (the next try is scheduled); a session that ended is.
        if describe(exc).kind is Kind.AUTH and self.window.state == SIGNED_IN:
            self.window.fail(exc)

    def _remind(self, due: list[Reminder]) -> None:
        now = self.clock()
        for reminder in due:
            self.notifier.remind(reminder, now)

    def update_menu(self) -> None:
        startup = self.window.startup
        self.menu.set_meetings(
            self.refresher.reminders.upcoming(),
            signed_in=self.window.state == SIGNED_IN,
            viewer_tz=startup.viewer_tz if startup else "UTC",
            now=self.clock(),
        )

    def _tray_message(self, title: str, text: str) -> bool:
        tray = self.tray
        if tray is None or not tray.supportsMessages():
            return False
        tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 15000)
        return True

    def shutdown(self) -> None:
        """After the event loop: no more timers, the tray icon gone, the bus closed."""
        # No filter left on the window: Qt would hand it the events of the window's
        # destruction, and wrapping a half-destroyed window crashes PySide6.
        self.window.removeEventFilter(self)
        self.refresher.stop()
        self.runner.wait_for_done(SHUTDOWN_WAIT_MS)
        self.notifier.stop()
        if self.tray is not None:
            self.tray.hide()


__all__ = ["Desktop", "tray_available"]
