"""The recurrence part of the meeting form: how often, on which days, until when.

It edits a ``core.meetings.Recurrence`` and nothing else; the summary line and
the validation messages come from the core, through the form. The summary is
hidden while a message is shown here: it would describe a schedule Zoom refuses.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from zoomdesk.core.meeting import Recurrence, RecurrenceType
from zoomdesk.core.meeting.calendar_words import zoom_weekday
from zoomdesk.ui.meeting import access_keys as keys
from zoomdesk.ui.meeting.field_errors import FieldErrors, error_label
from zoomdesk.ui.meeting.weekday_buttons import WEEKDAYS, WeekdayButtons

#: Zoom's ``monthly_week``: 1..4, and -1 for the last week.
WEEKS = (("first", 1), ("second", 2), ("third", 3), ("fourth", 4), ("last", -1))
#: Item data is a plain int (``findData`` compares it); 0 means "does not repeat".
_KINDS = (
    ("Does not repeat", 0),
    ("Daily", int(RecurrenceType.DAILY)),
    ("Weekly", int(RecurrenceType.WEEKLY)),
    ("Monthly", int(RecurrenceType.MONTHLY)),
)
_UNITS = {
    RecurrenceType.DAILY: "day",
    RecurrenceType.WEEKLY: "week",
    RecurrenceType.MONTHLY: "month",
}


def _row(*widgets: QWidget, stretch: bool = True) -> QWidget:
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    if stretch:
        layout.addStretch(1)
    return box


def _column(*widgets: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    for widget in widgets:
        layout.addWidget(widget)
    return box


class RecurrenceEditor(QWidget):
    """``recurrence()`` is None for a one-off meeting; ``changed`` fires on every edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._start = date.today()
        self._quiet = False
        self._has_errors = False  # a recurrence message is shown: no summary
        self.kind = QComboBox()
        for text, kind in _KINDS:
            self.kind.addItem(text, kind)
        self.kind.setAccessibleName("Repeats")
        self.interval = QSpinBox()
        self.interval.setRange(1, 99)  # the core explains Zoom's per-unit limits
        self.interval.setAccessibleName("Repeat every")
        self.unit = QLabel()
        self.every_label = QLabel("every")
        self.interval_error = error_label()

        self.days = WeekdayButtons()
        self.day_buttons = self.days.buttons
        self.days_error = error_label()

        self.by_day = QRadioButton("Day")
        self.month_day = QSpinBox()
        self.month_day.setRange(1, 31)
        self.month_day.setAccessibleName("Day of the month")
        self.by_weekday = QRadioButton("The")
        self.month_week = QComboBox()
        for text, number in WEEKS:
            self.month_week.addItem(text, number)
        self.month_week.setAccessibleName("Week of the month")
        self.month_week_day = QComboBox()
        for _short, name, number in WEEKDAYS:
            self.month_week_day.addItem(name, number)
        self.month_week_day.setAccessibleName("Weekday")
        self._monthly_mode = QButtonGroup(self)
        self._monthly_mode.addButton(self.by_day)
        self._monthly_mode.addButton(self.by_weekday)
        self.by_day.setChecked(True)
        self.monthly = _column(
            _row(self.by_day, self.month_day, QLabel("of the month")),
            _row(self.by_weekday, self.month_week, self.month_week_day),
        )
        self.monthly_error = error_label()

        self.end_after = QRadioButton("After")
        self.end_times = QSpinBox()
        self.end_times.setRange(1, 999)  # Zoom allows 365; the core says so
        self.end_times.setSuffix(" occurrences")
        self.end_times.setAccessibleName("Number of occurrences")
        self.end_on = QRadioButton("On")
        self.end_date = QDateEdit()
        self.end_date.setCalendarPopup(True)
        self.end_date.setDisplayFormat("d MMM yyyy")
        self.end_date.setAccessibleName("End date")
        self._end_mode = QButtonGroup(self)
        self._end_mode.addButton(self.end_after)
        self._end_mode.addButton(self.end_on)
        self.end_after.setChecked(True)
        self.end_times.setValue(7)
        self.ends = _row(self.end_after, self.end_times, self.end_on, self.end_date)
        self.ends_error = error_label()

        self.summary = QLabel()
        self.summary.setObjectName("recurrenceSummary")
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Recurrence summary")

        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form = layout
        repeats = QLabel(keys.REPEATS)
        repeats.setBuddy(self.kind)  # Alt+E lands in the combo box, not its row
        layout.addRow(
            repeats,
            _column(
                _row(self.kind, self.every_label, self.interval, self.unit), self.interval_error
            ),
        )
        layout.addRow("On:", _column(self.days, self.days_error))
        layout.addRow("On:", _column(self.monthly, self.monthly_error))
        layout.addRow("Ends:", _column(self.ends, self.ends_error))
        layout.addRow("", self.summary)

        for signal in (
            self.kind.currentIndexChanged,
            self.interval.valueChanged,
            self.month_day.valueChanged,
            self.month_week.currentIndexChanged,
            self.month_week_day.currentIndexChanged,
            self.end_times.valueChanged,
            self.end_date.dateChanged,
            self._monthly_mode.buttonToggled,
            self._end_mode.buttonToggled,
        ):
            signal.connect(self._on_edit)
        self.days.changed.connect(self._on_edit)
        self.kind.currentIndexChanged.connect(self._on_kind)
        self._defaults_from_start()
        self._on_kind()

    # -- public ---------------------------------------------------------------------

    def register_errors(self, errors: FieldErrors) -> None:
        """Put Zoom's ``recurrence.*`` messages next to the widgets they are about."""
        fields: tuple[tuple[str, QWidget, QLabel], ...] = (
            ("recurrence", self.kind, self.interval_error),
            ("recurrence.type", self.kind, self.interval_error),
            ("recurrence.repeat_interval", self.interval, self.interval_error),
            ("recurrence.weekly_days", self.days, self.days_error),
            ("recurrence.monthly_day", self.month_day, self.monthly_error),
            ("recurrence.monthly_week", self.month_week, self.monthly_error),
            ("recurrence.monthly_week_day", self.month_week_day, self.monthly_error),
            ("recurrence.end_times", self.end_times, self.ends_error),
            ("recurrence.end_date_time", self.end_date, self.ends_error),
        )
        for name, widget, label in fields:
            errors.add(name, widget, label)
        mine = {name for name, _widget, _label in fields}

        def shown(messages: Mapping[str, str]) -> None:
            self._has_errors = any(errors.lookup(field) in mine for field in messages)
            self._show_summary()

        errors.watch(shown)

    def set_start_date(self, day: date) -> None:
        """The meeting's first day: the defaults for weekday, day of month and end date.

        Only while the meeting does not repeat, so choices already made are kept.
        """
        if day == self._start:
            return
        self._start = day
        if self.kind_value() is None:
            self._defaults_from_start()

    def kind_value(self) -> RecurrenceType | None:
        data = self.kind.currentData()
        return RecurrenceType(data) if data else None

    def recurrence(self) -> Recurrence | None:
        kind = self.kind_value()
        if kind is None:
            return None
        rec = Recurrence(
            type=kind,
            repeat_interval=self.interval.value(),
            end_times=self.end_times.value() if self.end_after.isChecked() else None,
            end_date=self._end_day() if self.end_on.isChecked() else None,
        )
        if kind is RecurrenceType.WEEKLY:
            return replace(rec, weekly_days=self.days.days())
        if kind is RecurrenceType.MONTHLY and self.by_day.isChecked():
            return replace(rec, monthly_day=self.month_day.value())
        if kind is RecurrenceType.MONTHLY:
            week, day = self.month_week.currentData(), self.month_week_day.currentData()
            return replace(rec, monthly_week=week, monthly_week_day=day)
        return rec

    def set_recurrence(self, rec: Recurrence | None) -> None:
        """Show ``rec`` (None: does not repeat); fields it does not use keep their defaults."""
        self._defaults_from_start()
        self.kind.setCurrentIndex(self.kind.findData(int(rec.type) if rec else 0))
        if rec is None:
            return
        self.interval.setValue(rec.repeat_interval or 1)
        self.days.set_days(rec.weekly_days)
        if rec.monthly_week:
            self.by_weekday.setChecked(True)
            self.month_week.setCurrentIndex(self.month_week.findData(rec.monthly_week))
            self.month_week_day.setCurrentIndex(self.month_week_day.findData(rec.monthly_week_day))
        elif rec.monthly_day:
            self.by_day.setChecked(True)
            self.month_day.setValue(rec.monthly_day)
        if rec.end_date is not None:
            self.end_on.setChecked(True)
            end = rec.end_date
            self.end_date.setDate(QDate(end.year, end.month, end.day))
        elif rec.end_times:
            self.end_after.setChecked(True)
            self.end_times.setValue(rec.end_times)

    def _end_day(self) -> date:
        value = self.end_date.date()
        return date(value.year(), value.month(), value.day())

    def set_summary(self, text: str) -> None:
        self.summary.setText(text)

    def _show_summary(self) -> None:
        self.form.setRowVisible(4, self.kind_value() is not None and not self._has_errors)

    # -- internals ------------------------------------------------------------------

    def _defaults_from_start(self) -> None:
        # Defaults are not edits: one change signal at most, from the caller.
        self._quiet = True
        try:
            self._apply_defaults()
        finally:
            self._quiet = False

    def _apply_defaults(self) -> None:
        start = self._start
        self.days.set_days([zoom_weekday(start)])
        self.month_day.setValue(start.day)
        week = (start.day + 6) // 7  # the 29th-31st are in the 5th week: "last"
        self.month_week.setCurrentIndex(self.month_week.findData(week if week <= 4 else -1))
        self.month_week_day.setCurrentIndex(self.month_week_day.findData(zoom_weekday(start)))
        self.end_date.setDate(QDate(start.year, start.month, start.day).addMonths(1))
        self._on_edit()

    def _on_kind(self) -> None:
        kind = self.kind_value()
        repeating = kind is not None
        for widget in (self.every_label, self.interval, self.unit):
            widget.setVisible(repeating)
        self.form.setRowVisible(1, kind is RecurrenceType.WEEKLY)
        self.form.setRowVisible(2, kind is RecurrenceType.MONTHLY)
        self.form.setRowVisible(3, repeating)
        self._show_summary()
        self._on_edit()

    def _on_edit(self) -> None:
        kind = self.kind_value()
        if kind is not None:
            self.unit.setText(_UNITS[kind] + ("s" if self.interval.value() != 1 else ""))
        self.month_day.setEnabled(self.by_day.isChecked())
        self.month_week.setEnabled(self.by_weekday.isChecked())
        self.month_week_day.setEnabled(self.by_weekday.isChecked())
        self.end_times.setEnabled(self.end_after.isChecked())
        self.end_date.setEnabled(self.end_on.isChecked())
        if not self._quiet:
            self.changed.emit()
