"""Small look-and-feel helpers: the primary-button accent, headings, the avatar.

The rest follows the platform style and palette, so dark themes keep working.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPixmap, QResizeEvent
from PySide6.QtWidgets import QAbstractButton, QLabel, QSizePolicy, QWidget

from zoomdesk.ui.guard import guarded
from zoomdesk.ui.untrusted import plain, set_plain_tooltip

ACCENT = "#0b5cff"  # Zoom blue
ACCENT_HOVER = "#0a4fdb"
ACCENT_PRESSED = "#0841b5"

#: Applied to the main window; dialogs parented to it inherit it.
STYLE_SHEET = f"""
QPushButton[primary="true"] {{
    background-color: {ACCENT}; color: white; border: 1px solid {ACCENT_PRESSED};
    border-radius: 6px; padding: 6px 18px; font-weight: 600;
}}
QPushButton[primary="true"]:hover {{ background-color: {ACCENT_HOVER}; }}
QPushButton[primary="true"]:pressed {{ background-color: {ACCENT_PRESSED}; }}
QPushButton[primary="true"]:focus {{ border: 2px solid #9cc0ff; }}
QPushButton[primary="true"]:disabled {{
    background-color: #9db7ee; border-color: #9db7ee; color: #eef3ff;
}}
QPushButton[large="true"] {{ padding: 10px 28px; font-size: 12pt; }}
QFrame#card {{
    border: 1px solid palette(mid); border-radius: 8px; background: palette(base);
}}
QFrame#sandboxBanner {{ background: #fff4ce; border-bottom: 1px solid #e8d48a; }}
QFrame#sandboxBanner QLabel {{ color: #4d3b00; }}
QLabel[muted="true"] {{ color: palette(placeholder-text); }}
"""


def make_primary(button: QAbstractButton, *, large: bool = False) -> None:
    """Give a button the accent colour (one per page: the thing to do next)."""
    button.setProperty("primary", True)
    if large:
        button.setProperty("large", True)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    # A widget polished before the property was set keeps its old look otherwise
    # (QDialogButtonBox polishes its buttons as it adds them).
    button.style().unpolish(button)
    button.style().polish(button)


def heading_font(base: QFont, size: float) -> QFont:
    """``base`` scaled by ``size`` and semi-bold: the look of every heading."""
    font = QFont(base)
    font.setPointSizeF(font.pointSizeF() * size)
    font.setWeight(QFont.Weight.DemiBold)
    return font


def heading(text: str, parent: QWidget | None = None, *, size: float = 1.6) -> QLabel:
    """A heading; plain text, as it often shows a meeting's topic."""
    label = plain(QLabel(text, parent))
    label.setFont(heading_font(label.font(), size))
    label.setAccessibleName(text)
    return label


def muted(text: str, parent: QWidget | None = None) -> QLabel:
    """A secondary line of text (help, e-mail address, a note); plain text."""
    label = plain(QLabel(text, parent))
    label.setProperty("muted", True)
    label.setWordWrap(True)
    return label


class ElidedLabel(QLabel):
    """One line of text that ends in "…" when the window is too narrow, full text in the tooltip."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        plain(self)  # a user's name or e-mail address from Zoom
        self.setMinimumWidth(60)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.set_full_text(text)

    def full_text(self) -> str:
        return self._full

    def set_full_text(self, text: str) -> None:
        self._full = text
        set_plain_tooltip(self, text)
        self.setAccessibleName(text)
        self._elide()

    @guarded(QSize(), fallback=QLabel.sizeHint)
    def sizeHint(self) -> QSize:
        return QSize(
            self.fontMetrics().horizontalAdvance(self._full) + 4, super().sizeHint().height()
        )

    @guarded(None)
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        metrics = self.fontMetrics()
        # The room inside the margins (the status bar's message has some).
        room = self.contentsRect().width()
        self.setText(metrics.elidedText(self._full, Qt.TextElideMode.ElideRight, room))


def initials(name: str, email: str = "") -> str:
    words = [w for w in name.split() if w[:1].isalnum()]
    if len(words) >= 2:
        return (words[0][0] + words[-1][0]).upper()
    if words:
        return words[0][:2].upper()
    return (email[:1] or "?").upper()


def avatar_pixmap(text: str, size: int, ratio: float = 1.0) -> QPixmap:
    """A round accent-coloured badge with the user's initials."""
    pixmap = QPixmap(int(size * ratio), int(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(ACCENT))
    painter.drawEllipse(QRectF(0, 0, size, size))
    font = painter.font()
    font.setPixelSize(int(size * 0.4))
    font.setWeight(QFont.Weight.DemiBold)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return pixmap
