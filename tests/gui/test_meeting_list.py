"""The meeting list: cell formatting, order, states and the ways to reach each action."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from fake_zoom import MEETINGS, WEEKLY, meeting_json
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QMenu, QStyle
from pytestqt.qtbot import QtBot
from qt_events import settle

from zoomdesk.core.meeting import Meeting
from zoomdesk.ui.window.list_model import (
    MeetingListModel,
    format_moment,
    format_when,
)
from zoomdesk.ui.window.meeting_list import TOPIC_MIN_CHARS, MeetingList
from zoomdesk.ui.window.menus import DELETE, DETAILS

TODAY = date(2030, 1, 15)
START = datetime(2030, 1, 15, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("start", "duration", "tz", "expected"),
    [
        (START, 30, "Europe/Berlin", "Today, 10:00–10:30"),
        (START, 0, "UTC", "Today, 09:00"),
        (datetime(2030, 1, 16, 8, tzinfo=UTC), 60, "UTC", "Tomorrow, 08:00–09:00"),
        # An end on another day says its day: never "23:00–00:30", which reads backwards.
        (datetime(2030, 1, 18, 23, tzinfo=UTC), 90, "UTC", "Fri 18 Jan, 23:00 – Sat 19 Jan, 00:30"),
        (
            datetime(2030, 1, 15, 14, 30, tzinfo=UTC),
            22 * 60 + 39,
            "UTC",
            "Today, 14:30 – Tomorrow, 13:09",
        ),
        (
            datetime(2030, 12, 31, 22, tzinfo=UTC),
            180,
            "UTC",
            "Tue 31 Dec, 22:00 – Wed 1 Jan 2031, 01:00",
        ),
        (datetime(2030, 1, 18, 23, tzinfo=UTC), 60, "Asia/Tokyo", "Sat 19 Jan, 08:00–09:00"),
        (datetime(2031, 3, 2, 12, tzinfo=UTC), 45, "UTC", "Sun 2 Mar 2031, 12:00–12:45"),
        (None, 30, "UTC", "No fixed time"),
    ],
)
def test_format_when(start: datetime | None, duration: int, tz: str, expected: str) -> None:
    assert format_when(start, duration, tz, TODAY) == expected


def test_format_moment_uses_english_names_whatever_the_locale() -> None:
    assert format_moment(datetime(2030, 1, 14, 8, 5, tzinfo=UTC)) == "Mon 14 Jan 2030, 08:05"


def meetings() -> list[Meeting]:
    return [Meeting.from_zoom_json(d) for d in MEETINGS]


def test_model_sorts_by_start_and_undated_last(qtbot: QtBot) -> None:
    model = MeetingListModel()
    undated = Meeting.from_zoom_json(meeting_json(7, "Anytime", None, mtype=3))
    model.set_meetings([undated, *meetings()], "UTC", now=START)
    assert [m.topic for m in model.meetings] == [
        "Weekly sync",
        "Planning",
        "Design review",
        "Anytime",
    ]
    assert model.data(model.index(3, MeetingListModel.WHEN)) == "No fixed time"
    assert model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) == "When"


def test_recurring_meetings_are_marked_for_eyes_and_screen_readers(qtbot: QtBot) -> None:
    model = MeetingListModel()
    model.set_meetings([Meeting.from_zoom_json(WEEKLY)], "UTC", now=START)
    topic = model.index(0, MeetingListModel.TOPIC)
    assert model.data(topic, Qt.ItemDataRole.DecorationRole) is not None
    assert model.data(topic, Qt.ItemDataRole.AccessibleTextRole) == "Weekly sync (recurring)"
    assert "Recurring meeting" in model.data(topic, Qt.ItemDataRole.ToolTipRole)


def test_the_meetings_own_zone_is_in_the_tooltip(qtbot: QtBot) -> None:
    model = MeetingListModel()
    ny = Meeting.from_zoom_json(
        meeting_json(5, "NY", "2030-01-15T15:00:00Z", tz="America/New_York")
    )
    model.set_meetings([ny], "Europe/Berlin", now=START)
    when = model.index(0, MeetingListModel.WHEN)
    assert model.data(when) == "Today, 16:00–16:30"
    assert model.data(when, Qt.ItemDataRole.ToolTipRole) == (
        "Tue 15 Jan 2030, 10:00 in America/New_York"
    )


@pytest.fixture
def widget(qtbot: QtBot) -> MeetingList:
    widget = MeetingList()
    qtbot.addWidget(widget)
    widget.resize(800, 400)
    widget.show()
    return widget


def test_states_loading_empty_error_table(qtbot: QtBot, widget: MeetingList) -> None:
    assert widget.message == "Loading your meetings…"
    assert not widget._message_button.isVisible()
    widget.show_meetings([], "UTC")
    assert widget.message.startswith("No upcoming meetings")
    with qtbot.waitSignal(widget.newMeetingRequested):
        widget._message_button.click()
    widget.show_error("Can't reach Zoom.", retry=True)
    with qtbot.waitSignal(widget.retryRequested):
        widget._message_button.click()
    widget.show_error("Zoom says: no.", retry=False)
    assert not widget._message_button.isVisible()
    widget.show_meetings(meetings(), "UTC")
    assert widget.message == "" and widget.view.isVisible()
    assert widget.current_meeting() is not None  # the first row is current


def test_return_and_double_click_open_details(qtbot: QtBot, widget: MeetingList) -> None:
    widget.show_meetings(meetings(), "UTC")
    widget.view.setFocus()
    with qtbot.waitSignal(widget.actionRequested) as signal:
        qtbot.keyClick(widget.view, Qt.Key.Key_Return)
    assert signal.args[0] == DETAILS and signal.args[1].topic == "Weekly sync"
    rect = widget.view.visualRect(widget.view_index(1, 1))
    # QAbstractItemView wants the press before the double click, as a real mouse sends.
    qtbot.mouseClick(widget.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(widget.actionRequested) as signal:
        qtbot.mouseDClick(widget.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args[0] == DETAILS and signal.args[1].topic == "Planning"


def test_context_menu_offers_every_action(qtbot: QtBot, widget: MeetingList) -> None:
    widget.show_meetings(meetings(), "UTC")
    rect = widget.view.visualRect(widget.view_index(2, 1))
    widget._context_menu(rect.center())
    menu = next(m for m in QApplication.topLevelWidgets() if isinstance(m, QMenu) and m.isVisible())
    names = [a.objectName() for a in menu.actions() if not a.isSeparator()]
    assert names == [
        "join", "start", "copy_link", "copy_invitation", "add_to_calendar", "save_ics",
        "details", "edit", "duplicate", "delete",
    ]  # fmt: skip
    with qtbot.waitSignal(widget.actionRequested) as signal:
        next(a for a in menu.actions() if a.objectName() == DELETE).trigger()
    assert signal.args[1].topic == "Design review"
    menu.close()
    widget._context_menu(QPoint(5, 390))  # below the rows: no menu, no error


def test_refilling_keeps_the_selected_meeting(widget: MeetingList) -> None:
    widget.show_meetings(meetings(), "UTC")
    widget.view.setCurrentIndex(widget.view_index(2, 0))
    widget.show_meetings(list(reversed(meetings())), "UTC")
    current = widget.current_meeting()
    assert current is not None and current.topic == "Design review"


def test_view_is_labelled(widget: MeetingList) -> None:
    assert widget.view.accessibleName() == "Upcoming meetings"


# -- the columns ------------------------------------------------------------------------------


def test_the_topic_takes_the_room_the_other_columns_leave(widget: MeetingList) -> None:
    widget.show_meetings(meetings(), "UTC")
    settle()
    header, view = widget.view.header(), widget.view
    sizes = [header.sectionSize(c) for c in range(header.count())]
    assert sum(sizes) == view.viewport().width()  # no gap, no sideways scrolling
    for column in (MeetingListModel.WHEN, MeetingListModel.MEETING_ID):
        assert sizes[column] >= view.sizeHintForColumn(column)  # sized to their contents
    assert sizes[MeetingListModel.TOPIC] == max(sizes)


@pytest.mark.parametrize("points", [None, 14.0])
def test_a_narrow_list_scrolls_instead_of_squeezing_the_topic(
    qtbot: QtBot, points: float | None
) -> None:
    widget = MeetingList()
    qtbot.addWidget(widget)
    if points is not None:
        font = QFont(widget.font())
        font.setPointSizeF(points)
        widget.setFont(font)
        widget.view.setFont(font)  # its style sheet keeps it from inheriting the change
    widget.resize(450, 300)
    widget.show()
    widget.show_meetings(meetings(), "UTC")
    settle()
    view = widget.view
    topic = view.header().sectionSize(MeetingListModel.TOPIC)
    room = view.fontMetrics().averageCharWidth() * TOPIC_MIN_CHARS
    assert topic >= room + view.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
    assert view.header().sectionSize(MeetingListModel.WHEN) >= view.sizeHintForColumn(
        MeetingListModel.WHEN
    )
    assert view.horizontalScrollBar().maximum() > 0  # the rest is a scroll away


def test_every_topic_starts_at_the_same_place(qtbot: QtBot) -> None:
    model = MeetingListModel()
    model.set_meetings(meetings(), "UTC", now=START)
    icons = [
        model.data(model.index(row, MeetingListModel.TOPIC), Qt.ItemDataRole.DecorationRole)
        for row in range(model.rowCount())
    ]
    assert model.meetings[0].topic == "Weekly sync"  # the recurring one: its icon
    # The others get a blank one as big, which the view draws at the style's size.
    small = QApplication.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
    assert all(icon is not None for icon in icons)
    sizes = {icon.actualSize(QSize(small, small)).toTuple() for icon in icons}
    assert sizes == {(small, small)}
