"""The *Template* picker: the user's Zoom meeting templates, loaded on a worker.

Zoom lists both kinds (``GET /users/me/meeting_templates``), but the 2023-10
schema says ``template_id`` takes only an account admin's: the user's own ones
are listed, greyed out, with the reason, rather than sent to be refused. A
template a meeting was given that Zoom no longer lists stays choosable by its ID.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QComboBox, QVBoxLayout, QWidget

from zoomdesk.core.meeting import MeetingTemplate, templates_from_zoom_json
from zoomdesk.ui.status import describe
from zoomdesk.ui.style import muted
from zoomdesk.ui.tasks import Task, TaskRunner
from zoomdesk.ui.untrusted import plain_tooltip

NO_TEMPLATE = "None"
PERSONAL = " (personal: Zoom schedules only from account templates)"


class TemplatePicker(QWidget):
    """A combo box of templates (first: none) and a line saying how the list came to be."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox()
        # As wide as its column, whatever the names Zoom sends: the dialog keeps its width.
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.combo.setMinimumContentsLength(12)
        self.combo.setAccessibleName("Meeting template")
        self.combo.addItem(NO_TEMPLATE, "")
        self.note = muted("")
        self.note.setAccessibleName("Template list status")
        self.note.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.combo)
        layout.addWidget(self.note)
        self._wanted = ""  # asked for before the list came: chosen once it does
        self._task: Task | None = None
        self.loaded = False
        self.combo.currentIndexChanged.connect(self.changed)

    # -- the list -------------------------------------------------------------------

    def load(self, runner: TaskRunner, fetch: Callable[[], dict[str, Any]]) -> None:
        """Ask Zoom for the templates on ``runner``; the list fills in when they come."""
        if self._task is not None:
            return
        self._say("Loading your Zoom templates…")
        self._task = runner.run(fetch, self._on_loaded, self._on_failed, "meeting templates")

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None

    def _on_loaded(self, answer: dict[str, Any]) -> None:
        self._task = None
        self.loaded = True
        templates = templates_from_zoom_json(answer if isinstance(answer, dict) else {})
        self.set_templates(templates)
        self._say("" if templates else "Zoom has no meeting templates for you.")

    def _on_failed(self, exc: BaseException) -> None:
        self._task = None
        self._say(f"Your templates could not be loaded. {describe(exc).text}")

    def set_templates(self, templates: list[MeetingTemplate]) -> None:
        """List ``templates`` after *None*, keeping the choice (or the one wanted)."""
        keep = self.template_id() or self._wanted
        self.combo.blockSignals(True)
        try:
            while self.combo.count() > 1:
                self.combo.removeItem(1)
            model = self.combo.model()
            for template in templates:
                name = template.name.strip() or template.id
                self.combo.addItem(name if template.is_admin else name + PERSONAL, template.id)
                if not template.is_admin and isinstance(model, QStandardItemModel):
                    item = model.item(self.combo.count() - 1)
                    if item is not None:
                        item.setEnabled(False)
                        item.setToolTip(plain_tooltip(
                            "Zoom's API schedules only from templates an account admin made."
                        ))  # fmt: skip
        finally:
            self.combo.blockSignals(False)
        self._select(keep)

    # -- the choice -----------------------------------------------------------------

    def template_id(self) -> str:
        return str(self.combo.currentData() or "")

    def template_name(self) -> str:
        return self.combo.currentText() if self.template_id() else ""

    def set_template_id(self, template_id: str) -> None:
        """Choose ``template_id`` ("" for none); one not listed (yet) waits for the list."""
        self._wanted = template_id
        self._select(template_id)

    def _select(self, template_id: str) -> None:
        index = self.combo.findData(template_id)
        if index < 0 and template_id and self.loaded:
            self.combo.addItem(f"Template {template_id}", template_id)  # no longer listed
            index = self.combo.count() - 1
        if index >= 0:
            self.combo.setCurrentIndex(index)

    def _say(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))
