"""Screenshots of the meeting dialog: new, with errors, recurring, the success view, and
the Zoom session ending on Create (*Sign in…*) then signed in again.

Standalone: ``QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/meeting_screenshots.py
[OUT_DIR]`` (default ``docs/screenshots``), or under ``xvfb-run -a``. The main
``scripts/screenshots.py`` can call ``render_all(out_dir)`` with its own QApplication.

No network: a stand-in client answers the create the way Zoom does (or as Zoom does
once the session has ended, ``AuthRequired``). The pictures
show a user in Berlin (``TZ`` unless already set) scheduling a meeting in New York.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("TZ", "Europe/Berlin")  # the viewer's zone in the pictures
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from zoomdesk.core import ui_state  # noqa: E402
from zoomdesk.core.errors import AuthRequired  # noqa: E402
from zoomdesk.core.meeting import (  # noqa: E402
    MeetingDraft,
    MeetingSettings,
    MeetingType,
    Recurrence,
    RecurrenceType,
)
from zoomdesk.core.timezones import load_catalog  # noqa: E402
from zoomdesk.ui.meeting.dialog import MeetingDialog  # noqa: E402
from zoomdesk.ui.tasks import TaskRunner  # noqa: E402

USER = "Ada Lovelace"
WIDTH = 560


class _Client:
    """Answers ``create_meeting`` with the body plus what Zoom adds (id, link, UTC start)."""

    def create_meeting(
        self, body: dict[str, Any], *, lost_since: float | None = None
    ) -> dict[str, Any]:
        answer = dict(body, id=85746352917, uuid="demo", host_id="demo")
        answer["join_url"] = "https://us06web.zoom.us/j/85746352917?pwd=demo"
        if "start_time" in body:
            wall = datetime.fromisoformat(body["start_time"])
            start = wall.replace(tzinfo=ZoneInfo(body["timezone"])).astimezone(UTC)
            answer["start_time"] = start.strftime("%Y-%m-%dT%H:%M:%SZ")
        return answer

    def me(self) -> dict[str, Any]:
        return {"id": "demo", "display_name": USER, "email": "ada@example.com", "pmi": 5551234567}

    def meeting_templates(self) -> dict[str, Any]:
        return {"total_records": 1, "templates": [{"id": "demo", "name": "Weekly sync"}]}


class _EndedSession(_Client):
    """The Zoom session has ended: every create fails the way the core reports it."""

    def create_meeting(
        self, body: dict[str, Any], *, lost_since: float | None = None
    ) -> dict[str, Any]:
        raise AuthRequired()


class _Account:
    def __init__(self, client: _Client | None = None) -> None:
        self.client = client or _Client()


def _wait(app: QApplication, done: Callable[[], bool], seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError("the dialog did not get there in time")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def _next_weekday(weekday: int, weeks_ahead: int = 1) -> date:
    """A date ``weeks_ahead`` weeks out on ``weekday`` (0 = Monday): always in the future."""
    today = date.today()
    return today + timedelta(days=(weekday - today.weekday()) % 7 + 7 * weeks_ahead)


def _dialog(
    app: QApplication, runner: TaskRunner, account: _Account | None = None
) -> MeetingDialog:
    # These pictures show the common fields: *Options* folded, whatever a scene before left.
    ui_state.remember_flag("meeting_options_open", False)
    dialog = MeetingDialog(account or _Account(), runner, user_name=USER)
    dialog.resize(WIDTH, dialog.height())
    dialog.show()
    _wait(app, dialog.ready)
    return dialog


def _save(app: QApplication, widget: QWidget, path: Path) -> Path:
    app.processEvents()
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    return path


def _recurring_draft() -> MeetingDraft:
    start = datetime.combine(_next_weekday(0), datetime.min.time()).replace(hour=9, minute=30)
    return MeetingDraft(
        topic="Design review",
        type=MeetingType.RECURRING_FIXED_TIME,
        start=start,
        timezone="America/New_York",
        duration=45,
        passcode="r3view",
        agenda="Walk through the open pull requests and agree on the next release.",
        settings=MeetingSettings(host_video=True, mute_upon_entry=True),
        recurrence=Recurrence(
            type=RecurrenceType.WEEKLY, repeat_interval=2, weekly_days=(2, 4), end_times=6
        ),
    )


def render_all(out_dir: Path) -> list[Path]:
    """Write meeting-new/-errors/-recurring/-success/-session-ended/-signed-in-again.png
    into ``out_dir``."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    out_dir.mkdir(parents=True, exist_ok=True)
    load_catalog()  # once, up front: every dialog then opens filled in
    runner = TaskRunner(app)  # a runner needs a parent that outlives its tasks
    written = []

    dialog = _dialog(app, runner)
    written.append(_save(app, dialog, out_dir / "meeting-new.png"))
    dialog.deleteLater()

    dialog = _dialog(app, runner)
    form = dialog.form
    form.topic.clear()
    form.passcode.setText("open sesame!")
    form.options.join_before_host.setChecked(True)
    form.agenda.setText("Agenda item. " * 160)
    written.append(_save(app, dialog, out_dir / "meeting-errors.png"))
    dialog.deleteLater()

    dialog = _dialog(app, runner)
    dialog.form.set_draft(_recurring_draft())
    written.append(_save(app, dialog, out_dir / "meeting-recurring.png"))
    dialog.create_button.click()
    _wait(app, lambda: dialog.stack.currentWidget() is dialog.success)
    written.append(_save(app, dialog, out_dir / "meeting-success.png"))
    dialog.deleteLater()

    dialog = _dialog(app, runner, _Account(_EndedSession()))
    dialog.form.set_draft(_recurring_draft())
    dialog.create_button.click()
    _wait(app, lambda: not dialog.is_busy() and dialog.banner.sign_in.isVisible())
    written.append(_save(app, dialog, out_dir / "meeting-session-ended.png"))
    dialog.signed_in_again(_Account(), USER)  # what the window does once the sign-in is done
    written.append(_save(app, dialog, out_dir / "meeting-signed-in-again.png"))
    dialog.deleteLater()
    runner.wait_for_done()
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "screenshots"
    for path in render_all(target):
        print(path)
