"""Small compound fields of the meeting form: duration, passcode, agenda, options.

Each one edits a single part of ``core.meetings.MeetingDraft`` and emits
``changed``; none of them validates (the core does, through the form).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from zoomdesk.core.meeting import AutoRecording, MeetingSettings, random_passcode
from zoomdesk.ui.meeting import access_keys as keys
from zoomdesk.ui.meeting.field_errors import ERROR_COLOR, FieldErrors, with_error

DURATION_PRESETS = ((15, "15 min"), (30, "30 min"), (45, "45 min"), (60, "1 h"),
                    (90, "1.5 h"), (120, "2 h"))  # fmt: skip
CUSTOM = -1
_SPIN_MAX = 2**31 - 1  # QSpinBox holds a C int
#: Zoom's limit for ``agenda`` (DESIGN.md §4).
AGENDA_LIMIT = 2000


def _hbox(parent: QWidget) -> QHBoxLayout:
    layout = QHBoxLayout(parent)
    layout.setContentsMargins(0, 0, 0, 0)
    return layout


class DurationPicker(QWidget):
    """Presets in a combo box; *Custom* shows a minutes spin box next to it."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preset = QComboBox()
        for minutes, text in DURATION_PRESETS:
            self.preset.addItem(text, minutes)
        self.preset.addItem("Custom…", CUSTOM)
        self.preset.setAccessibleName("Duration")
        self.minutes = QSpinBox()
        self.minutes.setRange(0, 9999)  # the core names Zoom's real limits
        self.minutes.setSuffix(" min")
        self.minutes.setAccessibleName("Duration in minutes")
        layout = _hbox(self)
        layout.addWidget(self.preset)
        layout.addWidget(self.minutes)
        layout.addStretch(1)
        self.preset.currentIndexChanged.connect(self._on_preset)
        # Only the user's own choice of *Custom* moves the focus, not a duration the
        # program sets (from an end being typed, which keeps the focus).
        self.preset.activated.connect(self._focus_custom)
        self.minutes.valueChanged.connect(self.changed)
        self.set_minutes(60)

    def value(self) -> int:
        return self.minutes.value()

    def set_minutes(self, minutes: int) -> None:
        # A meeting loaded for editing keeps its length, even past the rules' limit
        # (a clamped value would be sent back as a change nobody made); only one a
        # spin box cannot hold at all (Zoom stores any integer) is cut to its largest.
        minutes = max(0, min(minutes, _SPIN_MAX))
        self.minutes.setMaximum(max(self.minutes.maximum(), minutes))
        index = self.preset.findData(minutes)
        self.minutes.setValue(minutes)
        self.preset.setCurrentIndex(index if index >= 0 else self.preset.findData(CUSTOM))
        self.minutes.setVisible(index < 0)

    def _on_preset(self) -> None:
        minutes = self.preset.currentData()
        custom = minutes == CUSTOM
        self.minutes.setVisible(custom)
        if not custom:
            self.minutes.setValue(minutes)
        self.changed.emit()

    def _focus_custom(self) -> None:
        if self.preset.currentData() == CUSTOM:
            self.minutes.setFocus()


class PasscodeField(QWidget):
    """The passcode, hidden by default, with *Show* and *New* (a fresh random one)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setAccessibleName("Passcode")
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.show_button = QToolButton()
        self.show_button.setText("Show")
        self.show_button.setCheckable(True)
        self.show_button.setAccessibleName("Show passcode")
        self.new_button = QToolButton()
        self.new_button.setText("New")
        self.new_button.setToolTip("Make a new random passcode")
        self.new_button.setAccessibleName("New random passcode")
        layout = _hbox(self)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.show_button)
        layout.addWidget(self.new_button)
        self.edit.textChanged.connect(self.changed)
        self.show_button.toggled.connect(self._on_show)
        self.new_button.clicked.connect(lambda: self.edit.setText(random_passcode()))

    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:
        self.edit.setText(text)

    def reveal(self) -> None:
        """Show the text: a message about characters no one can see would not help."""
        self.show_button.setChecked(True)

    def _on_show(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.edit.setEchoMode(mode)
        self.show_button.setText("Hide" if shown else "Show")


class AgendaField(QWidget):
    """Multi-line agenda with a ``123 / 2000`` counter that turns red past the limit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QPlainTextEdit()
        self.edit.setAccessibleName("Agenda")
        # Tab moves on to the next field; Enter stays a newline (QPlainTextEdit eats it).
        self.edit.setTabChangesFocus(True)
        self.edit.setPlaceholderText("Optional: what the meeting is about")
        self.edit.setFixedHeight(self.edit.fontMetrics().lineSpacing() * 4 + 12)
        self.counter = QLabel()
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.counter.setAccessibleName("Agenda length")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.counter)
        self.edit.textChanged.connect(self._on_text)
        self._on_text()

    def text(self) -> str:
        return self.edit.toPlainText()

    def setText(self, text: str) -> None:
        self.edit.setPlainText(text)

    def _on_text(self) -> None:
        count = len(self.text())
        self.counter.setText(f"{count} / {AGENDA_LIMIT}")
        over = count > AGENDA_LIMIT
        self.counter.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: bold;" if over else "")
        self.changed.emit()


