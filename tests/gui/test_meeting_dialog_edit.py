"""Editing: the dialog loads the full meeting, sends only what changed (PATCH), then shows
and emits what Zoom has now."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from meeting_fakes import DialogClient, FakeAccount, open_dialog, validate_request, wait_idle
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from zoomdesk.core.errors import FieldError, NetworkError, ZoomApiError
from zoomdesk.core.meeting import Meeting, MeetingType
from zoomdesk.ui.tasks import TaskRunner

MEETING_ID = 81234567890


def stored(start: datetime, **extra: Any) -> dict[str, Any]:
    """What Zoom's GET returns for a meeting created elsewhere."""
    d: dict[str, Any] = {
        "id": MEETING_ID, "uuid": "u", "topic": "Planning", "type": 2, "duration": 60,
        "timezone": "Europe/Berlin", "start_time": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "password": "Ab3xY9", "agenda": "Q1", "join_url": f"https://zoom.example/j/{MEETING_ID}",
        "settings": {"host_video": False, "participant_video": False, "join_before_host": False,
                     "mute_upon_entry": True, "waiting_room": True, "auto_recording": "none"},
    }  # fmt: skip
    d.update(extra)
    return d


def list_item(full: dict[str, Any]) -> Meeting:
    """``GET /users/me/meetings`` items have no settings, passcode or agenda."""
    keys = ("id", "uuid", "topic", "type", "duration", "timezone", "start_time", "join_url")
    return Meeting.from_zoom_json({k: full[k] for k in keys if k in full})


@pytest.fixture
def account() -> FakeAccount:
    client = DialogClient()
    client.meetings[MEETING_ID] = stored(datetime.now(UTC) + timedelta(days=3))
    return FakeAccount(client)


def edit(
    qtbot: QtBot, runner: TaskRunner, account: FakeAccount, existing: Meeting, wait: bool = True
) -> Any:
    return open_dialog(qtbot, runner, account, existing=existing, wait=wait)


def test_loads_full_details_then_saves_only_the_changes(
    qtbot: QtBot, runner: TaskRunner, account: FakeAccount
) -> None:
    client = account.client
    dialog = edit(qtbot, runner, account, list_item(client.meetings[MEETING_ID]))
    assert dialog.windowTitle() == "Edit meeting"
    assert dialog.create_button.text() == "Save"
    assert client.names() == ["get_meeting"] and client.on_gui_thread == []
    form = dialog.form
    assert form.topic.text() == "Planning" and form.agenda.text() == "Q1"
    assert form.passcode.text() == "Ab3xY9" and form.options.mute_upon_entry.isChecked()
    assert form.timezone.zone() == "Europe/Berlin"
    assert not dialog.create_button.isEnabled()
    assert dialog.create_button.toolTip() == "Nothing has changed yet."

    form.topic.setText("Planning (moved)")
    form.options.waiting_room.setChecked(False)
    with qtbot.waitSignal(dialog.saved, timeout=10000) as saved:
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    ((meeting_id, patch),) = client.bodies("update_meeting")
    assert meeting_id == MEETING_ID
    assert patch == {"topic": "Planning (moved)", "settings": {"waiting_room": False}}
    validate_request("PATCH", f"/meetings/{MEETING_ID}", patch)
    assert client.names() == ["get_meeting", "update_meeting", "get_meeting"]
    meeting = saved.args[0]
    assert isinstance(meeting, Meeting) and meeting.topic == "Planning (moved)"
    assert meeting.raw["settings"]["waiting_room"] is False
    assert dialog.success.title.text().endswith("Meeting updated")


def test_a_full_meeting_is_not_fetched_again(
    qtbot: QtBot, runner: TaskRunner, account: FakeAccount
) -> None:
    full = Meeting.from_zoom_json(account.client.meetings[MEETING_ID])
    dialog = edit(qtbot, runner, account, full)
    assert account.client.calls == []
    assert dialog.form.passcode.text() == "Ab3xY9"


def test_moving_the_start_sends_time_and_zone_together(
    qtbot: QtBot, runner: TaskRunner, account: FakeAccount
) -> None:
    dialog = edit(qtbot, runner, account, list_item(account.client.meetings[MEETING_ID]))
    new_start = dialog.form.start_value() + timedelta(days=1)
    dialog.form.set_start(new_start)
    with qtbot.waitSignal(dialog.saved, timeout=10000) as saved:
        dialog.create_button.click()
    ((_, patch),) = account.client.bodies("update_meeting")
    assert patch == {"start_time": new_start.isoformat(timespec="seconds"),
                     "timezone": "Europe/Berlin"}  # fmt: skip
    validate_request("PATCH", f"/meetings/{MEETING_ID}", patch)
    assert saved.args[0].local_start("Europe/Berlin").replace(tzinfo=None) == new_start


