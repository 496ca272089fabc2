"""A scripted stand-in for ``Account`` and the main window's ``Backend`` (no server).

Every call records the thread it ran on, so tests can assert that the window
never does the work on the GUI thread; ``fail`` queues an exception per method
and ``gate`` holds a call until the test releases it.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

import pytest
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QWidget

from zoomdesk.core.config import Config
from zoomdesk.ui.session import Backend, Startup

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from zoomdesk.ui.window.main_window import MainWindow

REDIRECT = "http://127.0.0.1:9/zoomdesk/callback"
CONFIG = Config(client_id="cid", redirect_uri=REDIRECT, oauth_url="http://127.0.0.1:9")
USER = {
    "id": "u1",
    "first_name": "Ada",
    "last_name": "Lovelace",
    "email": "ada@example.com",
    "timezone": "Europe/Berlin",
}


def meeting_json(
    mid: int,
    topic: str,
    start: str | None = "2030-01-15T09:00:00Z",
    *,
    mtype: int = 2,
    duration: int = 30,
    tz: str = "Europe/Berlin",
    **extra: Any,
) -> dict[str, Any]:
    d: dict[str, Any] = {
        "id": mid,
        "uuid": f"uuid-{mid}",
        "topic": topic,
        "type": mtype,
        "duration": duration,
        "timezone": tz,
        "join_url": f"https://zoom.example/j/{mid}",
    }
    if start is not None:
        d["start_time"] = start
    d.update(extra)
    return d


WEEKLY = meeting_json(
    92000000003,
    "Weekly sync",
    "2030-01-14T08:00:00Z",
    mtype=8,
    recurrence={"type": 2, "repeat_interval": 1, "weekly_days": "2", "end_times": 4},
)
MEETINGS = [
    meeting_json(81234567890, "Design review", "2030-01-16T13:00:00Z"),
    meeting_json(81234567891, "Planning", "2030-01-15T09:00:00Z", duration=60),
    WEEKLY,
]


def full_meeting(d: Mapping[str, Any]) -> dict[str, Any]:
    """What ``GET /meetings/{id}`` adds to a list item: passcode, and occurrences."""
    full = dict(d, password="Ab3xY9")
    if d["type"] == 8:
        full["occurrences"] = [
            {"occurrence_id": "1894000000000", "start_time": "2020-01-07T08:00:00Z",
             "duration": 30, "status": "available"},
            {"occurrence_id": "1894600000000", "start_time": "2030-01-14T08:00:00Z",
             "duration": 30, "status": "available"},
            {"occurrence_id": "1895200000000", "start_time": "2030-01-21T08:00:00Z",
             "duration": 30, "status": "available"},
        ]  # fmt: skip
    return full


class Calls:
    """Records (name, args, on GUI thread?) and serves queued failures and gates."""

    def __init__(self) -> None:
        self.log: list[tuple[str, tuple[Any, ...]]] = []
        self.threads: list[bool] = []
        self.fail: dict[str, BaseException] = {}
        self.gate: dict[str, threading.Event] = {}

    def __call__(self, name: str, *args: Any) -> None:
        self.log.append((name, args))
        self.threads.append(threading.current_thread() is threading.main_thread())
        gate = self.gate.get(name)
        if gate is not None:
            assert gate.wait(10), f"{name} was never released"
        exc = self.fail.pop(name, None)
        if exc is not None:
            raise exc

    def names(self) -> list[str]:
        return [name for name, _ in self.log]

    def count(self, name: str) -> int:
        return self.names().count(name)

    @property
    def any_on_gui_thread(self) -> bool:
        return any(self.threads)


class FakeClient:
    def __init__(self, calls: Calls, meetings: list[dict[str, Any]]) -> None:
        self.calls = calls
        self.meetings = meetings
        self.user = dict(USER)

    def me(self) -> dict[str, Any]:
        self.calls("me")
        return dict(self.user)

    def list_meetings(self, type: str = "upcoming") -> list[dict[str, Any]]:
        self.calls("list_meetings", type)
        return copy.deepcopy(self.meetings)

    def get_meeting(self, meeting_id: int, occurrence_id: str | None = None) -> dict[str, Any]:
        self.calls("get_meeting", meeting_id)
        for m in self.meetings:
            if m["id"] == meeting_id:
                return full_meeting(m)
        from zoomdesk.core.errors import ZoomApiError

        raise ZoomApiError(404, 3001, "Meeting does not exist.")

    def meeting_templates(self) -> dict[str, Any]:
        self.calls("meeting_templates")
        return {"templates": [{"id": "Dv4YdINdTk", "name": "Town hall", "type": 2}]}

    def meeting_invitation(self, meeting_id: int) -> str:
        """Refused as Zoom refuses an app without the scope: zoomdesk writes its own text."""
        from zoomdesk.core.errors import ZoomApiError

        self.calls("meeting_invitation", meeting_id)
        raise ZoomApiError(400, 4711, "Invalid access token, does not contain scopes.")

    def delete_meeting(self, meeting_id: int, occurrence_id: str | None = None) -> None:
        self.calls("delete_meeting", meeting_id, occurrence_id)
        if occurrence_id is None:
            self.meetings[:] = [m for m in self.meetings if m["id"] != meeting_id]


class FakeAccount:
    def __init__(self, meetings: list[dict[str, Any]] | None = None, signed_in: bool = True):
        self.config = CONFIG
        self.calls = Calls()
        self.client = FakeClient(
            self.calls, copy.deepcopy(MEETINGS if meetings is None else meetings)
        )
        self.signed_in = signed_in

    def is_signed_in(self) -> bool:
        self.calls("is_signed_in")
        return self.signed_in

    def sign_out(self) -> None:
        self.calls("sign_out")
        self.signed_in = False


@dataclass
class FakeBackend(Backend):
    """A backend whose ``load`` returns a scripted ``Startup``."""

    account: FakeAccount | None = None
    values: dict[str, str] = field(default_factory=dict)
    problem: str = ""
    viewer_tz: str = "Europe/Berlin"
    saved: list[dict[str, str]] = field(default_factory=list)
    calls: Calls = field(default_factory=Calls)
    sandbox: bool = False

    def __post_init__(self) -> None:
        self.config_dir = None

    def load(self) -> Startup:
        self.calls("load")
        account = self.account
        signed_in = account.is_signed_in() if account is not None else False
        return Startup(account, dict(self.values), self.problem, signed_in, self.viewer_tz)  # type: ignore[arg-type]

    def save_settings(self, values: Mapping[str, str]) -> None:
        self.calls("save_settings", dict(values))
        self.saved.append(dict(values))
        self.values = dict(values)
        if self.account is None and values.get("client_id"):
            self.account = FakeAccount(signed_in=False)


def signed_in_window(qtbot: QtBot) -> MainWindow:
    """A main window shown over a signed-in ``FakeAccount``, its three meetings listed."""
    from zoomdesk.ui.window import main_window as mw

    window = mw.MainWindow(FakeBackend(account=FakeAccount()))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.state == mw.SIGNED_IN and window.user is not None)
    qtbot.waitUntil(lambda: window.pages.signed_in.meetings.model.rowCount() == 3)
    return window


def account_of(window: MainWindow) -> FakeAccount:
    """The ``FakeAccount`` behind ``window``."""
    assert isinstance(window.account, FakeAccount)
    return window.account


class BoxAnswer:
    """Clicks a button of the next modal dialog (a QMessageBox) once it is open.

    Set up before the action that opens the box; the box runs its real nested
    event loop. ``text`` is the button text without ``&``; after the fact,
    ``box_text`` holds what the box said and ``buttons`` every button label.
    """

    def __init__(self, text: str) -> None:
        from PySide6.QtCore import QTimer

        self.text = text
        self.box_text = ""
        self.informative = ""
        self.text_format: object = None
        self.buttons: list[str] = []
        self.clicked = False
        self._tries = 0
        self._timer = QTimer
        QTimer.singleShot(0, self._click)

    def _click(self) -> None:
        from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox

        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            self._tries += 1
            if self._tries < 500:
                self._timer.singleShot(10, self._click)
            return
        self.box_text = box.text()
        self.informative = box.informativeText()
        self.text_format = box.textFormat()
        found = [b for b in box.findChildren(QAbstractButton) if b.text()]
        self.buttons = [b.text().replace("&", "") for b in found]
        for button in found:
            if button.text().replace("&", "") == self.text:
                self.clicked = True
                button.click()
                return
        box.reject()  # unknown label: close it so the test fails on `clicked` instead of hanging


class FakeLogin(QDialog):
    """Stands in for LoginDialog (no QtWebEngine needed for the window's side)."""

    signedIn = Signal(object)  # noqa: N815 - LoginDialog's signal name
    opened: ClassVar[list[FakeLogin]] = []

    def __init__(self, account: Any, runner: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.account = account
        FakeLogin.opened.append(self)


def use_fake_login(monkeypatch: pytest.MonkeyPatch) -> list[FakeLogin]:
    """Make the window open ``FakeLogin``s; returns the list they are added to."""
    import zoomdesk.ui.login.dialog

    FakeLogin.opened = []
    monkeypatch.setattr(zoomdesk.ui.login.dialog, "LoginDialog", FakeLogin)
    return FakeLogin.opened
