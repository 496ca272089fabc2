"""Time zones people recognise, in the dialog: the last zone used is the next meeting's
(remembered across runs, read off the GUI thread), and a zone name in a wrapped message is
never broken across lines."""

from __future__ import annotations

import threading
from datetime import datetime
from typing import Any

import pytest
from meeting_fakes import FakeAccount, as_read, open_dialog, shown_errors
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextLayout
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from zoomdesk.core import ui_state
from zoomdesk.core.timezones import cached_catalog
from zoomdesk.ui.meeting import timezone_picker
from zoomdesk.ui.tasks import TaskRunner

TOKYO = "Asia/Tokyo"


def create_in(qtbot: QtBot, runner: TaskRunner, zone: str) -> Any:
    dialog = open_dialog(qtbot, runner, FakeAccount())
    dialog.form.timezone.set_zone(zone)
    dialog.form.set_start(datetime(2031, 12, 21, 10, 0))
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert runner.wait_for_done(10000)
    return dialog


def test_the_next_new_meeting_starts_in_the_zone_last_used(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    catalog = cached_catalog() or timezone_picker.load_catalog()
    assert catalog.system != TOKYO
    create_in(qtbot, runner, TOKYO)
    assert ui_state.state_path().exists()  # written on the runner, for the next run too
    dialog = open_dialog(qtbot, runner)
    assert dialog.form.draft().timezone == TOKYO
    assert dialog.form.timezone.currentText() == "(GMT+09:00) Osaka, Sapporo, Tokyo"


def test_the_zone_last_used_comes_from_the_file_off_the_gui_thread(
    qtbot: QtBot, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    ui_state.remember_zone(TOKYO)  # an earlier run
    ui_state.forget()
    threads: list[bool] = []
    real = ui_state.load_last_zone

    def load(path: Any = None) -> str | None:
        threads.append(threading.current_thread() is threading.main_thread())
        return real(path)

    monkeypatch.setattr(ui_state, "load_last_zone", load)
    dialog = open_dialog(qtbot, runner)
    assert threads == [False]
    assert dialog.form.draft().timezone == TOKYO
    # Read once per process: the next dialog asks nobody.
    open_dialog(qtbot, runner)
    assert threads == [False]


def test_a_remembered_name_that_is_no_zone_any_more_gives_way(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    ui_state.remember_zone("Mars/Olympus")
    dialog = open_dialog(qtbot, runner)
    catalog = cached_catalog()
    assert catalog is not None and dialog.form.draft().timezone == catalog.system


def wrapped_lines(label: QLabel, width: int) -> list[str]:
    """The lines ``label``'s text wraps into at ``width`` pixels, as Qt breaks them."""
    layout = QTextLayout(label.text(), label.font())
    layout.beginLayout()
    lines = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        lines.append(label.text()[line.textStart() : line.textStart() + line.textLength()])
    layout.endLayout()
    return lines


def tempting_width(label: QLabel, zone: str) -> int:
    """A width at which the text up to the first "/" of ``zone`` just fits: where Qt breaks
    a plain name ("America/" at the end of one line, the rest on the next)."""
    plain = as_read(label.text())
    cut = plain.index(zone) + zone.index("/") + 1
    return label.fontMetrics().horizontalAdvance(plain[:cut]) + 2


@pytest.mark.parametrize("zone", ["America/Port-au-Prince", "America/Argentina/Buenos_Aires"])
def test_a_zone_name_in_a_message_stays_on_one_line(
    qtbot: QtBot, runner: TaskRunner, zone: str
) -> None:
    dialog = open_dialog(qtbot, runner)
    form = dialog.form
    form.show_errors({"timezone": f"Zoom does not take {zone} for this account."})
    [label] = [w for w in form.findChildren(QLabel, "fieldError") if w.isVisible()]
    assert shown_errors(form) == [f"Zoom does not take {zone} for this account."]
    lines = [as_read(line) for line in wrapped_lines(label, tempting_width(label, zone))]
    assert len(lines) > 1 and any(zone in line for line in lines), lines
    # The "your time" line under the start keeps the viewer's zone whole too.
    form.set_viewer_zone(zone)
    form.timezone.set_zone("Asia/Kolkata")
    assert zone in as_read(form.local_start.text())
    lines = wrapped_lines(form.local_start, tempting_width(form.local_start, zone))
    assert len(lines) > 1 and any(zone in as_read(line) for line in lines), lines
