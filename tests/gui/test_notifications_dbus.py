"""Reminders over a real D-Bus: a private bus with a small notification server on it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from desktop_fakes import at
from fake_desktop import record_opened_links
from fake_notifications import PrivateNotifications, have_dbus
from fake_zoom import meeting_json
from pytestqt.qtbot import QtBot

from zoomdesk.core.meeting import Meeting
from zoomdesk.core.reminders import starts_of
from zoomdesk.ui.tasks import TaskRunner
from zoomdesk.ui.untrusted import open_link
from zoomdesk.ui.window import desktop_notify
from zoomdesk.ui.window.reminder_notifier import ReminderNotifier

pytestmark = pytest.mark.skipif(not have_dbus(), reason="needs dbus-daemon (Debian: dbus)")

MEETING = Meeting.from_zoom_json(
    meeting_json(81234567891, "<b>Q1</b> plan & <a href='file:///x'>x</a>", "2030-01-15T09:00:00Z")
)


@pytest.fixture
def bus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[PrivateNotifications]:
    with PrivateNotifications(tmp_path) as private:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", private.address)
        yield private


def notifier_on(qtbot: QtBot, runner: TaskRunner, tray: list[tuple[str, str]]) -> ReminderNotifier:
    def tray_message(title: str, text: str) -> bool:
        tray.append((title, text))
        return True

    notifier = ReminderNotifier(runner, tray_message)
    notifier.start()
    qtbot.waitUntil(lambda: not runner.busy)
    return notifier


def test_a_reminder_goes_to_the_notification_service_and_join_opens_the_link(
    qtbot: QtBot, runner: TaskRunner, bus: PrivateNotifications, monkeypatch: pytest.MonkeyPatch
) -> None:
    tray: list[tuple[str, str]] = []
    notifier = notifier_on(qtbot, runner, tray)
    assert notifier.service is not None and notifier.service.actions
    opened = record_opened_links(monkeypatch)
    notifier.joinRequested.connect(lambda m: open_link(m.join_url))
    with qtbot.waitSignal(notifier.joinRequested, timeout=10000) as joined:
        notifier.remind(starts_of(MEETING)[0], at("2030-01-15T08:55:00"))
    assert joined.args == [MEETING]
    assert opened == ["https://zoom.example/j/81234567891"]
    (sent,) = bus.notified()
    assert sent["signature"] == "susssasa{sv}i"  # replaces_id really a uint32
    assert sent["summary"] == "<b>Q1</b> plan & <a href='file:///x'>x</a>"  # plain by the spec
    assert sent["body"].startswith("Starts in 5 minutes")
    assert "<" not in sent["body"] and "zoom.example" not in sent["body"]
    assert sent["actions"] == ["default", "Open zoomdesk", "join", "Join"]
    assert sent["hints"] == {"desktop-entry": "zoomdesk"}
    assert tray == []
    notifier.stop()


def test_the_notice_has_no_join(
    qtbot: QtBot, runner: TaskRunner, bus: PrivateNotifications
) -> None:
    notifier = notifier_on(qtbot, runner, [])
    notifier.notice()
    qtbot.waitUntil(lambda: len(bus.notified()) == 1)
    assert bus.notified()[0]["actions"] == []
    notifier.stop()


def test_only_the_notification_server_can_press_join(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Any program on the session bus can send an ActionInvoked signal, to us or to
    # everyone; only the one from the server that showed the notification counts.
    from jeepney import DBusAddress, HeaderFields, new_signal
    from jeepney.bus_messages import message_bus
    from jeepney.io.blocking import open_dbus_connection

    with PrivateNotifications(tmp_path, clicks="never") as private:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", private.address)
        heard: list[tuple[str, tuple[object, ...]]] = []
        came = threading.Event()

        def on_signal(name: str, body: tuple[object, ...]) -> None:
            heard.append((name, body))
            came.set()

        service = desktop_notify.connect(on_signal)
        assert service is not None
        try:
            notification = service.notify("zoomdesk", "Q1 plan", "Starts in 5 minutes")
            [shown] = private.notified()
            emitter = DBusAddress(desktop_notify.PATH, interface=desktop_notify.INTERFACE)
            with open_dbus_connection(private.address) as other:
                to_us = new_signal(emitter, "ActionInvoked", "us", (notification, "join"))
                to_us.header.fields[HeaderFields.destination] = shown["sender"]
                other.send(to_us)
                other.send(new_signal(emitter, "ActionInvoked", "us", (notification, "join")))
                # The bus answers in order: once it has, both are on their way to us.
                other.send_and_get_reply(message_bus.NameHasOwner(desktop_notify.SERVICE))
            private.click(notification, "default")  # reaches us after them
            assert came.wait(10)
        finally:
            service.close()
    assert heard == [("ActionInvoked", (notification, "default"))]


def test_without_a_notification_service_the_tray_shows_it(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with PrivateNotifications(tmp_path, server=False) as private:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", private.address)
        tray: list[tuple[str, str]] = []
        notifier = notifier_on(qtbot, runner, tray)
        assert notifier.service is None
        notifier.remind(starts_of(MEETING)[0], at("2030-01-15T08:55:00"))
        assert [kind for kind, *_ in notifier.shown] == ["tray"]
        assert "&lt;b&gt;Q1" in tray[0][0]  # escaped: Qt's balloon reads HTML


def test_without_a_session_bus_nothing_breaks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", "/nonexistent")
    assert desktop_notify.connect(lambda *_: None) is None
