"""A row of Mon..Sun toggle buttons holding Zoom's weekday numbers (1 = Sunday .. 7 = Saturday)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget

from zoomdesk.ui.style import ACCENT, ACCENT_PRESSED

#: (button text, accessible name, Zoom's number), Monday first as people read a week.
WEEKDAYS = (
    ("Mon", "Monday", 2),
    ("Tue", "Tuesday", 3),
    ("Wed", "Wednesday", 4),
    ("Thu", "Thursday", 5),
    ("Fri", "Friday", 6),
    ("Sat", "Saturday", 7),
    ("Sun", "Sunday", 1),
)

#: Checked days in the accent colour: the platform's "pressed" look is too faint to read.
STYLE_SHEET = f"""
QToolButton[weekday="true"] {{
    border: 1px solid palette(mid); border-radius: 4px; padding: 3px 6px;
    background: palette(button);
}}
QToolButton[weekday="true"]:checked {{
    background: {ACCENT}; color: white; border-color: {ACCENT_PRESSED};
}}
QToolButton[weekday="true"]:focus {{ border: 2px solid #9cc0ff; }}
QToolButton[weekday="true"]:disabled {{ color: palette(mid); }}
QToolButton[weekday="true"]:checked:disabled {{ background: #9db7ee; color: #eef3ff; }}
"""


class WeekdayButtons(QWidget):
    """``days()`` are the checked days as Zoom numbers; ``changed`` fires on each toggle."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(STYLE_SHEET)
        self.buttons: dict[int, QToolButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for short, name, number in WEEKDAYS:
            button = QToolButton()
            button.setText(short)
            button.setCheckable(True)
            button.setAccessibleName(name)
            button.setMinimumWidth(44)
            button.setProperty("weekday", True)
            button.toggled.connect(self.changed)
            layout.addWidget(button)
            self.buttons[number] = button
        layout.addStretch(1)

    def days(self) -> tuple[int, ...]:
        return tuple(n for n, button in self.buttons.items() if button.isChecked())

    def set_days(self, days: Iterable[int]) -> None:
        wanted = set(days)
        for number, button in self.buttons.items():
            button.setChecked(number in wanted)
