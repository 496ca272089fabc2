"""Typing into a date/time edit replaces the part clicked: "14" typed into the hour gives 14:00.

Qt puts the cursor where a click lands and inserts what is typed there: "14"
typed into the hour "09" made "0914", which Qt refuses, so nothing the user
typed arrived (the same for a day, a month or a year). A click now selects the
whole part it landed in, as Tab between the parts already does, so typing
replaces it; a drag keeps the selection the user made.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QDateTimeEdit

from zoomdesk.ui.guard import guarded

#: One part of the shown text: "Tue", "15", "Jan", "2030", "09", "30", "AM".
_PART = re.compile(r"\w+")


def select_current_part(edit: QDateTimeEdit) -> None:
    """Select the text of the part (section) the cursor is in, so typing replaces it."""
    line = edit.lineEdit()
    if line is None or line.hasSelectedText():
        return
    parts = [m.span() for m in _PART.finditer(edit.text())]
    index = edit.currentSectionIndex()
    if len(parts) == edit.sectionCount() and 0 <= index < len(parts):
        start, end = parts[index]
        line.setSelection(start, end - start)


class _ClickSelects(QObject):
    """Event filter of a date/time edit's line edit: after a click, select the part."""

    def __init__(self, edit: QDateTimeEdit) -> None:
        super().__init__(edit)
        self._edit = edit

    @guarded(False)
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonRelease:
            # After Qt has placed the cursor for this click.
            QTimer.singleShot(0, self, lambda: select_current_part(self._edit))
        return False


def typed_entry(edit: QDateTimeEdit) -> QDateTimeEdit:
    """Make a click into ``edit`` select the part it lands in (see the module's docstring)."""
    line = edit.lineEdit()
    if line is not None:
        line.installEventFilter(_ClickSelects(edit))
    return edit
