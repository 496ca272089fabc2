"""The meeting list's day headings, its search field and its keyboard (a fixed clock)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from fake_zoom import meeting_json
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from zoomdesk.core.meeting import Meeting
from zoomdesk.ui.window import list_groups
from zoomdesk.ui.window.list_bar import PREVIOUS
from zoomdesk.ui.window.list_groups import DayGroups, day_heading
from zoomdesk.ui.window.list_model import MeetingListModel
from zoomdesk.ui.window.meeting_list import MeetingList

NOW = datetime(2030, 1, 15, 12, 0, tzinfo=UTC)  # 13:00 in Berlin
VIEWER = "Europe/Berlin"
GB = QLocale("en_GB")


def listed(mid: int, topic: str, start: str | None, **extra: Any) -> Meeting:
    raw = meeting_json(mid, topic, start, mtype=2 if start else 3)
    raw.update(extra)
    return Meeting.from_zoom_json(raw)


MEETINGS = [
    # Began late yesterday (Berlin), still going: under *Today*.
    listed(81000000001, "Night shift handover", "2030-01-14T22:00:00Z", duration=900),
    listed(81000000002, "Design review", "2030-01-15T15:00:00Z", agenda="Colours of the logo"),
    listed(81000000003, "Planning", "2030-01-16T09:00:00Z"),
    listed(81000000004, "Budget", "2030-01-18T09:00:00Z", agenda="Q1 numbers"),
    listed(81000000005, "Offsite", "2031-03-02T09:00:00Z"),
    listed(81000000006, "Anytime room", None),
]


@pytest.fixture(autouse=True)
def _british_dates(monkeypatch: pytest.MonkeyPatch) -> None:
    """Dates as in the UK, whatever this machine's region."""
    monkeypatch.setattr(list_groups, "english_here", lambda: GB)


@pytest.fixture
def widget(qtbot: QtBot) -> MeetingList:
    widget = MeetingList()
    widget.clock = lambda: NOW
    qtbot.addWidget(widget)
    widget.resize(800, 500)
    widget.show()
    qtbot.waitExposed(widget)
    widget.show_meetings(MEETINGS, VIEWER)
    return widget


def shown(widget: MeetingList) -> list[str]:
    """The rows as the view has them: ``# heading`` or a topic."""
    rows = widget.rows
    out = []
    for row in range(rows.rowCount()):
        index = rows.index(row, 0)
        meeting = rows.data(index, MeetingListModel.MeetingRole)
        out.append(meeting.topic if meeting else f"# {rows.data(index)}")
    return out


def current_topic(widget: MeetingList) -> str:
    meeting = widget.current_meeting()
    return meeting.topic if meeting else ""


# -- headings ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("locale", "day", "expected"),
    [
        ("en_GB", date(2030, 1, 18), "Friday, 18 January"),
        ("en_US", date(2030, 1, 18), "Friday, January 18"),
        ("en_GB", date(2031, 3, 2), "Sunday, 2 March 2031"),
        ("en_US", date(2031, 3, 2), "Sunday, March 2, 2031"),
        ("en_GB", date(2030, 1, 15), "Today"),
        ("en_GB", date(2030, 1, 16), "Tomorrow"),
        ("en_GB", date(2030, 1, 14), "Yesterday"),
        ("en_GB", None, "No fixed time"),
    ],
)
def test_day_headings_follow_the_region(locale: str, day: date | None, expected: str) -> None:
    assert day_heading(day, date(2030, 1, 15), QLocale(locale)) == expected


def test_rows_are_grouped_by_day_in_the_viewers_zone(widget: MeetingList) -> None:
    assert shown(widget) == [
        "# Today", "Night shift handover", "Design review",
        "# Tomorrow", "Planning",
        "# Friday, 18 January", "Budget",
        "# Sunday, 2 March 2031", "Offsite",
        "# No fixed time", "Anytime room",
    ]  # fmt: skip
    rows = widget.rows
    # The day is in the heading; the row says the time (and that it is under way).
    when = rows.data(rows.index(1, MeetingListModel.WHEN))
    assert when == "23:00 – Today, 14:00 · in progress"
    assert rows.data(rows.index(2, MeetingListModel.WHEN)) == "16:00–16:30"
    # A screen reader, which does not stop on headings, still hears the day.
    assert rows.data(rows.index(4, MeetingListModel.WHEN), Qt.ItemDataRole.AccessibleTextRole) == (
        "Tomorrow, 10:00–10:30"
    )
    for row in rows.heading_rows():
        assert widget.view.isFirstColumnSpanned(row, rows.index(row, 0).parent())
        assert rows.flags(rows.index(row, 0)) & Qt.ItemFlag.ItemIsSelectable == Qt.ItemFlag(0)


