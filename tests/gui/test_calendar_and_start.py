"""*Add to calendar*, *Save .ics…* and *Start as host*: in the success view and the window.

The desktop is a stand-in here (``QDesktopServices.openUrl`` recorded); the real
hand-off to an ``xdg-open`` on ``$PATH`` is ``test_calendar_xdg_open.py``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import icalendar
import pytest
from fake_desktop import record_opened_links
from fake_zoom import BoxAnswer, FakeAccount, FakeBackend
from file_modes import mode, posix_only
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot
from sandbox_signin import save_sandbox_settings, sign_in_profile

from zoomdesk.core import calendar_handoff
from zoomdesk.core.logs import setup_logging
from zoomdesk.core.meeting import Meeting
from zoomdesk.sandbox import Sandbox
from zoomdesk.ui.meeting import calendar_file
from zoomdesk.ui.meeting.success import SuccessView
from zoomdesk.ui.session import Backend
from zoomdesk.ui.tasks import TaskRunner
from zoomdesk.ui.window import main_window as mw
from zoomdesk.ui.window import menus as wm
from zoomdesk.ui.window.main_window import MainWindow

MEETING = {"id": 81234567890, "topic": "Roadmap", "type": 2, "duration": 45,
           "timezone": "Europe/Berlin", "start_time": "2030-01-15T09:00:00Z",
           "join_url": "https://zoom.example/j/8123?pwd=x", "password": "Ab3xY9"}  # fmt: skip
START_URL = "https://zoom.example/s/81234567891?zak=SeCrEtZaK-123"
SANDBOX_MEETING = {"topic": "Sandbox start", "type": 2, "start_time": "2031-03-04T10:00:00",
                   "timezone": "Europe/Berlin", "duration": 30}  # fmt: skip


@pytest.fixture(autouse=True)
def runtime_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private XDG_RUNTIME_DIR of this test's own."""
    runtime = tmp_path / "run"
    runtime.mkdir(0o700)
    runtime.chmod(0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    return runtime


@pytest.fixture
def handed_off(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path, bytes, int]]:
    """(path, content, mode) of each file given to the desktop, read as it was opened."""
    files: list[tuple[Path, bytes, int]] = []

    def open_url(url: QUrl) -> bool:
        assert url.isLocalFile(), url.toString()
        path = Path(url.toLocalFile())
        files.append((path, path.read_bytes(), mode(path)))
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    return files


def success_view(qtbot: QtBot, runner: TaskRunner) -> SuccessView:
    view = SuccessView(runner)
    qtbot.addWidget(view)
    view.show_meeting(Meeting.from_zoom_json(MEETING), "Europe/Berlin")
    view.show()
    return view


def visible_chooser(parent: object) -> QFileDialog | None:
    found = [d for d in QApplication.topLevelWidgets() if isinstance(d, QFileDialog)]
    found += [d for d in getattr(parent, "findChildren", lambda *_: [])(QFileDialog)]
    return next((d for d in found if d.isVisible() and d.objectName() == "saveIcsChooser"), None)


# -- Add to calendar in the success view ------------------------------------------------------


