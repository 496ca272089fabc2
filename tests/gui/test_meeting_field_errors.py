"""How a field is marked invalid: a spin box keeps its own up/down arrows under the red
outline (a style-sheet border would make Qt draw the box itself, without them)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QSpinBox, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from zoomdesk.ui import style
from zoomdesk.ui.meeting import field_errors
from zoomdesk.ui.meeting.page import BANNER_STYLE


@pytest.fixture
def holder(qtbot: QtBot) -> QWidget:
    holder = QWidget()
    qtbot.addWidget(holder)
    return holder


def spin_boxes(qtbot: QtBot, holder: QWidget) -> tuple[QSpinBox, QSpinBox]:
    """A valid and an invalid spin box, alike otherwise, under the meeting dialog's style."""
    holder.setStyleSheet(style.STYLE_SHEET + field_errors.STYLE_SHEET + BANNER_STYLE)
    layout = QVBoxLayout(holder)
    boxes = []
    for _ in range(2):
        box = QSpinBox()
        box.setRange(1, 99)
        box.setValue(13)
        box.setFixedSize(120, 28)
        layout.addWidget(box)
        boxes.append(box)
    holder.show()
    qtbot.waitExposed(holder)
    field_errors.set_invalid(boxes[1], True)
    return boxes[0], boxes[1]


def buttons(box: QSpinBox) -> QImage:
    """The up/down buttons, inside the frame (which the outline paints over)."""
    width, height = box.width(), box.height()
    return box.grab(QRect(width - 16, 3, 13, height - 6)).toImage()


def test_an_invalid_spin_box_keeps_its_arrows(qtbot: QtBot, holder: QWidget) -> None:
    valid, invalid = spin_boxes(qtbot, holder)
    assert invalid.property("invalid") is True
    assert buttons(invalid) == buttons(valid)
    # Outlined in red all the same.
    edge = QColor(invalid.grab().toImage().pixel(invalid.width() // 2, 0))
    assert edge.red() > 150 and edge.green() < 90 and edge.blue() < 90, edge.name()
    # And the arrows still work.
    qtbot.mouseClick(invalid, Qt.MouseButton.LeftButton, pos=QPoint(invalid.width() - 8, 6))
    assert invalid.value() == 14
    # Valid again: no more red.
    field_errors.set_invalid(invalid, False)
    edge = QColor(invalid.grab().toImage().pixel(invalid.width() // 2, 0))
    assert edge.red() - edge.blue() < 40, edge.name()
