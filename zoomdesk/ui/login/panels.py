"""Plain widgets of the login dialog: the address line and the status panel.

No QtWebEngine here, so these can be built and tested on their own.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPalette, QPen, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from zoomdesk.ui.login.navigation import describe_origin, display_host
from zoomdesk.ui.untrusted import plain


def lock_pixmap(closed: bool, size: int = 16, ratio: float = 1.0) -> QPixmap:
    """A padlock drawn in code: closed for https, open (and amber) for http.

    Drawn rather than shipped so the dialog needs no resource lookup, and so the
    icon matches the text colour of whatever theme is active.
    """
    pixmap = QPixmap(QSize(size, size) * ratio)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    color = QColor("#2e7d32") if closed else QColor("#b26a00")
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 16.0
    body = QRectF(2.5 * s, 7.0 * s, 11.0 * s, 8.0 * s)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(color)
    p.drawRoundedRect(body, 1.5 * s, 1.5 * s)
    shackle = QPainterPath()
    left = 5.0 * s if closed else 9.0 * s
    shackle.moveTo(QPointF(left, 7.0 * s))
    shackle.lineTo(QPointF(left, 5.0 * s))
    shackle.arcTo(QRectF(left, 1.5 * s, 6.0 * s, 7.0 * s), 180, -180)
    if closed:
        shackle.lineTo(QPointF(11.0 * s, 7.0 * s))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(QPen(color, 1.8 * s, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    p.drawPath(shackle)
    p.end()
    return pixmap


#: What the address line says until the first page arrives.
CONNECTING = "Connecting…"


class OriginBar(QWidget):
    """Lock icon + read-only line: which host the page comes from, and whether it's https."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.icon = QLabel(self)
        self.icon.setFixedSize(16, 16)
        self.line = QLineEdit(self)
        self.line.setReadOnly(True)
        # Reading the address is useful; tabbing through it on every sign-in is not.
        self.line.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.line.setAccessibleName("Sign-in page address")
        self.line.setFrame(False)
        pal = self.line.palette()
        pal.setColor(QPalette.ColorRole.Base, pal.color(QPalette.ColorRole.Window))
        self.line.setPalette(pal)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(8)
        layout.addWidget(self.icon)
        layout.addWidget(self.line, 1)
        self.secure: bool | None = None
        self.set_url("")

    def set_url(self, url: QUrl | str) -> None:
        text, secure = describe_origin(url.toString() if isinstance(url, QUrl) else url)
        self.line.setText(text or CONNECTING)
        self.line.setCursorPosition(0)
        self.secure = secure if text else None
        if self.secure is None:
            self.icon.clear()
            self.icon.setAccessibleName("")
            return
        ratio = self.devicePixelRatioF()
        self.icon.setPixmap(lock_pixmap(secure, 16, ratio))
        name = "Secure connection" if secure else "Connection not encrypted"
        self.icon.setAccessibleName(name)
        self.icon.setToolTip(name)

    def waiting(self) -> bool:
        """True while no page has come yet (the line says "Connecting…")."""
        return self.line.text() == CONNECTING

    def set_unreached(self, url: QUrl | str = "") -> None:
        """No page is shown, and none is coming: say so (and which host failed), not
        "Connecting…" beside an error."""
        host = display_host(url.toString() if isinstance(url, QUrl) else url)
        self.line.setText(f"{host} \N{EM DASH} not connected" if host else "Not connected")
        self.line.setCursorPosition(0)
        self.secure = None
        self.icon.clear()
        self.icon.setAccessibleName("")
        self.icon.setToolTip("")


def separator(parent: QWidget) -> QFrame:
    """A 1 px horizontal rule in the theme's mid colour."""
    line = QFrame(parent)
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Plain)
    line.setForegroundRole(QPalette.ColorRole.Mid)
    return line


def load_progress(parent: QWidget) -> QProgressBar:
    """The thin bar under the address line that follows the page's loading."""
    bar = QProgressBar(parent)
    bar.setTextVisible(False)
    bar.setFixedHeight(3)
    bar.setAccessibleName("Page loading progress")
    policy = bar.sizePolicy()
    policy.setRetainSizeWhenHidden(True)  # no layout jump when loading ends
    bar.setSizePolicy(policy)
    return bar


def footnote(text: str, parent: QWidget) -> QLabel:
    """Small, muted text for the dialog's bottom row."""
    label = QLabel(text, parent)
    pal = label.palette()
    pal.setColor(QPalette.ColorRole.WindowText, pal.color(QPalette.ColorRole.PlaceholderText))
    label.setPalette(pal)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 0.92)
    label.setFont(font)
    label.setWordWrap(True)
    policy = label.sizePolicy()
    policy.setRetainSizeWhenHidden(True)  # buttons beside it keep their place
    label.setSizePolicy(policy)
    return label


_ICONS = {
    "info": QStyle.StandardPixmap.SP_MessageBoxInformation,
    "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
    "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
}


class StatusPanel(QWidget):
    """What replaces the page while signing in finishes or when something went wrong.

    One panel, re-filled for each state: an icon, a title, a message, an
    optional busy bar and an optional action button (Try again / Retry), in a
    centred column narrow enough to read.
    """

    actionClicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.icon = QLabel(self)
        self.icon.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        # The message can quote the sign-in page's error_description: never markup.
        self.title = plain(QLabel(self))
        self.title.setObjectName("loginPanelTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.title.setWordWrap(True)
        self.message = plain(QLabel(self))
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)  # indeterminate: the exchange reports no progress
        self.busy.setTextVisible(False)
        self.busy.setFixedSize(220, 8)
        self.busy.setAccessibleName("Working")
        self.action = QPushButton(self)
        self.action.setDefault(True)
        self.action.setAutoDefault(True)
        self.action.setMinimumWidth(120)
        self.action.clicked.connect(self.actionClicked)

        # A fixed-width column: word-wrapped labels need a width to wrap against,
        # and long lines across a 900 px dialog are hard to read.
        column = QWidget(self)
        column.setFixedWidth(460)
        inner = QVBoxLayout(column)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(12)
        inner.addWidget(self.icon)
        inner.addWidget(self.title)
        inner.addWidget(self.message)
        inner.addSpacing(8)
        inner.addWidget(self.busy, 0, Qt.AlignmentFlag.AlignHCenter)
        inner.addWidget(self.action, 0, Qt.AlignmentFlag.AlignHCenter)

        # Centred with stretches, not an alignment flag: an aligned item gets its
        # plain size hint, and the wrapped message would be cut off.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addStretch(2)
        layout.addLayout(row)
        layout.addStretch(3)

    def show_state(
        self,
        title: str,
        message: str,
        *,
        busy: bool = False,
        action: str = "",
        tone: str = "",
        long: bool = False,
    ) -> None:
        """Fill the panel; ``tone`` is "info", "warning", "error" or "" (no icon)."""
        self.title.setText(title)
        self.message.setText(message)
        side = Qt.AlignmentFlag.AlignLeft if long else Qt.AlignmentFlag.AlignHCenter
        self.message.setAlignment(side)
        self.busy.setVisible(busy)
        self.action.setVisible(bool(action))
        self.action.setText(action)
        if tone in _ICONS:
            icon = self.style().standardIcon(_ICONS[tone])
            self.icon.setPixmap(icon.pixmap(48, 48))
            self.icon.show()
        else:
            self.icon.clear()
            self.icon.hide()
        self.setAccessibleName(title)
        self.setAccessibleDescription(message)
