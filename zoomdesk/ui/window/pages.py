"""The main window's pages: loading, signed out and signed in (first run: ``first_run``).

Pages only lay out widgets and emit requests; the window decides what happens.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from zoomdesk.core.user import User
from zoomdesk.ui.style import (
    ElidedLabel,
    avatar_pixmap,
    heading,
    heading_font,
    initials,
    make_primary,
    muted,
)
from zoomdesk.ui.untrusted import plain, set_plain_tooltip


def centered(content: QWidget, max_width: int) -> QHBoxLayout:
    content.setMaximumWidth(max_width)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(content, 100)
    row.addStretch(1)
    return row


def make_card(parent: QWidget) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame(parent)
    frame.setObjectName("card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(24, 20, 24, 20)
    layout.setSpacing(10)
    return frame, layout


class LoadingPage(QWidget):
    """Shown for the moment it takes to read the settings off the GUI thread."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        bar = QProgressBar(self)
        bar.setRange(0, 0)
        bar.setTextVisible(False)
        bar.setMaximumWidth(200)
        bar.setAccessibleName("Loading")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(muted("Loading…", self), 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(bar, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)


class SandboxBanner(QFrame):
    """The strip above every page while the in-process sandbox is in use, with the way out."""

    #: *Connect your Zoom account…*: leave the sandbox for the user's own Zoom app.
    connectRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sandboxBanner")
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 6, 16, 6)
        text = QLabel(
            "<b>Sandbox</b> — a pretend Zoom running inside zoomdesk. Nothing reaches Zoom, "
            "and everything here is gone when you quit.",
            self,
        )
        text.setWordWrap(True)
        row.addWidget(text, 1)
        # Something to act on, not advice about a command-line flag the user never typed.
        self.connect_button = QPushButton("&Connect your Zoom account…", self)
        self.connect_button.setObjectName("connectZoom")
        self.connect_button.setToolTip(
            "Stop the sandbox and set zoomdesk up with your own Zoom app (or sign in with it)."
        )
        self.connect_button.clicked.connect(self.connectRequested)
        row.addWidget(self.connect_button, 0, Qt.AlignmentFlag.AlignVCenter)


