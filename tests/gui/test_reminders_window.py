"""Reminders through the Qt layer: a fake clock, the background refresh, wake-ups, Join."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from desktop_fakes import FakeClock, FakeTrayIcon, at
from fake_desktop import record_opened_links
from fake_zoom import FakeAccount, FakeBackend, meeting_json
from pytestqt.qtbot import QtBot

from zoomdesk.core.desktop_prefs import DesktopPrefs
from zoomdesk.core.errors import NetworkError
from zoomdesk.ui.window import main_window as mw
from zoomdesk.ui.window.desktop import Desktop
from zoomdesk.ui.window.main_window import MainWindow

PLANNING = meeting_json(81234567891, "Planning <i>Q1</i>", "2030-01-15T09:00:00Z", duration=60)
LATER = meeting_json(81234567890, "Design review", "2030-01-16T13:00:00Z")


class FakeService:
    """A notification server that takes actions and markup, as ``desktop_notify`` gives it."""

    actions = True
    markup = True

    def __init__(self, relay: Callable[[str, tuple[Any, ...]], None]) -> None:
        self.relay = relay
        self.sent: list[dict[str, Any]] = []

    def notify(self, app_name: str, summary: str, body: str, **kw: Any) -> int:
        self.sent.append(dict(kw, summary=summary, body=body))
        return len(self.sent)

    def click(self, notification_id: int, key: str) -> None:
        """The user presses a button: the signal arrives on a thread of jeepney's."""
        thread = threading.Thread(target=self.relay, args=("ActionInvoked", (notification_id, key)))
        thread.start()
        thread.join()

    def close(self) -> None:
        pass


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(at("2030-01-15T08:50:00"))


def start(
    qtbot: QtBot, clock: FakeClock, *, service: bool = False, tray: bool = True
) -> tuple[Desktop, FakeAccount, list[FakeService]]:
    account = FakeAccount([PLANNING, LATER])
    window = MainWindow(FakeBackend(account=account))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.state == mw.SIGNED_IN)
    qtbot.waitUntil(lambda: window.pages.signed_in.meetings.model.rowCount() == 2)
    services: list[FakeService] = []

    def connect(relay: Callable[[str, tuple[Any, ...]], None]) -> FakeService | None:
        if not service:
            return None
        services.append(FakeService(relay))
        return services[-1]

    desktop = Desktop(
        window, new_meeting=lambda: None, open_window=lambda: None,
        make_icon=FakeTrayIcon if tray else None, clock=clock.now,
        monotonic=clock.monotonic, notifications=connect,
    )  # fmt: skip
    qtbot.waitUntil(lambda: not desktop.runner.busy)
    desktop.apply_desktop_prefs(DesktopPrefs(reminder_minutes=5))
    return desktop, account, services


@pytest.fixture
def stop() -> Iterator[list[Desktop]]:
    started: list[Desktop] = []
    yield started
    for desktop in started:
        desktop.shutdown()


def shown(desktop: Desktop) -> list[tuple[str, str, str]]:
    return desktop.notifier.shown


def test_a_reminder_comes_the_chosen_minutes_before_and_only_once(
    qtbot: QtBot, clock: FakeClock, stop: list[Desktop]
) -> None:
    desktop, _, _ = start(qtbot, clock)
    stop.append(desktop)
    desktop.refresher.tick()
    assert shown(desktop) == []
    clock.advance(minutes=4)  # 08:54: 6 minutes before
    desktop.refresher.tick()
    assert shown(desktop) == []
    clock.advance(minutes=1, seconds=5)  # 08:55:05
    desktop.refresher.tick()
    assert shown(desktop) == [
        (
            "tray",
            "Planning <i>Q1</i>",
            "Starts in 5 minutes, at " + at("2030-01-15T09:00:00").astimezone().strftime("%H:%M"),
        )
    ]
    assert isinstance(desktop.tray, FakeTrayIcon)
    title, _text = desktop.tray.messages[-1]
    assert "&lt;i&gt;" in title  # Qt's balloon would take the topic's tags for HTML
    clock.advance(minutes=1)
    desktop.refresher.tick()
    assert len(shown(desktop)) == 1


