"""ui/placement.py: windows open centred on their parent and whole on its screen's free area.

The geometry is checked on its own; the behaviour on the offscreen platform (no
window manager: its one screen is 800×800). ``test_window_fit.py`` runs every
window of the app, and the same under a real window manager.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QMargins, QObject, QPoint, QRect, QSize
from PySide6.QtWidgets import QDialog, QLabel, QMainWindow, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from zoomdesk.ui import placement
from zoomdesk.ui.guard import guarded

AREA = QRect(0, 0, 800, 600)
FRAME = QMargins(1, 20, 1, 5)  # what Openbox draws: a 20 px title bar


def test_a_frame_is_centred_on_its_parent() -> None:
    parent = QRect(100, 50, 600, 500)
    frame, inner = placement.placed_frame(QSize(300, 200), FRAME, AREA, parent)
    assert inner == QSize(300, 200)
    assert frame.size() == QSize(302, 225)
    assert frame.center() == parent.center()


def test_a_frame_that_would_leave_the_screen_is_moved_onto_it() -> None:
    parent = QRect(-200, 400, 400, 300)  # dragged half off the screen, bottom left
    frame, _ = placement.placed_frame(QSize(300, 200), FRAME, AREA, parent)
    assert AREA.contains(frame)
    assert frame.left() == 0 and frame.bottom() == AREA.bottom()


def test_a_window_bigger_than_the_screen_is_made_smaller_title_bar_on_screen() -> None:
    frame, inner = placement.placed_frame(QSize(900, 720), FRAME, AREA, None)
    assert inner == QSize(798, 575)
    assert frame == AREA


def test_the_opening_size_leaves_room_on_a_small_screen(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    placement.fit_to_screen(window, QSize(900, 640), QSize(640, 480))
    area = placement.free_area(window)
    assert window.width() <= area.width() * placement.OPENING_SHARE
    assert window.height() <= area.height() * placement.OPENING_SHARE
    assert window.minimumSize() == QSize(640, 480)


class Dialog(placement.Placed, QDialog):
    """A dialog of ours: Placed first, then keep_placed."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.label = QLabel("Some content", self)
        QVBoxLayout(self).addWidget(self.label)
        self.resize(300, 200)
        placement.keep_placed(self)


@pytest.fixture
def parent(qtbot: QtBot) -> Iterator[QMainWindow]:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.setGeometry(60, 40, 600, 500)
    window.show()
    qtbot.waitExposed(window)
    yield window


def centre_offset(dialog: QWidget, parent: QWidget) -> QPoint:
    return dialog.frameGeometry().center() - parent.frameGeometry().center()


class WhereMade(QObject):
    """Records where a window is when Qt makes its native window (WinIdChange)."""

    def __init__(self) -> None:
        super().__init__()
        self.made_at: list[QRect] = []

    @guarded(False)
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WinIdChange and isinstance(watched, QWidget):
            self.made_at.append(watched.geometry())
        return False


def test_a_dialog_is_placed_before_its_native_window_is_made(
    qtbot: QtBot, parent: QMainWindow
) -> None:
    # Moved after that, even before being mapped, it raced the window manager.
    dialog = Dialog(parent)
    qtbot.addWidget(dialog)
    spy = WhereMade()
    dialog.installEventFilter(spy)
    dialog.show()
    assert spy.made_at == [dialog.geometry()]
    assert centre_offset(dialog, parent).manhattanLength() <= 1


def test_a_dialog_that_grows_is_centred_again(qtbot: QtBot, parent: QMainWindow) -> None:
    dialog = Dialog(parent)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.label.setMinimumHeight(420)  # what a form that loaded does
    qtbot.waitUntil(lambda: dialog.height() >= 420)
    assert centre_offset(dialog, parent).manhattanLength() <= 1
    assert placement.free_area(dialog).contains(dialog.frameGeometry())


def test_a_dialog_the_user_moved_is_only_kept_on_screen(qtbot: QtBot, parent: QMainWindow) -> None:
    dialog = Dialog(parent)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.move(20, 300)  # the user's choice
    dialog.label.setMinimumHeight(420)
    qtbot.waitUntil(lambda: dialog.height() >= 420)
    area = placement.free_area(dialog)
    assert area.contains(dialog.frameGeometry())
    assert dialog.frameGeometry().left() == 20  # moved up onto the screen, not re-centred
