"""The details view shows the whole meeting: agenda, duration, settings, recurrence,
occurrences, with Edit, Delete, Copy invitation and Save .ics; no empty bands; Zoom's
text as plain text."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy
from pytestqt.qtbot import QtBot

from zoomdesk.core.meeting import Meeting
from zoomdesk.ui.tasks import TaskRunner
from zoomdesk.ui.window.meeting_details import MeetingDetailsDialog, settings_lines

SETTINGS = {"waiting_room": True, "join_before_host": False, "mute_upon_entry": True,
            "host_video": False, "participant_video": True, "auto_recording": "cloud",
            "audio": "voip", "encryption_type": "e2ee"}  # fmt: skip


def raw(**more: Any) -> dict[str, Any]:
    return {
        "id": 81234567891, "topic": "Planning", "type": 2,
        "start_time": "2030-01-15T09:00:00Z", "timezone": "Europe/Berlin", "duration": 90,
        "join_url": "https://zoom.example/j/81234567891", "password": "Ab3xY9",
        "agenda": "<b>Budget</b> & <a href='file:///etc/passwd'>plans</a>",
        "settings": dict(SETTINGS), **more,
    }  # fmt: skip


SERIES = raw(
    type=8,
    recurrence={"type": 2, "repeat_interval": 1, "weekly_days": "3", "end_times": 3},
    occurrences=[
        {"occurrence_id": "1", "start_time": "2020-01-14T09:00:00Z", "duration": 90,
         "status": "available"},
        {"occurrence_id": "2", "start_time": "2030-01-15T09:00:00Z", "duration": 90,
         "status": "available"},
        {"occurrence_id": "3", "start_time": "2030-01-22T09:00:00Z", "duration": 45,
         "status": "available"},
        {"occurrence_id": "4", "start_time": "2030-01-29T09:00:00Z", "duration": 90,
         "status": "deleted"},
    ],
)  # fmt: skip


def open_details(qtbot: QtBot, data: dict[str, Any]) -> MeetingDetailsDialog:
    dialog = MeetingDetailsDialog(Meeting.from_zoom_json(data), "Europe/Berlin", TaskRunner())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_whole_meeting_is_shown(qtbot: QtBot) -> None:
    dialog = open_details(qtbot, raw())
    texts = [label.text() for label in dialog.findChildren(QLabel) if label.isVisible()]
    assert "Agenda:" in texts and "Duration:" in texts and "Settings:" in texts
    assert "1 h 30 min" in texts
    assert dialog.settings.text().splitlines() == [
        "Waiting room", "Participants muted when they join", "Host video off",
        "Participants' video on", "Recorded in the cloud", "Audio: computer only",
        "End-to-end encryption",
    ]  # fmt: skip
    for button in (dialog.edit_button, dialog.delete_button, dialog.view.copy_invitation,
                   dialog.view.save_ics, dialog.view.copy_link):  # fmt: skip
        assert button.isVisible() and button.isEnabled()
    assert dialog.edit_button.text() == "&Edit…" and dialog.delete_button.text() == "&Delete"
    assert dialog.occurrences is None


def test_zooms_text_is_plain_text(qtbot: QtBot) -> None:
    dialog = open_details(qtbot, raw())
    assert dialog.agenda.textFormat() == Qt.TextFormat.PlainText
    assert dialog.agenda.text() == "<b>Budget</b> & <a href='file:///etc/passwd'>plans</a>"


def test_no_empty_bands(qtbot: QtBot) -> None:
    dialog = open_details(qtbot, raw(agenda=""))
    layout = dialog.view.layout()
    for i in range(layout.count()):
        spacer = layout.itemAt(i).spacerItem()
        if spacer is not None:
            assert spacer.sizePolicy().verticalPolicy() != QSizePolicy.Policy.Expanding
            assert spacer.sizeHint().height() <= 14
    # Nothing to say, no row: no "Agenda:" label over an empty band.
    assert "Agenda:" not in [label.text() for label in dialog.findChildren(QLabel)]
    # The spare height sits under the facts, inside their scroll area, not between
    # the topic and its link.
    topic, card = dialog.view.topic.geometry(), dialog.view.meeting_id.parentWidget()
    assert card is not None and card.geometry().top() - topic.bottom() < 160


def test_settings_words_leave_out_what_zoomdesk_cannot_say() -> None:
    assert settings_lines({"audio": "<script>", "waiting_room": "yes"}) == []
    assert settings_lines("not a dict") == []
    assert settings_lines({"alternative_hosts": "a@example.com"}) == [
        "Alternative hosts: a@example.com"
    ]


def test_a_series_lists_its_occurrences_and_offers_each(qtbot: QtBot) -> None:
    dialog = open_details(qtbot, SERIES)
    tree = dialog.occurrences
    assert tree is not None and tree.isVisible()
    rows = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    # The deleted one is not listed; the one that is over is, but cannot be chosen.
    assert rows == [
        "Tue 14 Jan 2020, 10:00 – 11:30 (over)",
        "Tue 15 Jan 2030, 10:00 – 11:30",
        "Tue 22 Jan 2030, 10:00 – 10:45",
    ]
    chosen = dialog.chosen()
    assert chosen is not None and chosen.occurrence_id == "2"  # the next one
    assert dialog.edit_one.isEnabled() and dialog.delete_one.isEnabled()
    assert not tree.topLevelItem(0).flags() & Qt.ItemFlag.ItemIsEnabled  # over: not offered
    assert dialog.view.repeats.isVisible() and dialog.view.repeats.text()
    assert dialog.edit_button.text() == "&Edit the series…"


def test_each_occurrence_button_says_which(qtbot: QtBot) -> None:
    dialog = open_details(qtbot, SERIES)
    edits: list[tuple[int, str]] = []
    deletes: list[tuple[int, str | None]] = []
    dialog.editOccurrenceRequested.connect(lambda m, o: edits.append((m.id, o.occurrence_id)))
    dialog.deleteRequested.connect(
        lambda m, o: deletes.append((m.id, o.occurrence_id if o else None))
    )
    dialog.choose("3")
    dialog.edit_one.click()
    assert edits == [(81234567891, "3")] and not dialog.isVisible()
    dialog = open_details(qtbot, SERIES)
    dialog.deleteRequested.connect(
        lambda m, o: deletes.append((m.id, o.occurrence_id if o else None))
    )
    dialog.choose("3")
    dialog.delete_one.click()
    dialog = open_details(qtbot, SERIES)
    dialog.deleteRequested.connect(
        lambda m, o: deletes.append((m.id, o.occurrence_id if o else None))
    )
    dialog.delete_button.click()
    assert deletes == [(81234567891, "3"), (81234567891, None)]