def test_reminders_off_remind_of_nothing(
    qtbot: QtBot, clock: FakeClock, stop: list[Desktop]
) -> None:
    desktop, _, _ = start(qtbot, clock)
    stop.append(desktop)
    desktop.apply_desktop_prefs(DesktopPrefs(reminder_minutes=0))
    clock.advance(minutes=6)
    desktop.refresher.tick()
    assert shown(desktop) == []


def test_a_meeting_deleted_while_the_machine_slept_does_not_remind(
    qtbot: QtBot, clock: FakeClock, stop: list[Desktop]
) -> None:
    desktop, account, _ = start(qtbot, clock)
    stop.append(desktop)
    account.client.meetings[:] = [LATER]  # deleted on the web meanwhile
    lists_before = account.calls.count("list_meetings")
    clock.sleep(minutes=7)  # wakes at 08:57, inside Planning's reminder window
    desktop.refresher.tick()
    assert desktop.refresher.fetching  # the list is fetched again at once...
    assert shown(desktop) == []  # ...and reminders wait for it
    qtbot.waitUntil(lambda: not desktop.refresher.fetching)
    assert account.calls.count("list_meetings") == lists_before + 1
    assert shown(desktop) == []
    assert "Planning" not in " ".join(desktop.menu.texts())
    rows = desktop.window.pages.signed_in.meetings.model.rowCount()
    assert rows == 1  # the window's list shows the fresh one too


def test_a_wake_up_inside_the_window_reminds_once(
    qtbot: QtBot, clock: FakeClock, stop: list[Desktop]
) -> None:
    desktop, _, _ = start(qtbot, clock)
    stop.append(desktop)
    clock.sleep(minutes=12)  # 09:02: started 2 minutes ago, still worth saying
    desktop.refresher.tick()
    qtbot.waitUntil(lambda: len(shown(desktop)) == 1)
    assert shown(desktop)[0][2].startswith("Started 2 minutes ago")
    clock.wall = at("2030-01-15T08:56:00")  # the clock set back: not again
    desktop.refresher.tick()
    qtbot.waitUntil(lambda: not desktop.refresher.fetching)
    desktop.refresher.tick()
    assert len(shown(desktop)) == 1


def test_a_moved_meeting_reminds_at_its_new_time(
    qtbot: QtBot, clock: FakeClock, stop: list[Desktop]
) -> None:
    desktop, account, _ = start(qtbot, clock)
    stop.append(desktop)
    account.client.meetings[0]["start_time"] = "2030-01-15T10:00:00Z"
    desktop.window.refresh()  # the window's own refresh feeds the reminders too
    qtbot.waitUntil(lambda: "11:00–12:00" in " ".join(desktop.menu.texts()))  # Berlin
    clock.advance(minutes=6)
    desktop.refresher.tick()
    assert shown(desktop) == []
    clock.advance(minutes=60)  # 09:56
    desktop.refresher.tick()
    qtbot.waitUntil(lambda: len(shown(desktop)) == 1)


def test_the_list_is_refreshed_on_the_policys_pace_and_backs_off_offline(
    qtbot: QtBot, clock: FakeClock, stop: list[Desktop]
) -> None:
    desktop, account, _ = start(qtbot, clock)
    stop.append(desktop)
    clock.wall = at("2030-01-15T08:50:00")
    before = account.calls.count("list_meetings")
    clock.advance(minutes=2)
    desktop.refresher.tick()
    assert account.calls.count("list_meetings") == before  # 5 minutes between fetches
    account.calls.fail["list_meetings"] = NetworkError("offline")
    clock.advance(minutes=2)  # 08:54: a minute before Planning's reminder: fetch first
    desktop.refresher.tick()
    qtbot.waitUntil(lambda: account.calls.count("list_meetings") == before + 1)
    qtbot.waitUntil(lambda: desktop.refresher.policy.failures == 1)
    assert desktop.window.state == mw.SIGNED_IN  # offline is no reason to sign out
    assert desktop.refresher.policy.wait().total_seconds() == 60  # the first back-off step


