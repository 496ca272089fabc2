"""Every window and dialog of the app, opened in turn on this process's screen, and checked.

Run as a script (tests/gui/test_window_fit.py does, once per screen size)::

    python tests/gui/window_tour.py --out result.json [--shots DIR] [--edits N]

For each window it records where its frame is, the screen's free area, whether it
is centred on its parent, and every problem: a frame (title bar included) or a
button outside the free area, or a button cut off by its own window. Buttons
inside a scroll area are left out (scrolling to them is the point of it), the
scroll area itself is not. With ``--shots`` it saves a picture of the whole
screen (window manager frames included) after each step.
Everything runs offline: a scripted Zoom (``fake_zoom``) behind the main window,
the meeting dialog's own fake, and the sandbox behind the sign-in page.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "support")]

#: How far (px) a dialog's centre may be from its parent's and still count as centred.
CENTRE_SLACK = 3


def rect(r: Any) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def inside(outer: Any, inner: Any) -> bool:
    return bool(outer.contains(inner))


class Tour:
    def __init__(self, shots: Path | None) -> None:
        from PySide6.QtWidgets import QApplication

        from zoomdesk.ui.app import create_app

        self.app: QApplication = create_app([sys.argv[0]])
        self.shots = shots
        self.report: dict[str, Any] = {}

    # -- waiting -------------------------------------------------------------------------

    def wait(self, ms: int) -> None:
        from PySide6.QtTest import QTest

        QTest.qWait(ms)

    def until(self, condition: Callable[[], Any], timeout: float = 15.0) -> Any:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            value = condition()
            if value:
                return value
            self.wait(20)
        raise TimeoutError(f"gave up waiting for {condition}")

    def settle(self) -> None:
        """Long enough for a window manager to map and frame a window."""
        self.wait(450)

    # -- checking ------------------------------------------------------------------------

    def check(self, name: str, window: Any, parent: Any = None) -> dict[str, Any]:
        from PySide6.QtCore import QPoint, QRect
        from PySide6.QtWidgets import QAbstractButton, QScrollArea

        self.settle()
        screen = window.screen()
        area = screen.availableGeometry()
        frame = window.frameGeometry()
        problems: list[str] = []
        if not inside(area, frame):
            problems.append(f"frame {rect(frame)} is not inside the free area {rect(area)}")
        inner = window.geometry()
        scrolled = [s.viewport() for s in window.findChildren(QScrollArea)]
        buttons: list[str] = []
        in_view: list[str] = []  # buttons of a scroll area that show without scrolling
        for button in window.findChildren(QAbstractButton):
            if not button.isVisible() or button.window() is not window:
                continue
            label = button.text().replace("&", "") or button.accessibleName() or "?"
            where = QRect(button.mapToGlobal(QPoint(0, 0)), button.size())
            viewport = next((v for v in scrolled if v.isAncestorOf(button)), None)
            if viewport is not None:
                seen = QRect(viewport.mapToGlobal(QPoint(0, 0)), viewport.size())
                if inside(seen, where) and inside(area, where):
                    in_view.append(label)
                continue
            buttons.append(label)
            if not inside(area, where):
                problems.append(f"button {label!r} at {rect(where)} is off the screen")
            if not inside(inner, where):
                problems.append(f"button {label!r} at {rect(where)} is cut off by its window")
        for scroll in window.findChildren(QScrollArea):
            if scroll.isVisible() and scroll.window() is window:
                where = QRect(scroll.mapToGlobal(QPoint(0, 0)), scroll.size())
                if not inside(area, where):
                    problems.append(f"a scroll area at {rect(where)} is off the screen")
        entry: dict[str, Any] = {
            "frame": rect(frame),
            "inner": rect(inner),
            "area": rect(area),
            "ratio": screen.devicePixelRatio(),
            "title": window.windowTitle(),
            "buttons": buttons,
            "in_view": in_view,
            "problems": problems,
        }
        if parent is not None:
            over = parent.window().frameGeometry()
            entry["parent"] = rect(over)
            centred = QRect(frame)
            centred.moveCenter(over.center())
            entry["centred"] = inside(area, centred)  # could it be centred and whole?
            offset = frame.center() - over.center()
            entry["centre_offset"] = [offset.x(), offset.y()]
            if entry["centred"] and offset.manhattanLength() > CENTRE_SLACK:
                problems.append(f"not centred on its parent: off by {entry['centre_offset']}")
        self.report.setdefault(name, entry)
        self.shoot(name, window)
        return entry

    def shoot(self, name: str, window: Any) -> None:
        if self.shots is None:
            return
        self.shots.mkdir(parents=True, exist_ok=True)
        screen = window.screen()
        # On X11 the whole screen, window manager frames and all.
        picture = screen.grabWindow(0) if self.app.platformName() == "xcb" else window.grab()
        picture.save(str(self.shots / f"{name}.png"))

    def modal(self, name: str, open_it: Callable[[], Any], parent: Any) -> None:
        """Check the modal box ``open_it`` runs (in its own event loop), then close it."""
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        def look() -> None:
            box = QApplication.activeModalWidget()
            if box is None or not box.isVisible():
                QTimer.singleShot(50, look)
                return
            try:
                self.check(name, box, parent)
            finally:
                box.reject()

        QTimer.singleShot(50, look)
        open_it()

    # -- the windows ---------------------------------------------------------------------

    def run(self, edits: int) -> None:
        self.first_run()
        window = self.main_window()
        self.meeting_dialogs(window)
        for i in range(edits):
            self.edit_dialog(window, f"edit-meeting-{i + 1}" if i else "edit-meeting")
        self.details(window)
        self.settings(window)
        self.questions(window)
        self.sign_in(window)
        window.close()

    def first_run(self) -> None:
        from fake_zoom import FakeBackend

        from zoomdesk.ui.window.main_window import MainWindow

        window = MainWindow(FakeBackend())
        window.show()
        self.until(lambda: window.state == "first_run")
        self.check("first-run", window)
        window.close()
        window.deleteLater()

    def main_window(self) -> Any:
        from fake_zoom import FakeAccount, FakeBackend

        from zoomdesk.ui.window.main_window import MainWindow

        window = MainWindow(FakeBackend(account=FakeAccount()))
        window.show()
        self.until(
            lambda: (
                window.state == "signed_in"
                and window.pages.signed_in.meetings.model.rowCount() == 3
                and not window.runner.busy
            )
        )
        meetings = window.pages.signed_in.meetings
        weekly = next(r for r, m in enumerate(meetings.model.meetings) if m.type == 8)
        meetings.view.setCurrentIndex(meetings.view_index(weekly, 1))
        meetings.view.setFocus()
        long_note = "Copied the invitation to “" + "Quarterly planning " * 8 + "”."
        window.status.show_note(long_note)
        self.check("main", window)
        return window

    def meeting_dialog(self, window: Any) -> Any:
        from PySide6.QtWidgets import QApplication

        from zoomdesk.ui.meeting.dialog import MeetingDialog

        def shown() -> Any:
            found = [
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, MeetingDialog) and w.isVisible()
            ]
            return found[-1] if found else None

        dialog = self.until(shown)
        self.until(lambda: dialog.ready() and not dialog.is_busy())
        return dialog

    def meeting_dialogs(self, window: Any) -> None:
        from fake_zoom import meeting_json

        window.new_meeting()
        dialog = self.meeting_dialog(window)
        self.check("new-meeting", dialog, window)
        kind = dialog.form.recurrence.kind
        kind.setCurrentIndex(kind.findData(3))  # monthly: the tallest form
        self.check("new-meeting-monthly", dialog, window)
        section = dialog.form.more  # *Options* open as well: the tallest the form gets
        section.set_open(True)
        self.until(lambda: section.template.loaded)
        bar = dialog.page.scroll_area.verticalScrollBar()
        bar.setValue(bar.maximum())  # the section in view, for the pictures
        self.check("new-meeting-options", dialog, window)
        section.set_open(False)
        kind.setCurrentIndex(kind.findData(0))
        self.check("new-meeting-options-closed", dialog, window)
        answer = meeting_json(
            85746352917, "Quarterly planning", "2030-01-15T09:00:00Z", password="Ab3xY9"
        )
        dialog._on_created(answer)  # what a create answered by Zoom shows
        self.check("meeting-created", dialog, window)
        dialog.done(0)

    def edit_dialog(self, window: Any, name: str) -> None:
        from zoomdesk.ui.window import menus as wm

        meetings = window.pages.signed_in.meetings
        weekly = next(r for r, m in enumerate(meetings.model.meetings) if m.type == 8)
        meetings.view.setCurrentIndex(meetings.view_index(weekly, 1))
        window.menus.meeting[wm.EDIT].trigger()
        dialog = self.meeting_dialog(window)
        self.check(name, dialog, window)
        dialog.done(0)
        self.wait(50)

    def details(self, window: Any) -> None:
        from PySide6.QtWidgets import QApplication

        from zoomdesk.ui.window import menus as wm
        from zoomdesk.ui.window.meeting_details import MeetingDetailsDialog

        meetings = window.pages.signed_in.meetings
        weekly = next(r for r, m in enumerate(meetings.model.meetings) if m.type == 8)
        meetings.view.setCurrentIndex(meetings.view_index(weekly, 1))  # with its occurrences
        window.menus.meeting[wm.DETAILS].trigger()
        dialog = self.until(
            lambda: next(
                (
                    w
                    for w in QApplication.topLevelWidgets()
                    if isinstance(w, MeetingDetailsDialog) and w.isVisible()
                ),
                None,
            )
        )
        self.check("details", dialog, window)
        dialog.done(0)
        self.occurrence_edit(window, dialog.meeting)

    def occurrence_edit(self, window: Any, series: Any) -> None:
        from zoomdesk.ui.window.occurrence_edit import OccurrenceDialog
        from zoomdesk.ui.window.occurrences import next_occurrence

        occurrence = next_occurrence(series)
        window.meeting_actions._edit_occurrence(series, occurrence)
        dialog = self.until(lambda: window.findChild(OccurrenceDialog))
        self.until(dialog.save_button.isEnabled)
        self.check("occurrence-edit", dialog, window)
        dialog.done(0)

    def settings(self, window: Any) -> None:
        from zoomdesk.ui.window.settings_dialog import SettingsDialog

        window.open_settings()
        dialog = self.until(lambda: window.findChild(SettingsDialog))
        self.check("settings", dialog, window)
        dialog.done(0)

    def questions(self, window: Any) -> None:
        from zoomdesk.ui.window.questions import confirm_sign_out

        self.modal("sign-out-question", lambda: confirm_sign_out(window), window)
        meetings = window.pages.signed_in.meetings
        first = meetings.model.meetings[0]
        self.modal("delete-question", lambda: window.meeting_actions._confirm_delete(first), window)

    def sign_in(self, window: Any) -> None:
        from meeting_fakes import sandbox_config

        from zoomdesk.core.account import Account
        from zoomdesk.core.config import Config
        from zoomdesk.sandbox import Sandbox
        from zoomdesk.ui.login.dialog import LoginDialog
        from zoomdesk.ui.tasks import TaskRunner

        sandbox = Sandbox(port=0)
        url = sandbox.start().rstrip("/")
        runner = TaskRunner(self.app)
        try:
            dialog = LoginDialog(Account(Config(**sandbox_config(url))), runner, window)
            dialog.open()
            self.until(lambda: str(dialog.state) == "page", timeout=30)
            self.check("sign-in", dialog, window)
            dialog.done(0)
            # A sign-in page that cannot be reached (port 9 refuses): the error panel.
            unreachable = Account(Config(**sandbox_config("http://127.0.0.1:9")))
            dialog = LoginDialog(unreachable, runner, window)
            dialog.open()
            self.until(lambda: str(dialog.state) == "load_failed", timeout=30)
            self.check("sign-in-failed", dialog, window)
            dialog.done(0)
            self.until(lambda: runner.wait_for_done(100))
        finally:
            sandbox.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--shots", type=Path)
    parser.add_argument("--edits", type=int, default=1, help="open the Edit dialog N times")
    args = parser.parse_args()
    os.environ.setdefault("TZ", "Europe/Berlin")
    tour = Tour(args.shots)
    tour.run(args.edits)
    args.out.write_text(json.dumps(tour.report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
