"""Every field of a ``MeetingDraft`` in one form, with inline validation messages.

The form only turns widgets into a draft and back; ``validate()`` and the
recurrence summary come from the core, so the rules exist once (shared with
the CLI) and an error Zoom returns lands on the same widget as a local one.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateTimeEdit,
    QFormLayout,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from zoomdesk.core import wallclock
from zoomdesk.core.meeting import END_FIELD, MeetingDraft, MeetingType, recurrence_summary
from zoomdesk.core.systz import is_valid_zone
from zoomdesk.core.timezones import Zone, unbroken_zones
from zoomdesk.ui.meeting import access_keys as keys
from zoomdesk.ui.meeting.end_time import (
    EndKeeper,
    EndTimeEdit,
    show_wall,
    shown_wall,
    wall_time_edit,
)
from zoomdesk.ui.meeting.field_errors import FieldErrors, error_label, with_error
from zoomdesk.ui.meeting.fields import AgendaField, DurationPicker, OptionsBox, PasscodeField
from zoomdesk.ui.meeting.options_section import OptionsSection
from zoomdesk.ui.meeting.recurrence_editor import RecurrenceEditor
from zoomdesk.ui.meeting.success import when_text
from zoomdesk.ui.meeting.timezone_picker import TimezonePicker
from zoomdesk.ui.style import muted


def _form(parent: QWidget | None = None) -> QFormLayout:
    layout = QFormLayout(parent)
    layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    return layout


def _separator() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line


def now() -> datetime:
    """The current time (aware UTC); tests replace it."""
    return datetime.now(UTC)


def align_labels(*forms: QFormLayout) -> None:
    """Give every label of ``forms`` the widest one's width (one column across forms)."""
    labels = []
    for form in forms:
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            widget = item.widget() if item is not None else None
            if widget is not None:
                labels.append(widget)
    width = max((label.sizeHint().width() for label in labels), default=0)
    for label in labels:
        label.setMinimumWidth(width)