def test_join_in_the_notification_opens_the_join_link(
    qtbot: QtBot, clock: FakeClock, stop: list[Desktop], monkeypatch: pytest.MonkeyPatch
) -> None:
    desktop, _, services = start(qtbot, clock, service=True)
    stop.append(desktop)
    qtbot.waitUntil(lambda: desktop.notifier.service is not None)
    opened = record_opened_links(monkeypatch)
    clock.advance(minutes=6)
    desktop.refresher.tick()
    service = services[0]
    qtbot.waitUntil(lambda: len(service.sent) == 1)
    sent = service.sent[0]
    assert sent["summary"] == "Planning <i>Q1</i>"  # the summary is plain text by the spec
    assert sent["actions"] == ["default", "Open zoomdesk", "join", "Join"]
    assert "zoom.example" not in sent["body"]  # never the link: it carries the passcode
    qtbot.waitUntil(lambda: 1 in desktop.notifier._by_id)
    with qtbot.waitSignal(desktop.notifier.joinRequested):
        service.click(1, "join")
    assert opened == ["https://zoom.example/j/81234567891"]
    service.click(99, "join")  # another program's notification
    qtbot.wait(50)
    assert opened == ["https://zoom.example/j/81234567891"]


def test_a_session_that_ended_in_the_background_signs_the_window_out(
    qtbot: QtBot, clock: FakeClock, stop: list[Desktop]
) -> None:
    from zoomdesk.core.errors import AuthReason, AuthRequired

    desktop, account, _ = start(qtbot, clock)
    stop.append(desktop)
    account.calls.fail["list_meetings"] = AuthRequired(AuthReason.SESSION_ENDED)
    clock.advance(minutes=5)  # the steady pace: a fetch is due
    desktop.refresher.tick()
    qtbot.waitUntil(lambda: desktop.window.state == mw.SIGNED_OUT)
    assert "Not signed in" in desktop.menu.texts()
    before = len(shown(desktop))
    clock.advance(minutes=4)
    desktop.refresher.tick()
    assert len(shown(desktop)) == before  # nothing to remind of while signed out


def test_the_previous_tab_is_neither_reminded_of_nor_overwritten(
    qtbot: QtBot, clock: FakeClock, stop: list[Desktop]
) -> None:
    desktop, account, _ = start(qtbot, clock)
    stop.append(desktop)
    window = desktop.window
    meetings = window.pages.signed_in.meetings
    upcoming = account.client.list_meetings
    past = meeting_json(81234567000, "Retro", "2030-01-10T09:00:00Z")

    def listing(type: str = "upcoming") -> list[dict[str, Any]]:
        found = upcoming(type)
        return [past] if type == "previous_meetings" else found

    account.client.list_meetings = listing
    before = account.calls.count("list_meetings")
    meetings.bar.tabs.setCurrentIndex(1)  # Previous
    qtbot.waitUntil(lambda: account.calls.count("list_meetings") == before + 1)
    qtbot.waitUntil(lambda: not window.runner.busy)
    previous = [m.topic for m in meetings.model.meetings]
    assert previous == ["Retro"]
    assert [r.meeting.topic for r in desktop.refresher.reminders.upcoming()] == [
        "Planning <i>Q1</i>", "Design review"
    ]  # fmt: skip
    clock.advance(minutes=5)  # the background refresh is due
    desktop.refresher.tick()
    qtbot.waitUntil(lambda: account.calls.count("list_meetings") == before + 2)
    qtbot.waitUntil(lambda: not desktop.runner.busy)
    assert [m.topic for m in meetings.model.meetings] == previous  # still the Previous list
    clock.advance(seconds=5)  # 08:55:05: Planning's reminder comes all the same
    desktop.refresher.tick()
    assert [topic for _, topic, _ in shown(desktop)] == ["Planning <i>Q1</i>"]