def test_a_series_under_way_can_still_be_edited(
    qtbot: QtBot, runner: TaskRunner, account: FakeAccount
) -> None:
    account.client.meetings[MEETING_ID] = stored(
        datetime.now(UTC) - timedelta(days=14),
        type=8,
        recurrence={"type": 2, "repeat_interval": 1, "weekly_days": "2", "end_times": 10},
    )
    dialog = edit(qtbot, runner, account, list_item(account.client.meetings[MEETING_ID]))
    assert dialog.form.draft().type == MeetingType.RECURRING_FIXED_TIME
    assert dialog.form.recurrence.summary.text() == "Weekly on Mon, 10 times"
    dialog.form.topic.setText("Standup")
    assert dialog.create_button.isEnabled()  # the past start is what Zoom already has
    dialog.form.set_start(datetime.now() - timedelta(days=2))
    assert not dialog.create_button.isEnabled()  # but a new start must be in the future


def test_editing_a_series_says_it_changes_every_occurrence(
    qtbot: QtBot, runner: TaskRunner, account: FakeAccount
) -> None:
    start = datetime.now(UTC) + timedelta(days=1)
    occurrences = [
        {"occurrence_id": str(n), "start_time": (start + timedelta(weeks=n)).strftime(
            "%Y-%m-%dT%H:%M:%SZ"), "duration": 60, "status": status}
        for n, status in enumerate(("available", "deleted", "available", "available"))
    ]  # fmt: skip
    account.client.meetings[MEETING_ID] = stored(
        start,
        type=8,
        recurrence={"type": 2, "repeat_interval": 1, "weekly_days": "2", "end_times": 4},
        occurrences=occurrences,
    )
    dialog = edit(qtbot, runner, account, list_item(account.client.meetings[MEETING_ID]))
    note = dialog.page.note
    assert note.isVisible() and note.property("muted") is True
    assert note.text() == "Changes apply to all 3 occurrences of this series."
    # Above the form, out of the way of the fields.
    assert note.mapTo(dialog, note.rect().topLeft()).y() < dialog.form.topic.mapTo(
        dialog, dialog.form.topic.rect().topLeft()).y()  # fmt: skip


def test_no_series_note_for_a_single_meeting_or_a_new_one(
    qtbot: QtBot, runner: TaskRunner, account: FakeAccount
) -> None:
    dialog = edit(qtbot, runner, account, list_item(account.client.meetings[MEETING_ID]))
    assert not dialog.page.note.isVisible() and dialog.page.note.text() == ""
    assert not open_dialog(qtbot, runner).page.note.isVisible()


def test_series_note_without_a_count() -> None:
    from zoomdesk.ui.meeting.dialog import series_note

    assert series_note({"type": 8}) == "Changes apply to every occurrence of this series."
    one = {"type": 8, "occurrences": [{"status": "available"}]}
    assert series_note(one) == "Changes apply to the one occurrence left in this series."
    assert series_note({"type": 3}) == series_note({"type": 2}) == ""


def test_load_failure_offers_retry(qtbot: QtBot, runner: TaskRunner, account: FakeAccount) -> None:
    account.client.failures["get_meeting"].append(NetworkError("down"))
    item = list_item(account.client.meetings[MEETING_ID])
    dialog = edit(qtbot, runner, account, item, wait=False)
    qtbot.waitUntil(dialog.banner.isVisible)
    assert not dialog.ready() and not dialog.form.isEnabled()
    assert not dialog.create_button.isEnabled()
    qtbot.mouseClick(dialog.banner.retry, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.ready)
    assert dialog.form.topic.text() == "Planning" and not dialog.banner.isVisible()


def test_a_meeting_type_zoomdesk_cannot_edit(
    qtbot: QtBot, runner: TaskRunner, account: FakeAccount
) -> None:
    account.client.meetings[MEETING_ID]["type"] = 10
    item = list_item(account.client.meetings[MEETING_ID])
    dialog = edit(qtbot, runner, account, item, wait=False)
    qtbot.waitUntil(dialog.banner.isVisible)
    assert "cannot edit meetings of type 10" in dialog.banner.label.text()
    assert not dialog.banner.retry.isVisible() and not dialog.form.isEnabled()


def test_refused_save_keeps_the_changes(
    qtbot: QtBot, runner: TaskRunner, account: FakeAccount
) -> None:
    account.client.failures["update_meeting"].append(
        ZoomApiError(400, 300, "Validation Failed.", (FieldError("topic", "Topic too rude."),))
    )
    dialog = edit(qtbot, runner, account, list_item(account.client.meetings[MEETING_ID]))
    dialog.form.topic.setText("Rude topic")
    dialog.create_button.click()
    wait_idle(qtbot, dialog)
    assert dialog.form.topic.property("invalid") is True
    assert dialog.form.topic.text() == "Rude topic"
    assert "Validation Failed." in dialog.banner.label.text()
    assert dialog.stack.currentWidget() is not dialog.success
