"""The main window's menu bar: File, Meeting, Help, and which items each state allows.

Also the names of the meeting actions, shared by the Meeting menu, the list's
context and row menus, and ``MeetingActions``. This module stays light: it is
part of the window the user sees first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from zoomdesk import __version__
from zoomdesk.ui.untrusted import open_link

CREATE_APP_URL = "https://developers.zoom.us/docs/integrations/create/"
PKCE_URL = "https://developers.zoom.us/docs/integrations/PKCE/"

Shortcut = QKeySequence | QKeySequence.StandardKey | str | None

COPY_LINK, JOIN, DETAILS, COPY_INVITATION, EDIT, DELETE = (
    "copy_link",
    "join",
    "details",
    "copy_invitation",
    "edit",
    "delete",
)
START, ADD_TO_CALENDAR, SAVE_ICS = "start", "add_to_calendar", "save_ics"
DUPLICATE = "duplicate"
#: (action, menu text, shortcut) for the context menu and the window's Meeting menu.
#: Plain values, not QKeySequence: building one needs a running QGuiApplication.
ACTIONS: tuple[tuple[str, str, Shortcut], ...] = (
    (JOIN, "&Join", "Ctrl+J"),
    (START, "&Start as host", None),
    (COPY_LINK, "Copy &link", "Ctrl+Shift+C"),
    (COPY_INVITATION, "Copy &invitation", "Ctrl+Shift+I"),
    (ADD_TO_CALENDAR, "Add to &calendar", None),
    (SAVE_ICS, "Sa&ve .ics…", None),
    (DETAILS, "&Details…", None),
    (EDIT, "&Edit…", "Ctrl+E"),
    (DUPLICATE, "D&uplicate…", None),
    (DELETE, "De&lete…", QKeySequence.StandardKey.Delete),
)


@dataclass(frozen=True)
class Handlers:
    """What the window does for each menu item."""

    new_meeting: Callable[[], object]
    refresh: Callable[[], object]
    sign_in: Callable[[], object]
    sign_out: Callable[[], object]
    settings: Callable[[], object]
    quit: Callable[[], object]
    meeting_action: Callable[[str], object]  # an action name from meeting_model


class WindowMenus(QObject):
    """Builds the menus on ``window``; ``sync`` enables what the current state allows."""

    def __init__(self, window: QMainWindow, handlers: Handlers) -> None:
        super().__init__(window)
        self.window = window
        self.new = self._action("&New meeting…", handlers.new_meeting, QKeySequence.StandardKey.New)
        self.refresh = self._action("&Refresh", handlers.refresh, QKeySequence.StandardKey.Refresh)
        self.sign_in = self._action("&Sign in with Zoom…", handlers.sign_in)
        self.sign_out = self._action("Sign &out…", handlers.sign_out)
        self.settings = self._action("Se&ttings…", handlers.settings, "Ctrl+,")
        quit_action = self._action("&Quit", handlers.quit, QKeySequence.StandardKey.Quit)
        file_menu = window.menuBar().addMenu("&File")
        for item in (self.new, self.refresh, None, self.sign_in, self.sign_out, self.settings,
                     None, quit_action):  # fmt: skip
            file_menu.addSeparator() if item is None else file_menu.addAction(item)

        self.meeting_menu = window.menuBar().addMenu("&Meeting")
        self.meeting: dict[str, QAction] = {}
        for name, text, shortcut in ACTIONS:
            action = self._action(text, partial(handlers.meeting_action, name), shortcut)
            if name == EDIT:
                self.meeting_menu.addSeparator()
            self.meeting_menu.addAction(action)
            self.meeting[name] = action

        help_menu = window.menuBar().addMenu("&Help")
        help_menu.addAction(
            self._action("Creating a Zoom &OAuth app", lambda: open_link(CREATE_APP_URL))
        )
        help_menu.addAction(self._action("&About zoomdesk", self._about))

    def scope_delete_to(self, meeting_list: QWidget) -> None:
        """The Delete key deletes a meeting only while the meeting list has the focus."""
        action = self.meeting[DELETE]
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        meeting_list.addAction(action)

    def sync(self, *, signed_in: bool, signed_out: bool, has_meeting: bool) -> None:
        for action in (self.new, self.refresh, self.sign_out):
            action.setEnabled(signed_in)
        self.sign_in.setEnabled(signed_out)
        self.settings.setEnabled(signed_in or signed_out)
        for action in self.meeting.values():
            action.setEnabled(signed_in and has_meeting)
        self.meeting_menu.setEnabled(signed_in and has_meeting)

    def _action(self, text: str, slot: Callable[[], object], shortcut: Shortcut = None) -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _about(self) -> None:
        QMessageBox.about(
            self.window,
            "About zoomdesk",
            f"<b>zoomdesk {__version__}</b><p>Schedule Zoom meetings from your desktop.</p>",
        )
