"""One occurrence, in the window, against the real sandbox: the details' occurrence list,
*Edit this occurrence* / *Edit the series*, *Delete this occurrence* / *Delete the series*."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fake_zoom import BoxAnswer
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sandbox_signin import in_thread, save_sandbox_settings, sign_in_profile

from zoomdesk.core.account import Account
from zoomdesk.sandbox import Sandbox
from zoomdesk.ui.session import Backend
from zoomdesk.ui.window import main_window as mw
from zoomdesk.ui.window import menus as wm
from zoomdesk.ui.window.list_model import MeetingListModel
from zoomdesk.ui.window.main_window import MainWindow
from zoomdesk.ui.window.meeting_details import MeetingDetailsDialog
from zoomdesk.ui.window.occurrence_edit import OccurrenceDialog

SERIES = {
    "topic": "Sandbox weekly", "type": 8, "start_time": "2031-03-03T09:00:00",
    "timezone": "Europe/Berlin", "duration": 30, "agenda": "Status",
    "recurrence": {"type": 2, "repeat_interval": 1, "weekly_days": "2", "end_times": 3},
}  # fmt: skip


@pytest.fixture
def window(qtbot: QtBot, sandbox: Sandbox, tmp_path: Path) -> MainWindow:
    home = save_sandbox_settings(sandbox, tmp_path / "profile")
    sign_in_profile(home, SERIES)
    window = MainWindow(Backend(home))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.state == mw.SIGNED_IN, timeout=10000)
    qtbot.waitUntil(lambda: window.pages.signed_in.meetings.model.rowCount() == 1, timeout=10000)
    return window


def account(window: MainWindow) -> Account:
    assert window.account is not None
    return window.account


def zoom(window: MainWindow, **params: Any) -> dict[str, Any]:
    """The series (or one occurrence) as the sandbox has it, fetched off the GUI thread."""
    meeting_id = window.pages.signed_in.meetings.model.meetings[0].id
    oid = params.get("occurrence_id")
    return in_thread(lambda: account(window).client.get_meeting(meeting_id, oid))


def details(qtbot: QtBot, window: MainWindow) -> MeetingDetailsDialog:
    view = window.pages.signed_in.meetings.view
    rows = view.model()
    view.setCurrentIndex(next(
        rows.index(r, 0) for r in range(rows.rowCount())
        if rows.data(rows.index(r, 0), MeetingListModel.MeetingRole) is not None
    ))  # fmt: skip
    window.menus.meeting[wm.DETAILS].trigger()
    found: list[MeetingDetailsDialog] = []

    def shown() -> bool:
        found[:] = [
            w for w in QApplication.topLevelWidgets()
            if isinstance(w, MeetingDetailsDialog) and w.isVisible()
        ]  # fmt: skip
        return bool(found)

    qtbot.waitUntil(shown, timeout=10000)
    return found[-1]


def test_the_details_list_every_occurrence_and_choose_the_next(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = details(qtbot, window)
    assert dialog.occurrences is not None
    assert dialog.occurrences.topLevelItemCount() == 3
    first = zoom(window)["occurrences"][0]["occurrence_id"]
    chosen = dialog.chosen()
    assert chosen is not None and chosen.occurrence_id == first
    assert dialog.edit_button.text() == "&Edit the series…"
    assert dialog.delete_button.text() == "&Delete the series"
    dialog.reject()


def test_edit_this_occurrence_changes_only_that_one(qtbot: QtBot, window: MainWindow) -> None:
    second = zoom(window)["occurrences"][1]["occurrence_id"]
    dialog = details(qtbot, window)
    dialog.choose(second)
    qtbot.mouseClick(dialog.edit_one, Qt.MouseButton.LeftButton)
    editor = next(w for w in QApplication.topLevelWidgets() if isinstance(w, OccurrenceDialog))
    qtbot.waitUntil(editor.save_button.isEnabled, timeout=10000)
    assert editor.duration.value() == 30 and editor.agenda.toPlainText() == "Status"
    # The series' own fields are not offered: the topic is a heading, not an edit.
    editor.duration.setValue(50)
    editor.agenda.setPlainText("Only this week: the demo")
    editor.switches["mute_upon_entry"].setChecked(True)
    with qtbot.waitSignal(editor.saved, timeout=10000):
        editor.save_button.click()
    assert "Saved the occurrence of “Sandbox weekly”" in window.status.text
    one = zoom(window, occurrence_id=second)
    assert one["duration"] == 50 and one["agenda"] == "Only this week: the demo"
    assert one["settings"]["mute_upon_entry"] is True
    series = zoom(window)
    assert series["duration"] == 30 and series["agenda"] == "Status"
    assert [o["duration"] for o in series["occurrences"]] == [30, 50, 30]


def test_an_occurrence_edit_checks_the_core_rules(qtbot: QtBot, window: MainWindow) -> None:
    dialog = details(qtbot, window)
    qtbot.mouseClick(dialog.edit_one, Qt.MouseButton.LeftButton)
    editor = next(w for w in QApplication.topLevelWidgets() if isinstance(w, OccurrenceDialog))
    qtbot.waitUntil(editor.save_button.isEnabled, timeout=10000)
    editor.save_button.click()
    assert editor.problem.text() == "Nothing has changed yet."
    editor.duration.setValue(0)
    editor.save_button.click()
    assert editor.isVisible() and editor.problem.isVisible()
    assert "minute" in editor.problem.text()
    keep = BoxAnswer("Cancel")
    editor.reject()  # Esc, with a change typed: asked first
    assert keep.clicked and keep.box_text == "Discard the changes to this occurrence?"
    assert editor.isVisible() and editor.duration.value() == 0  # nothing lost
    discard = BoxAnswer("Discard")
    editor.reject()
    assert discard.clicked and not editor.isVisible()


def test_an_unchanged_occurrence_closes_without_a_question(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = details(qtbot, window)
    qtbot.mouseClick(dialog.edit_one, Qt.MouseButton.LeftButton)
    editor = next(w for w in QApplication.topLevelWidgets() if isinstance(w, OccurrenceDialog))
    qtbot.waitUntil(editor.save_button.isEnabled, timeout=10000)
    editor.reject()
    assert not editor.isVisible()


def test_edit_the_series_opens_the_meeting_dialog_for_the_series(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[Any] = []
    monkeypatch.setattr(window.meeting_actions, "_open_meeting_dialog", opened.append)
    dialog = details(qtbot, window)
    qtbot.mouseClick(dialog.edit_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert [m.id for m in opened] == [dialog.meeting.id]  # the whole series, not one


def test_delete_this_occurrence_then_the_series(qtbot: QtBot, window: MainWindow) -> None:
    second = zoom(window)["occurrences"][1]["occurrence_id"]
    dialog = details(qtbot, window)
    dialog.choose(second)
    qtbot.mouseClick(dialog.delete_one, Qt.MouseButton.LeftButton)
    pending = window.meeting_actions.pending
    assert pending.pending is not None and pending.pending.occurrence_id == second
    assert "Deleted the occurrence of “Sandbox weekly” on" in window.status.text
    assert len(zoom(window)["occurrences"]) == 3  # held back: Undo is still possible
    with qtbot.waitSignal(pending.sent, timeout=10000):
        pending.send_now()
    left = [o["occurrence_id"] for o in zoom(window)["occurrences"]]
    assert len(left) == 2 and second not in left

    dialog = details(qtbot, window)
    assert dialog.occurrences is not None and dialog.occurrences.topLevelItemCount() == 2
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.pages.signed_in.meetings.model.rowCount() == 0)
    with qtbot.waitSignal(window.meetingsShown, timeout=10000):
        pending.send_now()
    assert window.pages.signed_in.meetings.model.rowCount() == 0
