"""The meeting dialog's *Options* against the sandbox: each option reaches Zoom and comes
back unchanged, E2EE and recurrence limit what they must as the user chooses, and
Zoom's refusal of an alternative host lands on that field."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from meeting_fakes import FakeAccount, open_dialog, signed_in_account, wait_idle
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sandbox_signin import in_thread
from zoom_schema import require, validate_request

from zoomdesk.core import ui_state
from zoomdesk.core.meeting import Meeting, RecurrenceType
from zoomdesk.sandbox import Sandbox
from zoomdesk.ui.meeting.dialog import MeetingDialog
from zoomdesk.ui.meeting.options_section import E2EE_OFF, OPEN_FLAG, PMI_RECURRING
from zoomdesk.ui.tasks import TaskRunner

TOWN_HALL = "Dv4YdINdTk+Z5RToadh5ug=="  # one of the sandbox's account templates
COLLEAGUE = "kim.lee@zoomdesk.test"  # in the sandbox user's account


@pytest.fixture
def account(sandbox: Sandbox) -> Any:
    return signed_in_account(sandbox.url)


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    assert runner.wait_for_done(20000)


def opened(qtbot: QtBot, dialog: MeetingDialog) -> Any:
    """The dialog's Options section, opened as a user would, its templates loaded."""
    section = dialog.form.more
    qtbot.mouseClick(section.toggle, Qt.MouseButton.LeftButton)
    assert section.is_open() and section.body.isVisibleTo(dialog)
    return section


def choose(combo: Any, value: object) -> None:
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)


def create(qtbot: QtBot, dialog: MeetingDialog) -> Meeting:
    assert dialog.create_button.isEnabled(), dialog.create_button.toolTip()
    with qtbot.waitSignal(dialog.saved, timeout=20000) as saved:
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    meeting = saved.args[0]
    assert isinstance(meeting, Meeting)
    return meeting


def edit_dialog(qtbot: QtBot, runner: TaskRunner, account: Any, meeting: Meeting) -> Any:
    stored = in_thread(lambda: account.client.get_meeting(meeting.id))
    return open_dialog(qtbot, runner, account, existing=Meeting.from_zoom_json(stored))


def test_each_option_reaches_zoom_and_comes_back_unchanged(
    qtbot: QtBot, runner: TaskRunner, account: Any
) -> None:
    require()
    dialog = open_dialog(qtbot, runner, account)
    section = opened(qtbot, dialog)
    qtbot.waitUntil(lambda: section.template.loaded, timeout=20000)
    qtbot.waitUntil(lambda: "555 123 4567" in section.use_pmi.text(), timeout=20000)
    choose(section.template.combo, TOWN_HALL)
    section.use_pmi.setChecked(True)
    section.alternative_hosts.setText(COLLEAGUE)
    section.invitees.setText("ana@example.com, bo@example.org")
    choose(section.encryption, "enhanced_encryption")
    choose(section.audio, "telephony")
    section.summary_box.setChecked(True)
    dialog.form.options.host_video.setChecked(True)  # a classic one chosen over the template's
    body = dialog.form.draft().to_zoom_json()
    validate_request("POST", "/users/me/meetings", body)
    meeting = create(qtbot, dialog)
    sent = dialog._sent
    assert sent == body and sent["template_id"] == TOWN_HALL
    chosen = {"use_pmi", "alternative_hosts", "meeting_invitees", "audio",
              "auto_start_meeting_summary"}  # fmt: skip
    assert set(sent["settings"]) >= chosen
    assert "encryption_type" not in sent["settings"]  # enhanced, as it was: Zoom's default
    assert "mute_upon_entry" not in sent["settings"]  # left to the template
    settings = meeting.raw["settings"]
    assert settings["use_pmi"] is True and settings["alternative_hosts"] == COLLEAGUE
    assert [i["email"] for i in settings["meeting_invitees"]] == [
        "ana@example.com",
        "bo@example.org",
    ]
    assert (settings["audio"], settings["auto_start_meeting_summary"]) == ("telephony", True)
    assert settings["host_video"] is True and settings["mute_upon_entry"] is True  # the template's
    # Back in the edit dialog, every option shows as it was sent: nothing to save.
    again = edit_dialog(qtbot, runner, account, meeting)
    draft = again.form.draft()
    assert not draft.patch_from(again._original)
    assert draft.settings.alternative_hosts == (COLLEAGUE,) and draft.settings.use_pmi is True
    assert not again.create_button.isEnabled()