def test_in_the_viewers_zone_a_late_meeting_is_the_next_days(qtbot: QtBot) -> None:
    model = MeetingListModel()
    rows = DayGroups(model)
    late = listed(81000000009, "Late call", "2030-01-16T23:30:00Z")  # 08:30 on the 17th in Tokyo
    model.set_meetings([late], "Asia/Tokyo", now=NOW)
    assert rows.data(rows.index(0, 0)) == "Thursday, 17 January"
    model.set_meetings([late], "UTC", now=NOW)
    assert rows.data(rows.index(0, 0)) == "Tomorrow"


def test_the_clock_moving_on_regroups(widget: MeetingList) -> None:
    widget.view.setCurrentIndex(widget.view_index(2))  # Planning
    widget.model.set_now(datetime(2030, 1, 16, 8, tzinfo=UTC))
    assert current_topic(widget) == "Planning"  # still, in its new place
    assert shown(widget)[:6] == [
        "# Monday, 14 January", "Night shift handover",  # over now: back on its own day
        "# Yesterday", "Design review",
        "# Today", "Planning",
    ]  # fmt: skip


def test_previous_meetings_are_newest_first(widget: MeetingList, qtbot: QtBot) -> None:
    with qtbot.waitSignal(widget.listTypeChanged) as changed:
        widget.bar.tabs.setCurrentIndex(1)
    assert changed.args == [PREVIOUS] and widget.list_type == PREVIOUS
    assert widget.message == "Loading your previous meetings…"
    assert widget.view.accessibleName() == "Previous meetings"
    widget.show_meetings(MEETINGS[:4], VIEWER)
    assert shown(widget)[:5] == [
        "# Friday, 18 January",
        "Budget",
        "# Tomorrow",
        "Planning",
        "# Today",
    ]
    widget.show_meetings([], VIEWER)
    assert widget.message == "No previous meetings."


# -- the search ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("plan", ["Planning"]),  # topic, any case
        ("LOGO", ["Design review"]),  # agenda
        ("810 0000 0004", ["Budget"]),  # ID as shown
        ("81000000005", ["Offsite"]),  # ID as typed
        ("0000000", [m.topic for m in MEETINGS]),
        ("  review ", ["Design review"]),
    ],
)
def test_search_filters_as_the_user_types(
    qtbot: QtBot, widget: MeetingList, typed: str, found: list[str]
) -> None:
    qtbot.keyClicks(widget.bar.search, typed)
    assert [t for t in shown(widget) if not t.startswith("#")] == found
    assert widget.current_meeting() is not None and widget.current_meeting().topic in found


def test_a_search_keeps_the_headings_of_what_it_finds(qtbot: QtBot, widget: MeetingList) -> None:
    qtbot.keyClicks(widget.bar.search, "numb")  # Budget's agenda
    assert shown(widget) == ["# Friday, 18 January", "Budget"]
    widget.bar.search.clear()
    assert len(shown(widget)) == 11


def test_nothing_found_says_so_and_offers_to_clear(qtbot: QtBot, widget: MeetingList) -> None:
    qtbot.keyClicks(widget.bar.search, "<b>zebra</b>")
    assert widget.message == "No meetings match “<b>zebra</b>”."
    assert widget._message.textFormat() == Qt.TextFormat.PlainText  # the search is shown as typed
    widget._message_button.click()
    assert widget.bar.search.text() == "" and widget.message == ""
    assert len(shown(widget)) == 11


def test_a_new_list_keeps_the_search(widget: MeetingList, qtbot: QtBot) -> None:
    qtbot.keyClicks(widget.bar.search, "plan")
    widget.show_meetings([*MEETINGS, listed(81000000010, "Plan B", "2030-01-20T09:00:00Z")], VIEWER)
    assert [t for t in shown(widget) if not t.startswith("#")] == ["Planning", "Plan B"]


def test_the_search_has_a_name_and_says_what_it_searches(widget: MeetingList) -> None:
    assert widget.bar.search.accessibleName() == "Search meetings"
    assert "ID" in widget.bar.search.placeholderText()


# -- the keyboard -------------------------------------------------------------------------------


