"""Creating: the request runs on the TaskRunner, the dialog stays responsive and cannot send
twice, and every failure keeps what was typed and says what to do."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from meeting_fakes import DialogClient, FakeAccount, open_dialog, validate_request, wait_idle
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from zoomdesk.core.errors import AuthRequired, FieldError, NetworkError, RateLimited, ZoomApiError
from zoomdesk.core.meeting import Meeting
from zoomdesk.ui.meeting.page import daily_reset, explain
from zoomdesk.ui.tasks import TaskRunner


@pytest.fixture
def account() -> FakeAccount:
    return FakeAccount(DialogClient())


def create(qtbot: QtBot, dialog: object) -> None:
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    wait_idle(qtbot, dialog)


def test_create_sends_the_form_and_shows_the_result(
    qtbot: QtBot, runner: TaskRunner, account: FakeAccount
) -> None:
    dialog = open_dialog(qtbot, runner, account, user_name="Ada Lovelace")
    dialog.form.topic.setText("Launch party")
    with qtbot.waitSignal(dialog.saved, timeout=10000) as saved:
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    meeting = saved.args[0]
    assert isinstance(meeting, Meeting) and meeting.topic == "Launch party"
    (body,) = account.client.bodies("create_meeting")
    assert body == dialog.form.draft().to_zoom_json()
    validate_request("POST", "/users/me/meetings", body)
    assert account.client.on_gui_thread == []
    assert dialog.stack.currentWidget() is dialog.success
    assert dialog.success.topic.text() == "Launch party"


def test_busy_while_waiting_and_no_double_submit(
    qtbot: QtBot, runner: TaskRunner, account: FakeAccount
) -> None:
    gate = account.client.gates["create_meeting"] = threading.Event()
    dialog = open_dialog(qtbot, runner, account)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(account.client.calls) == 1)
    # The event loop keeps running (we are in it), the form is locked and says why.
    assert dialog.is_busy()
    assert not dialog.create_button.isEnabled() and not dialog.form.isEnabled()
    assert dialog.page.progress.isVisible()
    assert dialog.page.progress_label.text() == "Creating the meeting…"
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    dialog._submit()  # even a programmatic second call does nothing
    gate.set()
    wait_idle(qtbot, dialog)
    assert account.client.names() == ["create_meeting"]
    assert not dialog.page.progress.isVisible()


def test_closing_while_creating_asks_and_drops_the_answer(
    qtbot: QtBot, runner: TaskRunner, account: FakeAccount, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a: asked.append(a[2]) or QMessageBox.StandardButton.Discard
    )
    gate = account.client.gates["create_meeting"] = threading.Event()
    dialog = open_dialog(qtbot, runner, account)
    saved: list[object] = []
    dialog.saved.connect(saved.append)
    dialog.create_button.click()
    qtbot.waitUntil(lambda: len(account.client.calls) == 1)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert "may still be created" in asked[0]
    assert not dialog.isVisible()
    gate.set()
    assert runner.wait_for_done(5000)
    qtbot.wait(50)  # let a (wrongly) delivered answer arrive: none may
    assert saved == []


def test_zoom_refusal_marks_the_named_field_and_keeps_the_input(
    qtbot: QtBot, runner: TaskRunner, account: FakeAccount
) -> None:
    account.client.failures["create_meeting"].append(
        ZoomApiError(400, 300, "Invalid field.",
                     (FieldError("password", "Passcode does not meet the requirements."),
                      FieldError("settings.contact_email", "Unknown user."))))  # fmt: skip
    dialog = open_dialog(qtbot, runner, account)
    dialog.form.topic.setText("Keep me")
    dialog.form.passcode.setText("abc123")
    create(qtbot, dialog)
    assert dialog.stack.currentWidget() is not dialog.success
    assert dialog.banner.isVisible()
    assert "Invalid field." in dialog.banner.label.text()
    assert not dialog.banner.retry.isVisible()
    passcode = dialog.form.passcode.edit
    assert passcode.property("invalid") is True and passcode.hasFocus()
    assert "requirements" in passcode.accessibleDescription()
    # A field without a widget of its own still shows its message.
    assert dialog.form.general_error.isVisible()
    assert "Unknown user." in dialog.form.general_error.text()
    assert dialog.form.topic.text() == "Keep me" and dialog.form.passcode.text() == "abc123"
    assert dialog.form.isEnabled() and dialog.create_button.isEnabled()
    # Changing the refused field clears Zoom's mark; the other one stays until sent again.
    dialog.form.passcode.setText("xyz789")
    assert passcode.property("invalid") is False
    create(qtbot, dialog)
    assert dialog.stack.currentWidget() is dialog.success
    assert [b["password"] for b in account.client.bodies("create_meeting")] == ["abc123", "xyz789"]


def test_network_failure_offers_retry(
    qtbot: QtBot, runner: TaskRunner, account: FakeAccount
) -> None:
    account.client.failures["create_meeting"].append(NetworkError("Network error: timeout."))
    dialog = open_dialog(qtbot, runner, account)
    create(qtbot, dialog)
    assert "Can't reach Zoom" in dialog.banner.label.text()
    assert dialog.banner.retry.isVisible()
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        qtbot.mouseClick(dialog.banner.retry, Qt.MouseButton.LeftButton)
    # Zoom may have the meeting although its answer was lost: the retry tells the
    # core since when to look for it before sending again.
    assert account.client.names() == ["create_meeting", "create_meeting"]
    assert account.client.lost_since[0] is None
    assert isinstance(account.client.lost_since[1], float)
    first, second = account.client.bodies("create_meeting")
    assert first == second


def test_retry_finds_the_meeting_zoom_made_despite_the_lost_answer(
    qtbot: QtBot, runner: TaskRunner, account: FakeAccount
) -> None:
    client = account.client
    client.lost_answers.append(NetworkError("Could not check whether Zoom created it."))
    dialog = open_dialog(qtbot, runner, account)
    create(qtbot, dialog)
    assert dialog.banner.retry.isVisible() and len(client.meetings) == 1
    with qtbot.waitSignal(dialog.saved, timeout=10000) as saved:
        qtbot.mouseClick(dialog.banner.retry, Qt.MouseButton.LeftButton)
    assert list(client.meetings) == [saved.args[0].id]
    assert dialog.success.recovered.isVisible()
    assert client.lost_since[-1] is not None


def test_a_retry_whose_look_up_failed_still_looks_the_next_time(
    qtbot: QtBot, runner: TaskRunner, account: FakeAccount
) -> None:
    """Zoom made the meeting but the answer was lost; the retry fails before its look-up
    is done (Zoom down, the session ended): the next retry must look again, not create."""
    client = account.client
    client.lost_answers.append(NetworkError("Could not check whether Zoom created it."))
    dialog = open_dialog(qtbot, runner, account)
    create(qtbot, dialog)
    client.failures["create_meeting"].append(ZoomApiError(503, None, "Service unavailable."))
    qtbot.mouseClick(dialog.banner.retry, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, dialog)
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.create_button.click()
    assert len(client.meetings) == 1 and dialog.success.recovered.isVisible()
    first, *retries = client.lost_since
    assert first is None and retries[0] is not None and retries == [retries[0]] * 2


@pytest.mark.parametrize(
    ("error", "looks_first"),
    [
        (ZoomApiError(400, 300, "Invalid field."), False),  # refused: nothing was made
        (ZoomApiError(502, None, "Bad gateway."), True),  # a gateway's answer, not Zoom's
        (ZoomApiError(200, None, "Zoom sent an answer that is not JSON."), True),
    ],
)
def test_only_a_refusal_lets_the_next_create_skip_the_look_up(
    qtbot: QtBot, runner: TaskRunner, account: FakeAccount, error: ZoomApiError, looks_first: bool
) -> None:
    account.client.failures["create_meeting"].append(error)
    dialog = open_dialog(qtbot, runner, account)
    create(qtbot, dialog)
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.create_button.click()
    assert account.client.names() == ["create_meeting", "create_meeting"]
    first, second = account.client.lost_since
    assert first is None and (second is not None) is looks_first


def test_daily_cap_says_when_it_resets_in_local_time(
    qtbot: QtBot, runner: TaskRunner, account: FakeAccount
) -> None:
    account.client.failures["create_meeting"].append(
        RateLimited(429, "You have exceeded the daily rate limit of (100).", None, daily_cap=True)
    )
    dialog = open_dialog(qtbot, runner, account)
    create(qtbot, dialog)
    text = dialog.banner.label.text()
    assert "exceeded the daily rate limit of (100)" in text
    reset = daily_reset(datetime.now(UTC), ZoneInfo(dialog._viewer_tz()))
    assert f"resets at {reset:%H:%M} your time" in text
    assert text.endswith("; everything you entered is kept.")  # as when the session ends
    assert not dialog.banner.retry.isVisible()
    assert dialog.form.isEnabled()


def test_daily_reset_is_the_next_utc_midnight() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    now = datetime(2030, 1, 15, 22, 30, tzinfo=UTC)  # 23:30 in Berlin
    assert daily_reset(now, berlin) == datetime(2030, 1, 16, 1, 0, tzinfo=berlin)
    text = explain(RateLimited(429, "Limit", None, True), berlin, now).text
    assert "resets at 01:00 your time (in 1 h 30 min)" in text


def test_auth_required_asks_to_sign_in_and_keeps_the_form(
    qtbot: QtBot, runner: TaskRunner, account: FakeAccount
) -> None:
    account.client.failures["create_meeting"].append(AuthRequired())
    dialog = open_dialog(qtbot, runner, account)
    dialog.form.agenda.setText("Long agenda I don't want to retype")
    create(qtbot, dialog)
    assert "Sign in again" in dialog.banner.label.text()
    assert dialog.form.agenda.text() == "Long agenda I don't want to retype"
    # Retry would fail the same way: the banner offers to sign in (test_meeting_sign_in_again).
    assert dialog.banner.sign_in.isVisible() and not dialog.banner.retry.isVisible()


def test_unexpected_error_names_only_its_type(
    qtbot: QtBot, runner: TaskRunner, account: FakeAccount
) -> None:
    account.client.failures["create_meeting"].append(RuntimeError("secret-token-value"))
    dialog = open_dialog(qtbot, runner, account)
    create(qtbot, dialog)
    assert "RuntimeError" in dialog.banner.label.text()
    assert "secret-token-value" not in dialog.banner.label.text()


def test_recovered_meeting_is_shown_with_a_note(
    qtbot: QtBot, runner: TaskRunner, account: FakeAccount, monkeypatch: pytest.MonkeyPatch
) -> None:
    from zoomdesk.core.api import RecoveredMeeting

    real = account.client.create_meeting
    monkeypatch.setattr(
        account.client, "create_meeting", lambda body, **kw: RecoveredMeeting(real(body, **kw))
    )
    dialog = open_dialog(qtbot, runner, account)
    create(qtbot, dialog)
    assert dialog.success.recovered.isVisible()


def test_loading_the_zone_list_in_the_background(
    qtbot: QtBot, runner: TaskRunner, account: FakeAccount, monkeypatch: pytest.MonkeyPatch
) -> None:
    import zoomdesk.ui.meeting.dialog as md
    import zoomdesk.ui.meeting.timezone_picker as tp

    monkeypatch.setattr(md, "cached_catalog", lambda: None)
    monkeypatch.setattr(tp, "cached_catalog", lambda: None)  # where load_zones looks
    threads: list[bool] = []
    real = tp.load_catalog

    def load() -> object:
        threads.append(threading.current_thread() is threading.main_thread())
        return real()

    monkeypatch.setattr(tp, "load_catalog", load)
    dialog = open_dialog(qtbot, runner, account, wait=False)
    assert not dialog.ready() and not dialog.create_button.isEnabled()
    assert dialog.page.progress_label.text() == "Loading…"
    qtbot.waitUntil(dialog.ready)
    assert threads == [False]
    assert dialog.create_button.isEnabled()
    assert dialog.findChildren(QLabel, "fieldError")  # the form is there and filled
    assert dialog.form.timezone.count() > 300
    assert dialog.form.draft().start is not None
    assert dialog.form.draft().start > datetime.now() - timedelta(days=1)
