"""When the form has errors, the reason *Create* is disabled can be reached: its tooltip
names the first problem, Enter scrolls to that field and focuses it, and the dialog gives
back the height the messages took once they are gone."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from meeting_fakes import FakeAccount, open_dialog
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from zoomdesk.core.meeting import RecurrenceType
from zoomdesk.ui.meeting.dialog import MeetingDialog
from zoomdesk.ui.tasks import TaskRunner


@pytest.fixture
def big_font(qapp: QApplication) -> Iterator[None]:
    """Three times the usual font: the form is taller than the dialog may be, so it scrolls."""
    font = qapp.font()
    big = QFont(font)
    big.setPointSizeF(font.pointSizeF() * 3)
    qapp.setFont(big)
    yield
    qapp.setFont(font)


def past(dialog: MeetingDialog) -> None:
    dialog.form.set_start(datetime.now() - timedelta(days=1))


def in_view(dialog: MeetingDialog, widget: QWidget) -> bool:
    """Whether all of ``widget`` shows in the dialog's scroll area (not scrolled away)."""
    viewport = dialog.page.scroll_area.viewport()
    rect = QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size())
    return widget.isVisible() and viewport.rect().contains(rect)


def active(qtbot: QtBot, dialog: MeetingDialog) -> None:
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)


def test_create_tooltip_names_the_first_problem(qtbot: QtBot, runner: TaskRunner) -> None:
    dialog = open_dialog(qtbot, runner)
    button = dialog.create_button
    assert button.toolTip() == ""
    dialog.form.passcode.setText("no spaces!")
    assert not button.isEnabled()
    assert button.toolTip().startswith("A passcode can only use")
    assert "more" not in button.toolTip() and "Enter" in button.toolTip()
    # An error higher up the form is the first one, whatever came first.
    past(dialog)
    tip = button.toolTip()
    assert tip.startswith("The start time has passed"), tip
    assert "1 more" in tip
    assert button.accessibleDescription() == tip  # screen readers hear it too
    dialog.form.start_now.setChecked(True)
    dialog.form.passcode.setText("fine1")
    assert button.isEnabled() and button.toolTip() == ""


@pytest.mark.usefixtures("big_font")
def test_enter_goes_to_the_first_problem_scrolled_out_of_sight(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    account = FakeAccount()
    dialog = open_dialog(qtbot, runner, account)
    active(qtbot, dialog)
    form = dialog.form
    past(dialog)
    scroll = dialog.page.scroll_area.verticalScrollBar()
    qtbot.waitUntil(lambda: scroll.maximum() > 0)
    passcode = form.passcode.edit
    passcode.setFocus()
    scroll.setValue(scroll.maximum())
    qtbot.waitUntil(lambda: in_view(dialog, passcode) and not in_view(dialog, form.start))
    assert not dialog.create_button.isEnabled()

    qtbot.keyClick(passcode, Qt.Key.Key_Return)
    assert form.start.hasFocus()
    (problem,) = dialog.page.problems()
    assert in_view(dialog, form.start) and in_view(dialog, problem.label)
    assert "passed" in problem.label.text()
    assert account.client.calls == []


def test_enter_reaches_a_field_inside_a_group(qtbot: QtBot, runner: TaskRunner) -> None:
    """Weekly without a day: the row of day buttons takes no focus, its first button does."""
    dialog = open_dialog(qtbot, runner)
    active(qtbot, dialog)
    editor = dialog.form.recurrence
    editor.kind.setCurrentIndex(int(RecurrenceType.WEEKLY))
    editor.days.set_days(())
    dialog.form.topic.setFocus()
    qtbot.keyClick(dialog.form.topic, Qt.Key.Key_Return)
    assert dialog.focusWidget() is next(iter(editor.day_buttons.values()))


def test_the_dialog_gives_back_the_height_messages_took(qtbot: QtBot, runner: TaskRunner) -> None:
    dialog = open_dialog(qtbot, runner)
    form = dialog.form
    form.topic.setText("Grow and shrink")  # fitted to the form as it is shown
    height = dialog.height()
    form.topic.clear()
    form.passcode.setText("no spaces!")
    form.duration.set_minutes(1)
    form.duration.minutes.setValue(0)
    qtbot.waitUntil(lambda: dialog.height() > height)
    form.topic.setText("Back again")
    form.passcode.setText("fine1")
    form.duration.set_minutes(60)
    assert dialog.create_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.height() == height)
    # A height the user chose is theirs: nothing is taken from it.
    taller = height + 200
    dialog.resize(dialog.width(), taller)
    qtbot.waitUntil(lambda: dialog.height() == taller)
    form.passcode.setText("no spaces!")
    form.passcode.setText("fine1")
    assert dialog.height() == taller


def test_a_height_chosen_after_messages_grew_the_dialog_is_kept(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    dialog = open_dialog(qtbot, runner)
    form = dialog.form
    form.topic.setText("Grow")
    height = dialog.height()
    form.topic.clear()
    form.passcode.setText("no spaces!")
    qtbot.waitUntil(lambda: dialog.height() > height)
    chosen = dialog.height() + 100  # the user makes it taller by hand (the screen is 800 high)
    dialog.resize(dialog.width(), chosen)
    qtbot.waitUntil(lambda: dialog.height() == chosen)
    form.topic.setText("Back")
    form.passcode.setText("fine1")
    assert dialog.create_button.isEnabled() and dialog.height() == chosen