class SignedOutPage(QWidget):
    """One big *Sign in with Zoom* button, and why zoomdesk asks."""

    signInRequested = Signal()
    settingsRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        card, inside = make_card(self)
        inside.setSpacing(14)
        icon = QLabel(card)
        window_icon = QGuiApplication.windowIcon()
        if not window_icon.isNull():
            icon.setPixmap(window_icon.pixmap(64, 64))
        icon.setAccessibleName("zoomdesk")
        inside.addWidget(icon, 0, Qt.AlignmentFlag.AlignHCenter)
        title = heading("Sign in to Zoom", card)
        inside.addWidget(title, 0, Qt.AlignmentFlag.AlignHCenter)
        explain = muted(
            "zoomdesk needs your permission to show and schedule your Zoom meetings. "
            "Zoom's own sign-in page opens in a zoomdesk window; your password goes only "
            "to Zoom.",
            card,
        )
        explain.setAlignment(Qt.AlignmentFlag.AlignCenter)
        inside.addWidget(explain)
        self.message = plain(QLabel(card))  # errors can quote Zoom
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.hide()
        inside.addWidget(self.message)
        self.sign_in_button = QPushButton("&Sign in with Zoom", card)
        self.sign_in_button.setObjectName("signIn")
        make_primary(self.sign_in_button, large=True)
        self.sign_in_button.setDefault(True)
        self.sign_in_button.setAutoDefault(True)
        inside.addSpacing(4)
        inside.addWidget(self.sign_in_button, 0, Qt.AlignmentFlag.AlignHCenter)
        self.hint = muted("", card)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.hide()
        inside.addWidget(self.hint)
        self.settings_button = QPushButton("Se&ttings…", card)
        self.settings_button.setObjectName("settings")
        self.settings_button.setFlat(True)
        inside.addWidget(self.settings_button, 0, Qt.AlignmentFlag.AlignHCenter)

        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(centered(card, 460))
        layout.addStretch(2)
        self.sign_in_button.clicked.connect(self.signInRequested)
        self.settings_button.clicked.connect(self.settingsRequested)

    def set_message(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("QLabel { color: #c62828; }" if error else "")
        self.message.setVisible(bool(text))

    def set_sandbox(self, sandbox: bool) -> None:
        self.hint.setText(
            "Sandbox: the sign-in page comes pre-filled with a test account." if sandbox else ""
        )
        self.hint.setVisible(sandbox)


class SignedInPage(QWidget):
    """Who is signed in, the main actions, and the upcoming meetings."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.avatar = QLabel(self)
        self.avatar.setFixedSize(44, 44)
        self.avatar.setAccessibleName("Account picture")
        # Elided, not clipped, when the window is narrow; the tooltip has it all.
        self.name = ElidedLabel("", self)
        self.name.setFont(heading_font(self.name.font(), 1.25))
        self.name.setObjectName("userName")
        self.email = ElidedLabel("", self)
        self.email.setProperty("muted", True)
        self.email.setObjectName("userEmail")
        who = QVBoxLayout()
        who.setSpacing(0)
        who.addWidget(self.name)
        who.addWidget(self.email)

        self.new_button = QPushButton("&New meeting", self)
        self.new_button.setObjectName("newMeeting")
        make_primary(self.new_button)
        self.refresh_button = QPushButton("&Refresh", self)
        self.refresh_button.setObjectName("refresh")
        self.refresh_button.setToolTip("Reload the meetings from Zoom (F5)")
        self.settings_button = QPushButton("Se&ttings…", self)
        self.settings_button.setObjectName("settings")
        self.sign_out_button = QPushButton("Sign &out…", self)  # it asks first
        self.sign_out_button.setObjectName("signOut")

        header = QHBoxLayout()
        header.setSpacing(12)
        header.addWidget(self.avatar)
        header.addLayout(who, 1)
        for button in (self.refresh_button, self.settings_button, self.sign_out_button):
            header.addWidget(button)
        header.addSpacing(8)
        header.addWidget(self.new_button)

        self.list_title = heading("Upcoming meetings", self, size=1.1)
        self.zone_label = muted("", self)
        self.zone_label.setWordWrap(False)
        title_row = QHBoxLayout()
        title_row.addWidget(self.list_title)
        title_row.addStretch(1)
        title_row.addWidget(self.zone_label)
        # Imported here: the list (and its model) is not part of the window's first paint.
        from zoomdesk.ui.window.meeting_list import MeetingList

        self.meetings = MeetingList(self)
        self.meetings.listTypeChanged.connect(self._on_list_type)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 8)
        layout.setSpacing(10)
        layout.addLayout(header)
        layout.addSpacing(6)
        layout.addLayout(title_row)
        layout.addWidget(self.meetings, 1)
        self.set_user(None)

    def set_user(self, user: User | None) -> None:
        """Show the signed-in user; None while their profile is being fetched."""
        if user is None:
            self.name.set_full_text("Loading your account…")
            self.email.set_full_text("")
            self.avatar.clear()
            return
        name = user.display_name or "Zoom user"
        email = user.email
        self.name.set_full_text(name)
        self.email.set_full_text(email)
        ratio = self.devicePixelRatioF()
        self.avatar.setPixmap(avatar_pixmap(initials(name, email), 44, ratio))
        set_plain_tooltip(self.avatar, f"{name} <{email}>" if email else name)

    def _on_list_type(self, list_type: str) -> None:
        from zoomdesk.ui.window.list_bar import TITLES

        self.list_title.setText(TITLES[list_type])
        self.list_title.setAccessibleName(TITLES[list_type])

    def set_viewer_tz(self, tz: str) -> None:
        self.zone_label.setText(f"Times in {tz.replace('_', ' ')}")
