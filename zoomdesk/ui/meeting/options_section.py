"""The meeting form's *Options* section: template, PMI, hosts, invitees, registration and more.

It folds away under one *Options* button, open or closed as the user last left
it (``ui_state``, written on a worker), and asks Zoom for the templates and the
Personal Meeting ID only once it is first opened. The values go into the draft
and through the core's checks like every other field (errors land here under
Zoom's names); the one rule applied as the user chooses is the core's
``without_e2ee_conflicts``: end-to-end encryption turns off, and greys out with
the reason, what it excludes, join before host and cloud recording included.
An option the meeting never had stays unsent until the user changes it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from zoomdesk.core import ui_state
from zoomdesk.core.meeting import (
    CLASSIC_SETTINGS,
    ApprovalType,
    Audio,
    AutoRecording,
    Encryption,
    MeetingDraft,
    MeetingSettings,
    MeetingType,
    RegistrationType,
    format_meeting_id,
    split_addresses,
    without_e2ee_conflicts,
)
from zoomdesk.core.user import User
from zoomdesk.ui.meeting import access_keys as keys
from zoomdesk.ui.meeting.field_errors import FieldErrors, with_error
from zoomdesk.ui.meeting.fields import OptionsBox
from zoomdesk.ui.meeting.option_choices import (
    AUDIO,
    E2EE_NOTE,
    E2EE_OFF,
    ENCRYPTION,
    PMI_RECURRING,
    REGISTRATION,
    REGISTRATION_TYPE,
    TOGGLE_STYLE,
    choice_box,
    set_item_enabled,
)
from zoomdesk.ui.meeting.template_picker import TemplatePicker
from zoomdesk.ui.style import muted
from zoomdesk.ui.tasks import TaskRunner

OPEN_FLAG = "meeting_options_open"
__all__ = ["E2EE_OFF", "OPEN_FLAG", "PMI_RECURRING", "OptionsSection"]


class OptionsSection(QWidget):
    """The *Options* button and what it folds away; ``changed`` fires on any edit."""

    changed = Signal()

    def __init__(self, classic: OptionsBox, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._classic = classic  # the settings above, which end-to-end encryption limits
        self._join_text = classic.join_before_host.text()  # its access key included
        self._given = MeetingSettings()  # the draft's options, to leave unset ones unsent
        self._kind = MeetingType.SCHEDULED
        self._template_base: MeetingSettings | None = None  # settings when a template came
        self._runner: TaskRunner | None = None
        self._client: Callable[[], Any] | None = None
        self._asked = False
        self.toggle = QToolButton()
        self.toggle.setText(keys.OPTIONS)
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setAutoRaise(True)
        # A heading that opens, not a button that stays pressed in: flat, open or closed.
        self.toggle.setObjectName("optionsToggle")
        self.toggle.setStyleSheet(TOGGLE_STYLE)
        self.toggle.setAccessibleName("Options")
        self.summary = muted("")
        self.summary.setAccessibleName("Options chosen")
        self.body = QWidget()

        self.template = TemplatePicker()
        self.template_note = muted("Settings you leave as they are come from the template.")
        self.template_note.hide()
        self.use_pmi = QCheckBox(keys.PMI)
        self.use_pmi.setAccessibleName("Use my Personal Meeting ID")
        self.pmi_reason = muted(PMI_RECURRING)
        self.pmi_reason.hide()
        self.alternative_hosts = QLineEdit()
        self.alternative_hosts.setAccessibleName("Alternative hosts")
        self.alternative_hosts.setPlaceholderText("E-mail addresses of people in your account")
        self.invitees = QLineEdit()
        self.invitees.setAccessibleName("Invitees")
        self.invitees.setPlaceholderText("E-mail addresses, separated by commas")
        self.registration = choice_box("Registration", REGISTRATION)
        self.registration_type = choice_box("Registrants join", REGISTRATION_TYPE)
        self.encryption = choice_box("Encryption", ENCRYPTION)
        self.e2ee_note = muted(E2EE_NOTE)
        self.e2ee_note.hide()
        self.audio = choice_box("Audio", AUDIO)
        self.summary_box = QCheckBox(keys.SUMMARY)
        self.summary_box.setAccessibleName("AI Companion meeting summary")

        self.form = QFormLayout(self.body)
        self.form.setContentsMargins(0, 4, 0, 0)
        self._labels: dict[str, QLabel] = {}
        self._rows: dict[str, QWidget] = {}
        for field, label, widgets in (
            ("template_id", keys.buddy_label(keys.TEMPLATE, self.template.combo),
             (self.template, self.template_note)),
            ("settings.use_pmi", QLabel("Meeting ID:"), (self.use_pmi, self.pmi_reason)),
            ("settings.alternative_hosts",
             keys.buddy_label(keys.ALTERNATIVE_HOSTS, self.alternative_hosts),
             (self.alternative_hosts,)),
            ("settings.meeting_invitees", keys.buddy_label(keys.INVITEES, self.invitees),
             (self.invitees,)),
            ("settings.approval_type", keys.buddy_label("Registration:", self.registration),
             (self.registration,)),
            ("settings.registration_type",
             keys.buddy_label("Registrants join:", self.registration_type),
             (self.registration_type,)),
            ("settings.encryption_type", keys.buddy_label(keys.ENCRYPTION, self.encryption),
             (self.encryption, self.e2ee_note)),
            ("settings.audio", keys.buddy_label(keys.AUDIO, self.audio), (self.audio,)),
            ("settings.auto_start_meeting_summary", QLabel("Summary:"), (self.summary_box,)),
        ):  # fmt: skip
            cell = QWidget()
            column = QVBoxLayout(cell)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            for widget in widgets:
                column.addWidget(widget)
            box, self._labels[field] = with_error(cell)
            self._rows[field] = box
            self.form.addRow(label, box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.toggle)
        layout.addWidget(self.summary)
        layout.addWidget(self.body)

        self.toggle.toggled.connect(self._on_toggled)
        self.template.changed.connect(self._on_template)
        for signal in (self.use_pmi.toggled, self.alternative_hosts.textChanged,
                       self.invitees.textChanged, self.registration.currentIndexChanged,
                       self.registration_type.currentIndexChanged, self.audio.currentIndexChanged,
                       self.summary_box.toggled):  # fmt: skip
            signal.connect(self._on_edit)
        self.encryption.currentIndexChanged.connect(self._on_encryption)
        self._show_open(bool(ui_state.cached_flag(OPEN_FLAG)))
        self._update()

    # -- open or closed -------------------------------------------------------------

    def attach(self, runner: TaskRunner, client: Callable[[], Any]) -> None:
        """Where to ask Zoom (``client()``: the account's client now) and save the open state."""
        self._runner, self._client = runner, client
        self._show_open(bool(ui_state.cached_flag(OPEN_FLAG)))  # state.json is read by now
        if self.is_open():
            self._ask_zoom()

    def is_open(self) -> bool:
        return self.toggle.isChecked()

    def set_open(self, open_: bool) -> None:
        """Open or close the section as the user would (remembered for the next dialog)."""
        self.toggle.setChecked(open_)

    def _on_toggled(self, open_: bool) -> None:
        self._show_open(open_)
        if self._runner is not None:
            self._runner.run(lambda: ui_state.remember_flag(OPEN_FLAG, open_),
                             name="remember the options")  # fmt: skip
        if open_:
            self._ask_zoom()
        self.changed.emit()  # the dialog fits its new height (the draft is the same)

    def _show_open(self, open_: bool) -> None:
        self.toggle.blockSignals(True)
        self.toggle.setChecked(open_)
        self.toggle.blockSignals(False)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if open_ else Qt.ArrowType.RightArrow)
        self.body.setVisible(open_)
        self.summary.setVisible(not open_ and bool(self.summary.text()))

    def _ask_zoom(self) -> None:
        """Templates and the PMI, once: only a user who opens the section needs them."""
        if self._asked or self._runner is None or self._client is None:
            return
        self._asked = True
        client = self._client
        self.template.load(self._runner, lambda: client().meeting_templates())
        self._runner.run(lambda: User.from_zoom_json(client().me()).pmi, self._show_pmi,
                         lambda _exc: None, "personal meeting ID")  # fmt: skip

    def _show_pmi(self, pmi: str) -> None:
        if pmi:
            self.use_pmi.setText(f"{keys.PMI}, {format_meeting_id(pmi)}")

    def cancel(self) -> None:
        self.template.cancel()

    def open_for(self, shown: dict[str, str] | Any) -> None:
        """Open the section (not remembered) when a message is about one of its fields."""
        if not self.is_open() and any(field in self._rows for field in shown):
            self._show_open(True)
            self._ask_zoom()

    def register_errors(self, errors: FieldErrors) -> None:
        widgets = {"template_id": self.template.combo, "settings.use_pmi": self.use_pmi,
                   "settings.alternative_hosts": self.alternative_hosts,
                   "settings.meeting_invitees": self.invitees,
                   "settings.approval_type": self.registration,
                   "settings.registration_type": self.registration_type,
                   "settings.encryption_type": self.encryption, "settings.audio": self.audio,
                   "settings.auto_start_meeting_summary": self.summary_box}  # fmt: skip
        for field, widget in widgets.items():
            errors.add(field, widget, self._labels[field])
        errors.watch(self.open_for)

    # -- the values -----------------------------------------------------------------

    def set_draft(self, draft: MeetingDraft) -> None:
        """Show the options of ``draft`` (its classic settings are the ``OptionsBox``'s)."""
        s = self._given = draft.settings
        self.template.set_template_id(draft.template_id)
        self._template_base = self._classic.settings() if draft.template_id else None
        self.use_pmi.setChecked(bool(s.use_pmi))
        self.alternative_hosts.setText("; ".join(s.alternative_hosts or ()))
        self.invitees.setText(", ".join(s.meeting_invitees or ()))
        for combo, value, first in (
            (self.registration, s.approval_type, ApprovalType.NO_REGISTRATION),
            (self.registration_type, s.registration_type, RegistrationType.ONCE_FOR_ALL),
            (self.encryption, s.encryption_type, Encryption.ENHANCED),
            (self.audio, s.audio, Audio.BOTH),
        ):
            index = combo.findData((first if value is None else value).value)
            combo.setCurrentIndex(max(index, 0))
        self.summary_box.setChecked(bool(s.auto_start_meeting_summary))
        self._update()

    def set_meeting_type(self, kind: MeetingType) -> None:
        if kind != self._kind:
            self._kind = kind
            self._update()

    def settings(self, classic: MeetingSettings) -> MeetingSettings:
        """``classic`` with the options shown; those never given and left alone stay None."""
        given = self._given
        recurring = self._kind == MeetingType.RECURRING_FIXED_TIME
        pmi = self.use_pmi.isChecked() and not recurring  # not sent for a series: Zoom refuses

        def kept(value: Any, first: Any, before: Any) -> Any:
            return None if before is None and value == first else value

        return dataclasses.replace(
            classic,
            use_pmi=True if pmi else (False if given.use_pmi else None),
            alternative_hosts=self._addresses(self.alternative_hosts, given.alternative_hosts),
            meeting_invitees=self._addresses(self.invitees, given.meeting_invitees),
            approval_type=kept(ApprovalType(self.registration.currentData()),
                               ApprovalType.NO_REGISTRATION, given.approval_type),
            registration_type=kept(RegistrationType(self.registration_type.currentData()),
                                   RegistrationType.ONCE_FOR_ALL, given.registration_type),
            encryption_type=kept(Encryption(self.encryption.currentData()), Encryption.ENHANCED,
                                 given.encryption_type),
            audio=kept(Audio(self.audio.currentData()), Audio.BOTH, given.audio),
            auto_start_meeting_summary=self.summary_box.isChecked() or (
                False if given.auto_start_meeting_summary is not None else None),
        )  # fmt: skip

    @staticmethod
    def _addresses(edit: QLineEdit, given: tuple[str, ...] | None) -> tuple[str, ...] | None:
        found = split_addresses(edit.text())
        return None if not found and given is None else found

    def apply_to(self, draft: MeetingDraft) -> MeetingDraft:
        """``draft`` (classic settings filled in) with the options and the template."""
        draft.settings = self.settings(draft.settings)
        template_id = self.template.template_id()
        if not template_id:
            return draft
        base = self._template_base or draft.settings
        chosen = {k for k in CLASSIC_SETTINGS if getattr(draft.settings, k) != getattr(base, k)}
        draft = draft.with_template(template_id)
        draft.left_to_template = draft.left_to_template - chosen
        return draft

    # -- reactions ------------------------------------------------------------------

    def _on_template(self) -> None:
        # From now on a classic setting changed here wins over the template's.
        self._template_base = self._classic.settings() if self.template.template_id() else None
        self._on_edit()

    def _on_encryption(self) -> None:
        if self.encryption.currentData() == Encryption.END_TO_END.value:
            fixed = without_e2ee_conflicts(self.settings(self._classic.settings()))
            self._classic.join_before_host.setChecked(fixed.join_before_host)
            recording = self._classic.auto_recording
            recording.setCurrentIndex(recording.findData(str(fixed.auto_recording)))
            self.audio.setCurrentIndex(self.audio.findData(Audio.VOIP.value))
            self.summary_box.setChecked(bool(fixed.auto_start_meeting_summary))
        self._on_edit()

    def _on_edit(self) -> None:
        self._update()
        self.changed.emit()

    def _update(self) -> None:
        e2ee = self.encryption.currentData() == Encryption.END_TO_END.value
        join = self._classic.join_before_host
        join.setEnabled(not e2ee)
        join.setText(self._join_text + (E2EE_OFF if e2ee else ""))
        set_item_enabled(self._classic.auto_recording, AutoRecording.CLOUD.value, not e2ee,
                          "In the cloud")  # fmt: skip
        for text, value in AUDIO[:2]:
            set_item_enabled(self.audio, value.value, not e2ee, text)
        self.summary_box.setEnabled(not e2ee)
        self.summary_box.setText(keys.SUMMARY +
                                 (E2EE_OFF if e2ee else ""))  # fmt: skip
        self.e2ee_note.setVisible(e2ee)
        recurring = self._kind == MeetingType.RECURRING_FIXED_TIME
        self.use_pmi.setEnabled(not recurring)
        self.use_pmi.setToolTip(PMI_RECURRING if recurring else "")
        self.pmi_reason.setVisible(recurring)
        registration = self.registration.currentData() != ApprovalType.NO_REGISTRATION.value
        self.form.setRowVisible(self._rows["settings.registration_type"],
                                recurring and registration)  # fmt: skip
        self.template_note.setVisible(bool(self.template.template_id()))
        self.summary.setText(self._summary(e2ee, registration))
        self.summary.setVisible(not self.is_open() and bool(self.summary.text()))

    def _summary(self, e2ee: bool, registration: bool) -> str:
        """What the closed section holds that is not the usual: a reminder it is there."""
        parts = []
        if self.template.template_id():
            parts.append(f"template {self.template.template_name()}")
        if self.use_pmi.isChecked() and self.use_pmi.isEnabled():
            parts.append("your Personal Meeting ID")
        if self.alternative_hosts.text().strip():
            parts.append("alternative hosts")
        if self.invitees.text().strip():
            parts.append("invitees")
        if registration:
            parts.append("registration")
        if e2ee:
            parts.append("end-to-end encryption")
        if self.summary_box.isChecked():
            parts.append("AI summary")
        return ("With " + ", ".join(parts) + ".") if parts else ""
