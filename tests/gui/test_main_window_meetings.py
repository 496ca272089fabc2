"""What the signed-in window does with a meeting: copy, join, details, edit, delete, new."""

from __future__ import annotations

import threading
from typing import Any, ClassVar

import pytest
from fake_desktop import record_opened_links
from fake_zoom import (
    USER,
    BoxAnswer,
    FakeAccount,
    FakeBackend,
    account_of,
    meeting_json,
    signed_in_window,
    use_fake_login,
)
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QPushButton
from pytestqt.qtbot import QtBot

from zoomdesk.core.errors import AuthRequired
from zoomdesk.core.meeting import Meeting
from zoomdesk.core.user import User
from zoomdesk.ui.window import list_model as mm
from zoomdesk.ui.window import main_window as mw
from zoomdesk.ui.window import menus as wm
from zoomdesk.ui.window.main_window import MainWindow
from zoomdesk.ui.window.meeting_actions import next_occurrence
from zoomdesk.ui.window.meeting_details import MeetingDetailsDialog


class FakeMeetingDialog(QDialog):
    saved = Signal(object)
    sessionEnded = Signal(object)  # noqa: N815 - MeetingDialog's signal names
    signInRequested = Signal()  # noqa: N815
    opened: ClassVar[list[FakeMeetingDialog]] = []

    def __init__(self, account: Any, runner: Any, **kwargs: Any) -> None:
        super().__init__(kwargs.get("parent"))
        self.account = account
        self.kwargs = kwargs
        self.sign_ins: list[tuple[Any, str]] = []
        FakeMeetingDialog.opened.append(self)

    def signed_in_again(self, account: Any, user_name: str = "") -> None:
        self.sign_ins.append((account, user_name))


@pytest.fixture(autouse=True)
def fake_meeting_dialog(monkeypatch: pytest.MonkeyPatch) -> list[FakeMeetingDialog]:
    import zoomdesk.ui.meeting.dialog

    FakeMeetingDialog.opened = []
    monkeypatch.setattr(zoomdesk.ui.meeting.dialog, "MeetingDialog", FakeMeetingDialog)
    return FakeMeetingDialog.opened


@pytest.fixture
def window(qtbot: QtBot) -> MainWindow:
    return signed_in_window(qtbot)


def row_of(window: MainWindow, topic: str) -> int:
    model = window.pages.signed_in.meetings.model
    return next(r for r, m in enumerate(model.meetings) if m.topic == topic)


def select(window: MainWindow, topic: str) -> Meeting:
    meetings = window.pages.signed_in.meetings
    meetings.view.setCurrentIndex(meetings.view_index(row_of(window, topic), 0))
    meeting = meetings.current_meeting()
    assert meeting is not None
    return meeting


def row_button(window: MainWindow, topic: str, text: str) -> QPushButton:
    meetings = window.pages.signed_in.meetings
    index = meetings.view_index(row_of(window, topic), mm.MeetingListModel.ACTIONS_COLUMN)
    widget = meetings.view.indexWidget(index)
    return next(b for b in widget.findChildren(QPushButton) if b.text() == text)


def open_dialog(qtbot: QtBot, window: MainWindow, kind: type) -> Any:
    found: list[Any] = []

    def visible() -> bool:
        found[:] = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()
        ]
        return bool(found)

    qtbot.waitUntil(visible)
    return found[-1]


# -- no Zoom call ---------------------------------------------------------------------------


