"""Stand-ins and helpers for the meeting dialog tests.

``DialogClient`` answers ``create/get/update_meeting`` the way Zoom does (an id,
a join URL, ``start_time`` in UTC), records every call with the thread it ran
on, fails on demand, and can hold a call (``gate``) so a test can look at the
dialog while it waits. ``signed_in_account`` signs a real ``Account`` in to an
in-process sandbox the way the login view would, from a worker thread (the GUI
tests refuse HTTP on the main thread).
"""

from __future__ import annotations

import copy
import threading
from collections import defaultdict
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot
from sandbox_signin import in_thread, sign_in_headless
from zoom_schema import validate_request  # re-exported: the bodies we send must pass it

from zoomdesk.core.api import RecoveredMeeting
from zoomdesk.core.errors import ZoomApiError

__all__ = [
    "DialogClient",
    "FakeAccount",
    "open_dialog",
    "press_key",
    "shown_errors",
    "signed_in_account",
    "spy_zone_lookups",
    "type_keys",
    "validate_request",
    "wait_idle",
    "where_keys_go",
]

FIRST_ID = 85746352917


def zoom_answer(body: dict[str, Any], meeting_id: int) -> dict[str, Any]:
    """What Zoom answers to a create: the body plus id, link and a UTC ``start_time``."""
    answer = copy.deepcopy(body)
    answer.update(
        id=meeting_id,
        uuid=f"uuid-{meeting_id}",
        host_id="host",
        status="waiting",
        join_url=f"https://zoom.example/j/{meeting_id}?pwd=x",
        created_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    )
    if "start_time" in body:
        answer["start_time"] = utc_start(body["start_time"], body["timezone"])
    return answer


def utc_start(wall_time: str, zone: str) -> str:
    """Zoom keeps the wall time + zone it was sent and answers with the UTC instant."""
    wall = datetime.fromisoformat(wall_time).replace(tzinfo=ZoneInfo(zone))
    return wall.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class DialogClient:
    """The ``ZoomClient`` calls the dialog makes."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, Any]] = []
        self.on_gui_thread: list[str] = []
        self.failures: dict[str, list[BaseException]] = defaultdict(list)
        self.gates: dict[str, threading.Event] = {}
        self.meetings: dict[int, dict[str, Any]] = {}
        self.lost_since: list[float | None] = []
        #: raised by the next creates *after* Zoom made the meeting: an answer lost
        self.lost_answers: list[BaseException] = []
        self._next_id = FIRST_ID

    def _enter(self, name: str, arg: Any) -> None:
        self.calls.append((name, copy.deepcopy(arg)))
        if threading.current_thread() is threading.main_thread():
            self.on_gui_thread.append(name)
        gate = self.gates.get(name)
        if gate is not None:
            assert gate.wait(10), f"{name} was never released"
        if self.failures[name]:
            raise self.failures[name].pop(0)

    def names(self) -> list[str]:
        return [name for name, _ in self.calls]

    def bodies(self, name: str) -> list[Any]:
        return [arg for n, arg in self.calls if n == name]

    def create_meeting(
        self, body: dict[str, Any], *, lost_since: float | None = None
    ) -> dict[str, Any]:
        self.lost_since.append(lost_since)
        self._enter("create_meeting", body)
        if lost_since is not None:
            # ZoomClient's contract: after a lost answer, return what Zoom already made.
            mine = [m for m in self.meetings.values() if m["topic"] == body["topic"]]
            if mine:
                return RecoveredMeeting(copy.deepcopy(mine[-1]))
        meeting_id, self._next_id = self._next_id, self._next_id + 1
        self.meetings[meeting_id] = zoom_answer(body, meeting_id)
        if self.lost_answers:
            raise self.lost_answers.pop(0)
        return copy.deepcopy(self.meetings[meeting_id])

    def list_meetings(self, type: str = "upcoming") -> list[dict[str, Any]]:
        self._enter("list_meetings", type)
        return [copy.deepcopy(m) for m in self.meetings.values()]

    def get_meeting(self, meeting_id: int) -> dict[str, Any]:
        self._enter("get_meeting", meeting_id)
        if meeting_id not in self.meetings:
            raise ZoomApiError(404, 3001, "Meeting does not exist.")
        return copy.deepcopy(self.meetings[meeting_id])

    def me(self) -> dict[str, Any]:
        self._enter("me", None)
        return {"id": "ada", "first_name": "Ada", "last_name": "Lovelace", "pmi": 5551234567}

    def meeting_templates(self) -> dict[str, Any]:
        self._enter("meeting_templates", None)
        return {"templates": [{"id": "Dv4YdINdTk", "name": "Town hall", "type": 2}]}

    def meeting_invitation(self, meeting_id: int) -> str:
        """Refused as Zoom refuses an app without the invitation scope (code 4711)."""
        self._enter("meeting_invitation", meeting_id)
        raise ZoomApiError(400, 4711, "Invalid access token, does not contain scopes.")

    def update_meeting(self, meeting_id: int, body: dict[str, Any]) -> None:
        self._enter("update_meeting", (meeting_id, body))
        stored = self.meetings[meeting_id]
        # Zoom merges settings key by key and replaces everything else.
        for key, value in body.items():
            if key == "settings":
                stored.setdefault("settings", {}).update(value)
            else:
                stored[key] = copy.deepcopy(value)
        if "start_time" in body:
            stored["start_time"] = utc_start(body["start_time"], stored["timezone"])


class FakeAccount:
    def __init__(self, client: DialogClient | None = None) -> None:
        self.client = client or DialogClient()


def sandbox_config(base_url: str) -> dict[str, str]:
    """``config.json`` values for the sandbox's built-in public client."""
    return {
        "client_id": "sandbox-public-client",
        "redirect_uri": base_url + "/zoomdesk/callback",
        "oauth_url": base_url,
        "api_url": base_url + "/v2",
    }


