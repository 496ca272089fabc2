"""The dialog against a real ``Account`` and an in-process sandbox with injected faults:
lost answers never make a second meeting, and Zoom's refusals land on the fields."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from meeting_fakes import open_dialog, signed_in_account, wait_idle
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from zoomdesk.sandbox import Sandbox
from zoomdesk.ui.meeting.dialog import MeetingDialog
from zoomdesk.ui.tasks import TaskRunner

POST = {"method": "POST", "path_prefix": "/v2/users/me/meetings"}


@pytest.fixture
def account(sandbox: Sandbox) -> Any:
    return signed_in_account(sandbox.url)


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    assert runner.wait_for_done(20000)


def creates(sandbox: Sandbox) -> int:
    post = {"method": "POST", "path": "/v2/users/me/meetings"}
    return sum(1 for request in sandbox.state()["requests"] if request == post)


def click_create(qtbot: QtBot, dialog: MeetingDialog) -> None:
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, dialog, timeout=20000)


def test_dropped_before_zoom_saw_it_then_retry_creates_one(
    qtbot: QtBot, runner: TaskRunner, sandbox: Sandbox, account: Any
) -> None:
    sandbox.inject_fault("drop", **POST)
    dialog = open_dialog(qtbot, runner, account)
    click_create(qtbot, dialog)
    assert sandbox.state()["meetings"] == 0
    assert dialog.banner.retry.isVisible()
    assert "looks for it before creating it again" in dialog.banner.label.text()
    with qtbot.waitSignal(dialog.saved, timeout=20000) as saved:
        qtbot.mouseClick(dialog.banner.retry, Qt.MouseButton.LeftButton)
    assert sandbox.state()["meeting_ids"] == [saved.args[0].id]
    assert creates(sandbox) == 2


def test_answer_lost_after_zoom_created_it_finds_the_meeting(
    qtbot: QtBot, runner: TaskRunner, sandbox: Sandbox, account: Any
) -> None:
    sandbox.inject_fault("drop", process=True, **POST)
    dialog = open_dialog(qtbot, runner, account)
    with qtbot.waitSignal(dialog.saved, timeout=20000) as saved:
        dialog.create_button.click()
    assert sandbox.state()["meeting_ids"] == [saved.args[0].id]
    assert creates(sandbox) == 1
    assert dialog.success.recovered.isVisible()


def test_timeout_after_zoom_created_it_then_retry_does_not_duplicate(
    qtbot: QtBot, runner: TaskRunner, sandbox: Sandbox, account: Any
) -> None:
    account.client.timeout = (2.0, 0.5)
    # The create times out, and so does the look-up: the dialog cannot know yet.
    sandbox.inject_fault("hang", seconds=2, process=True, **POST)
    sandbox.inject_fault("hang", seconds=2, method="GET", path_prefix="/v2/users/me/meetings")
    dialog = open_dialog(qtbot, runner, account)
    click_create(qtbot, dialog)
    assert sandbox.state()["meetings"] == 1
    assert dialog.banner.retry.isVisible()
    # Retry looks for the meeting before sending the form again, and finds it.
    account.client.timeout = (2.0, 5.0)
    with qtbot.waitSignal(dialog.saved, timeout=20000) as saved:
        qtbot.mouseClick(dialog.banner.retry, Qt.MouseButton.LeftButton)
    assert sandbox.state()["meeting_ids"] == [saved.args[0].id]
    assert creates(sandbox) == 1
    assert dialog.success.recovered.isVisible()


def test_zoom_validation_error_highlights_the_field(
    qtbot: QtBot, runner: TaskRunner, sandbox: Sandbox, account: Any
) -> None:
    error = {"field": "password", "message": "Passcode is required by your account."}
    body = {"code": 300, "message": "Invalid field.", "errors": [error]}
    sandbox.inject_fault("status", status=400, body=body, **POST)
    dialog = open_dialog(qtbot, runner, account)
    dialog.form.topic.setText("Typed by hand")
    click_create(qtbot, dialog)
    passcode = dialog.form.passcode.edit
    assert passcode.property("invalid") is True
    assert "required by your account" in passcode.accessibleDescription()
    assert dialog.form.topic.text() == "Typed by hand"
    assert sandbox.state()["meetings"] == 0


def test_daily_cap(qtbot: QtBot, runner: TaskRunner, sandbox: Sandbox, account: Any) -> None:
    sandbox.set_daily_limit(0)
    dialog = open_dialog(qtbot, runner, account)
    click_create(qtbot, dialog)
    text = dialog.banner.label.text()
    assert "daily limit" in text and "your time" in text
    assert not dialog.banner.retry.isVisible()


def test_session_gone(qtbot: QtBot, runner: TaskRunner, sandbox: Sandbox, account: Any) -> None:
    sandbox.revoke_all()
    dialog = open_dialog(qtbot, runner, account)
    click_create(qtbot, dialog)
    assert "Sign in again" in dialog.banner.label.text()
    assert sandbox.state()["meetings"] == 0


def test_server_error_is_shown_and_retry_works(
    qtbot: QtBot, runner: TaskRunner, sandbox: Sandbox, account: Any
) -> None:
    sandbox.inject_fault("status", status=503, **POST)
    dialog = open_dialog(qtbot, runner, account)
    click_create(qtbot, dialog)
    assert dialog.banner.isVisible() and sandbox.state()["meetings"] == 0
    dialog.create_button.click()  # Create works as a retry, too
    wait_idle(qtbot, dialog, timeout=20000)
    assert sandbox.state()["meetings"] == 1
