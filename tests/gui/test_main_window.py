"""The main window's states and flows against a scripted backend and account.

The sandbox-backed twins of the important paths are in test_main_window_sandbox.py.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from fake_zoom import (
    USER,
    BoxAnswer,
    FakeAccount,
    FakeBackend,
    FakeLogin,
    meeting_json,
    use_fake_login,
)
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from zoomdesk.core.errors import AuthRequired, NetworkError, ZoomApiError
from zoomdesk.core.user import User
from zoomdesk.ui.session import Backend, Startup
from zoomdesk.ui.window import main_window as mw
from zoomdesk.ui.window import sandbox_switch
from zoomdesk.ui.window.main_window import MainWindow


@pytest.fixture(autouse=True)
def fake_login(monkeypatch: pytest.MonkeyPatch) -> list[FakeLogin]:
    return use_fake_login(monkeypatch)


def open_window(qtbot: QtBot, backend: FakeBackend, state: str) -> MainWindow:
    window = MainWindow(backend)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.state == state)
    if state == mw.SIGNED_IN:
        qtbot.waitUntil(lambda: window.user is not None and not window.runner.busy)
    return window


def signed_in(qtbot: QtBot, meetings: list[dict[str, Any]] | None = None) -> MainWindow:
    return open_window(qtbot, FakeBackend(account=FakeAccount(meetings)), mw.SIGNED_IN)


def cell(window: MainWindow, row: int, column: int) -> str:
    model = window.pages.signed_in.meetings.model
    return str(model.data(model.index(row, column)))


# -- loading and first run ------------------------------------------------------------------


def test_shows_a_loading_page_until_the_settings_are_read(qtbot: QtBot) -> None:
    backend = FakeBackend(account=FakeAccount())
    gate = backend.calls.gate["load"] = threading.Event()
    window = MainWindow(backend)
    qtbot.addWidget(window)
    window.show()
    assert window.state == mw.LOADING
    assert window.pages.stack.currentWidget() is window.loading_page
    gate.set()
    qtbot.waitUntil(lambda: window.state == mw.SIGNED_IN)
    assert not backend.calls.any_on_gui_thread


def test_unconfigured_opens_the_first_run_page(qtbot: QtBot) -> None:
    window = open_window(qtbot, FakeBackend(), mw.FIRST_RUN)
    page = window.pages.first_run
    assert not page.save_button.isEnabled()
    assert page.problem.isHidden()
    assert page.sandbox_button.isVisible() and page.sandbox_button.isEnabled()
    assert not window.menus.settings.isEnabled()
    assert not window.menus.new.isEnabled()
    assert window.focusWidget() is page.form.edit("client_id")


def test_first_run_explains_and_links_to_zoom_docs(qtbot: QtBot) -> None:
    window = open_window(qtbot, FakeBackend(), mw.FIRST_RUN)
    texts = " ".join(label.text() for label in window.pages.first_run.findChildren(QLabel))
    assert "https://developers.zoom.us/docs/integrations/create/" in texts
    assert "https://developers.zoom.us/docs/integrations/PKCE/" in texts
    assert "OAuth app" in texts


def test_first_run_shows_why_an_existing_config_is_unusable(qtbot: QtBot) -> None:
    backend = FakeBackend(values={"client_id": "cid"}, problem="Enter the redirect URL.")
    window = open_window(qtbot, backend, mw.FIRST_RUN)
    assert window.pages.first_run.problem.text() == "Enter the redirect URL."
    assert window.pages.first_run.form.edit("client_id").text() == "cid"


def test_first_run_saves_off_the_gui_thread_then_signs_out_state(qtbot: QtBot) -> None:
    backend = FakeBackend()
    window = open_window(qtbot, backend, mw.FIRST_RUN)
    form = window.pages.first_run.form
    qtbot.keyClicks(form.edit("client_id"), "my client")
    assert "cannot contain spaces" in form.note("client_id").text()
    assert not window.pages.first_run.save_button.isEnabled()
    form.edit("client_id").clear()
    qtbot.keyClicks(form.edit("client_id"), "myclient")
    qtbot.keyClicks(form.edit("redirect_uri"), "https://example.com/cb")
    assert window.pages.first_run.save_button.isEnabled()
    qtbot.mouseClick(window.pages.first_run.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.state == mw.SIGNED_OUT)
    assert backend.saved == [
        {
            "client_id": "myclient",
            "client_secret": "",
            "redirect_uri": "https://example.com/cb",
            "oauth_url": "",
            "api_url": "",
            "sign_in": "embedded",
        }
    ]
    assert not backend.calls.any_on_gui_thread


def test_a_failed_save_keeps_the_form_and_says_why(qtbot: QtBot) -> None:
    from zoomdesk.core.errors import StoreError

    backend = FakeBackend()
    backend.calls.fail["save_settings"] = StoreError("Could not save config.json: disk full")
    window = open_window(qtbot, backend, mw.FIRST_RUN)
    form = window.pages.first_run.form
    form.set_values({"client_id": "cid", "redirect_uri": "https://example.com/cb"})
    window.pages.first_run.save_button.click()
    qtbot.waitUntil(lambda: "disk full" in window.status.text)
    assert window.state == mw.FIRST_RUN
    assert form.isEnabled() and form.edit("client_id").text() == "cid"
    assert window.pages.first_run.save_button.isEnabled()


class BrokenSandbox(Backend):
    """A sandbox that cannot start (its port taken, say)."""

    sandbox = True

    def load(self) -> Startup:
        raise OSError(98, "Address already in use")


def test_a_sandbox_that_fails_to_start_gives_back_the_users_own_backend(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    backend = FakeBackend(values={"client_id": "cid"})
    backend.flags = {"redirect_uri": "https://example.com/from-the-command-line"}
    window = open_window(qtbot, backend, mw.FIRST_RUN)
    monkeypatch.setattr(sandbox_switch, "SandboxBackend", BrokenSandbox)
    page = window.pages.first_run
    page.sandbox_button.click()
    qtbot.waitUntil(lambda: "The sandbox did not start" in page.problem.text())
    assert window.state == mw.FIRST_RUN and page.problem.isVisible()
    # The very backend the window had, with the settings from the command line.
    assert window.backend is backend
    assert backend.flags == {"redirect_uri": "https://example.com/from-the-command-line"}
    assert page.form.edit("client_id").text() == "cid"  # its settings are still shown
    assert backend.calls.count("load") == 1  # nothing loaded again by a stand-in


# -- signing in and out ---------------------------------------------------------------------


def test_signed_out_offers_one_big_sign_in_button(qtbot: QtBot) -> None:
    window = open_window(qtbot, FakeBackend(account=FakeAccount(signed_in=False)), mw.SIGNED_OUT)
    page = window.pages.signed_out
    assert page.sign_in_button.isVisible()
    assert page.sign_in_button.property("primary") is True
    assert page.sign_in_button.isDefault()
    assert window.focusWidget() is page.sign_in_button
    assert not window.menus.sign_out.isEnabled() and window.menus.sign_in.isEnabled()


def test_sign_in_opens_the_login_dialog_and_lands_signed_in(
    qtbot: QtBot, fake_login: list[FakeLogin]
) -> None:
    account = FakeAccount(signed_in=False)
    window = open_window(qtbot, FakeBackend(account=account), mw.SIGNED_OUT)
    qtbot.mouseClick(window.pages.signed_out.sign_in_button, Qt.MouseButton.LeftButton)
    assert len(fake_login) == 1 and fake_login[0].account is account
    with qtbot.waitSignal(window.meetingsShown):
        fake_login[0].signedIn.emit(User.from_zoom_json(USER))
    assert window.state == mw.SIGNED_IN
    assert window.pages.signed_in.name.full_text() == "Ada Lovelace"
    assert window.pages.signed_in.email.full_text() == "ada@example.com"
    # The user came with the dialog's signal: no second /users/me.
    assert account.calls.count("me") == 0
    assert "Signed in as Ada Lovelace" in window.status.text


def test_a_sign_in_without_the_profile_asks_zoom_for_it(
    qtbot: QtBot, fake_login: list[FakeLogin]
) -> None:
    account = FakeAccount(signed_in=False)
    window = open_window(qtbot, FakeBackend(account=account), mw.SIGNED_OUT)
    window.sign_in()
    with qtbot.waitSignal(window.userShown):
        fake_login[0].signedIn.emit(None)  # Zoom refused /users/me during the sign-in
    assert account.calls.count("me") == 1
    assert window.pages.signed_in.name.full_text() == "Ada Lovelace"


def test_a_damaged_config_is_reported_while_signed_in(qtbot: QtBot) -> None:
    problem = (
        "config.json was damaged (not valid JSON); it was moved aside to config.json.corrupt-1"
    )
    window = open_window(qtbot, FakeBackend(account=FakeAccount(), problem=problem), mw.SIGNED_IN)
    assert window.status.text == problem
    assert window.pages.signed_in.meetings.model.rowCount() == 3  # the session goes on


def test_the_window_paints_before_it_starts_loading(qtbot: QtBot) -> None:
    window = MainWindow(FakeBackend(account=FakeAccount()))
    qtbot.addWidget(window)
    reloads: list[str] = []
    real_reload = window.reload
    window.reload = lambda: reloads.append("reload") or real_reload()  # type: ignore[method-assign]
    at_first_paint: list[int] = []

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not at_first_paint:
                at_first_paint.append(len(reloads))
            return False

    probe = FirstPaint()
    window.installEventFilter(probe)
    window.show()
    qtbot.waitUntil(lambda: window.state == mw.SIGNED_IN)
    assert at_first_paint == [0] and reloads == ["reload"]


def test_a_window_that_never_paints_still_loads(qtbot: QtBot) -> None:
    window = MainWindow(FakeBackend(account=FakeAccount()))
    qtbot.addWidget(window)
    window.setUpdatesEnabled(False)  # as if started minimized: no paint comes
    window.show()
    qtbot.waitUntil(lambda: window.state == mw.SIGNED_IN)


def test_stored_session_opens_signed_in_with_user_and_meetings(qtbot: QtBot) -> None:
    window = signed_in(qtbot)
    page = window.pages.signed_in
    assert page.name.full_text() == "Ada Lovelace"
    assert page.email.full_text() == "ada@example.com"
    assert page.zone_label.text() == "Times in Europe/Berlin"
    assert page.meetings.model.rowCount() == 3
    assert window.menus.new.isEnabled() and window.menus.sign_out.isEnabled()


def test_sign_out_asks_then_signs_out_on_the_runner(qtbot: QtBot) -> None:
    window = signed_in(qtbot)
    account = window.account
    assert isinstance(account, FakeAccount)
    button = window.pages.signed_in.sign_out_button
    assert button.text() == "Sign &out…"  # the "…": it asks before it does
    answer = BoxAnswer("Cancel")
    button.click()
    assert answer.clicked and window.state == mw.SIGNED_IN
    assert account.calls.count("sign_out") == 0
    answer = BoxAnswer("Sign out")
    window.sign_out()
    qtbot.waitUntil(lambda: window.state == mw.SIGNED_OUT)
    assert answer.box_text == "Sign out of Zoom?"
    assert answer.buttons == ["Sign out", "Cancel"]
    assert account.calls.count("sign_out") == 1
    assert not account.calls.any_on_gui_thread
    assert window.pages.signed_out.message.text() == "You are signed out."


def test_auth_required_goes_back_to_signed_out_with_a_message(qtbot: QtBot) -> None:
    account = FakeAccount()
    account.calls.fail["list_meetings"] = AuthRequired()
    window = open_window(qtbot, FakeBackend(account=account), mw.SIGNED_OUT)
    assert "session has ended" in window.pages.signed_out.message.text()
    assert window.pages.signed_out.message.isVisible()


# -- the meetings ---------------------------------------------------------------------------


def test_meetings_are_listed_by_start_in_the_viewers_zone(qtbot: QtBot) -> None:
    window = signed_in(qtbot)
    assert [cell(window, r, 1) for r in range(3)] == ["Weekly sync", "Planning", "Design review"]
    # 09:00Z on 15 Jan 2030 is 10:00 in Berlin.
    assert cell(window, 1, 0) == "Tue 15 Jan 2030, 10:00–11:00"  # another year: with it
    assert cell(window, 1, 2) == "812 3456 7891"


def test_empty_state_invites_to_create_a_meeting(qtbot: QtBot) -> None:
    window = signed_in(qtbot, meetings=[])
    meetings = window.pages.signed_in.meetings
    assert "No upcoming meetings" in meetings.message
    assert meetings._message_button.text() == "New meeting"  # Alt+N is the header's


def test_f5_refreshes_and_keeps_the_selection(qtbot: QtBot) -> None:
    window = signed_in(qtbot)
    account = window.account
    assert isinstance(account, FakeAccount)
    view = window.pages.signed_in.meetings.view
    view.setCurrentIndex(window.pages.signed_in.meetings.view_index(2, 0))
    account.client.meetings.append(
        meeting_json(83000000000, "Late addition", "2031-01-01T10:00:00Z")
    )
    with qtbot.waitSignal(window.meetingsShown):
        qtbot.keyClick(window, Qt.Key.Key_F5)
    assert window.pages.signed_in.meetings.model.rowCount() == 4
    assert window.pages.signed_in.meetings.current_meeting().topic == "Design review"
    assert account.calls.count("list_meetings") == 2
    assert not account.calls.any_on_gui_thread


def test_network_error_on_first_load_shows_in_the_list_with_a_retry(qtbot: QtBot) -> None:
    account = FakeAccount()
    account.calls.fail["list_meetings"] = NetworkError("Network error: could not connect.")
    window = open_window(qtbot, FakeBackend(account=account), mw.SIGNED_IN)
    meetings = window.pages.signed_in.meetings
    qtbot.waitUntil(lambda: "Can't reach Zoom" in meetings.message)
    button = meetings._message_button
    assert button.isVisible() and button.text() == "Try &again"
    assert window.status.text == ""  # said once, where the list would be
    with qtbot.waitSignal(window.meetingsShown):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert meetings.model.rowCount() == 3 and meetings.message == ""


def test_network_error_on_refresh_keeps_the_list_and_offers_a_retry(qtbot: QtBot) -> None:
    window = signed_in(qtbot)
    account = window.account
    assert isinstance(account, FakeAccount)
    account.calls.fail["list_meetings"] = NetworkError("Network error: timed out.")
    window.refresh()
    qtbot.waitUntil(lambda: "Can't reach Zoom" in window.status.text)
    assert window.pages.signed_in.meetings.model.rowCount() == 3
    assert window.status._retry.isVisible()
    assert window.status._message.toolTip() == "Network error: timed out."
    with qtbot.waitSignal(window.meetingsShown):
        qtbot.mouseClick(window.status._retry, Qt.MouseButton.LeftButton)
    assert window.status.text == "" and not window.status._retry.isVisible()


def test_zoom_api_error_shows_zooms_message(qtbot: QtBot) -> None:
    window = signed_in(qtbot)
    account = window.account
    assert isinstance(account, FakeAccount)
    account.calls.fail["list_meetings"] = ZoomApiError(400, 1001, "User does not exist: u1")
    window.refresh()
    qtbot.waitUntil(lambda: "Zoom says" in window.status.text)
    assert window.status.text == "Zoom says: User does not exist: u1."
    assert not window.status._retry.isVisible()  # retrying would not help


def test_results_for_a_signed_out_session_are_dropped(qtbot: QtBot) -> None:
    account = FakeAccount()
    gate = account.calls.gate["list_meetings"] = threading.Event()
    window = MainWindow(FakeBackend(account=account))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.user is not None)  # signed in, the list still loading
    BoxAnswer("Sign out")
    window.sign_out()
    qtbot.waitUntil(lambda: window.state == mw.SIGNED_OUT)
    gate.set()
    assert window.runner.wait_for_done(5000)
    qtbot.wait(50)  # let the (dropped) result travel through the event loop
    assert window.state == mw.SIGNED_OUT
    assert window.pages.signed_in.meetings.model.rowCount() == 0
