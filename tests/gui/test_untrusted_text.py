"""Text and links from Zoom are never markup, and only https links reach the desktop."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from fake_desktop import record_opened_links
from fake_zoom import BoxAnswer, FakeAccount, FakeBackend, meeting_json
from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from zoomdesk.core.meeting import Meeting
from zoomdesk.core.user import User
from zoomdesk.ui import untrusted
from zoomdesk.ui.login.panels import StatusPanel
from zoomdesk.ui.meeting.field_errors import error_label
from zoomdesk.ui.meeting.success import SuccessView
from zoomdesk.ui.status import Kind, Problem, StatusBar
from zoomdesk.ui.tasks import TaskRunner
from zoomdesk.ui.window import list_model as mm
from zoomdesk.ui.window import main_window as mw
from zoomdesk.ui.window import menus as wm
from zoomdesk.ui.window.first_run import FirstRunPage
from zoomdesk.ui.window.main_window import MainWindow
from zoomdesk.ui.window.meeting_details import MeetingDetailsDialog
from zoomdesk.ui.window.pages import SignedInPage, SignedOutPage

TOPIC = '<a href="file:///etc/passwd">Quarterly</a> <b>review</b>'
AGENDA = "<img src=x onerror=alert(1)><h1>Agenda</h1>"
FILE_URL = "file:///etc/passwd?pwd=SECRET"
MID = 81234567899


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every URL handed to the desktop (``open_link`` calls it through QDesktopServices)."""
    return record_opened_links(monkeypatch)


def hostile(join_url: str = FILE_URL, **extra: Any) -> dict[str, Any]:
    return meeting_json(MID, TOPIC, join_url=join_url, agenda=AGENDA, **extra)


def shown_as(text: str) -> str:
    """What a rich-text-capable widget (a tooltip) really shows for ``text``."""
    if not QtGui.Qt.mightBeRichText(text):
        return text
    doc = QTextDocument()
    doc.setHtml(text)
    return doc.toPlainText().replace("\u00a0", " ")


def rendered(label: QLabel) -> tuple[str, set[str]]:
    """What ``label`` shows, and the targets of the links in it."""
    if label.textFormat() == Qt.TextFormat.PlainText:
        return label.text(), set()
    assert label.textFormat() == Qt.TextFormat.RichText  # never a guess
    doc = QTextDocument()
    doc.setHtml(label.text())
    found = set()
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isAnchor():
                found.add(fmt.anchorHref())
            it += 1
        block = block.next()
    return doc.toPlainText(), found


def window_with(qtbot: QtBot, meetings: list[dict[str, Any]]) -> MainWindow:
    window = MainWindow(FakeBackend(account=FakeAccount(meetings)))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.state == mw.SIGNED_IN and window.user is not None)
    qtbot.waitUntil(lambda: window.pages.signed_in.meetings.model.rowCount() == len(meetings))
    return window


def join_button(window: MainWindow) -> QPushButton:
    meetings = window.pages.signed_in.meetings
    widget = meetings.view.indexWidget(meetings.view_index(0, mm.MeetingListModel.ACTIONS_COLUMN))
    return next(b for b in widget.findChildren(QPushButton) if b.text() == "Join")


# -- the main window ----------------------------------------------------------------------


def test_delete_confirmation_shows_the_topic_literally(
    qtbot: QtBot, opened: list[str], caplog: pytest.LogCaptureFixture
) -> None:
    window = window_with(qtbot, [hostile()])
    meetings = window.pages.signed_in.meetings
    meetings.view.setCurrentIndex(meetings.view_index(0, 0))
    answer = BoxAnswer("Cancel")
    window.menus.meeting[wm.DELETE].trigger()
    assert answer.clicked
    assert answer.text_format == Qt.TextFormat.PlainText
    assert answer.box_text == f"Delete “{TOPIC}”?"
    assert opened == []


@pytest.mark.parametrize(
    "join_url",
    [FILE_URL, "http://zoom.us/j/1?pwd=SECRET", "javascript:alert('SECRET')", "mailto:a@b?x=SECRET",
     "zoommtg://zoom.us/join?pwd=SECRET", ""],
)  # fmt: skip
def test_join_opens_only_https_links(
    qtbot: QtBot, opened: list[str], caplog: pytest.LogCaptureFixture, join_url: str
) -> None:
    window = window_with(qtbot, [hostile(join_url)])
    with caplog.at_level(logging.INFO):
        qtbot.mouseClick(join_button(window), Qt.MouseButton.LeftButton)
        meetings = window.pages.signed_in.meetings
        meetings.view.setCurrentIndex(meetings.view_index(0, 0))
        window.menus.meeting[wm.JOIN].trigger()
    assert opened == []
    assert "not opened" in window.status.text.lower() or "Could not open" in window.status.text
    assert "SECRET" not in caplog.text


def test_join_opens_an_https_link(qtbot: QtBot, opened: list[str]) -> None:
    window = window_with(qtbot, [hostile("https://zoom.example/j/1?pwd=x")])
    qtbot.mouseClick(join_button(window), Qt.MouseButton.LeftButton)
    assert opened == ["https://zoom.example/j/1?pwd=x"]


