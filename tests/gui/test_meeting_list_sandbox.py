"""The window's meeting list against the sandbox: every page, and the previous meetings.

The sandbox's page size knob is set small, so a few meetings take several pages.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot
from sandbox_signin import save_sandbox_settings, sign_in_profile

from zoomdesk.sandbox import Sandbox
from zoomdesk.ui.session import Backend
from zoomdesk.ui.window import main_window as mw
from zoomdesk.ui.window.list_bar import PREVIOUS, UPCOMING
from zoomdesk.ui.window.main_window import MainWindow


def body(topic: str, start: str) -> dict[str, Any]:
    return {"topic": topic, "type": 2, "start_time": start, "timezone": "UTC", "duration": 30}


def signed_in_with(sandbox: Sandbox, home: Path, *meetings: dict[str, Any]) -> Path:
    sign_in_profile(save_sandbox_settings(sandbox, home), *meetings)
    return home


def open_window(qtbot: QtBot, home: Path) -> MainWindow:
    window = MainWindow(Backend(home))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.meetingsShown, timeout=15000):
        window.show()
    assert window.state == mw.SIGNED_IN
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=10000)
    return window


def list_requests(sandbox: Sandbox) -> int:
    requests = sandbox.state()["requests"]
    return sum(1 for r in requests if r == {"method": "GET", "path": "/v2/users/me/meetings"})


def test_the_list_follows_every_page(qtbot: QtBot, sandbox: Sandbox, tmp_path: Path) -> None:
    sandbox.set_max_page_size(2)
    made = [body(f"Meeting {d}", f"2031-03-0{d}T10:00:00") for d in range(1, 8)]
    home = signed_in_with(sandbox, tmp_path / "profile", *made)
    window = open_window(qtbot, home)
    meetings = window.pages.signed_in.meetings
    assert [m.topic for m in meetings.model.meetings] == [f"Meeting {d}" for d in range(1, 8)]
    assert meetings.rows.meeting_count() == 7
    assert list_requests(sandbox) == 4  # 2 + 2 + 2 + 1


def test_previous_shows_the_meetings_that_have_ended(
    qtbot: QtBot, sandbox: Sandbox, tmp_path: Path
) -> None:
    sandbox.set_max_page_size(2)
    # The sandbox's clock is moved to April 2031 first: March is over there.
    sandbox.advance_clock(datetime(2031, 4, 1, tzinfo=UTC).timestamp() - sandbox.state()["now"])
    past = [body(f"March {d}", f"2031-03-0{d}T10:00:00Z") for d in range(1, 6)]
    home = signed_in_with(
        sandbox, tmp_path / "profile", *past, body("June", "2031-06-01T10:00:00Z")
    )
    window = open_window(qtbot, home)
    meetings = window.pages.signed_in.meetings
    assert meetings.list_type == UPCOMING
    assert [m.topic for m in meetings.model.meetings] == ["June"]

    with qtbot.waitSignal(window.meetingsShown, timeout=15000) as shown:
        meetings.bar.tabs.setCurrentIndex(1)  # Previous
    assert shown.args == [5] and meetings.list_type == PREVIOUS
    assert [m.topic for m in meetings.model.meetings] == [f"March {d}" for d in range(5, 0, -1)]
    # (Loaded on the runner: the GUI tests fail on any HTTP request from the GUI thread.)

    with qtbot.waitSignal(window.meetingsShown, timeout=15000):
        meetings.bar.tabs.setCurrentIndex(0)
    assert [m.topic for m in meetings.model.meetings] == ["June"]