@posix_only
def test_add_to_calendar_hands_a_private_ics_to_the_desktop(
    qtbot: QtBot,
    runner: TaskRunner,
    handed_off: list[tuple[Path, bytes, int]],
    runtime_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    on_gui_thread: list[bool] = []
    real = calendar_handoff.write_handoff

    def write(meeting: Meeting) -> Path:
        on_gui_thread.append(threading.current_thread() is threading.main_thread())
        return real(meeting)

    monkeypatch.setattr(calendar_file, "write_handoff", write)
    view = success_view(qtbot, runner)
    assert view.add_to_calendar.text() == "&Add to calendar" and view.save_ics.isVisible()
    qtbot.mouseClick(view.add_to_calendar, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(handed_off))
    assert on_gui_thread == [False]
    ((path, content, file_mode),) = handed_off
    assert path.parent == runtime_dir / "zoomdesk" / "calendar"
    assert file_mode == 0o600 and mode(path.parent) == 0o700
    (event,) = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Roadmap"
    assert view.note.text() == "Sent “Roadmap” to your calendar app."
    assert view.add_to_calendar.isEnabled() and view.save_ics.isEnabled()
    # Left for the calendar app, which reads it after xdg-open has returned.
    assert path.exists()


def test_no_handler_says_so_and_offers_the_save_dialog(
    qtbot: QtBot, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    view = success_view(qtbot, runner)
    answer = BoxAnswer("Save .ics…")
    qtbot.mouseClick(view.add_to_calendar, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: answer.clicked)
    assert answer.box_text == calendar_file.NO_HANDLER
    assert "Save the .ics file instead" in answer.informative
    assert answer.buttons == ["Save .ics…", "Cancel"]
    assert answer.text_format == Qt.TextFormat.PlainText
    qtbot.waitUntil(lambda: visible_chooser(view) is not None)
    chooser = visible_chooser(view)
    assert chooser is not None and chooser.selectedFiles()[0].endswith("Roadmap.ics")
    chooser.reject()
    assert view.note.text() == calendar_file.NO_HANDLER


def test_no_handler_then_cancel_opens_no_dialog(
    qtbot: QtBot, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    view = success_view(qtbot, runner)
    answer = BoxAnswer("Cancel")
    qtbot.mouseClick(view.add_to_calendar, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: answer.clicked)
    assert visible_chooser(view) is None
    assert view.add_to_calendar.isEnabled()


def test_a_calendar_file_that_cannot_be_written_is_explained(
    qtbot: QtBot, runner: TaskRunner, handed_off: list[object], runtime_dir: Path
) -> None:
    (runtime_dir / "zoomdesk").write_text("in the way")  # a file where the folder goes
    view = success_view(qtbot, runner)
    qtbot.mouseClick(view.add_to_calendar, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.note.text().startswith("Could not write the calendar file"))
    assert handed_off == [] and view.add_to_calendar.isEnabled()


# -- the window's meeting actions ------------------------------------------------------------


@pytest.fixture
def window(qtbot: QtBot) -> MainWindow:
    account = FakeAccount()
    fetch = account.client.get_meeting

    def get_meeting(meeting_id: int, occurrence_id: str | None = None) -> dict[str, Any]:
        # As Zoom: only GET /meetings/{id} has the start link (to the host), never the list.
        full = fetch(meeting_id, occurrence_id)
        return dict(full, start_url=START_URL) if full["topic"] == "Planning" else full

    account.client.get_meeting = get_meeting  # type: ignore[method-assign]
    window = MainWindow(FakeBackend(account=account))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.state == mw.SIGNED_IN and window.user is not None)
    qtbot.waitUntil(lambda: window.pages.signed_in.meetings.model.rowCount() == 3)
    return window


def select(window: MainWindow, topic: str) -> Meeting:
    """Make the row of ``topic`` current, in whatever model the view shows (rows may be
    grouped under day headings)."""
    meetings = window.pages.signed_in.meetings
    view_model = meetings.view.model()
    role = meetings.model.MeetingRole
    for row in range(view_model.rowCount()):
        index = view_model.index(row, 0)
        found = view_model.data(index, role)
        if found is not None and found.topic == topic:
            meetings.view.setCurrentIndex(index)
            break
    meeting = meetings.current_meeting()
    assert meeting is not None and meeting.topic == topic
    return meeting


def test_window_adds_the_whole_meeting_to_the_calendar(
    qtbot: QtBot, window: MainWindow, handed_off: list[tuple[Path, bytes, int]]
) -> None:
    select(window, "Weekly sync")
    calls = window.account.calls  # type: ignore[union-attr]
    window.menus.meeting[wm.ADD_TO_CALENDAR].trigger()
    qtbot.waitUntil(lambda: bool(handed_off))
    # The list lacks the occurrences and the passcode: the whole meeting is fetched.
    assert ("get_meeting", (92000000003,)) in calls.log
    assert not calls.any_on_gui_thread
    (event,) = icalendar.Calendar.from_ical(handed_off[0][1]).walk("VEVENT")
    assert "RDATE" in event and "Passcode: Ab3xY9" in str(event["DESCRIPTION"])
    qtbot.waitUntil(lambda: "to your calendar app" in window.status.text)


def test_window_save_ics_opens_the_save_dialog(qtbot: QtBot, window: MainWindow) -> None:
    select(window, "Planning")
    window.menus.meeting[wm.SAVE_ICS].trigger()
    qtbot.waitUntil(lambda: visible_chooser(window) is not None)
    chooser = visible_chooser(window)
    assert chooser is not None and chooser.selectedFiles()[0].endswith("Planning.ics")
    chooser.reject()


def test_start_fetches_the_start_url_each_time_and_only_opens_it(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = record_opened_links(monkeypatch)
    meeting = select(window, "Planning")
    assert "start_url" not in meeting.raw  # the list never has it
    calls = window.account.calls  # type: ignore[union-attr]
    for n in (1, 2):
        window.menus.meeting[wm.START].trigger()
        qtbot.waitUntil(lambda n=n: len(opened) == n)
        assert calls.count("get_meeting") == n  # fetched fresh: it expires
    assert opened == [START_URL, START_URL]
    assert not calls.any_on_gui_thread
    qtbot.waitUntil(lambda: window.status.text == "Starting “Planning” in Zoom…")
    assert START_URL not in QApplication.clipboard().text()


def test_start_without_a_start_url_says_only_the_host_can(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = record_opened_links(monkeypatch)
    select(window, "Design review")
    window.menus.meeting[wm.START].trigger()
    qtbot.waitUntil(lambda: "only its host can start it" in window.status.text)
    assert opened == []


# -- Start against the sandbox (its links are http on 127.0.0.1) -----------------------------


@pytest.fixture
def debug_log(tmp_path: Path) -> Iterator[Path]:
    """The log file at DEBUG for this test; the root logger as it was afterwards."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    log_file = setup_logging(logging.DEBUG, tmp_path / "logs")
    assert log_file is not None
    yield log_file
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def test_start_against_the_sandbox_refuses_its_http_link_and_logs_no_secret(
    qtbot: QtBot,
    sandbox: Sandbox,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    debug_log: Path,
) -> None:
    log_file = debug_log
    assert log_file is not None
    profile = save_sandbox_settings(sandbox, tmp_path / "profile")
    [created] = sign_in_profile(profile, SANDBOX_MEETING)
    zak = str(created["start_url"]).split("zak=")[1]
    opened = record_opened_links(monkeypatch)
    window = MainWindow(Backend(profile))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.pages.exists(mw.SIGNED_IN), timeout=10000)
    qtbot.waitUntil(lambda: window.pages.signed_in.meetings.model.rowCount() == 1, timeout=10000)
    select(window, "Sandbox start")
    window.menus.meeting[wm.START].trigger()
    qtbot.waitUntil(lambda: window.status.text.startswith("Not started"), timeout=10000)
    assert window.status.text == (
        "Not started: Zoom's start link for “Sandbox start” is not an https link."
    )
    assert opened == []
    text = log_file.read_text()
    assert "GET /v2/meetings/" in text  # fetched when Start was chosen
    assert zak not in text and "zak=" not in text
    assert zak not in window.status.text
