"""Undo, not just confirm: a delete waits a few seconds with *Undo* before Zoom hears of it,
and the time running out, another delete, or closing the window sends it."""

from __future__ import annotations

import pytest
from fake_zoom import BoxAnswer, FakeAccount, FakeBackend, account_of, signed_in_window
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from zoomdesk.ui.window import main_window as mw
from zoomdesk.ui.window import menus as wm
from zoomdesk.ui.window import pending_delete
from zoomdesk.ui.window.list_model import MeetingListModel
from zoomdesk.ui.window.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot) -> MainWindow:
    window = signed_in_window(qtbot)
    qtbot.waitUntil(lambda: not window.runner.busy)
    return window


def topics(window: MainWindow) -> list[str]:
    return [m.topic for m in window.pages.signed_in.meetings.model.meetings]


def select(window: MainWindow, topic: str) -> None:
    """Make ``topic``'s row current in the view (whatever model the view shows it through)."""
    view = window.pages.signed_in.meetings.view
    rows = view.model()
    for row in range(rows.rowCount()):
        index = rows.index(row, 0)
        meeting = rows.data(index, MeetingListModel.MeetingRole)
        if meeting is not None and meeting.topic == topic:
            view.setCurrentIndex(index)
            return
    raise AssertionError(f"no row for {topic}")


def delete(window: MainWindow, topic: str) -> None:
    select(window, topic)
    answer = BoxAnswer("Delete")
    window.menus.meeting[wm.DELETE].trigger()
    assert answer.clicked
    assert "You can undo it for a few seconds." in answer.informative


def test_a_delete_leaves_the_list_with_undo_and_sends_nothing_yet(
    qtbot: QtBot, window: MainWindow
) -> None:
    delete(window, "Planning")
    assert "Planning" not in topics(window)
    assert window.status.text == "Deleted “Planning”."
    undo = window.meeting_actions.pending.undo_button
    assert undo.isVisible() and undo.text() == "Un&do"
    assert account_of(window).calls.count("delete_meeting") == 0


def test_undo_brings_it_back_and_zoom_never_hears_of_it(qtbot: QtBot, window: MainWindow) -> None:
    delete(window, "Planning")
    undo = window.meeting_actions.pending.undo_button
    with qtbot.waitSignal(window.meetingsShown):
        qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)
    assert "Planning" in topics(window)
    assert "Kept “Planning”" in window.status.text and not undo.isVisible()
    window.meeting_actions.pending.send_now()  # nothing held: nothing sent
    assert account_of(window).calls.count("delete_meeting") == 0


def test_the_time_running_out_sends_it(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pending_delete, "UNDO_MS", 50)
    delete(window, "Planning")
    account = account_of(window)
    qtbot.waitUntil(lambda: account.calls.count("delete_meeting") == 1)
    assert ("delete_meeting", (81234567891, None)) in account.calls.log
    assert not account.calls.any_on_gui_thread
    qtbot.waitUntil(lambda: not window.runner.busy)
    assert "Planning" not in topics(window)
    assert window.status.text == "Deleted “Planning”."
    assert not window.meeting_actions.pending.undo_button.isVisible()


def test_closing_the_window_sends_it(qtbot: QtBot, window: MainWindow) -> None:
    delete(window, "Planning")
    account = account_of(window)
    window.close()
    assert window.runner.wait_for_done(5000)
    assert ("delete_meeting", (81234567891, None)) in account.calls.log


def test_a_second_delete_sends_the_first(qtbot: QtBot, window: MainWindow) -> None:
    delete(window, "Planning")
    delete(window, "Design review")
    account = account_of(window)
    qtbot.waitUntil(lambda: account.calls.count("delete_meeting") == 1)
    assert ("delete_meeting", (81234567891, None)) in account.calls.log
    assert window.status.text == "Deleted “Design review”."
    assert "Design review" not in topics(window)


def test_a_failed_delete_puts_the_meeting_back_and_offers_retry(
    qtbot: QtBot, window: MainWindow
) -> None:
    from zoomdesk.core.errors import NetworkError

    account = account_of(window)
    account.calls.fail["delete_meeting"] = NetworkError("offline")
    delete(window, "Planning")
    window.meeting_actions.pending.send_now()
    qtbot.waitUntil(lambda: "Planning" in topics(window))
    qtbot.waitUntil(lambda: not window.runner.busy)
    assert window.status.text and window.status.text != "Deleted “Planning”."


def test_signing_out_sends_it_first_with_the_session_it_needs(
    qtbot: QtBot, window: MainWindow
) -> None:
    delete(window, "Planning")
    account = account_of(window)
    BoxAnswer("Sign out")
    window.sign_out()
    qtbot.waitUntil(lambda: window.state == mw.SIGNED_OUT)
    names = [name for name, _ in account.calls.log]
    assert ("delete_meeting", (81234567891, None)) in account.calls.log
    assert names.index("delete_meeting") < names.index("sign_out")


def test_a_delete_zoom_refuses_keeps_the_user_signed_in_and_says_why(
    qtbot: QtBot, window: MainWindow
) -> None:
    from zoomdesk.core.errors import NetworkError

    account = account_of(window)
    account.calls.fail["delete_meeting"] = NetworkError("offline")
    delete(window, "Planning")
    BoxAnswer("Sign out")
    window.sign_out()
    qtbot.waitUntil(lambda: "Planning" in topics(window))
    assert window.state == mw.SIGNED_IN and account.calls.count("sign_out") == 0


def test_quitting_sends_it_though_the_window_is_hidden(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QObject, Signal

    class App(QObject):  # the real app's aboutToQuit would end QtWebEngine in this process
        aboutToQuit = Signal()  # noqa: N815 - QCoreApplication's signal name

    app = App()
    monkeypatch.setattr(pending_delete, "_application", lambda: app)
    window = MainWindow(FakeBackend(account=FakeAccount()))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.pages.signed_in.meetings.model.rowCount() == 3)
    qtbot.waitUntil(lambda: not window.runner.busy)
    delete(window, "Planning")
    window.hide()  # in the tray: Quit closes no visible window
    app.aboutToQuit.emit()
    assert window.runner.wait_for_done(5000)
    assert ("delete_meeting", (81234567891, None)) in account_of(window).calls.log


@pytest.mark.parametrize("keys", [("Z", Qt.KeyboardModifier.ControlModifier),
                                  ("D", Qt.KeyboardModifier.AltModifier)])  # fmt: skip
def test_the_keyboard_undoes_it_while_the_upcoming_tab_keeps_alt_u(
    qtbot: QtBot, window: MainWindow, keys: tuple[str, Qt.KeyboardModifier]
) -> None:
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    delete(window, "Planning")
    window.raise_()
    window.activateWindow()  # back from the question box
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    key, modifier = keys
    with qtbot.waitSignal(window.meetingsShown):
        QTest.keyClick(QApplication.focusWidget() or window, key, modifier)
    assert "Planning" in topics(window)
    assert account_of(window).calls.count("delete_meeting") == 0
