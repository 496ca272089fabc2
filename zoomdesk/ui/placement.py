"""Where windows open and how big: centred on their parent, whole on its screen's free area.

Every window and dialog sizes itself with ``fit_to_screen`` (from
``QScreen.availableGeometry``, the screen without panels and docks), calls
``keep_placed`` once, and lists ``Placed`` first among its bases. Then:

- before it is shown, it gets the size showing would give it and is moved so
  that its frame (title bar included) is centred on its parent's frame and
  lies inside the free area of the parent's screen, shrunk first if need be;
- when the program makes it grow (a form that loaded, an error line, a
  recurrence row), it is centred again if it is still where it was put, or
  else only pulled back inside the free area. What the user does (drags,
  resizes) is left alone.

Why before showing: showing a window first makes its native window, at the
position the window has then, (0, 0) for a dialog nobody moved; Qt's own
centring moves it a moment later, before mapping it. When the dialog's size
hints then changed while the window manager was still mapping it (the meeting
dialog grows as its meeting loads), Openbox put it at (0, 0), the title bar
above the screen (the Edit dialog, 3 times in 10). Made where it belongs, the
native window never moves before it is mapped (0 times in 48 under Openbox).
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QEvent, QMargins, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication, QScreen
from PySide6.QtWidgets import (
    QGridLayout,
    QMessageBox,
    QSizePolicy,
    QSpacerItem,
    QWidget,
)

from zoomdesk.ui.guard import guarded

#: The share of the free area a window takes at most when it opens: room for the
#: window manager's frame before it is known, and a margin to see what is behind.
OPENING_SHARE = 0.9
#: How far (px) the window manager may shift a window we placed before we take it
#: for a move by the user.
_SLACK = 4
#: The events _Placer acts on (the program's, never the window manager's).
_WATCHED = (QEvent.Type.Show, QEvent.Type.Resize)
#: What a title bar holds besides the title: the icon, three buttons, padding (px).
TITLE_BAR_EXTRA = 150


def screen_of(window: QWidget, parent: QWidget | None = None) -> QScreen:
    """The screen ``parent``'s window is on (else ``window``'s, else the primary one)."""
    for anchor in (parent.window() if parent is not None else None, window):
        if anchor is not None and anchor.screen() is not None:
            return anchor.screen()
    return QGuiApplication.primaryScreen()


def free_area(window: QWidget, parent: QWidget | None = None) -> QRect:
    """The part of the screen windows may use (``availableGeometry``), in Qt's coordinates."""
    return screen_of(window, parent).availableGeometry()


def frame_margins(window: QWidget, parent: QWidget | None = None) -> QMargins:
    """The window manager's frame around ``window``: its own once it is shown; before that,
    its parent's (one manager draws them all); unknown (none) for a first window."""
    for widget in (window, parent.window() if parent is not None else None):
        if widget is None or not widget.isVisible():
            continue
        outer, inner = widget.frameGeometry(), widget.geometry()
        margins = QMargins(
            inner.left() - outer.left(),
            inner.top() - outer.top(),
            outer.right() - inner.right(),
            outer.bottom() - inner.bottom(),
        )
        if not margins.isNull():
            return margins
    return QMargins()


def fit_to_screen(
    window: QWidget,
    preferred: QSize,
    minimum: QSize | None = None,
    *,
    parent: QWidget | None = None,
) -> None:
    """Give ``window`` its ``preferred`` size, or what the free area of its screen allows
    (``OPENING_SHARE`` of it), and a ``minimum`` no bigger than that area."""
    area = free_area(window, parent if parent is not None else window.parentWidget())
    if minimum is not None:
        window.setMinimumSize(minimum.boundedTo(area.size()))
    largest = QSize(int(area.width() * OPENING_SHARE), int(area.height() * OPENING_SHARE))
    window.resize(preferred.boundedTo(largest).expandedTo(window.minimumSize()))


def placed_frame(
    size: QSize, margins: QMargins, area: QRect, over: QRect | None
) -> tuple[QRect, QSize]:
    """Where a window's frame goes, and its (possibly reduced) inner size.

    The frame is centred on ``over`` (the parent's frame; None: the area), then
    moved inside ``area``; the inner size shrinks when the frame would not fit.
    Where the frame is bigger than the area whatever happens (a minimum size), its
    top left corner, and so the title bar and the window menu, stay on screen.
    """
    extra_w = margins.left() + margins.right()
    extra_h = margins.top() + margins.bottom()
    inner = size.boundedTo(QSize(area.width() - extra_w, area.height() - extra_h))
    frame = QRect(QPoint(0, 0), QSize(inner.width() + extra_w, inner.height() + extra_h))
    frame.moveCenter((over if over is not None and over.isValid() else area).center())
    return _inside(frame, area), inner


def _inside(frame: QRect, area: QRect) -> QRect:
    moved = QRect(frame)
    if moved.right() > area.right():
        moved.moveRight(area.right())
    if moved.bottom() > area.bottom():
        moved.moveBottom(area.bottom())
    if moved.left() < area.left():
        moved.moveLeft(area.left())
    if moved.top() < area.top():
        moved.moveTop(area.top())
    return moved


