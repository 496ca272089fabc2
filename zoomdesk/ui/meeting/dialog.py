"""The *New meeting* / *Edit meeting* dialog: form, live validation, the request, the result.

Every Zoom call and file write goes through the ``TaskRunner``; the GUI thread
only validates (pure, cheap) and moves widgets. While a request runs the form
is disabled, so a second click cannot send a second meeting; after a failure
everything typed is still there, and *Retry* sends the form again (the core
looks for a meeting whose answer was lost before it creates another).

When the Zoom session has ended, *Retry* would only fail again: the dialog
reports ``sessionEnded`` (the window signs out) and offers *Sign in…*, which
asks whoever opened it (``signInRequested``) to run the sign-in. Once that
succeeds, ``signed_in_again`` returns to the form as it was, and the user sends it
with *Create*: nothing is sent on their behalf to an account they have not seen.

While the form has errors *Create* is disabled; its tooltip names the first
problem, and Enter scrolls to that field and focuses it.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QMessageBox, QStackedWidget, QVBoxLayout, QWidget

from zoomdesk.core import ui_state, wallclock
from zoomdesk.core.api import was_recovered
from zoomdesk.core.meeting import FIXED_TIME_TYPES, Meeting, MeetingDraft
from zoomdesk.core.meeting_defaults import MeetingDefaults, load_defaults
from zoomdesk.core.pending_create import PendingCreate
from zoomdesk.core.timezones import Catalog, cached_catalog
from zoomdesk.ui import placement, style
from zoomdesk.ui.guard import guarded
from zoomdesk.ui.meeting import field_errors
from zoomdesk.ui.meeting.page import BANNER_STYLE, Failure, FormPage, explain, turn_to
from zoomdesk.ui.meeting.starting import DefaultsKeeper, default_topic, series_note, value_at
from zoomdesk.ui.meeting.success import SuccessView
from zoomdesk.ui.meeting.timezone_picker import default_zone, load_zones
from zoomdesk.ui.tasks import Task, TaskRunner
from zoomdesk.ui.untrusted import plain_tooltip

if TYPE_CHECKING:
    from zoomdesk.core.account import Account
    from zoomdesk.core.api import ZoomClient

log = logging.getLogger(__name__)


class MeetingDialog(placement.Placed, QDialog):
    """Create a meeting, or edit ``existing``; ``saved`` carries the resulting ``Meeting``."""

    saved = Signal(object)
    #: A request failed because the Zoom session has ended; carries the error.
    sessionEnded = Signal(object)
    #: The user chose *Sign in…*; answer with ``signed_in_again`` once signed in.
    signInRequested = Signal()

    def __init__(
        self,
        account: Account,
        runner: TaskRunner,
        *,
        user_name: str = "",
        existing: Meeting | None = None,
        start_from: MeetingDraft | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._account = account
        self._runner = runner
        self._user_name = user_name
        self._existing = existing
        self._original: MeetingDraft | None = None  # what Zoom has (edit mode)
        # A new meeting's start: another meeting (Duplicate), else the user's defaults.
        self._start_from = start_from
        self._defaults: MeetingDefaults | None = None if start_from is None else MeetingDefaults()
        self._catalog: Catalog | None = cached_catalog()
        self._task: Task | None = None  # loads come before ready(); after it, a create/save
        self._retry: Callable[[], None] = self._submit
        self._server_errors: dict[str, str] = {}
        self._sent: dict[str, Any] = {}
        self._pending = PendingCreate()  # a create Zoom may have made without answering
        self._session_ended = False  # until signed_in_again: Create would only fail the same way
        self._baseline: tuple[object, ...] = ()
        self.setWindowTitle("Edit meeting" if existing else "New meeting")
        self.setStyleSheet(style.STYLE_SHEET + field_errors.STYLE_SHEET + BANNER_STYLE)

        self.page = FormPage("Save" if existing else "Create")
        self.form, self.banner = self.page.form, self.page.banner
        self.create_button, self.cancel_button = self.page.create_button, self.page.cancel_button
        self.success = SuccessView(runner)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.page)
        self.stack.addWidget(self.success)
        QVBoxLayout(self).addWidget(self.stack)
        # Here, not in FormPage: a default set before the button had a dialog is not the
        # dialog's, which then chose the banner's hidden *Sign in…* (Enter did nothing).
        self.create_button.setDefault(True)
        self.resize(self.form.sizeHint().width() + 40, self.height())
        placement.keep_placed(self)

        self.form.changed.connect(self._revalidate)
        self.create_button.clicked.connect(self._submit)
        self.cancel_button.clicked.connect(self.reject)
        self.banner.retryClicked.connect(lambda: self._retry())
        self.banner.signInClicked.connect(self.signInRequested)
        self.success.closeRequested.connect(self.accept)
        self.success.invitation.client = lambda: self._account.client
        self.defaults = DefaultsKeeper(self.form, self.banner, runner)
        self.page.defaults_button.clicked.connect(self.defaults.save)
        self._load()

    # -- loading --------------------------------------------------------------------

    @property
    def editing(self) -> bool:
        return self._existing is not None

    def is_busy(self) -> bool:
        """True while a request (load, create or save) is under way."""
        return self._task is not None

    def ready(self) -> bool:
        """True once the form is filled in and can be used."""
        return self._baseline != ()

    def _load(self) -> None:
        """Zone list (once per process) and, for an edit, the meeting's full details."""
        self._retry = self._load
        self.page.set_busy("Loading…")
        if self._catalog is None or not ui_state.last_zone_loaded():
            self._start(load_zones, self._on_catalog, "time zones")
        elif self._existing is None and self._defaults is None:
            self._start(load_defaults, self._on_defaults, "my defaults")
        elif self._existing is not None and self._original is None:
            existing = self._existing
            if "settings" in existing.raw:  # a full GET/create answer, not a list item
                self._on_details(existing.raw)
            else:
                account = self._account
                self._start(
                    lambda: account.client.get_meeting(existing.id),
                    self._on_details,
                    "load meeting",
                )
        else:
            self._fill()

    def _on_defaults(self, defaults: MeetingDefaults) -> None:
        self._defaults = defaults
        self._load()

    def _on_catalog(self, catalog: Catalog) -> None:
        self._catalog = catalog
        self._load()

    def _on_details(self, details: dict[str, Any]) -> None:
        try:
            self._original = MeetingDraft.from_zoom_json(details)
        except ValueError as exc:  # a meeting type zoomdesk does not edit
            self.page.set_idle(False)
            self.banner.show_failure(Failure(f"{exc}. Edit it on zoom.us instead."))
            return
        if self._original.start is None and not details.get("timezone"):  # then *At* is ours
            self._original = dataclasses.replace(self._original, timezone=self._viewer_tz())
        self.page.set_note(series_note(details))
        self._load()

    def _fill(self) -> None:
        assert self._catalog is not None
        self.form.set_viewer_zone(self._viewer_tz())
        self.form.set_zones(self._catalog.zones)
        topic, zone = default_topic(self._user_name), default_zone(self._catalog)
        draft = (
            self._original
            or self._start_from
            or (self._defaults or MeetingDefaults()).start(topic, zone)
        )
        self.form.set_draft(draft)
        self._baseline = self.form.snapshot()
        self.page.set_idle(True)
        self._revalidate()
        self.form.topic.setFocus()
        self.form.topic.selectAll()
        self.form.more.attach(self._runner, lambda: self._account.client)

    # -- validation -----------------------------------------------------------------

    def _revalidate(self) -> None:
        if not self.ready():
            return
        draft = self.form.draft()
        # When editing, an unchanged start may already have passed (a series under way).
        original = self._original
        errors = draft.validate(original=original)
        ok = not errors
        try:
            body = draft.to_zoom_json() if ok else {}
        except ValueError:
            body = {}
        # Zoom's own objections stay on their fields until that field changes.
        for field, message in self._server_errors.items():
            if not body or value_at(body, field) == value_at(self._sent, field):
                errors.setdefault(field, message)
        self.form.show_errors(errors)
        unchanged = ok and original is not None and not draft.patch_from(original)
        ended = self._session_ended
        self.create_button.setEnabled(ok and not unchanged and not ended and self._task is None)
        self.create_button.setToolTip(plain_tooltip(why := self._why_not(unchanged)))
        self.create_button.setAccessibleDescription(why)
        self.page.fit()

    def _why_not(self, unchanged: bool) -> str:
        """Why *Create* is disabled, in its tooltip: the first problem, when there is one."""
        if self._session_ended:
            return "Sign in again first."
        problems = self.page.problems()
        if problems:
            more = len(problems) - 1
            where = f"\n…and {more} more marked in red." if more else ""
            return f"{problems[0].message}{where}\nPress Enter to go to it."
        return "Nothing has changed yet." if unchanged else ""

    @guarded(None, fallback=QDialog.keyPressEvent)
    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter while *Create* is disabled by errors: to the first of them, not nowhere."""
        key, modifiers = event.key(), event.modifiers()
        plain = modifiers == Qt.KeyboardModifier.NoModifier or (
            key == Qt.Key.Key_Enter and modifiers == Qt.KeyboardModifier.KeypadModifier
        )  # what QDialog takes for its default button
        if (
            key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and plain
            and self.stack.currentWidget() is self.page
            and self.ready()
            and self._task is None
            and not self.create_button.isEnabled()
            and self.page.go_to_problem()
        ):
            event.accept()
            return
        super().keyPressEvent(event)

    # -- sending --------------------------------------------------------------------

    def _submit(self) -> None:
        if self._task is not None or not self.ready():
            return  # already sending: a second click must not send a second meeting
        draft = self.form.draft()
        self._revalidate()
        if not self.create_button.isEnabled():
            return
        client = self._account.client
        self._retry = self._submit
        self._server_errors = {}
        self._sent = body = draft.to_zoom_json()
        if self._existing is None:
            # After a create without an answer, the retry looks for that meeting first.
            lost_since = self._pending.begin()
            self.page.set_busy("Creating the meeting…")
            self._start(
                lambda: client.create_meeting(body, lost_since=lost_since),
                self._on_created,
                "create",
            )
        else:
            assert self._original is not None
            meeting_id, patch = self._existing.id, draft.patch_from(self._original)
            self.page.set_busy("Saving changes…")
            self._start(lambda: _save(client, meeting_id, patch), self._on_created, "save")

    def _on_created(self, data: dict[str, Any]) -> None:
        self._pending.answered()
        meeting = Meeting.from_zoom_json(data)
        self.page.set_idle(True)
        self.success.show_meeting(
            meeting,
            self._viewer_tz(),
            host_name=self._user_name,
            updated=self.editing,
            recovered=was_recovered(data),
        )
        turn_to(self.stack, self.success, self.success.title.text().lstrip("\N{CHECK MARK} "))
        self.success.copy_invitation.setFocus()
        if meeting.type in FIXED_TIME_TYPES and (zone := meeting.timezone):  # the next one's
            self._runner.run(lambda: ui_state.remember_zone(zone), name="remember the zone")
        self.saved.emit(meeting)

    def _on_failed(self, exc: BaseException) -> None:
        self._task = None
        self._pending.failed(exc)  # only Zoom's refusal of the create sent clears it
        failure = explain(exc, ZoneInfo(self._viewer_tz()))
        self._server_errors = dict(failure.fields)
        self.page.set_idle(self.ready())
        self.banner.show_failure(failure)
        if failure.sign_in:
            self._session_ended = True
            self.sessionEnded.emit(exc)
            self.banner.sign_in.setFocus()
        if not self.ready():
            return  # nothing to edit until the load succeeds
        self._revalidate()
        if failure.fields:
            self.page.go_to_problem()

    def signed_in_again(self, account: Account, user_name: str = "") -> None:
        """Signed in (after ``signInRequested``): carry on as ``account``, nothing typed lost.

        A failed load is repeated (reading is safe); a create or save waits for the
        user's *Create* / *Save*, so it goes only to an account they have seen.
        """
        self._account = account
        self._session_ended = False
        if user_name:
            self._user_name = user_name
        if self._task is not None:
            return  # a request is on its way; its answer decides what shows
        if not self.ready():
            self.banner.clear()
            self._retry()  # the load that failed
            return
        self._revalidate()
        who = f"Signed in as {user_name}." if user_name else "Signed in again."
        if self.create_button.isEnabled():
            what = "your changes" if self.editing else "the meeting"
            action = self.create_button.text()
            note = f"{who} Everything you entered is kept: click {action} to send {what} to Zoom."
            self.banner.show_note(note)
            self.create_button.setFocus()
        else:
            self.banner.show_note(who)

    # -- state ----------------------------------------------------------------------

    def _viewer_tz(self) -> str:
        name = self._catalog.system if self._catalog else "UTC"
        return name if wallclock.zone(name) else "UTC"

    def _start(self, fn: Callable[[], Any], on_success: Callable[[Any], None], name: str) -> None:
        def finished(value: Any) -> None:
            self._task = None
            on_success(value)

        self._task = self._runner.run(fn, finished, self._on_failed, name)

    # -- closing --------------------------------------------------------------------

    def is_dirty(self) -> bool:
        return self.ready() and self.form.snapshot() != self._baseline

    @guarded(None)  # stays open: closing could lose what was typed
    def reject(self) -> None:
        """Esc, Cancel and the window's close button: ask before anything typed is lost."""
        if self.stack.currentWidget() is not self.success:
            if self.is_busy() and self.ready():  # a create or save is on its way
                question = (
                    "Zoom is still working on this meeting. If you close now it may still "
                    "be created. Close anyway?"
                )
            elif self.is_dirty():
                question = "Discard this meeting? What you entered will be lost."
            else:
                question = ""
            if question and not self._confirm(question):
                return
        if self._task is not None:
            self._task.cancel()  # the answer, should it come, goes nowhere
        self.form.more.cancel()
        super().reject()

    def _confirm(self, question: str) -> bool:
        answer = QMessageBox.question(
            self,
            self.windowTitle(),
            question,
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard


def _save(client: ZoomClient, meeting_id: int, patch: dict[str, Any]) -> dict[str, Any]:
    """PATCH the changes, then fetch the meeting: Zoom answers a PATCH with 204 and no body."""
    client.update_meeting(meeting_id, patch)
    return client.get_meeting(meeting_id)