def test_list_tooltips_and_user_show_zoom_text_literally(qtbot: QtBot) -> None:
    weekly = hostile(mtype=8, recurrence={"type": 1, "repeat_interval": 1, "end_times": 2})
    window = window_with(qtbot, [weekly])
    model = window.pages.signed_in.meetings.model
    tip = model.data(model.index(0, model.TOPIC), Qt.ItemDataRole.ToolTipRole)
    assert shown_as(tip) == f"{TOPIC}\nRecurring meeting"
    page = SignedInPage()
    qtbot.addWidget(page)
    name = "<b>Mallory</b>"
    page.set_user(User(first_name=name, email="<i>m@x.example</i>"))
    assert page.name.textFormat() == Qt.TextFormat.PlainText
    assert page.email.textFormat() == Qt.TextFormat.PlainText
    assert shown_as(page.name.toolTip()) == name
    assert shown_as(page.avatar.toolTip()) == f"{name} <<i>m@x.example</i>>"
    page.set_viewer_tz("<b>Europe/Berlin</b>")
    assert page.zone_label.textFormat() == Qt.TextFormat.PlainText


def test_status_lines_and_messages_are_plain(qtbot: QtBot) -> None:
    bar = StatusBar()
    qtbot.addWidget(bar)
    bar.show_problem(Problem(Kind.ZOOM, TOPIC, detail=AGENDA))
    [message] = [w for w in bar.findChildren(QLabel) if w.objectName() == "statusMessage"]
    assert message.textFormat() == Qt.TextFormat.PlainText and message.text() == TOPIC
    assert shown_as(message.toolTip()) == AGENDA

    signed_out = SignedOutPage()
    qtbot.addWidget(signed_out)
    signed_out.set_message(TOPIC, error=True)
    first_run = FirstRunPage()
    qtbot.addWidget(first_run)
    first_run.set_values({}, TOPIC)
    panel = StatusPanel()
    qtbot.addWidget(panel)
    panel.show_state(TOPIC, AGENDA)
    window = window_with(qtbot, [])
    meetings = window.pages.signed_in.meetings
    meetings.show_error(TOPIC, retry=True)
    [list_message] = [w for w in meetings.findChildren(QLabel) if w.objectName() == "listMessage"]
    for label in (signed_out.message, first_run.problem, panel.title, panel.message, list_message):
        assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()
    assert error_label().textFormat() == Qt.TextFormat.PlainText


# -- the success view and the details -----------------------------------------------------


def test_success_view_shows_a_hostile_meeting_as_text(
    qtbot: QtBot, opened: list[str], caplog: pytest.LogCaptureFixture
) -> None:
    view = SuccessView(TaskRunner())
    qtbot.addWidget(view)
    meeting = Meeting.from_zoom_json(dict(hostile(), password="<b>pw</b>", timezone="Asia/Tokyo"))
    with caplog.at_level(logging.INFO):
        view.show_meeting(meeting, "Europe/Berlin")
        for label in (view.topic, view.passcode, view.other_zone, view.link, view.note):
            assert label.textFormat() == Qt.TextFormat.PlainText
        assert view.topic.text() == TOPIC
        assert view.link.text() == FILE_URL  # shown as text, not a link
        qtbot.mouseClick(view.open_zoom, Qt.MouseButton.LeftButton)
        view.link.linkActivated.emit(FILE_URL)
    assert opened == []
    assert "not opened" in view.note.text().lower()
    assert "SECRET" not in caplog.text


def test_an_https_join_url_cannot_inject_markup_into_the_link(
    qtbot: QtBot, opened: list[str]
) -> None:
    view = SuccessView(TaskRunner())
    qtbot.addWidget(view)
    for url in (
        'https://zoom.example/j/1?pwd=x"><a href="file:///etc/passwd">y</a>',
        'https://zoom.example/j/1?pwd=x"><img/src="file:///etc/passwd">',
        "https://zoom.example/j/1?pwd=x&amp;y=<b>z</b>",
    ):
        view.show_meeting(Meeting.from_zoom_json(hostile(url)), "UTC")
        assert rendered(view.link) == (url, set())
    good = "https://zoom.example/j/1?pwd=a&b=c"
    view.show_meeting(Meeting.from_zoom_json(hostile(good)), "UTC")
    assert rendered(view.link) == (good, {good})
    view.link.linkActivated.emit("file:///etc/passwd")
    view.link.linkActivated.emit(good)
    assert opened == [good]


def test_details_dialog_open_in_zoom_refuses_a_file_url(qtbot: QtBot, opened: list[str]) -> None:
    dialog = MeetingDetailsDialog(Meeting.from_zoom_json(hostile()), "UTC", TaskRunner())
    qtbot.addWidget(dialog)
    assert dialog.view.topic.text() == TOPIC
    assert dialog.view.topic.textFormat() == Qt.TextFormat.PlainText
    qtbot.mouseClick(dialog.view.open_zoom, Qt.MouseButton.LeftButton)
    assert opened == []


def test_open_link_is_the_one_gate(opened: list[str], caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO):
        assert untrusted.open_link("file:///etc/passwd?pwd=SECRET") is False
        assert untrusted.open_link('https://zoom.example/j/1?pwd=SECRET"<b>') is False
        assert untrusted.open_link("https://zoom.example/j/1?pwd=SECRET") is True
    assert opened == ["https://zoom.example/j/1?pwd=SECRET"]
    assert "SECRET" not in caplog.text
    assert "file:" in caplog.text