def place(window: QWidget, parent: QWidget | None = None) -> QPoint:
    """Centre ``window`` on ``parent`` (default: its parent widget's window) and keep it on
    that screen's free area; returns where its inside (not its frame) now starts."""
    parent = parent if parent is not None else window.parentWidget()
    over = parent.window() if parent is not None else None
    margins = frame_margins(window, parent)
    frame, inner = placed_frame(
        window.size(),
        margins,
        free_area(window, parent),
        over.frameGeometry() if over is not None and over.isVisible() else None,
    )
    # By the inside, not move()'s frame: before the window manager has framed a
    # window Qt does not know its frame, and a frame position set then lands as
    # the inside's, with the title bar above it.
    at = frame.topLeft() + QPoint(margins.left(), margins.top())
    window.setGeometry(QRect(at, inner.expandedTo(window.minimumSize())))
    return at


def pull_inside(window: QWidget, parent: QWidget | None = None) -> None:
    """Move ``window`` (not resize it) just enough for its frame to be on its screen."""
    parent = parent if parent is not None else window.parentWidget()
    frame = window.frameGeometry()
    inside = _inside(frame, free_area(window, parent))
    if inside.topLeft() != frame.topLeft():
        shift = inside.topLeft() - frame.topLeft()
        window.setGeometry(window.geometry().translated(shift))


class _Placer(QObject):
    """Event filter of one window (its QObject parent): places it when shown, keeps it
    whole as it grows. It keeps no Python reference to any window: with the window
    and its parent kept as attributes, PySide6 6.11 later crashed in Qt's own code
    (in the next dialog's constructor) after a few windows had come and gone."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        # Where we put it. Not forgotten on the window manager's moves: some report
        # (0, 0) while mapping a window, then the position it really has.
        self._at: QPoint | None = None
        self._placed_early = False  # by Placed.setVisible, for the showing under way

    def place_now(self, window: QWidget, *, early: bool = False) -> None:
        self._at = place(window)
        self._placed_early = early

    @guarded(False)
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in _WATCHED or event.spontaneous() or not isinstance(watched, QWidget):
            return False  # first, as cheaply as can be: every event of the window comes here
        if watched is not self.parent():
            return False
        if kind == QEvent.Type.Show:
            if not self._placed_early:
                self.place_now(watched)  # a window without Placed: late, but better than not
            self._placed_early = False
        elif watched.isVisible():  # a resize by the program, not the user
            at = self._at
            if at is not None and (watched.geometry().topLeft() - at).manhattanLength() <= _SLACK:
                self.place_now(watched)  # still where we put it: not moved by the user
            else:
                pull_inside(watched)
        return False


def keep_placed(window: QWidget) -> None:
    """Centre ``window`` on its parent each time it is shown, and keep it on that
    screen as the program resizes it (see the module's docstring).

    A window class also lists ``Placed`` among its bases, so that it is placed before
    Qt makes its native window; a message box (no class of ours) does without.
    """
    if _placer_of(window) is None:
        window.installEventFilter(_Placer(window))


def _placer_of(window: QWidget) -> _Placer | None:
    return window.findChild(_Placer, options=Qt.FindChildOption.FindDirectChildrenOnly)


def _final_size(window: QWidget) -> None:
    """Give ``window`` now the size showing it would: its layout's minimum applied, and
    (when nothing resized it) its size hint, as ``QWidget.setVisible`` does."""
    window.ensurePolished()
    layout = window.layout()
    if layout is not None:
        layout.activate()
    if not window.testAttribute(Qt.WidgetAttribute.WA_Resized):
        window.adjustSize()


def _qt_set_visible(window: Placed, visible: bool) -> None:
    """What ``Placed.setVisible`` does when placing failed: Qt's own showing."""
    super(Placed, window).setVisible(visible)  # type: ignore[misc]


class Placed:
    """First base of a window class that calls ``keep_placed``: places it before showing.

    Showing a window makes its native window first, at the position the window
    has then; a position set after that, even before the window is mapped,
    raced the window manager, which still put one dialog in ten at (0, 0).
    """

    @guarded(None, fallback=_qt_set_visible)
    def setVisible(self, visible: bool) -> None:
        window = cast(QWidget, self)
        placer = _placer_of(window)
        if visible and placer is not None and not window.isVisible():
            _final_size(window)
            placer.place_now(window, early=True)
        super().setVisible(visible)  # type: ignore[misc]


def size_and_place(
    window: QWidget,
    preferred: QSize,
    minimum: QSize | None = None,
    *,
    parent: QWidget | None = None,
) -> None:
    """``fit_to_screen`` then ``keep_placed``: what a window does once, when it is built."""
    fit_to_screen(window, preferred, minimum, parent=parent)
    keep_placed(window)


def title_width(window: QWidget) -> int:
    """About how wide a title bar must be to show ``window``'s whole title (px): the
    title as the desktop shows it ("Sign out — zoomdesk"), in bold, and its buttons."""
    title = window.windowTitle().replace("[*]", "")
    app_name = QGuiApplication.applicationDisplayName()
    if app_name and app_name != title:
        title = f"{title} \N{EM DASH} {app_name}"
    font = QFont(window.font())
    font.setBold(True)
    return QFontMetrics(font).horizontalAdvance(title) + TITLE_BAR_EXTRA


def keep_title_whole(box: QMessageBox) -> None:
    """Make a message box at least as wide as its title bar needs. A message box is as
    narrow as its text, and a window manager cuts a longer title in the middle: the
    sign-out question read "Sign o… desk"."""
    layout = box.layout()
    if isinstance(layout, QGridLayout):
        # A message box sizes itself from its layout's minimum when shown, ignoring
        # setMinimumWidth(); a spacer that wide is what it counts.
        spacer = QSpacerItem(title_width(box), 0, QSizePolicy.Policy.Minimum)
        layout.addItem(spacer, layout.rowCount(), 0, 1, layout.columnCount())