class MeetingForm(QWidget):
    """``draft()`` reads the widgets, ``set_draft()`` fills them; ``changed`` fires on any edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.errors = FieldErrors()
        self._filling = False
        # The start last given to set_start, with its fold: the second 02:30 of an
        # autumn night must come back as the second while the user leaves it alone.
        self._given_start: datetime | None = None
        self._viewer_zone = ""  # the user's own zone, for the "your time" line
        # The time zone message shown when the user last finished with that field.
        self._zone_error = ""

        self.topic = QLineEdit()
        self.topic.setAccessibleName("Topic")
        self.start_now = QRadioButton(keys.START_NOW)
        self.scheduled = QRadioButton(keys.AT)
        self.start = wall_time_edit(QDateTimeEdit(), "Start date and time")
        self.no_fixed_time = QRadioButton(keys.NO_FIXED_TIME)
        self._when = QButtonGroup(self)
        for button in (self.start_now, self.scheduled, self.no_fixed_time):
            self._when.addButton(button)
        self.scheduled.setChecked(True)
        self.duration = DurationPicker()
        self.end = EndTimeEdit()
        self.timezone = TimezonePicker()
        self.timezone.setAccessibleName("Time zone")
        # The start in the user's own zone, when the meeting's zone is another one.
        self.local_start = muted("")
        self.local_start.setAccessibleName("Start in your time zone")
        # Its text lines up with the date's, inside the edit's frame and margin.
        frame = self.start.style().pixelMetric(QStyle.PixelMetric.PM_SpinBoxFrameWidth)
        self.local_start.setIndent(frame + 2)
        self.local_start.hide()
        self.recurrence = RecurrenceEditor()
        self.passcode = PasscodeField()
        self.agenda = AgendaField()
        self.options = OptionsBox()
        self.more = OptionsSection(self.options)  # *Options*: what the dialog folds away

        layout = QVBoxLayout(self)
        # A gap before the scroll bar, which the form scrolls beside.
        layout.setContentsMargins(0, 0, 8, 0)
        # Messages about fields no widget shows (Zoom may name any field).
        self.general_error = error_label()
        layout.addWidget(self.general_error)
        main = _form()
        layout.addLayout(main)
        topic_box, topic_error = with_error(self.topic)
        main.addRow(keys.buddy_label(keys.TOPIC, self.topic), topic_box)
        when = QWidget()
        when_layout = QGridLayout(when)
        when_layout.setContentsMargins(0, 0, 0, 0)
        when_layout.setVerticalSpacing(4)
        when_layout.addWidget(self.scheduled, 0, 0)
        when_layout.addWidget(self.start, 0, 1)
        when_layout.addWidget(self.local_start, 1, 1)  # right under the date it explains
        when_layout.addWidget(self.start_now, 2, 0, 1, 2)
        when_layout.addWidget(self.no_fixed_time, 3, 0, 1, 2)
        when_layout.setColumnStretch(1, 1)
        when_box, when_error = with_error(when)
        when_label = QLabel(keys.WHEN)  # Alt+W focuses the chosen button, changing nothing
        keys.focus_group(when_label, when, self.scheduled)
        self._when.buttonToggled.connect(
            lambda button, on: when.setFocusProxy(button) if on else None
        )
        main.addRow(when_label, when_box)
        duration_box, duration_error = with_error(self.duration)
        main.addRow(keys.buddy_label(keys.DURATION, self.duration.preset), duration_box)
        end_box, end_error = with_error(self.end)
        main.addRow(keys.buddy_label(keys.ENDS, self.end), end_box)
        zone_box, zone_error = with_error(self.timezone)
        main.addRow(keys.buddy_label(keys.TIME_ZONE, self.timezone), zone_box)

        layout.addWidget(_separator())
        layout.addWidget(self.recurrence)
        layout.addWidget(_separator())
        details = _form()
        passcode_box, passcode_error = with_error(self.passcode)
        details.addRow(keys.buddy_label(keys.PASSCODE, self.passcode.edit), passcode_box)
        agenda_box, agenda_error = with_error(self.agenda)
        details.addRow(keys.buddy_label(keys.AGENDA, self.agenda.edit), agenda_box)
        layout.addLayout(details)
        layout.addWidget(_separator())
        layout.addWidget(self.options)
        layout.addWidget(_separator())
        layout.addWidget(self.more)
        layout.addStretch(1)  # spare height goes below the fields
        # One label column for all five parts, so the fields line up.
        align_labels(main, self.recurrence.form, details, self.options.form, self.more.form)

        self.errors.add("", self, self.general_error)
        self.errors.add("topic", self.topic, topic_error)
        self.errors.add("type", self.scheduled, when_error)
        self.errors.add("start_time", self.start, when_error)
        self.errors.add("duration", self.duration.minutes, duration_error)
        self.errors.add(END_FIELD, self.end, end_error)
        self.errors.add("timezone", self.timezone, zone_error)
        self.errors.add("password", self.passcode.edit, passcode_error)
        self.errors.add("agenda", self.agenda.edit, agenda_error)
        self.recurrence.register_errors(self.errors)
        self.options.register_errors(self.errors)
        self.more.register_errors(self.errors)

        for signal in (
            self.topic.textChanged,
            self._when.buttonToggled,
            self.start.dateTimeChanged,
            self.duration.changed,
            self.timezone.zoneChanged,
            self.timezone.zoneCommitted,
            self.recurrence.changed,
            self.passcode.changed,
            self.agenda.changed,
            self.options.changed,
            self.more.changed,
        ):
            signal.connect(self._on_edit)
        # The end follows the start and the duration, and sets the duration when edited.
        self.ends = EndKeeper(self.end, self.duration, self.start_value, self.timezone.zone,
                              self._on_edit)  # fmt: skip
        self._update_enabled()

    # -- the draft ------------------------------------------------------------------

    def meeting_type(self) -> MeetingType:
        if self.start_now.isChecked():
            return MeetingType.INSTANT
        if self.no_fixed_time.isChecked():
            return MeetingType.RECURRING_NO_FIXED_TIME
        if self.recurrence.kind_value() is not None:
            return MeetingType.RECURRING_FIXED_TIME
        return MeetingType.SCHEDULED

    def start_value(self) -> datetime:
        """The wall time shown; the fold ``set_start`` was given while it is still the same."""
        wall = shown_wall(self.start)
        given = self._given_start
        # Naive datetimes compare equal across fold: this asks "same date and time shown?".
        if given is not None and given == wall:
            return wall.replace(fold=given.fold)
        return wall

    def draft(self) -> MeetingDraft:
        kind = self.meeting_type()
        fixed = kind in (MeetingType.SCHEDULED, MeetingType.RECURRING_FIXED_TIME)
        draft = MeetingDraft(
            topic=self.topic.text(),
            type=kind,
            start=self.start_value() if fixed else None,
            timezone=self.timezone.zone(),
            duration=self.ends.draft_duration(self.duration.value()),
            passcode=self.passcode.text(),
            agenda=self.agenda.text(),
            settings=self.options.settings(),
            recurrence=self.recurrence.recurrence() if fixed else None,
        )
        return self.more.apply_to(draft)  # the Options section's part, and the template

    def set_draft(self, draft: MeetingDraft) -> None:
        """Show ``draft``; a start-less draft keeps the date/time shown (for switching back)."""
        self._filling = True
        try:
            self.topic.setText(draft.topic)
            kind = MeetingType(draft.type)
            {
                MeetingType.INSTANT: self.start_now,
                MeetingType.RECURRING_NO_FIXED_TIME: self.no_fixed_time,
            }.get(kind, self.scheduled).setChecked(True)
            if draft.start is not None:
                self.set_start(draft.start)
                self.recurrence.set_start_date(draft.start.date())
            elif self._given_start is None:
                self.set_start(self._proposed_start(draft.timezone))
            self.duration.set_minutes(draft.duration)
            self.timezone.set_zone(draft.timezone)
            self.recurrence.set_recurrence(draft.recurrence)
            self.passcode.setText(draft.passcode)
            self.agenda.setText(draft.agenda)
            self.options.set_settings(draft.settings)
            self.more.set_draft(draft)
        finally:
            self._filling = False
        self._on_edit()

    def set_start(self, wall: datetime) -> None:
        """Show ``wall``; its ``fold`` (which of a repeated hour's two) is kept by
        ``start_value`` until the user changes the date or time."""
        self._given_start = wall.replace(microsecond=0, tzinfo=None)
        show_wall(self.start, wall)  # seconds kept: unchanged means unchanged

    def _proposed_start(self, zone: str) -> datetime:
        """For a meeting without a start ("Start now"): the next half hour in its zone (or
        the user's), so choosing *At* offers a time worth keeping, not 1 Jan 2000."""
        tz = wallclock.zone(zone) or wallclock.zone(self._viewer_zone) or UTC
        return wallclock.next_half_hour(now(), tz)

    def set_zones(self, zones: tuple[Zone, ...]) -> None:
        self.timezone.set_zones(zones)

    def set_viewer_zone(self, name: str) -> None:
        """The user's own zone (the dialog's to say): a start in another zone is also
        shown in this one. None set, no such line."""
        self._viewer_zone = name
        self._update_local_start()

    def viewer_zone(self) -> str:
        return self._viewer_zone

    def snapshot(self) -> tuple[object, ...]:
        """What the user can change, to tell whether they changed anything."""
        draft = self.draft()
        return (draft, self.start_value(), self.recurrence.recurrence())

    def show_errors(self, errors: dict[str, str]) -> dict[str, str]:
        """Show messages next to their fields; returns those no field shows."""
        if "password" in errors:
            self.passcode.reveal()
        return self.errors.show(self._zone_errors(self.ends.errors(dict(errors))))

    def _zone_errors(self, errors: dict[str, str]) -> dict[str, str]:
        """The time zone's message in plain words, and only once the user is done typing.

        A search being typed (``new yo``) is not a mistake yet: until the field is
        committed the message of the last commit stays as it was (so the dialog does
        not grow and shrink with each key), and none appears if there was none.
        """
        message = errors.get("timezone")
        if message is None:
            self._zone_error = ""
            return errors
        name = self.timezone.zone()
        if name and not is_valid_zone(name):
            message = f"No time zone called “{name}”. Pick one from the list."
        if self.timezone.is_searching():
            if self._zone_error:
                errors["timezone"] = self._zone_error
            else:
                del errors["timezone"]
        else:
            errors["timezone"] = self._zone_error = message
        return errors

    # -- reactions ------------------------------------------------------------------

    def _on_edit(self) -> None:
        if self._filling:
            return
        self._update_enabled()
        self.ends.follow()
        self.recurrence.set_start_date(self.start_value().date())
        self.recurrence.set_summary(recurrence_summary(self.draft()))
        self._update_local_start()
        self.changed.emit()

    def _update_local_start(self) -> None:
        """``That is Mon 30 Nov 2026, 15:30 your time (Europe/Berlin).`` under the start,
        when the meeting's zone puts it at another wall time than the user's own zone."""
        if self.timezone.is_searching():
            return  # the zone is still being typed: keep the line (and the height) as is
        text = ""
        here = wallclock.zone(self._viewer_zone)
        there = wallclock.zone(self.timezone.zone())
        if self.scheduled.isChecked() and here is not None and there is not None:
            wall = self.start_value()
            local = wallclock.seen_in(wall.replace(tzinfo=there), here)
            # Same wall time (same zone, or one with the same offset then): nothing to add.
            # A time the clocks skip gets no line: the start's own message explains; nor
            # does one past the year 9999 here: the rules refuse it.
            if (
                local is not None
                and local.replace(tzinfo=None) != wall
                and wallclock.exists(wall, there)
            ):
                zone = unbroken_zones(self._viewer_zone)  # one line, never split at the "/"
                text = f"That is {when_text(local, 0)} your time ({zone})."
        self.local_start.setText(text)
        self.local_start.setVisible(bool(text))

    def _update_enabled(self) -> None:
        fixed = self.scheduled.isChecked()
        self.start.setEnabled(fixed)
        self.end.setEnabled(fixed)
        # Zoom ignores the zone and the schedule of instant and no-fixed-time meetings.
        self.timezone.setEnabled(fixed)
        self.recurrence.setEnabled(fixed)
        self.more.set_meeting_type(self.meeting_type())