def test_copy_link_button_puts_the_join_url_on_the_clipboard(
    qtbot: QtBot, window: MainWindow
) -> None:
    qtbot.mouseClick(row_button(window, "Planning", "Copy link"), Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "https://zoom.example/j/81234567891"
    assert "Copied the link" in window.status.text


def test_join_opens_the_link_with_the_desktop(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = record_opened_links(monkeypatch)
    qtbot.mouseClick(row_button(window, "Design review", "Join"), Qt.MouseButton.LeftButton)
    assert opened == ["https://zoom.example/j/81234567890"]
    select(window, "Planning")
    window.menus.meeting[wm.JOIN].trigger()
    assert opened[-1] == "https://zoom.example/j/81234567891"


def test_row_buttons_take_no_tab_stop_but_have_accessible_names(window: MainWindow) -> None:
    button = row_button(window, "Planning", "Join")
    assert button.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert button.accessibleName() == "Join Planning"


def test_meeting_menu_follows_the_selection(window: MainWindow) -> None:
    window.pages.signed_in.meetings.view.clearSelection()
    window.pages.signed_in.meetings.view.setCurrentIndex(
        window.pages.signed_in.meetings.model.index(-1, -1)
    )
    assert not window.menus.meeting[wm.DELETE].isEnabled()
    select(window, "Planning")
    assert all(a.isEnabled() for a in window.menus.meeting.values())


# -- details and invitation (they need the whole meeting) ------------------------------------


def test_details_fetch_the_meeting_and_show_passcode_and_invitation(
    qtbot: QtBot, window: MainWindow
) -> None:
    select(window, "Planning")
    qtbot.keyClick(window.pages.signed_in.meetings.view, Qt.Key.Key_Return)
    dialog = open_dialog(qtbot, window, MeetingDetailsDialog)
    account = account_of(window)
    assert ("get_meeting", (81234567891,)) in account.calls.log
    assert not account.calls.any_on_gui_thread
    assert dialog.view.passcode.text() == "Ab3xY9"
    assert dialog.view.meeting_id.text() == "812 3456 7891"
    assert dialog.view.topic.text() == "Planning"
    assert not dialog.view.title.isVisible()  # not "Meeting scheduled": it is not new
    dialog.view.copy_invitation.click()  # Zoom's text first, on a worker (refused here)
    qtbot.waitUntil(lambda: "Invitation copied" in dialog.view.note.text())
    text = QGuiApplication.clipboard().text()
    assert "Ada Lovelace is inviting you" in text and "Passcode: Ab3xY9" in text
    dialog.close()


def test_edit_from_the_details(
    qtbot: QtBot, window: MainWindow, fake_meeting_dialog: list[FakeMeetingDialog]
) -> None:
    select(window, "Planning")
    window.menus.meeting[wm.DETAILS].trigger()
    dialog = open_dialog(qtbot, window, MeetingDetailsDialog)
    qtbot.mouseClick(dialog.edit_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert fake_meeting_dialog[0].kwargs["existing"].password == "Ab3xY9"


def test_copy_invitation_from_the_menu(qtbot: QtBot, window: MainWindow) -> None:
    select(window, "Design review")
    window.menus.meeting[wm.COPY_INVITATION].trigger()
    qtbot.waitUntil(lambda: "Copied the invitation" in window.status.text)
    assert "Passcode: Ab3xY9" in QGuiApplication.clipboard().text()


def test_a_meeting_deleted_elsewhere_gives_zooms_message(qtbot: QtBot, window: MainWindow) -> None:
    meeting = select(window, "Planning")
    client = account_of(window).client
    client.meetings[:] = [m for m in client.meetings if m["id"] != meeting.id]
    window.meeting_actions.handle(wm.DETAILS, meeting)
    qtbot.waitUntil(lambda: "Zoom says: Meeting does not exist." in window.status.text)


# -- edit, new ------------------------------------------------------------------------------


def test_edit_opens_the_meeting_dialog_with_the_whole_meeting_then_refreshes(
    qtbot: QtBot, window: MainWindow, fake_meeting_dialog: list[FakeMeetingDialog]
) -> None:
    select(window, "Planning")
    window.menus.meeting[wm.EDIT].trigger()
    qtbot.waitUntil(lambda: bool(fake_meeting_dialog))
    dialog = fake_meeting_dialog[0]
    existing = dialog.kwargs["existing"]
    assert existing.id == 81234567891 and existing.password == "Ab3xY9"
    assert dialog.kwargs["user_name"] == "Ada Lovelace"
    assert dialog.kwargs["parent"] is window
    lists = account_of(window).calls.count("list_meetings")
    with qtbot.waitSignal(window.meetingsShown):
        dialog.saved.emit(existing)
    assert account_of(window).calls.count("list_meetings") == lists + 1


def test_new_meeting_then_refresh(
    qtbot: QtBot, window: MainWindow, fake_meeting_dialog: list[FakeMeetingDialog]
) -> None:
    qtbot.mouseClick(window.pages.signed_in.new_button, Qt.MouseButton.LeftButton)
    dialog = fake_meeting_dialog[0]
    assert dialog.kwargs == {"user_name": "Ada Lovelace", "existing": None, "parent": window}
    created = meeting_json(85000000000, "Brand new", "2030-02-01T10:00:00Z")
    account_of(window).client.meetings.append(created)
    with qtbot.waitSignal(window.meetingsShown):
        dialog.saved.emit(Meeting.from_zoom_json(created))
    assert window.pages.signed_in.meetings.model.rowCount() == 4
    assert "Saved “Brand new”" in window.status.text


def test_saved_while_the_list_is_loading_loads_it_again(
    qtbot: QtBot, window: MainWindow, fake_meeting_dialog: list[FakeMeetingDialog]
) -> None:
    calls = account_of(window).calls
    window.new_meeting()
    lists = calls.count("list_meetings")
    gate = calls.gate["list_meetings"] = threading.Event()
    window.refresh()
    qtbot.waitUntil(lambda: calls.count("list_meetings") == lists + 1)
    # That answer may predate the meeting: one more reload follows it.
    fake_meeting_dialog[0].saved.emit(Meeting.from_zoom_json(MEETING_SAVED))
    with qtbot.waitSignal(window.meetingsShown):
        gate.set()
    assert calls.count("list_meetings") == lists + 2


MEETING_SAVED = meeting_json(85000000001, "Saved meanwhile", "2030-02-01T10:00:00Z")


def test_a_meeting_dialog_whose_session_ended_signs_in_over_itself(
    qtbot: QtBot,
    window: MainWindow,
    fake_meeting_dialog: list[FakeMeetingDialog],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened = use_fake_login(monkeypatch)
    window.new_meeting()
    dialog = fake_meeting_dialog[0]
    dialog.sessionEnded.emit(AuthRequired())
    assert window.state == mw.SIGNED_OUT  # the window tells the truth behind the dialog
    assert "session has ended" in window.pages.signed_out.message.text()
    dialog.signInRequested.emit()
    (login,) = opened
    assert login.parent() is dialog and login.account is window.account
    with qtbot.waitSignal(window.meetingsShown):
        login.signedIn.emit(User.from_zoom_json(dict(USER, first_name="Grace", last_name="Hopper")))
    assert window.state == mw.SIGNED_IN
    assert window.pages.signed_in.name.full_text() == "Grace Hopper"
    assert dialog.sign_ins == [(window.account, "Grace Hopper")]
    # Asked again once the window is signed in (the dialog's news is stale): no second login.
    dialog.signInRequested.emit()
    assert len(opened) == 1 and len(dialog.sign_ins) == 2


def test_ctrl_n_opens_a_new_meeting(
    qtbot: QtBot, window: MainWindow, fake_meeting_dialog: list[FakeMeetingDialog]
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert len(fake_meeting_dialog) == 1


def test_alt_n_opens_a_new_meeting_from_the_empty_list(
    qtbot: QtBot, fake_meeting_dialog: list[FakeMeetingDialog]
) -> None:
    window = MainWindow(FakeBackend(account=FakeAccount(meetings=[])))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: "No upcoming meetings" in window.pages.signed_in.meetings.message)
    qtbot.waitUntil(lambda: window.user is not None and not window.runner.busy)
    qtbot.waitActive(window)
    # The header's "&New meeting" is the only one: a second Alt+N on the empty-state
    # button made the shortcut ambiguous, and it only moved the focus between the two.
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    # A mnemonic "animates" the click: the button is clicked a moment later.
    qtbot.waitUntil(lambda: len(fake_meeting_dialog) == 1)


# -- delete ---------------------------------------------------------------------------------


def test_delete_asks_and_deletes_then_refreshes(qtbot: QtBot, window: MainWindow) -> None:
    select(window, "Planning")
    answer = BoxAnswer("Delete")
    window.menus.meeting[wm.DELETE].trigger()
    with qtbot.waitSignal(window.meetingsShown):
        window.meeting_actions.pending.send_now()  # as Undo's time running out does
    assert answer.box_text == "Delete “Planning”?"
    assert "Tue 15 Jan 2030, 10:00" in answer.informative
    assert answer.buttons == ["Delete", "Cancel"]
    account = account_of(window)
    assert ("delete_meeting", (81234567891, None)) in account.calls.log
    assert not account.calls.any_on_gui_thread
    assert window.pages.signed_in.meetings.model.rowCount() == 2
    assert window.status.text == "Deleted “Planning”."


def test_delete_cancelled_deletes_nothing(qtbot: QtBot, window: MainWindow) -> None:
    select(window, "Planning")
    answer = BoxAnswer("Cancel")
    window.menus.meeting[wm.DELETE].trigger()
    assert answer.clicked
    assert account_of(window).calls.count("delete_meeting") == 0


def test_delete_key_in_the_list_deletes(qtbot: QtBot, window: MainWindow) -> None:
    select(window, "Planning")
    window.pages.signed_in.meetings.view.setFocus()
    answer = BoxAnswer("Cancel")
    qtbot.keyClick(window.pages.signed_in.meetings.view, Qt.Key.Key_Delete)
    assert answer.clicked and answer.box_text == "Delete “Planning”?"


@pytest.mark.parametrize(
    ("choice", "occurrence", "note"),
    [
        ("Delete this occurrence", "1894600000000",
         "Deleted the occurrence of “Weekly sync” on Mon 14 Jan 2030, 09:00."),
        ("Delete all occurrences", None, "Deleted “Weekly sync”."),
    ],
)  # fmt: skip
def test_deleting_a_recurring_meeting_offers_this_occurrence_or_all(
    qtbot: QtBot, window: MainWindow, choice: str, occurrence: str | None, note: str
) -> None:
    select(window, "Weekly sync")
    answer = BoxAnswer(choice)
    window.menus.meeting[wm.DELETE].trigger()
    account = account_of(window)
    qtbot.waitUntil(lambda: window.meeting_actions.pending.pending is not None)
    window.meeting_actions.pending.send_now()  # as Undo's time running out does
    qtbot.waitUntil(lambda: account.calls.count("delete_meeting") == 1)
    assert answer.buttons == ["Delete this occurrence", "Delete all occurrences", "Cancel"]
    # The first occurrence (2020) is over: "this occurrence" is the next one.
    assert "Mon 14 Jan 2030, 09:00" in answer.informative
    assert ("delete_meeting", (92000000003, occurrence)) in account.calls.log
    qtbot.waitUntil(lambda: not window.runner.busy)
    assert window.status.text == note  # which occurrence went, as the question said it


def test_next_occurrence_skips_deleted_and_past_ones() -> None:
    from datetime import UTC, datetime

    from fake_zoom import WEEKLY, full_meeting

    raw = full_meeting(WEEKLY)
    raw["occurrences"][1]["status"] = "deleted"
    meeting = Meeting.from_zoom_json(raw)
    found = next_occurrence(meeting, now=datetime(2029, 1, 1, tzinfo=UTC))
    assert found is not None and found.occurrence_id == "1895200000000"
    assert next_occurrence(meeting, now=datetime(2031, 1, 1, tzinfo=UTC)) is None


def test_row_menu_has_the_other_actions(window: MainWindow) -> None:
    from PySide6.QtWidgets import QToolButton

    meetings = window.pages.signed_in.meetings
    index = meetings.view_index(row_of(window, "Planning"), mm.MeetingListModel.ACTIONS_COLUMN)
    more = meetings.view.indexWidget(index).findChild(QToolButton)
    names = [a.objectName() for a in more.menu().actions() if not a.isSeparator()]
    assert names == [
        wm.START, wm.COPY_INVITATION, wm.ADD_TO_CALENDAR, wm.SAVE_ICS, wm.DETAILS, wm.EDIT,
        wm.DUPLICATE, wm.DELETE,
    ]  # fmt: skip
    assert more.accessibleName() == "More actions for Planning"


def test_user_is_the_invitation_host(window: MainWindow) -> None:
    assert window.meeting_actions.user_name == "Ada Lovelace"
    assert USER["first_name"] == "Ada"
