"""A private session bus with a tiny freedesktop notification server on it, for D-Bus tests.

``PrivateNotifications(root)`` starts a ``dbus-daemon`` on a socket under
``root`` (no service directories: nothing is activated behind the test's
back) and, unless ``server=False``, this file run as a script: a notification
server written with jeepney that answers ``GetCapabilities``,
``GetServerInformation`` and ``Notify`` as the specification says, writes each
notification as a JSON line to ``root/notified.jsonl``, and, when a
notification offers ``clicks`` (an action key), "clicks" it at once: it sends
``ActionInvoked(id, key)`` to the sender, as a user pressing that button would.
A test can also press one later: ``click(id, key)`` asks the server to send it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType
from typing import Any

from keyring_daemon import BUS_CONFIG

NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
CAPABILITIES = ["actions", "body", "body-markup"]
#: The fake server's own method for tests: ``Click(id, key)``.
TEST_INTERFACE = "org.zoomdesk.tests.FakeNotifications"


def have_dbus() -> bool:
    return shutil.which("dbus-daemon") is not None


class PrivateNotifications:
    """The bus and the server; ``address`` for ``DBUS_SESSION_BUS_ADDRESS``."""

    def __init__(self, root: Path, *, server: bool = True, clicks: str = "join") -> None:
        self.root = root
        self.log = root / "notified.jsonl"
        self.address = ""
        self._server = server
        self._clicks = clicks
        self._procs: list[subprocess.Popen[str]] = []

    def __enter__(self) -> PrivateNotifications:
        config = self.root / "bus.conf"
        config.write_text(BUS_CONFIG.format(socket=self.root / "bus"))
        bus = subprocess.Popen(
            ["dbus-daemon", f"--config-file={config}", "--nofork", "--print-address"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        self._procs.append(bus)
        assert bus.stdout is not None
        self.address = bus.stdout.readline().strip()
        assert self.address, "dbus-daemon gave no address"
        if self._server:
            env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS=self.address)
            server = subprocess.Popen(
                [sys.executable, __file__, str(self.log), self._clicks],
                env=env,
                stdout=subprocess.PIPE,
                text=True,
            )
            self._procs.append(server)
            assert server.stdout is not None
            assert server.stdout.readline().strip() == "ready", "the fake server did not start"
        return self

    def click(self, notification: int, key: str) -> None:
        """Have the server send ``ActionInvoked`` for ``notification``; returns once it has."""
        from jeepney import DBusAddress, new_method_call
        from jeepney.io.blocking import open_dbus_connection

        with open_dbus_connection(self.address) as conn:
            call = new_method_call(DBusAddress(PATH, NAME, TEST_INTERFACE), "Click", "us")
            call.body = (notification, key)
            conn.send_and_get_reply(call, timeout=10)

    def notified(self) -> list[dict[str, Any]]:
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text().splitlines() if line]

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        for proc in reversed(self._procs):
            proc.terminate()
            proc.wait(10)
            if proc.stdout is not None:
                proc.stdout.close()


def _serve(log: Path, clicks: str) -> None:
    from jeepney import HeaderFields, MessageType, new_error, new_method_return
    from jeepney.bus_messages import message_bus
    from jeepney.io.blocking import open_dbus_connection

    conn = open_dbus_connection(bus="SESSION")
    conn.send_and_get_reply(message_bus.RequestName(NAME))
    print("ready", flush=True)
    started = time.monotonic()
    next_id = 1
    senders: dict[int, str] = {}
    from jeepney import DBusAddress

    emitter = DBusAddress(PATH, interface=NAME)
    while time.monotonic() - started < 120:  # bounded: a test never lasts longer
        try:
            msg = conn.receive(timeout=1)
        except TimeoutError:
            continue
        if msg.header.message_type != MessageType.method_call:
            continue
        member = msg.header.fields.get(HeaderFields.member)
        sender = msg.header.fields.get(HeaderFields.sender)
        if member == "GetCapabilities":
            conn.send(new_method_return(msg, "as", (CAPABILITIES,)))
        elif member == "GetServerInformation":
            conn.send(new_method_return(msg, "ssss", ("fake", "zoomdesk tests", "1", "1.2")))
        elif member == "Notify":
            app, _replaces, icon, summary, body, actions, hints, timeout = msg.body
            entry = {
                "app": app,
                "icon": icon,
                "summary": summary,
                "body": body,
                "actions": list(actions),
                "hints": {key: value[1] for key, value in hints.items()},
                "timeout": timeout,
                "signature": msg.header.fields.get(HeaderFields.signature),
                "sender": sender,
            }
            with log.open("a") as out:
                out.write(json.dumps(entry) + "\n")
            conn.send(new_method_return(msg, "u", (next_id,)))
            senders[next_id] = sender
            if clicks in actions[::2]:
                conn.send(_invoked(emitter, sender, next_id, clicks))
            next_id += 1
        elif member == "Click":
            notification, key = msg.body
            conn.send(_invoked(emitter, senders[notification], notification, key))
            conn.send(new_method_return(msg))
        else:
            conn.send(new_error(msg, "org.freedesktop.DBus.Error.UnknownMethod"))


def _invoked(emitter: Any, to: str, notification: int, key: str) -> Any:
    from jeepney import HeaderFields, new_signal

    signal = new_signal(emitter, "ActionInvoked", "us", (notification, key))
    signal.header.fields[HeaderFields.destination] = to
    return signal


if __name__ == "__main__":
    _serve(Path(sys.argv[1]), sys.argv[2])
