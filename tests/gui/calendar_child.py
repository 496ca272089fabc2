"""A child process for test_calendar_xdg_open.py: *Add to calendar* on a real X display.

Runs ``CalendarFile.add`` for one meeting with Qt's own desktop services (the
offscreen platform has none, so the test gives this process an Xvfb display
and the xcb platform), answers the "no app" box with *Save .ics…* if it comes,
and prints what happened as JSON: the messages, the box's text, whether the
Save dialog opened. ``$CALENDAR_WAIT_FOR``: a file to wait for (the stub
``xdg-open``'s record) before quitting.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from zoomdesk.core.meeting import Meeting
from zoomdesk.ui.meeting.calendar_file import CalendarFile
from zoomdesk.ui.tasks import TaskRunner

MEETING = {"id": 81234567890, "topic": "Roadmap", "type": 2, "duration": 45,
           "timezone": "Europe/Berlin", "start_time": "2030-01-15T09:00:00Z",
           "join_url": "https://zoom.example/j/8123?pwd=x", "password": "Ab3xY9"}  # fmt: skip


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QWidget()
    window.show()
    runner = TaskRunner()
    calendar = CalendarFile(runner, window)
    report: dict[str, Any] = {"messages": [], "box": None, "chooser": False}
    calendar.message.connect(report["messages"].append)
    wait_for = os.environ.get("CALENDAR_WAIT_FOR", "")

    def finish() -> None:
        print(json.dumps(report), flush=True)
        app.exit(0)

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            report["box"] = box.text()
            save = next(b for b in box.buttons() if b.text().replace("&", "") == "Save .ics…")
            save.click()
        chooser = window.findChild(QFileDialog, "saveIcsChooser")
        if chooser is not None and chooser.isVisible():
            report["chooser"] = True
            chooser.reject()
            finish()
        elif wait_for and Path(wait_for).exists():
            finish()

    timer = QTimer()
    timer.timeout.connect(poll)
    timer.start(20)
    QTimer.singleShot(20000, lambda: (report.update(timed_out=True), finish()))
    calendar.add(Meeting.from_zoom_json(MEETING))
    code = app.exec()
    runner.wait_for_done(5000)
    return code


if __name__ == "__main__":
    sys.exit(main())
