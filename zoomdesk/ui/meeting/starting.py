"""Where the meeting dialog starts and what it keeps: topic, series note, *My defaults*.

A new meeting starts from the user's defaults (``core.meeting_defaults``, read
on a worker), or from another meeting (*Duplicate*); *Save as my defaults*
keeps the form's duration, zone, settings and options, once the core's checks
pass for them, again on a worker. Nothing here touches a file on the GUI thread.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject

from zoomdesk.core.meeting import Meeting, MeetingDraft, MeetingType
from zoomdesk.core.meeting_defaults import defaults_of, duplicate, save_defaults
from zoomdesk.ui.meeting.form import MeetingForm
from zoomdesk.ui.meeting.page import Banner, Failure
from zoomdesk.ui.status import describe
from zoomdesk.ui.tasks import Task, TaskRunner

#: The fields *Save as my defaults* keeps (by Zoom's names, ``settings.*`` too).
KEPT_FIELDS = ("duration", "timezone", "settings")
SAVED = "Saved as your defaults: new meetings start with this duration, time zone and options."


def default_topic(user_name: str) -> str:
    """``Ada's Zoom meeting`` from ``Ada Lovelace``; ``My Zoom meeting`` without a name."""
    first = user_name.split()[0] if user_name.strip() else ""
    return f"{first}'s Zoom meeting" if first else "My Zoom meeting"


def series_note(details: dict[str, Any]) -> str:
    """For a recurring meeting: that a save changes every occurrence (counted when Zoom says)."""
    if details.get("type") != MeetingType.RECURRING_FIXED_TIME:
        return ""
    listed = details.get("occurrences")
    listed = listed if isinstance(listed, list) else []  # Zoom's data, not trusted
    count = sum(1 for o in listed if isinstance(o, dict) and o.get("status") != "deleted")
    if count > 1:
        return f"Changes apply to all {count} occurrences of this series."
    if count == 1:
        return "Changes apply to the one occurrence left in this series."
    return "Changes apply to every occurrence of this series."


def value_at(body: dict[str, Any], field: str) -> object:
    """The value ``body`` has at a dotted field name (``settings.audio``), or None."""
    value: object = body
    for part in field.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


class DefaultsKeeper(QObject):
    """*Save as my defaults*: checks the form's kept fields, then writes them on a worker."""

    def __init__(self, form: MeetingForm, banner: Banner, runner: TaskRunner) -> None:
        super().__init__(form)
        self._form, self._banner, self._runner = form, banner, runner
        self._task: Task | None = None

    def save(self) -> bool:
        """Start saving; False (with the reason in the banner) when the fields have errors."""
        if self._task is not None:
            return False
        draft = self._form.draft()
        errors = {k: v for k, v in draft.validate().items() if k.startswith(KEPT_FIELDS)}
        if errors:
            self._banner.show_failure(
                Failure("Fix the marked fields first: your defaults would carry their errors.")
            )
            return False
        defaults = defaults_of(draft)
        self._task = self._runner.run(lambda: save_defaults(defaults), self._saved, self._failed,
                                      "save my defaults")  # fmt: skip
        return True

    def busy(self) -> bool:
        return self._task is not None

    def _saved(self, _: object) -> None:
        self._task = None
        self._banner.show_note(SAVED)

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        problem = describe(exc)
        self._banner.show_failure(Failure(f"Your defaults were not saved. {problem.text}"))


def duplicate_of(meeting: Meeting, now: datetime | None = None) -> MeetingDraft:
    """*Duplicate*: a new meeting like ``meeting`` (Zoom's whole object), at the next half
    hour in its zone. ValueError when zoomdesk cannot edit such a meeting."""
    return duplicate(MeetingDraft.from_zoom_json(meeting.raw), now)
