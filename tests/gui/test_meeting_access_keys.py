"""Access keys in the meeting form: each *When* choice has one, no two controls share one,
and Alt+letter reaches the control instead of typing the letter."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from pytestqt.qtbot import QtBot

from zoomdesk.ui.meeting.form import MeetingForm


def mnemonic(text: str) -> str:
    found = re.search(r"&([^&])", text)
    return found.group(1).lower() if found else ""


@pytest.fixture
def form(qtbot: QtBot) -> MeetingForm:
    form = MeetingForm()
    qtbot.addWidget(form)
    form.show()
    form.activateWindow()
    qtbot.waitActive(form)
    return form


def test_every_when_choice_has_an_access_key(form: MeetingForm) -> None:
    keys = [mnemonic(b.text()) for b in (form.scheduled, form.start_now, form.no_fixed_time)]
    assert all(keys) and len(set(keys)) == 3, keys
    assert mnemonic(form.options.join_before_host.text()) == "b"


def test_no_two_controls_share_an_access_key(form: MeetingForm) -> None:
    """Shown or folded away (the Options section): Qt would only move between them."""
    seen: dict[str, str] = {}
    widgets: list[QWidget] = [*form.findChildren(QLabel), *form.findChildren(QAbstractButton)]
    for widget in widgets:
        text = widget.text()  # type: ignore[attr-defined]
        if isinstance(widget, QLabel) and widget.buddy() is None:
            continue
        key = mnemonic(text)
        if key:
            assert key not in seen, f"{text!r} and {seen[key]!r} share Alt+{key.upper()}"
            seen[key] = text


def test_alt_x_chooses_no_fixed_time_and_types_nothing(qtbot: QtBot, form: MeetingForm) -> None:
    form.topic.setText("Review")
    form.topic.setFocus()
    qtbot.keyClick(form.topic, Qt.Key.Key_X, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(form.no_fixed_time.isChecked)
    assert form.topic.text() == "Review"  # no "x" typed into the topic


def test_alt_b_toggles_join_before_host(qtbot: QtBot, form: MeetingForm) -> None:
    form.options.waiting_room.setChecked(False)
    box = form.options.join_before_host
    before = box.isChecked()
    form.topic.setFocus()
    qtbot.keyClick(form.topic, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: box.isChecked() != before)
