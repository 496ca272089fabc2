"""Access keys in the meeting dialog: every labelled control has one (or is listed, with how
the keyboard reaches it), none is shared by two controls on screen at once, and Alt+letter
reaches the control instead of typing the letter."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from meeting_fakes import open_dialog
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QFormLayout, QLabel, QWidget
from pytestqt.qtbot import QtBot

from zoomdesk.core.meeting import RecurrenceType
from zoomdesk.ui.meeting.access_keys import WITHOUT_KEY
from zoomdesk.ui.meeting.dialog import MeetingDialog
from zoomdesk.ui.meeting.page import Failure
from zoomdesk.ui.tasks import TaskRunner


def mnemonic(text: str) -> str:
    found = re.search(r"&([^&])", text)
    return found.group(1).lower() if found else ""


def shown(text: str) -> str:
    return text.replace("&", "")


@pytest.fixture
def dialog(qtbot: QtBot, runner: TaskRunner) -> MeetingDialog:
    dialog = open_dialog(qtbot, runner)
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    return dialog


def rows(root: QWidget) -> Iterator[tuple[QLabel, QWidget]]:
    """(label, field) of each form row under ``root`` that is on screen."""
    for layout in root.findChildren(QFormLayout):
        for row in range(layout.rowCount()):
            label = layout.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = layout.itemAt(row, QFormLayout.ItemRole.FieldRole)
            label_widget = label.widget() if label is not None else None
            field_widget = field.widget() if field is not None else None
            if (
                isinstance(label_widget, QLabel)
                and field_widget is not None
                and label_widget.isVisible()
                and label_widget.text()
            ):
                yield label_widget, field_widget


def keyed(dialog: MeetingDialog) -> list[tuple[str, str]]:
    """(key, text) of every control on the form page that is on screen now."""
    found = []
    for widget in dialog.page.findChildren(QWidget):
        if not widget.isVisible():
            continue
        labelling = isinstance(widget, QLabel) and widget.buddy() is not None
        if labelling or isinstance(widget, QAbstractButton):
            found.append((mnemonic(widget.text()), widget.text()))  # type: ignore[attr-defined]
    return [(key, text) for key, text in found if key]


def test_every_labelled_control_has_a_key(qtbot: QtBot, dialog: MeetingDialog) -> None:
    dialog.form.more.set_open(True)
    for kind in (RecurrenceType.WEEKLY, RecurrenceType.MONTHLY):
        dialog.form.recurrence.kind.setCurrentIndex(dialog.form.recurrence.kind.findData(kind))
        missing = []
        row_key: dict[QWidget, bool] = {}
        for label, field in rows(dialog.page):
            key = mnemonic(label.text())
            row_key[field] = bool(key) or shown(label.text()) in WITHOUT_KEY
            if key:
                assert label.buddy() is not None, f"{label.text()!r} has a key but no buddy"
                continue
            buttons = [b for b in field.findChildren(QAbstractButton) if b.text()]
            if shown(label.text()) not in WITHOUT_KEY and not all(
                mnemonic(b.text()) for b in buttons
            ):
                missing.append(label.text())
        for button in dialog.page.findChildren(QAbstractButton):
            if not button.isVisible() or not button.text() or mnemonic(button.text()):
                continue
            in_row = [f for f in row_key if f.isAncestorOf(button)]
            if not (in_row and row_key[in_row[0]]) and shown(button.text()) not in WITHOUT_KEY:
                missing.append(button.text())
        assert not missing, f"no access key, and not in WITHOUT_KEY: {missing}"
    # The ones this issue named.
    labels = {shown(label.text()): label for label, _field in rows(dialog.page)}
    for name in ("When:", "Video:", "Joining:", "Recording:", "Audio:"):
        assert mnemonic(labels[name].text()), name


@pytest.mark.parametrize("open_", [True, False])
@pytest.mark.parametrize("kind", [None, RecurrenceType.WEEKLY, RecurrenceType.MONTHLY])
@pytest.mark.parametrize("banner", ["", "retry", "sign_in"])
def test_no_two_controls_on_screen_share_a_key(
    dialog: MeetingDialog, open_: bool, kind: RecurrenceType | None, banner: str
) -> None:
    """With *Options* open everything is on screen at once; closed, what it folds away
    is hidden and Qt ignores its keys (the rule in ``access_keys``)."""
    form = dialog.form
    form.more.set_open(open_)
    form.recurrence.kind.setCurrentIndex(form.recurrence.kind.findData(int(kind or 0)))
    form.more.registration.setCurrentIndex(1)  # "Registrants join" shows for a series
    if banner:
        dialog.banner.show_failure(Failure("Zoom said no.", **{banner: True}))
    seen: dict[str, str] = {}
    for key, text in keyed(dialog):
        assert key not in seen, f"{text!r} and {seen[key]!r} share Alt+{key.upper()}"
        seen[key] = text
    assert len(seen) >= (24 if open_ else 17), sorted(seen)


def press_alt(qtbot: QtBot, key: Qt.Key) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, key, Qt.KeyboardModifier.AltModifier)


def test_alt_w_focuses_the_chosen_when_and_types_nothing(
    qtbot: QtBot, dialog: MeetingDialog
) -> None:
    form = dialog.form
    form.start_now.setChecked(True)
    form.topic.setText("Review")
    form.topic.setFocus()
    press_alt(qtbot, Qt.Key.Key_W)
    qtbot.waitUntil(form.start_now.hasFocus)
    assert form.start_now.isChecked()  # focused, not changed
    assert form.topic.text() == "Review"  # no "w" typed into the topic


def test_alt_x_chooses_no_fixed_time(qtbot: QtBot, dialog: MeetingDialog) -> None:
    dialog.form.topic.setFocus()
    press_alt(qtbot, Qt.Key.Key_X)
    qtbot.waitUntil(dialog.form.no_fixed_time.isChecked)


def test_alt_v_and_alt_j_focus_their_group_without_toggling(
    qtbot: QtBot, dialog: MeetingDialog
) -> None:
    options = dialog.form.options
    before = options.settings()
    dialog.form.topic.setFocus()
    press_alt(qtbot, Qt.Key.Key_V)
    qtbot.waitUntil(options.host_video.hasFocus)
    press_alt(qtbot, Qt.Key.Key_J)
    qtbot.waitUntil(options.waiting_room.hasFocus)
    assert options.settings() == before


def test_alt_b_toggles_join_before_host(qtbot: QtBot, dialog: MeetingDialog) -> None:
    dialog.form.options.waiting_room.setChecked(False)
    box = dialog.form.options.join_before_host
    before = box.isChecked()
    dialog.form.topic.setFocus()
    press_alt(qtbot, Qt.Key.Key_B)
    qtbot.waitUntil(lambda: box.isChecked() != before)


def test_options_keys_work_only_while_it_is_open(qtbot: QtBot, dialog: MeetingDialog) -> None:
    section = dialog.form.more
    section.set_open(True)
    dialog.form.topic.setFocus()
    press_alt(qtbot, Qt.Key.Key_U)
    qtbot.waitUntil(section.audio.hasFocus)
    before = section.summary_box.isChecked()
    press_alt(qtbot, Qt.Key.Key_K)
    qtbot.waitUntil(lambda: section.summary_box.isChecked() != before)
    section.set_open(False)
    dialog.form.topic.setFocus()
    press_alt(qtbot, Qt.Key.Key_U)
    assert dialog.form.topic.hasFocus()  # folded away: its keys are not in play
