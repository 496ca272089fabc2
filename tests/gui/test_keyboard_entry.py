"""Keyboard: typing a day or time into a date/time edit gives what was typed, and Join or
Copy link on a row selects that row and names the meeting in the status bar."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from fake_desktop import record_opened_links
from fake_zoom import signed_in_window
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDateTimeEdit, QPushButton
from pytestqt.qtbot import QtBot

from zoomdesk.ui.meeting.end_time import show_wall, shown_wall, wall_time_edit
from zoomdesk.ui.window.list_model import MeetingListModel
from zoomdesk.ui.window.main_window import MainWindow

START = datetime(2030, 1, 15, 9, 30)


def click_into(qtbot: QtBot, edit: QDateTimeEdit, text: str) -> None:
    """Click in the middle of ``text``'s first character in ``edit``, as a user would."""
    line = edit.lineEdit()
    found = re.search(rf"\b{text}\b", edit.text())  # "30", the minutes, not 2030's
    assert found is not None
    line.setCursorPosition(found.start() + 1)
    at: QPoint = line.cursorRect().center()
    line.setCursorPosition(0)
    line.deselect()
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton, pos=at)


@pytest.mark.parametrize(
    ("part", "typed", "expected"),
    [
        ("09", "14", datetime(2030, 1, 15, 14, 30)),
        ("30", "05", datetime(2030, 1, 15, 9, 5)),
        ("15", "20", datetime(2030, 1, 20, 9, 30)),
        ("Jan", "Mar", datetime(2030, 3, 15, 9, 30)),
        ("2030", "2031", datetime(2031, 1, 15, 9, 30)),
    ],
)
def test_typing_into_a_part_gives_what_was_typed(
    qtbot: QtBot, part: str, typed: str, expected: datetime
) -> None:
    edit = wall_time_edit(QDateTimeEdit(), "Start date and time")
    edit.setDisplayFormat("ddd d MMM yyyy  HH:mm")  # the 24-hour clock, whatever the locale
    qtbot.addWidget(edit)
    show_wall(edit, START)
    edit.show()
    edit.activateWindow()
    qtbot.waitActive(edit)
    edit.setFocus()
    qtbot.waitUntil(lambda: edit.lineEdit().selectedText() == "Tue")  # Qt's own, on focus
    click_into(qtbot, edit, part)
    qtbot.waitUntil(lambda: edit.lineEdit().selectedText() == part)
    qtbot.keyClicks(edit, typed)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert shown_wall(edit) == expected


# -- Join and Copy link on a row --------------------------------------------------------------


@pytest.fixture
def window(qtbot: QtBot) -> MainWindow:
    return signed_in_window(qtbot)


def row_button(qtbot: QtBot, window: MainWindow, topic: str, text: str) -> QPushButton:
    meetings = window.pages.signed_in.meetings
    row = next(r for r, m in enumerate(meetings.model.meetings) if m.topic == topic)
    index = meetings.view_index(row, MeetingListModel.ACTIONS_COLUMN)
    qtbot.waitUntil(lambda: meetings.view.indexWidget(index) is not None)
    widget = meetings.view.indexWidget(index)
    return next(b for b in widget.findChildren(QPushButton) if b.text() == text)


@pytest.mark.parametrize("button", ["Join", "Copy link"])
def test_a_rows_join_or_copy_selects_it_and_names_it(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, button: str
) -> None:
    record_opened_links(monkeypatch)
    meetings = window.pages.signed_in.meetings
    first = meetings.current_meeting()
    assert first is not None and first.topic != "Planning"
    qtbot.mouseClick(row_button(qtbot, window, "Planning", button), Qt.MouseButton.LeftButton)
    current = meetings.current_meeting()
    assert current is not None and current.topic == "Planning"
    assert "“Planning”" in window.status.text
