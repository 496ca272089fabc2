"""The tray menu and close-to-tray, around a signed-in window (a stand-in tray icon:
offscreen Qt has no system tray)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from desktop_fakes import FakeClock, FakeTrayIcon, UserClose, at
from fake_desktop import record_opened_links
from fake_zoom import FakeAccount, FakeBackend, meeting_json
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from zoomdesk.core import desktop_prefs
from zoomdesk.core.desktop_prefs import DesktopPrefs
from zoomdesk.ui.window import main_window as mw
from zoomdesk.ui.window import reminder_notifier as rn
from zoomdesk.ui.window.desktop import Desktop
from zoomdesk.ui.window.main_window import MainWindow
from zoomdesk.ui.window.tray import NO_MEETINGS, SIGNED_OUT

MEETINGS = [
    meeting_json(81234567891, "Planning", "2030-01-15T09:00:00Z", duration=60),
    meeting_json(81234567892, "Retro", "2030-01-15T11:00:00Z"),
    meeting_json(81234567893, "1:1 <b>Ada</b> & Bob", "2030-01-15T15:00:00Z"),
    meeting_json(81234567890, "Design review", "2030-01-16T13:00:00Z"),
    meeting_json(81234567894, "Over already", "2030-01-15T07:00:00Z", duration=30),
]


class Calls:
    def __init__(self) -> None:
        self.new_meeting = 0
        self.opened = 0

    def new(self) -> None:
        self.new_meeting += 1

    def open(self) -> None:
        self.opened += 1


def signed_in_window(qtbot: QtBot, meetings: list[dict[str, Any]]) -> MainWindow:
    window = MainWindow(FakeBackend(account=FakeAccount(meetings)))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.state == mw.SIGNED_IN and window.user is not None)
    qtbot.waitUntil(lambda: window.pages.signed_in.meetings.model.rowCount() == len(meetings))
    return window


def make_desktop(window: MainWindow, clock: FakeClock, calls: Calls, tray: bool = True) -> Desktop:
    return Desktop(
        window,
        new_meeting=calls.new,
        open_window=calls.open,
        make_icon=FakeTrayIcon if tray else None,
        clock=clock.now,
        monotonic=clock.monotonic,
        notifications=lambda relay: None,  # no notification service: the tray's messages
    )


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(at("2030-01-15T08:50:00"))


@pytest.fixture
def calls() -> Calls:
    return Calls()


@pytest.fixture
def desktop(qtbot: QtBot, clock: FakeClock, calls: Calls) -> Iterator[Desktop]:
    window = signed_in_window(qtbot, MEETINGS)
    desktop = make_desktop(window, clock, calls)
    qtbot.waitUntil(lambda: not desktop.runner.busy)  # the preferences are read
    yield desktop
    desktop.shutdown()


def test_the_menu_offers_new_meeting_the_next_three_open_and_quit(desktop: Desktop) -> None:
    texts = desktop.menu.texts()
    assert texts[:2] == ["&New meeting…", ""]
    assert texts[-3:] == ["", "&Open zoomdesk", "&Quit"]
    listed = texts[2:-3]
    assert len(listed) == 3
    assert [t.split(" · ", 1)[1] for t in listed] == ["Planning", "Retro", "1:1 <b>Ada</b> && Bob"]
    assert listed[0].startswith("Today, 10:00")  # Berlin time, the viewer's zone
    assert isinstance(desktop.tray, FakeTrayIcon) and desktop.tray.visible


def test_a_meeting_in_the_menu_joins_it_and_the_others_do_what_they_say(
    desktop: Desktop, calls: Calls, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = record_opened_links(monkeypatch)
    quits: list[bool] = []
    monkeypatch.setattr(QApplication, "quit", lambda: quits.append(True))
    desktop.menu.meeting_actions[1].trigger()
    assert opened == ["https://zoom.example/j/81234567892"]
    assert "Opening “Retro”" in desktop.window.status.text  # the window's own join path
    desktop.menu.new_action.trigger()
    desktop.menu.open_action.trigger()
    assert (calls.new_meeting, calls.opened) == (1, 1)
    desktop.menu.quit_action.trigger()
    assert quits == [True] and desktop.quitting


def test_a_link_that_is_not_https_is_never_opened_from_the_menu(
    qtbot: QtBot, clock: FakeClock, calls: Calls, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = meeting_json(81234567895, "Sneaky", "2030-01-15T09:30:00Z")
    bad["join_url"] = "file:///etc/passwd"
    window = signed_in_window(qtbot, [bad])
    desktop = make_desktop(window, clock, calls)
    opened = record_opened_links(monkeypatch)
    desktop.menu.meeting_actions[0].trigger()
    assert opened == []
    desktop.shutdown()


def test_the_menu_follows_the_meeting_list(qtbot: QtBot, desktop: Desktop) -> None:
    account = desktop.window.account
    assert isinstance(account, FakeAccount)
    account.client.meetings[:] = [m for m in account.client.meetings if m["topic"] != "Planning"]
    desktop.window.refresh()
    qtbot.waitUntil(lambda: "Planning" not in " ".join(desktop.menu.texts()))
    assert desktop.menu.texts()[2].endswith(" · Retro")
    account.client.meetings[:] = []
    desktop.window.refresh()
    qtbot.waitUntil(lambda: NO_MEETINGS in desktop.menu.texts())


def test_signed_out_the_menu_says_so(qtbot: QtBot, clock: FakeClock, calls: Calls) -> None:
    window = MainWindow(FakeBackend(account=FakeAccount(signed_in=False)))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.state == mw.SIGNED_OUT)
    desktop = make_desktop(window, clock, calls)
    assert SIGNED_OUT in desktop.menu.texts()
    assert "&New meeting…" in desktop.menu.texts()  # it signs in first
    desktop.shutdown()


# -- close-to-tray --------------------------------------------------------------------------


def close_as_the_user(desktop: Desktop) -> UserClose:
    event = UserClose()
    QApplication.sendEvent(desktop.window, event)
    return event


def test_with_the_preference_closing_hides_in_the_tray_and_says_so_once(
    qtbot: QtBot, desktop: Desktop
) -> None:
    desktop.apply_desktop_prefs(DesktopPrefs(close_to_tray=True))
    event = close_as_the_user(desktop)
    assert not event.isAccepted()
    assert not desktop.window.isVisible()
    assert isinstance(desktop.tray, FakeTrayIcon)
    assert desktop.tray.messages == [(rn.NOTICE_TITLE, rn.NOTICE_TEXT)]
    path = desktop.window.backend.config_path
    qtbot.waitUntil(lambda: desktop_prefs.load(path).tray_notice_shown)
    assert desktop_prefs.load(path).close_to_tray is False  # only the notice flag was written

    desktop.window.show()
    assert not close_as_the_user(desktop).isAccepted()
    assert desktop.tray.messages == [(rn.NOTICE_TITLE, rn.NOTICE_TEXT)]  # once only


def test_a_notice_recorded_earlier_is_not_shown_again(qtbot: QtBot, desktop: Desktop) -> None:
    desktop.apply_desktop_prefs(DesktopPrefs(close_to_tray=True, tray_notice_shown=True))
    close_as_the_user(desktop)
    assert isinstance(desktop.tray, FakeTrayIcon) and desktop.tray.messages == []


def test_without_the_preference_closing_closes(desktop: Desktop) -> None:
    desktop.apply_desktop_prefs(DesktopPrefs(close_to_tray=False))
    event = close_as_the_user(desktop)
    assert event.isAccepted()  # Qt goes on to close the window, and quits as before
    assert isinstance(desktop.tray, FakeTrayIcon) and desktop.tray.messages == []


def test_without_a_tray_closing_closes_whatever_the_preference(
    qtbot: QtBot, clock: FakeClock, calls: Calls
) -> None:
    window = signed_in_window(qtbot, MEETINGS)
    desktop = make_desktop(window, clock, calls, tray=False)
    assert desktop.tray is None
    desktop.apply_desktop_prefs(DesktopPrefs(close_to_tray=True))
    assert close_as_the_user(desktop).isAccepted()
    desktop.shutdown()


def test_quit_really_quits_even_from_the_tray(
    desktop: Desktop, monkeypatch: pytest.MonkeyPatch
) -> None:
    desktop.apply_desktop_prefs(DesktopPrefs(close_to_tray=True, tray_notice_shown=True))
    assert not close_as_the_user(desktop).isAccepted()  # hidden in the tray
    monkeypatch.setattr(QApplication, "quit", lambda: None)
    desktop.menu.quit_action.trigger()
    # Qt's quit closes every window; now nothing keeps one open.
    assert close_as_the_user(desktop).isAccepted()


def test_file_quit_closes_the_window_even_with_the_preference(desktop: Desktop) -> None:
    desktop.apply_desktop_prefs(DesktopPrefs(close_to_tray=True))
    desktop.window.close()  # what File ▸ Quit does: not the user's close button
    assert not desktop.window.isVisible()
    assert isinstance(desktop.tray, FakeTrayIcon) and desktop.tray.messages == []


def test_preferences_saved_in_settings_apply_once_it_closes(qtbot: QtBot, desktop: Desktop) -> None:
    from PySide6.QtWidgets import QDialog

    class SettingsDialog(QDialog):  # the name is what the window's filter looks for
        pass

    dialog = SettingsDialog(desktop.window)
    dialog.show()
    desktop_prefs.save(
        DesktopPrefs(reminder_minutes=15, close_to_tray=True), desktop.window.backend.config_path
    )
    dialog.done(QDialog.DialogCode.Accepted)
    qtbot.waitUntil(lambda: desktop.prefs.close_to_tray)
    assert desktop.refresher.reminders.lead == 15


def test_minimized_the_window_loads_hidden_with_the_tray_built(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from zoomdesk.ui.window import desktop as desktop_module
    from zoomdesk.ui.window.instance import AppInstance

    monkeypatch.setattr(desktop_module, "tray_available", lambda: True)
    monkeypatch.setattr(desktop_module, "platform_icon", FakeTrayIcon)
    instance = AppInstance(lambda: FakeBackend(account=FakeAccount(MEETINGS)))
    window = instance.open_window(show=False)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.state == mw.SIGNED_IN)  # it loads all the same
    assert not window.isVisible()
    assert instance.desktop is not None and isinstance(instance.desktop.tray, FakeTrayIcon)
    qtbot.waitUntil(lambda: len(instance.desktop.menu.meeting_actions) > 0)
    instance.shutdown()
