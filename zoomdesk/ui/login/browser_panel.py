"""The "Continue in your browser…" panel: where to sign in, Copy link and Open again.

Plain widgets (no QtWebEngine); the dialog's own Cancel button cancels.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIcon, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from zoomdesk.ui.login import handoff
from zoomdesk.ui.untrusted import plain

TITLE = "Continue in your browser…"


class BrowserPanel(QWidget):
    """Replaces the web view while the sign-in happens in the system browser."""

    copyClicked = Signal()
    openClicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("browserPanel")
        self.icon = QLabel(self)
        self.icon.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        info = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
        icon = QIcon.fromTheme("web-browser", info)  # the theme's browser, where there is one
        self.icon.setPixmap(icon.pixmap(48, 48))
        self.title = plain(QLabel(TITLE, self))
        self.title.setObjectName("browserPanelTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        # Why the dialog left the embedded page (a provider refused it), when it did.
        self.reason = self._wrapped("browserPanelReason")
        font = self.reason.font()
        font.setBold(True)
        self.reason.setFont(font)
        self.message = self._wrapped("browserPanelMessage")
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setFixedHeight(8)
        self.busy.setMaximumWidth(220)
        self.busy.setAccessibleName("Waiting for the browser")
        self.copy_button = QPushButton("&Copy link", self)
        self.copy_button.setObjectName("copyLink")
        self.copy_button.setToolTip("Copy the sign-in page's address, to paste into a browser")
        self.copy_button.setAutoDefault(False)
        self.open_button = QPushButton("&Open again", self)
        self.open_button.setObjectName("openAgain")
        self.open_button.setToolTip("Open the sign-in page in your web browser again")
        self.open_button.setAutoDefault(False)
        self.copy_button.clicked.connect(self.copyClicked)
        self.open_button.clicked.connect(self.openClicked)
        self.note = self._wrapped("browserPanelNote")
        pal = self.note.palette()
        pal.setColor(QPalette.ColorRole.WindowText, pal.color(QPalette.ColorRole.PlaceholderText))
        self.note.setPalette(pal)

        buttons = QHBoxLayout()
        buttons.setSpacing(12)
        buttons.addStretch(1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        # At most a readable width, and less on a small or scaled screen: the
        # labels wrap to whatever width the dialog has.
        column = QWidget(self)
        column.setMaximumWidth(480)
        column.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        inner = QVBoxLayout(column)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(12)
        inner.addWidget(self.icon)
        inner.addWidget(self.title)
        inner.addWidget(self.reason)
        inner.addWidget(self.message)
        inner.addWidget(self.busy, 0, Qt.AlignmentFlag.AlignHCenter)
        inner.addLayout(buttons)
        inner.addWidget(self.note)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 100)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addStretch(2)
        layout.addLayout(row)
        layout.addStretch(3)
        self.title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.title.setWordWrap(True)
        self.show_starting("")

    def _wrapped(self, name: str) -> QLabel:
        label = plain(QLabel(self))
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def show_starting(self, reason: str) -> None:
        """Before the listener is up: no link to copy or open yet."""
        self.reason.setText(reason)
        self.reason.setVisible(bool(reason))
        self.message.setText("Getting the sign-in page ready…")
        self.note.clear()
        self.copy_button.setEnabled(False)
        self.open_button.setEnabled(False)
        self._describe()

    def show_waiting(self, host: str, opened: bool) -> None:
        """The page went to the browser (``opened``), or could not: say where to look."""
        self.message.setText(handoff.waiting_message(host))
        self.note.setText(handoff.OPENED_NOTE if opened else handoff.NOT_OPENED_NOTE)
        self.copy_button.setEnabled(True)
        self.open_button.setEnabled(True)
        (self.open_button if opened else self.copy_button).setFocus()
        self._describe()

    def set_note(self, text: str) -> None:
        self.note.setText(text)
        self._describe()

    def _describe(self) -> None:
        self.setAccessibleName(TITLE)
        parts = (self.reason.text(), self.message.text(), self.note.text())
        self.setAccessibleDescription(" ".join(p for p in parts if p))