_RECORDING = (
    ("Off", AutoRecording.NONE),
    ("On this computer", AutoRecording.LOCAL),
    ("In the cloud", AutoRecording.CLOUD),
)


class OptionsBox(QWidget):
    """The six ``settings`` zoomdesk edits, each registered under its Zoom name."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host_video = QCheckBox("Host on")
        self.participant_video = QCheckBox("Participants on")
        self.waiting_room = QCheckBox("Waiting room: you let people in")
        self.join_before_host = QCheckBox(keys.JOIN_BEFORE_HOST)
        self.mute_upon_entry = QCheckBox("Mute participants when they join")
        self.host_video.setAccessibleName("Host video on")
        self.participant_video.setAccessibleName("Participants' video on")
        self.auto_recording = QComboBox()
        for text, value in _RECORDING:
            self.auto_recording.addItem(text, value.value)  # plain str: findData compares it
        self.auto_recording.setAccessibleName("Record automatically")
        self.join_before_host.setToolTip("Zoom turns this off when the waiting room is on")
        video = QWidget()
        row = _hbox(video)
        row.addWidget(self.host_video)
        row.addWidget(self.participant_video)
        row.addStretch(1)
        entry = QWidget()
        column = QVBoxLayout(entry)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        # The conflict with the waiting room is explained right under its checkbox.
        join_box, self.join_error = with_error(self.join_before_host)
        for box in (self.waiting_room, join_box, self.mute_upon_entry):
            column.addWidget(box)
        recording = QWidget()
        _hbox(recording).addWidget(self.auto_recording, 0, Qt.AlignmentFlag.AlignLeft)
        recording_label = QLabel(keys.RECORDING)
        recording_label.setBuddy(self.auto_recording)
        # Alt+V and Alt+J go to the first box of their group and leave it as it is.
        video_label, entry_label = QLabel(keys.VIDEO), QLabel(keys.JOINING)
        keys.focus_group(video_label, video, self.host_video)
        keys.focus_group(entry_label, entry, self.waiting_room)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.labels: dict[str, QLabel] = {}
        for name, label, field in (
            ("video", video_label, video),
            ("entry", entry_label, entry),
            ("auto_recording", recording_label, recording),
        ):
            cell, self.labels[name] = with_error(field)
            self.form.addRow(label, cell)
        for box in self._boxes():
            box.toggled.connect(self.changed)
        self.auto_recording.currentIndexChanged.connect(self.changed)

    def _boxes(self) -> tuple[QCheckBox, ...]:
        return (self.host_video, self.participant_video, self.waiting_room,
                self.join_before_host, self.mute_upon_entry)  # fmt: skip

    def register_errors(self, errors: FieldErrors) -> None:
        for name in ("host_video", "participant_video"):
            errors.add(f"settings.{name}", getattr(self, name), self.labels["video"])
        for name in ("waiting_room", "mute_upon_entry"):
            errors.add(f"settings.{name}", getattr(self, name), self.labels["entry"])
        errors.add("settings.join_before_host", self.join_before_host, self.join_error)
        errors.add("settings.auto_recording", self.auto_recording, self.labels["auto_recording"])

    def settings(self) -> MeetingSettings:
        return MeetingSettings(
            host_video=self.host_video.isChecked(),
            participant_video=self.participant_video.isChecked(),
            join_before_host=self.join_before_host.isChecked(),
            mute_upon_entry=self.mute_upon_entry.isChecked(),
            waiting_room=self.waiting_room.isChecked(),
            auto_recording=AutoRecording(self.auto_recording.currentData()),
        )

    def set_settings(self, settings: MeetingSettings) -> None:
        self.host_video.setChecked(settings.host_video)
        self.participant_video.setChecked(settings.participant_video)
        self.join_before_host.setChecked(settings.join_before_host)
        self.mute_upon_entry.setChecked(settings.mute_upon_entry)
        self.waiting_room.setChecked(settings.waiting_room)
        self.auto_recording.setCurrentIndex(
            self.auto_recording.findData(str(settings.auto_recording))
        )
