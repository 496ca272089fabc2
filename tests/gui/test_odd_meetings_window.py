"""The two meetings that crashed the main window at every start, viewed from Tokyo: the list,
the details, the invitation, the calendar file and the editor all show what they can."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from meeting_fakes import DialogClient, FakeAccount, as_read, open_dialog, shown_errors
from odd_meetings import FAR_FUTURE, FAR_FUTURE_BODY, HUGE_DURATION, HUGE_DURATION_BODY, VIEWER
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot
from sandbox_signin import save_sandbox_settings, sign_in_profile

from zoomdesk.core.meeting import Meeting
from zoomdesk.sandbox import Sandbox
from zoomdesk.ui import session
from zoomdesk.ui.meeting.success import write_ics
from zoomdesk.ui.tasks import TaskRunner
from zoomdesk.ui.window import main_window as mw
from zoomdesk.ui.window.list_model import UNKNOWN_TIME, MeetingListModel
from zoomdesk.ui.window.meeting_details import MeetingDetailsDialog
from zoomdesk.ui.window.menus import COPY_INVITATION, DETAILS

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
ROLES = [Qt.ItemDataRole(r) for r in range(0, 14)] + [MeetingListModel.MeetingRole]
CANNOT_SHOW = "Zoom sent a start time that cannot be shown here."


def meetings() -> list[Meeting]:
    return [Meeting.from_zoom_json(FAR_FUTURE), Meeting.from_zoom_json(HUGE_DURATION)]


def every_cell(model: MeetingListModel) -> dict[tuple[int, int, int], object]:
    return {
        (row, column, int(role)): model.data(model.index(row, column), role)
        for row in range(model.rowCount())
        for column in range(model.columnCount())
        for role in ROLES
    }


def test_the_list_model_from_tokyo(qtbot: QtBot) -> None:
    model = MeetingListModel()
    model.set_meetings(meetings(), VIEWER, now=NOW)
    cells = every_cell(model)  # nothing raises, for any role of any cell
    display = int(Qt.ItemDataRole.DisplayRole)
    tooltip = int(Qt.ItemDataRole.ToolTipRole)
    # Sorted by start: the one Zoom gave a readable start first.
    assert [cells[(row, 1, display)] for row in (0, 1)] == ["Endless", "Far future"]
    assert cells[(0, 0, display)] == "Wed 1 Jan 2031, 19:00"  # no end: the duration is left out
    assert cells[(0, 0, tooltip)] == "Wed 1 Jan 2031, 10:00 in UTC"
    assert cells[(1, 0, display)] == UNKNOWN_TIME
    assert cells[(1, 0, tooltip)] == CANNOT_SHOW
    assert cells[(1, 2, display)] == "389 9581 9027"


@pytest.mark.parametrize(
    ("data", "when"),
    [(FAR_FUTURE, CANNOT_SHOW), (HUGE_DURATION, "Wed 1 Jan 2031, 19:00 (Asia/Tokyo)")],
    ids=["far-future", "huge-duration"],
)
def test_details_from_tokyo(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path, data: dict[str, object], when: str
) -> None:
    meeting = Meeting.from_zoom_json(data)
    dialog = MeetingDetailsDialog(meeting, VIEWER, runner, host_name="Sandy Box")
    qtbot.addWidget(dialog)
    dialog.show()
    assert as_read(dialog.view.when.text()) == when
    qtbot.mouseClick(dialog.view.copy_invitation, Qt.MouseButton.LeftButton)
    invitation = QGuiApplication.clipboard().text()
    assert invitation.startswith("Sandy Box is inviting you") and meeting.formatted_id in invitation
    ics = write_ics(tmp_path / "meeting.ics", meeting).read_bytes()
    assert b"BEGIN:VEVENT" in ics and b"DTSTART" in ics


def test_the_editor_loads_them_or_says_why_not(qtbot: QtBot, runner: TaskRunner) -> None:
    client = DialogClient()
    client.meetings[38995819027] = dict(FAR_FUTURE)
    client.meetings[48515275606] = dict(HUGE_DURATION)
    far = open_dialog(qtbot, runner, FakeAccount(client), existing=meetings()[0])
    assert far.form.start_value() == datetime(9999, 12, 31, 22, 0)
    assert shown_errors(far.form) == []  # left as Zoom has it, it is not judged again
    endless = open_dialog(qtbot, runner, FakeAccount(client), existing=meetings()[1])
    assert any("at most 30 hours" in text for text in shown_errors(endless.form))

    client.meetings[38995819027] = dict(FAR_FUTURE, timezone=VIEWER)  # the year 10000 there
    tokyo = open_dialog(qtbot, runner, FakeAccount(client), existing=meetings()[0], wait=False)
    qtbot.waitUntil(tokyo.banner.isVisible)
    assert "cannot edit this meeting" in tokyo.banner.label.text()


# -- the whole window, against the sandbox ----------------------------------------------------


@pytest.fixture
def profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The user's own app pointed at a sandbox holding both meetings; the viewer in Tokyo."""
    monkeypatch.setattr(session, "_viewer_tz", lambda: VIEWER)
    with Sandbox() as sandbox:
        home = save_sandbox_settings(sandbox, tmp_path / "profile")
        sign_in_profile(home, FAR_FUTURE_BODY, HUGE_DURATION_BODY)
        yield home


def test_the_window_starts_and_shows_both(qtbot: QtBot, profile: Path) -> None:
    window = mw.MainWindow(session.Backend(profile))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.meetingsShown, timeout=15000) as shown:
        window.show()
    assert shown.args == [2]
    view = window.pages.signed_in.meetings.view
    window.resize(900, 640)
    qtbot.waitExposed(window)
    view.viewport().repaint()  # paints every cell: the crash of the report happened here
    model = window.pages.signed_in.meetings.model
    whens = [model.data(model.index(row, 0)) for row in range(model.rowCount())]
    assert whens[1] == UNKNOWN_TIME and whens[0].endswith("19:00")

    far = model.meeting(1)
    window.meeting_actions.handle(DETAILS, far)
    qtbot.waitUntil(lambda: bool(window.findChildren(MeetingDetailsDialog)), timeout=10000)
    (dialog,) = window.findChildren(MeetingDetailsDialog)
    assert dialog.view.when.text() == CANNOT_SHOW
    dialog.reject()
    window.meeting_actions.handle(COPY_INVITATION, far)
    qtbot.waitUntil(lambda: "Copied the invitation" in window.status.text, timeout=10000)
    window.runner.wait_for_done(10000)
