"""A meeting's ``.ics``: *Add to calendar* (the desktop's calendar app) and *Save .ics…*.

*Add to calendar* writes the file privately (``core/calendar_handoff.py``) on
the ``TaskRunner`` and hands its ``file:`` URL to ``QDesktopServices`` (on
Linux, ``xdg-open``). When the desktop has no way to open it, the user is told
so and gets the Save dialog instead. Both writes go through the runner, like
every other disk write of the UI. The success view and the main window's
meeting actions share this one implementation.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from zoomdesk.core.calendar_handoff import file_stem, write_handoff
from zoomdesk.core.meeting import Meeting, meeting_to_ics
from zoomdesk.ui.placement import keep_placed, keep_title_whole
from zoomdesk.ui.status import describe
from zoomdesk.ui.tasks import TaskRunner
from zoomdesk.ui.untrusted import plain_box

log = logging.getLogger(__name__)

NO_HANDLER = "No app on this computer opens calendar files."
NO_HANDLER_MORE = (
    "Save the .ics file instead, then import it into your calendar "
    "(most calendars have File\u00a0▸\u00a0Import)."  # the menu path stays on one line
)


def write_ics(path: Path, meeting: Meeting) -> Path:
    """Write the meeting's ``.ics`` (blocking; runs on the TaskRunner)."""
    # Bytes, not text mode: iCalendar lines end in CRLF on every platform.
    path.write_bytes(meeting_to_ics(meeting).encode("utf-8"))
    return path


def open_file(path: Path) -> bool:
    """Hand a local file to the desktop; False when it has no launcher (no ``xdg-open``).

    A file we wrote ourselves, so not a network link: ``open_link``'s https rule
    is for URLs that came from a server.
    """
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))


class CalendarFile(QObject):
    """Adds a meeting to the calendar or saves its ``.ics``, over ``parent``.

    ``message(text)`` is for the owner's status line; ``busy(bool)`` while a
    file is being written (the owner disables its buttons).
    """

    message = Signal(str)
    busy = Signal(bool)

    def __init__(self, runner: TaskRunner, parent: QWidget) -> None:
        super().__init__(parent)
        self._runner = runner
        self._parent = parent

    # -- Add to calendar --------------------------------------------------------------

    def add(self, meeting: Meeting) -> None:
        self.busy.emit(True)
        self.message.emit("Opening your calendar…")
        self._runner.run(
            lambda: write_handoff(meeting),
            lambda path: self._hand_off(path, meeting),
            lambda exc: self._failed(exc, "Could not write the calendar file"),
            "write the calendar file",
        )

    def _hand_off(self, path: Path, meeting: Meeting) -> None:
        self.busy.emit(False)
        if open_file(path):
            self.message.emit(f"Sent “{meeting.topic}” to your calendar app.")
            return
        log.warning("the desktop could not open the calendar file: no handler")
        self.message.emit(NO_HANDLER)
        box = plain_box(QMessageBox(self._parent))  # the topic stays text
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle("Add to calendar")
        box.setText(NO_HANDLER)
        box.setInformativeText(NO_HANDLER_MORE)
        save = box.addButton("&Save .ics…", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(save)
        keep_title_whole(box)
        keep_placed(box)
        box.exec()
        if box.clickedButton() is save:
            self.save(meeting)

    # -- Save .ics… ---------------------------------------------------------------------

    def save(self, meeting: Meeting) -> None:
        start = str(Path.home() / f"{file_stem(meeting.topic)}.ics")
        chooser = QFileDialog(self._parent, "Save .ics", start, "iCalendar files (*.ics)")
        chooser.setObjectName("saveIcsChooser")
        chooser.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        chooser.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        chooser.fileSelected.connect(lambda name: self._chosen(name, meeting))
        chooser.open()

    def _chosen(self, name: str, meeting: Meeting) -> None:
        path = Path(name)
        if path.suffix:
            self._write(path, meeting)  # the dialog asked before replacing this very name
            return
        # A bare name: the dialog asked about NAME, not NAME.ics. (setDefaultSuffix
        # does not help: a native dialog adds the suffix only after it has closed.)
        path = path.with_suffix(".ics")
        self._runner.run(
            path.exists,
            lambda exists: (
                self._confirm_replace(path, meeting) if exists else self._write(path, meeting)
            ),
            self._failed,
            "look for the .ics",
        )

    def _confirm_replace(self, path: Path, meeting: Meeting) -> None:
        answer = QMessageBox.question(
            self._parent,
            "Save .ics",
            f"“{path.name}” already exists. Replace it?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._write(path, meeting)

    def _write(self, path: Path, meeting: Meeting) -> None:
        self.busy.emit(True)
        self.message.emit("Saving…")
        self._runner.run(lambda: write_ics(path, meeting), self._saved, self._failed, "save .ics")

    def _saved(self, path: object) -> None:
        self.busy.emit(False)
        self.message.emit(f"Saved to {path}. Open it with your calendar to add the meeting.")

    def _failed(self, exc: BaseException, what: str = "Could not save the file") -> None:
        self.busy.emit(False)
        if isinstance(exc, OSError):
            self.message.emit(f"{what}: {exc.strerror or exc}.")
        else:
            self.message.emit(describe(exc).text)