def test_ctrl_f_goes_to_the_search_and_escape_clears_it(qtbot: QtBot, widget: MeetingList) -> None:
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
    widget.view.setFocus()
    qtbot.keyClick(widget.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert widget.bar.search.hasFocus()
    qtbot.keyClicks(widget.bar.search, "plan")
    assert len(shown(widget)) == 2
    qtbot.keyClick(widget.bar.search, Qt.Key.Key_Escape)
    assert widget.bar.search.text() == "" and len(shown(widget)) == 11
    assert widget.bar.search.hasFocus()  # the first Esc only clears
    qtbot.keyClick(widget.bar.search, Qt.Key.Key_Escape)
    assert widget.view.hasFocus()


def test_down_from_the_search_goes_to_the_list(qtbot: QtBot, widget: MeetingList) -> None:
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
    widget.bar.focus_search()
    qtbot.keyClicks(widget.bar.search, "r")
    qtbot.keyClick(widget.bar.search, Qt.Key.Key_Down)
    assert widget.view.hasFocus() and widget.current_meeting() is not None


def test_arrow_keys_step_over_the_headings(qtbot: QtBot, widget: MeetingList) -> None:
    widget.view.setFocus()
    assert current_topic(widget) == "Night shift handover"  # not the "Today" heading
    steps = []
    for _ in range(5):
        qtbot.keyClick(widget.view, Qt.Key.Key_Down)
        steps.append(current_topic(widget))
    assert steps == ["Design review", "Planning", "Budget", "Offsite", "Anytime room"]
    qtbot.keyClick(widget.view, Qt.Key.Key_Up)
    assert current_topic(widget) == "Offsite"
    qtbot.keyClick(widget.view, Qt.Key.Key_Home)
    assert current_topic(widget) == "Night shift handover"
    qtbot.keyClick(widget.view, Qt.Key.Key_End)
    assert current_topic(widget) == "Anytime room"


def test_a_heading_opens_nothing(qtbot: QtBot, widget: MeetingList) -> None:
    rect = widget.view.visualRect(widget.rows.index(3, 0))  # "Tomorrow"
    with qtbot.assertNotEmitted(widget.actionRequested):
        qtbot.mouseDClick(widget.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        widget._context_menu(rect.center())
    assert current_topic(widget) == "Night shift handover"


# -- many meetings --------------------------------------------------------------------------------


def test_only_the_rows_in_sight_get_their_buttons(qtbot: QtBot, widget: MeetingList) -> None:
    many = [
        listed(82000000000 + k, f"Meeting {k}", f"2030-02-{1 + k % 28:02d}T{k % 24:02d}:00:00Z")
        for k in range(600)
    ]
    widget.show_meetings(many, VIEWER)
    view, rows = widget.view, widget.rows

    def with_buttons() -> list[int]:
        return [
            r for r in range(rows.rowCount())
            if view.indexWidget(rows.index(r, MeetingListModel.ACTIONS_COLUMN)) is not None
        ]  # fmt: skip

    qtbot.waitUntil(lambda: bool(with_buttons()))
    assert len(with_buttons()) < 40
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    qtbot.waitUntil(lambda: rows.rowCount() - 2 in with_buttons())
    assert len(with_buttons()) < 80


def test_the_columns_fit_once_the_buttons_arrive(qtbot: QtBot) -> None:
    widget = MeetingList()
    widget.clock = lambda: NOW
    qtbot.addWidget(widget)
    widget.resize(760, 400)
    widget.show()
    qtbot.waitExposed(widget)
    many = [
        listed(82000000000 + k, f"Meeting {k}", f"2030-02-{1 + k:02d}T10:00:00Z") for k in range(12)
    ]
    widget.show_meetings(many, VIEWER)
    view, header = widget.view, widget.view.header()
    buttons = widget.view_index(0, MeetingListModel.ACTIONS_COLUMN)
    qtbot.waitUntil(lambda: view.indexWidget(buttons) is not None)
    wide = view.indexWidget(buttons).sizeHint().width()
    qtbot.waitUntil(lambda: header.sectionSize(MeetingListModel.ACTIONS_COLUMN) >= wide)
    qtbot.waitUntil(
        lambda: sum(header.sectionSize(c) for c in range(header.count())) == view.viewport().width()
    )
    assert view.verticalScrollBar().isVisible()
    qtbot.waitUntil(lambda: view.horizontalScrollBar().maximum() == 0)  # nothing cut off
