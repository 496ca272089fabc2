"""The meeting form's small field widgets, on their own."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from zoomdesk.ui.meeting.fields import DurationPicker


def test_a_loaded_duration_longer_than_the_spin_box_range_is_kept(qtbot: QtBot) -> None:
    picker = DurationPicker()
    qtbot.addWidget(picker)
    picker.set_minutes(100_000)  # Zoom sets no upper limit; the CLI accepts this
    assert picker.value() == 100_000
    assert picker.preset.currentText() == "Custom…"