def test_registration_and_end_to_end_encryption_for_a_series(
    qtbot: QtBot, runner: TaskRunner, account: Any
) -> None:
    require()
    dialog = open_dialog(qtbot, runner, account)
    form = dialog.form
    choose(form.recurrence.kind, int(RecurrenceType.DAILY))
    section = opened(qtbot, dialog)
    assert not section.registration_type.isVisibleTo(dialog)  # only with registration
    choose(section.registration, 1)
    assert section.registration_type.isVisibleTo(dialog)
    choose(section.registration_type, 2)
    choose(section.encryption, "e2ee")
    body = form.draft().to_zoom_json()
    validate_request("POST", "/users/me/meetings", body)
    meeting = create(qtbot, dialog)
    settings = meeting.raw["settings"]
    assert (settings["approval_type"], settings["registration_type"]) == (1, 2)
    assert (settings["encryption_type"], settings["audio"]) == ("e2ee", "voip")
    assert settings["join_before_host"] is False
    again = edit_dialog(qtbot, runner, account, meeting)
    assert not again.form.draft().patch_from(again._original)
    assert again.form.more.encryption.currentData() == "e2ee"


def test_end_to_end_encryption_turns_off_its_conflicts_as_it_is_chosen(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    dialog = open_dialog(qtbot, runner)
    options, section = dialog.form.options, opened(qtbot, dialog)
    options.waiting_room.setChecked(False)
    options.join_before_host.setChecked(True)
    choose(options.auto_recording, "cloud")
    choose(section.audio, "both")
    section.summary_box.setChecked(True)
    assert not section.e2ee_note.isVisibleTo(dialog)
    choose(section.encryption, "e2ee")
    assert not options.join_before_host.isChecked() and not options.join_before_host.isEnabled()
    assert options.join_before_host.text().endswith(E2EE_OFF)
    assert options.auto_recording.currentData() == "none"
    cloud = options.auto_recording.findData("cloud")
    assert options.auto_recording.itemText(cloud).endswith(E2EE_OFF)
    assert section.audio.currentData() == "voip"
    assert not section.summary_box.isChecked() and not section.summary_box.isEnabled()
    assert section.e2ee_note.isVisibleTo(dialog)
    assert "join before host" in section.e2ee_note.text()
    assert "cloud recording" in section.e2ee_note.text()
    assert dialog.form.draft().validate() == {}
    assert dialog.create_button.isEnabled()
    choose(section.encryption, "enhanced_encryption")  # back: each may be chosen again
    assert options.join_before_host.isEnabled() and section.summary_box.isEnabled()
    assert not options.auto_recording.itemText(cloud).endswith(E2EE_OFF)


def test_personal_meeting_id_is_refused_for_a_series_and_not_sent(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    dialog = open_dialog(qtbot, runner)
    form, section = dialog.form, opened(qtbot, dialog)
    section.use_pmi.setChecked(True)
    assert form.draft().settings.use_pmi is True
    choose(form.recurrence.kind, int(RecurrenceType.WEEKLY))
    assert not section.use_pmi.isEnabled()
    assert section.pmi_reason.isVisibleTo(dialog) and section.pmi_reason.text() == PMI_RECURRING
    assert section.use_pmi.toolTip() == PMI_RECURRING
    body = form.draft().to_zoom_json()
    assert "use_pmi" not in body["settings"]
    assert form.draft().validate() == {}
    choose(form.recurrence.kind, 0)  # not repeating: the choice is back
    assert section.use_pmi.isEnabled() and form.draft().settings.use_pmi is True


def test_zoom_refusing_an_alternative_host_marks_that_field(
    qtbot: QtBot, runner: TaskRunner, account: Any, sandbox: Sandbox
) -> None:
    dialog = open_dialog(qtbot, runner, account)
    dialog.form.topic.setText("Half filled")
    section = opened(qtbot, dialog)
    section.set_open(False)  # closed again: the refusal opens it
    section.alternative_hosts.setText("stranger@example.com")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, dialog, timeout=20000)
    assert sandbox.state()["meetings"] == 0
    hosts = section.alternative_hosts
    assert hosts.property("invalid") is True and hosts.hasFocus()
    assert "does not belong to this account" in hosts.accessibleDescription()
    assert section.is_open() and hosts.isVisible()
    assert dialog.form.topic.text() == "Half filled"  # nothing typed is lost
    hosts.setText(COLLEAGUE)  # a changed value clears Zoom's mark
    assert hosts.property("invalid") is False
    meeting = create(qtbot, dialog)
    assert meeting.raw["settings"]["alternative_hosts"] == COLLEAGUE


def test_a_misspelt_host_is_caught_before_zoom_is_asked(qtbot: QtBot, runner: TaskRunner) -> None:
    account = FakeAccount()
    dialog = open_dialog(qtbot, runner, account)
    opened(qtbot, dialog).alternative_hosts.setText("kim.lee@zoomdesk")
    assert not dialog.create_button.isEnabled()
    assert "alternative host must be an e-mail address" in dialog.create_button.toolTip()
    assert account.client.bodies("create_meeting") == []


def test_templates_are_listed_and_personal_ones_greyed_out(
    qtbot: QtBot, runner: TaskRunner, account: Any
) -> None:
    dialog = open_dialog(qtbot, runner, account)
    section = opened(qtbot, dialog)
    qtbot.waitUntil(lambda: section.template.loaded, timeout=20000)
    combo = section.template.combo
    names = [combo.itemText(i) for i in range(combo.count())]
    assert names[:3] == ["None", "Town hall", "Recorded lecture"]
    personal = combo.model().item(3)
    assert "personal" in names[3] and not personal.isEnabled()
    assert not section.template_note.isVisibleTo(dialog)
    choose(combo, TOWN_HALL)
    assert section.template_note.isVisibleTo(dialog)


def test_options_stay_unasked_until_opened(qtbot: QtBot, runner: TaskRunner) -> None:
    account = FakeAccount()
    dialog = open_dialog(qtbot, runner, account)
    assert not dialog.form.more.is_open() and not dialog.form.more.body.isVisible()
    assert dialog.form.draft().to_zoom_json()["settings"].keys() == {
        "host_video", "participant_video", "join_before_host", "mute_upon_entry",
        "waiting_room", "auto_recording",
    }  # fmt: skip


def test_the_section_remembers_whether_it_was_open(qtbot: QtBot, runner: TaskRunner) -> None:
    dialog = open_dialog(qtbot, runner)
    opened(qtbot, dialog)
    assert runner.wait_for_done(10000)
    qtbot.waitUntil(lambda: ui_state.state_path().exists())
    assert json.loads(ui_state.state_path().read_text())[OPEN_FLAG] is True
    dialog.done(0)
    ui_state.forget()  # the next run: read from the file again
    again = open_dialog(qtbot, runner)
    assert again.form.more.is_open() and again.form.more.body.isVisible()
    again.form.more.set_open(False)
    assert runner.wait_for_done(10000)
    assert json.loads(ui_state.state_path().read_text())[OPEN_FLAG] is False


def test_every_option_has_an_access_key_and_a_name(qtbot: QtBot, runner: TaskRunner) -> None:
    dialog = open_dialog(qtbot, runner)
    section = opened(qtbot, dialog)
    for widget in (section.template.combo, section.use_pmi, section.alternative_hosts,
                   section.invitees, section.registration, section.registration_type,
                   section.encryption, section.audio, section.summary_box,
                   section.toggle):  # fmt: skip
        assert widget.accessibleName(), widget
    keys = [key for key in mnemonics(dialog) if key]
    assert len(keys) == len(set(keys)), keys
    assert {"o", "m", "l", "h", "v", "i", "j", "y", "u", "w", "f"} <= set(keys)


def mnemonics(dialog: MeetingDialog) -> list[str]:
    """The access key of every label and button of the form page (shown or not)."""
    from PySide6.QtWidgets import QAbstractButton, QLabel

    found = []
    for widget in dialog.page.findChildren(QLabel) + dialog.page.findChildren(QAbstractButton):
        text = widget.text()
        at = text.replace("&&", "").find("&")
        if at >= 0 and widget is not dialog.banner.sign_in:  # banner buttons: not both at once
            found.append(text.replace("&&", "")[at + 1].lower())
    return found
