"""The freedesktop notification service (``org.freedesktop.Notifications``) over the session bus.

Spoken through ``jeepney`` (pure Python, already brought by ``keyring`` on
Linux) rather than QtDBus: the ``Notify`` call takes a ``uint32``
(``replaces_id``) and PySide6 has no way to marshal a Python int as one (it
sends ``int32``, which servers such as dunst refuse with a signature error).

``connect()`` and ``notify()`` block on the bus (two seconds at most each):
call them on a ``TaskRunner`` worker. Signals from the server (*Join* clicked,
notification closed) arrive on jeepney's receiver thread and are handed to the
callback given to ``connect``; ``ReminderNotifier`` relays them to the GUI
thread through a Qt signal. Only signals sent by a connection that answered
our own calls count: any program on the bus can send an ``ActionInvoked``.
"""

from __future__ import annotations

import logging
import queue
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
INTERFACE = SERVICE
#: How long a call may take before the service counts as absent or hung.
CALL_TIMEOUT = 2.0

#: (signal name, body): ``ActionInvoked`` (id, action key), ``NotificationClosed`` (id, reason).
SignalFn = Callable[[str, tuple[Any, ...]], None]


class _Relay(queue.Queue[Any]):
    """A filter queue that hands each matching message on at once (on jeepney's thread)."""

    def __init__(self, deliver: Callable[[Any], None]) -> None:
        super().__init__()
        self._deliver = deliver

    def put_nowait(self, item: Any) -> None:
        try:
            self._deliver(item)
        except Exception:  # never let a slow or broken consumer kill the receiver thread
            log.exception("a notification signal could not be handled")


@dataclass
class Notifications:
    """A connection to the running notification server and what it can do."""

    router: Any
    capabilities: frozenset[str]
    server: str = ""
    _handles: list[Any] = field(default_factory=list)
    #: The bus names of the servers that answered: theirs are the signals we take.
    answered_by: set[str] = field(default_factory=set)

    @property
    def actions(self) -> bool:
        """The server shows action buttons (*Join*)."""
        return "actions" in self.capabilities

    @property
    def markup(self) -> bool:
        """The server reads markup in the body: text must be escaped."""
        return "body-markup" in self.capabilities

    def notify(
        self,
        app_name: str,
        summary: str,
        body: str,
        *,
        icon: str = "",
        actions: Sequence[str] = (),
        hints: Mapping[str, tuple[str, Any]] | None = None,
        timeout_ms: int = -1,
    ) -> int:
        """Show a notification; its id (blocking)."""
        from jeepney import new_method_call

        message = new_method_call(
            _address(),
            "Notify",
            "susssasa{sv}i",
            (app_name, 0, icon, summary, body, list(actions), dict(hints or {}), timeout_ms),
        )
        reply = self.router.send_and_get_reply(message, timeout=CALL_TIMEOUT)
        notification = int(_body(reply)[0])
        self.answered_by.add(_sender(reply))  # a restarted server has a new name
        return notification

    def close(self) -> None:
        # The filters are not removed one by one: jeepney's receiver thread may be walking
        # them (without a lock) right now. Stopping that thread drops them all.
        self._handles.clear()
        try:
            self.router.close()
        finally:
            self.router.conn.close()


def connect(on_signal: SignalFn) -> Notifications | None:
    """The session's notification server, or None when there is none (blocking).

    ``on_signal(name, body)`` is called on jeepney's receiver thread for the
    server's signals (``ActionInvoked``, ``NotificationClosed``).
    """
    try:
        from jeepney import MatchRule, message_bus
        from jeepney.io.threading import DBusRouter, open_dbus_connection
    except ImportError:
        log.info("no jeepney: desktop notifications over D-Bus are off")
        return None
    try:
        conn = open_dbus_connection(bus="SESSION", auth_timeout=CALL_TIMEOUT)
    except (KeyError, OSError, ValueError) as exc:  # no session bus
        log.info("no D-Bus session bus (%s): no desktop notifications", type(exc).__name__)
        return None
    router = DBusRouter(conn)
    answered_by: set[str] = set()

    def relay(message: Any) -> None:
        sender = _sender(message)
        if sender and sender in answered_by:
            on_signal(_member(message), message.body)
        else:
            log.warning("ignored a notification signal that the notification server did not send")

    # One filter, added before any call: jeepney's receiver thread walks the filters
    # without a lock, so adding one while it dispatches a message can kill that thread.
    rule = MatchRule(type="signal", interface=INTERFACE, path=PATH)
    handle = router.filter(rule, queue=_Relay(relay))
    try:
        from jeepney import new_method_call

        caps_reply = router.send_and_get_reply(
            new_method_call(_address(), "GetCapabilities"), timeout=CALL_TIMEOUT
        )
        capabilities = frozenset(str(c) for c in _body(caps_reply)[0])
        answered_by.add(_sender(caps_reply))
        info = router.send_and_get_reply(
            new_method_call(_address(), "GetServerInformation"), timeout=CALL_TIMEOUT
        )
        server = " ".join(str(part) for part in _body(info)[:3:2])  # name and version
        # Servers send their signals to the notification's sender; a broadcast needs a match.
        router.send_and_get_reply(message_bus.AddMatch(rule), timeout=CALL_TIMEOUT)
        found = Notifications(router, capabilities, server, [handle], answered_by)
    except Exception as exc:  # no server, a hung one, or a refusal: notifications go elsewhere
        log.info("no desktop notification service: %s", _why(exc))
        router.close()
        conn.close()
        return None
    log.info("desktop notifications: %s (%s)", server, ", ".join(sorted(capabilities)))
    return found


def _address() -> Any:
    from jeepney import DBusAddress

    return DBusAddress(PATH, bus_name=SERVICE, interface=INTERFACE)


def _body(reply: Any) -> tuple[Any, ...]:
    from jeepney import MessageType
    from jeepney.wrappers import DBusErrorResponse

    if reply.header.message_type == MessageType.error:
        raise DBusErrorResponse(reply)
    return tuple(reply.body)


def _member(message: Any) -> str:
    from jeepney import HeaderFields

    return str(message.header.fields.get(HeaderFields.member, ""))


def _sender(message: Any) -> str:
    """The unique bus name the bus daemon stamped on ``message``: it cannot be forged."""
    from jeepney import HeaderFields

    return str(message.header.fields.get(HeaderFields.sender, ""))


def _why(exc: BaseException) -> str:
    name = getattr(exc, "name", None)  # a D-Bus error's name, e.g. ...ServiceUnknown
    return str(name) if name else type(exc).__name__


__all__ = ["CALL_TIMEOUT", "Notifications", "SignalFn", "connect"]