def signed_in_account(base_url: str) -> Any:
    """A real ``Account`` for the sandbox at ``base_url``, signed in as its built-in user."""
    from zoomdesk.core.account import Account
    from zoomdesk.core.config import Config

    account = Account(Config(**sandbox_config(base_url)))
    in_thread(lambda: sign_in_headless(account))
    return account


def wait_idle(qtbot: QtBot, dialog: Any, timeout: int = 10000) -> None:
    """Until the dialog's request (if any) has come back."""
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=timeout)


def as_read(text: str) -> str:
    """``text`` as a reader sees it: the no-break spaces and hyphens and the word joiners
    that keep a zone name on one line (``timezones.unbroken``) as plain characters."""
    return text.replace("\u2060", "").replace("\u00a0", " ").replace("\u2011", "-")


def shown_errors(form: QWidget) -> list[str]:
    """The field messages shown in ``form`` (a ``MeetingForm``, or a widget holding one)."""
    labels = form.findChildren(QLabel, "fieldError")
    return [as_read(label.text()) for label in labels if label.isVisible()]


def spy_zone_lookups(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every zone the app looks up by name from now on (``ZoneInfo(name)`` in the core's
    ``wallclock`` and ``timezones``), in order. A lookup zoneinfo has not cached reads
    the zone file; one that fails searches every zone directory."""
    from zoomdesk.core import timezones, wallclock

    names: list[str] = []

    def lookup(name: str) -> ZoneInfo:
        names.append(name)
        return ZoneInfo(name)

    monkeypatch.setattr(wallclock, "ZoneInfo", lookup)
    monkeypatch.setattr(timezones, "ZoneInfo", lookup)
    return names


def where_keys_go() -> QWidget:
    """Where the user's next key press goes: an open popup (a completer's list), else the
    focus widget. Type there, not into a widget's insides such as a combo box's line edit
    (the combo box is that line edit's focus proxy: real keys reach the combo box first)."""
    widget = QApplication.activePopupWidget() or QApplication.focusWidget()
    assert widget is not None, "no widget has the keyboard focus"
    return widget


def type_keys(qtbot: QtBot, text: str) -> None:
    """Type ``text`` one key at a time, each where a real key would go then."""
    for char in text:
        qtbot.keyClicks(where_keys_go(), char)


def press_key(qtbot: QtBot, key: Qt.Key) -> None:
    qtbot.keyClick(where_keys_go(), key)


def open_dialog(
    qtbot: QtBot, runner: Any, account: Any = None, *, wait: bool = True, **kwargs: Any
) -> Any:
    """A shown ``MeetingDialog`` (filled in unless ``wait=False``)."""
    from zoomdesk.core.timezones import load_catalog
    from zoomdesk.ui.meeting.dialog import MeetingDialog

    load_catalog()  # once per process in the app too; here up front so dialogs open filled
    dialog = MeetingDialog(account or FakeAccount(), runner, **kwargs)
    # Teardown closes it without the "discard?" question (done() skips reject()).
    qtbot.addWidget(dialog, before_close_func=lambda d: d.done(0))
    dialog.show()
    if wait:
        qtbot.waitUntil(dialog.ready)
    return dialog
