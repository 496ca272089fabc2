"""Render every state and dialog of zoomdesk into ``docs/screenshots/*.png``.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [--out DIR] [--only NAME ...]
    xvfb-run -a -s "-screen 0 1400x1000x24" .venv/bin/python scripts/screenshots.py

Offscreen renders each widget with ``QWidget.grab()``; under X11 (xvfb) the
screen itself is captured, so the pictures show real xcb rendering, web view
included. Everything runs against an in-process sandbox in a temporary config
dir: the user's own settings and tokens are never read, and nothing leaves
127.0.0.1. The viewer's time zone is Europe/Berlin (``TZ``), like the sandbox user.

Adding pictures: write a function ``def my_shot(studio: Studio) -> None`` that
builds the state and calls ``studio.save(widget, "name")``, and decorate it
with ``@shot("name", ...)``. The meeting dialog's pictures come from
``scripts/meeting_screenshots.py`` (``render_all``), run at the end.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests" / "gui")]
os.environ.setdefault("TZ", "Europe/Berlin")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")  # Chromium refuses root otherwise
os.environ.setdefault(
    "QTWEBENGINE_CHROMIUM_FLAGS",
    '--disable-gpu --host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"',
)
_HOME = Path(tempfile.mkdtemp(prefix="zoomdesk-shots-"))
for _var in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
    os.environ[_var] = str(_HOME / _var.lower())
for _var in ("ZOOMDESK_CLIENT_ID", "ZOOMDESK_CLIENT_SECRET", "ZOOMDESK_REDIRECT_URI",
             "ZOOMDESK_OAUTH_URL", "ZOOMDESK_API_URL"):  # fmt: skip
    os.environ.pop(_var, None)

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication, QPixmap  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget  # noqa: E402
from sandbox_signin import sign_in_headless  # noqa: E402

from zoomdesk.core.config import save_file  # noqa: E402
from zoomdesk.sandbox import PUBLIC_CLIENT_ID, Sandbox  # noqa: E402
from zoomdesk.ui import main_window as mw  # noqa: E402
from zoomdesk.ui.app import create_app  # noqa: E402
from zoomdesk.ui.session import Backend, SandboxBackend  # noqa: E402

BERLIN = ZoneInfo("Europe/Berlin")
#: Rendered by scripts/meeting_screenshots.py (the meeting dialog's own script).
MEETING_DIALOG_SHOTS = {"meeting-new", "meeting-errors", "meeting-recurring", "meeting-success"}


@dataclass(frozen=True)
class Shot:
    name: str
    caption: str
    render: Callable[[Studio], None]


SHOTS: list[Shot] = []


def shot(name: str, caption: str) -> Callable[[Callable[[Studio], None]], Callable[[Studio], None]]:
    def register(fn: Callable[[Studio], None]) -> Callable[[Studio], None]:
        SHOTS.append(Shot(name, caption, fn))
        return fn

    return register


class Studio:
    """The app, a sandbox, fresh config dirs, and helpers to wait and to save pictures."""

    def __init__(self, app: QApplication, out: Path) -> None:
        self.app = app
        self.out = out
        self.sandbox = Sandbox()
        self.url = self.sandbox.start()
        self.written: list[Path] = []
        # QCoreApplication.processEvents in PySide6 6.12 drops a reference to None
        # on every call (Python 3.11 then aborts after a few thousand calls);
        # the QEventLoop method does not.
        self._loop = QEventLoop()
        self._dirs = 0
        self._keep: list[Any] = []

    # -- waiting and saving -----------------------------------------------------------

    def wait(self, done: Callable[[], bool], seconds: float = 20.0, what: str = "") -> None:
        deadline = time.monotonic() + seconds
        while not done():
            if time.monotonic() > deadline:
                raise TimeoutError(f"timed out waiting for {what or done}")
            self._loop.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)

    def settle(self, ms: int = 250) -> None:
        """Let layouts, fonts and (under X11) the window system catch up."""
        end = time.monotonic() + ms / 1000
        while time.monotonic() < end:
            self._loop.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)

    def save(self, widget: QWidget, name: str) -> Path:
        widget.raise_()
        widget.activateWindow()
        self.settle(600 if QGuiApplication.platformName() == "xcb" else 250)
        pixmap = self._grab(widget)
        path = self.out / f"{name}.png"
        if not pixmap.save(str(path)):
            raise RuntimeError(f"could not write {path}")
        self.written.append(path)
        print(f"wrote {path.relative_to(REPO) if path.is_relative_to(REPO) else path}")
        return path

    @staticmethod
    def _grab(widget: QWidget) -> QPixmap:
        if QGuiApplication.platformName() == "xcb":
            # What the X server shows (web view included); no WM runs, so no frame.
            geo = widget.frameGeometry()
            return widget.screen().grabWindow(0, geo.x(), geo.y(), geo.width(), geo.height())
        return widget.grab()

    # -- building states --------------------------------------------------------------

    def config_dir(self) -> Path:
        """A fresh config dir holding settings for the sandbox (as a user's own Zoom app)."""
        self._dirs += 1
        path = _HOME / f"profile-{self._dirs}"
        save_file(
            {
                "client_id": PUBLIC_CLIENT_ID,
                "redirect_uri": self.sandbox.redirect_uri,
                "oauth_url": self.url,
                "api_url": self.url + "/v2",
            },
            path / "config.json",
        )
        return path

    def signed_in_dir(self, meetings: list[dict[str, Any]]) -> Path:
        """A config dir with a session, after the sandbox was emptied and given ``meetings``."""
        self.sandbox.reset()
        path = self.config_dir()
        account = Backend(path).load().account
        assert account is not None
        sign_in_headless(account)
        for body in meetings:
            account.client.create_meeting(body)
        return path

    def window(self, backend: Backend, state: str, *, size: tuple[int, int] = (900, 640)) -> Any:
        window = mw.MainWindow(backend)
        window.resize(*size)
        window.move(40, 40)
        window.show()
        self._keep.append(window)
        self.wait(lambda: window.state == state, what=f"window state {state}")
        if state == mw.SIGNED_IN:
            self.wait(lambda: not window.runner.busy and window.user is not None, what="meetings")
        return window

    def close_all(self) -> None:
        for widget in self._keep:
            widget.close()
            widget.runner.wait_for_done(5000)
            widget.shutdown()
            widget.deleteLater()
        self._keep.clear()
        self.settle(100)


def demo_meetings(now: datetime | None = None) -> list[dict[str, Any]]:
    """A believable week: today, tomorrow, a weekly series, one planned in New York."""
    now = (now or datetime.now(BERLIN)).astimezone(BERLIN)
    today = now.replace(hour=0, minute=0, second=0, microsecond=0)

    def at(days: int, hour: int, minute: int = 0) -> str:
        moment = today + timedelta(days=days, hours=hour, minutes=minute)
        return moment.strftime("%Y-%m-%dT%H:%M:%S")

    later = min(now.hour + 2, 22)
    return [
        {"topic": "Design review: onboarding flow", "type": 2, "start_time": at(0, later),
         "duration": 45, "timezone": "Europe/Berlin", "password": "k7Qm2p"},
        {"topic": "Weekly team sync", "type": 8, "start_time": at(1, 9, 30), "duration": 30,
         "timezone": "Europe/Berlin", "password": "sync42",
         "recurrence": {"type": 2, "repeat_interval": 1,
                        "weekly_days": str((today + timedelta(days=1)).isoweekday() % 7 + 1),
                        "end_times": 12}},
        {"topic": "1:1 with Grace", "type": 2, "start_time": at(2, 14), "duration": 30,
         "timezone": "Europe/Berlin"},
        {"topic": "Customer call — Acme Corp", "type": 2, "start_time": at(3, 16, 30),
         "duration": 60, "timezone": "Europe/Berlin"},
        {"topic": "Quarterly planning (New York office)", "type": 2, "start_time": at(8, 10),
         "duration": 120, "timezone": "America/New_York"},
    ]  # fmt: skip


# -- the main window ----------------------------------------------------------------------


@shot("first-run", "First run: connect your Zoom app or try the sandbox")
def first_run(studio: Studio) -> None:
    window = studio.window(Backend(_HOME / "empty"), mw.FIRST_RUN)
    studio.save(window, "first-run")


@shot("first-run-errors", "First run: each field is checked as you type")
def first_run_errors(studio: Studio) -> None:
    window = studio.window(Backend(_HOME / "empty"), mw.FIRST_RUN)
    form = window.first_run_page.form
    form.set_values({"client_id": "my client id", "redirect_uri": "http://example.com/callback"})
    form.edit("redirect_uri").setFocus()
    studio.save(window, "first-run-errors")


@shot("signed-out", "Signed out: one button to sign in")
def signed_out(studio: Studio) -> None:
    window = studio.window(Backend(studio.config_dir()), mw.SIGNED_OUT)
    studio.save(window, "signed-out")


@shot("sandbox", "Started with --sandbox (or Try the offline sandbox)")
def sandbox_mode(studio: Studio) -> None:
    window = studio.window(SandboxBackend(_HOME / "sandbox"), mw.SIGNED_OUT)
    studio.save(window, "sandbox")


@shot("signed-in", "Signed in, with upcoming meetings")
def signed_in(studio: Studio) -> None:
    window = studio.window(Backend(studio.signed_in_dir(demo_meetings())), mw.SIGNED_IN)
    studio.save(window, "signed-in")


@shot("signed-in-empty", "Signed in, no meetings yet")
def signed_in_empty(studio: Studio) -> None:
    window = studio.window(Backend(studio.signed_in_dir([])), mw.SIGNED_IN)
    studio.save(window, "signed-in-empty")


@shot("offline", "Zoom can't be reached: say so, offer a retry")
def offline(studio: Studio) -> None:
    path = studio.signed_in_dir(demo_meetings())
    # Every attempt of the list call (the client retries dropped connections) fails.
    studio.sandbox.inject_fault("drop", count=3, path_prefix="/v2/users/me/meetings")
    window = studio.window(Backend(path), mw.SIGNED_IN)
    meetings = window.signed_in_page.meetings
    studio.wait(lambda: "Can't reach" in meetings.message, what="the network error")
    studio.save(window, "offline")
    studio.sandbox.clear_faults()


@shot("meeting-details", "A meeting's details and invitation")
def meeting_details(studio: Studio) -> None:
    window = studio.window(Backend(studio.signed_in_dir(demo_meetings())), mw.SIGNED_IN)
    meetings = window.signed_in_page.meetings
    row = next(i for i, m in enumerate(meetings.model.meetings) if m.type == 8)
    window.meeting_actions.handle("details", meetings.model.meeting(row))
    studio.wait(lambda: _dialog(window) is not None, what="the details dialog")
    studio.save(_dialog(window), "meeting-details")


@shot("delete-recurring", "Deleting a recurring meeting: this occurrence or all")
def delete_recurring(studio: Studio) -> None:
    window = studio.window(Backend(studio.signed_in_dir(demo_meetings())), mw.SIGNED_IN)
    meetings = window.signed_in_page.meetings
    series = next(m for m in meetings.model.meetings if m.type == 8)

    def grab_then_cancel() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, grab_then_cancel)
            return
        studio.save(box, "delete-recurring")
        box.reject()

    QTimer.singleShot(0, grab_then_cancel)
    window.meeting_actions.handle("delete", series)
    studio.wait(lambda: "delete-recurring" in {p.stem for p in studio.written}, what="box")


@shot("settings", "Settings")
def settings(studio: Studio) -> None:
    window = studio.window(Backend(studio.signed_in_dir([])), mw.SIGNED_IN)
    window.open_settings()
    studio.wait(lambda: _dialog(window) is not None, what="the settings dialog")
    studio.save(_dialog(window), "settings")


# -- the login dialog ------------------------------------------------------------------------


def _login(studio: Studio, decision: str | None, stop_at: Callable[[Any], bool]) -> Any:
    from zoomdesk.ui.sandbox_autofill import SandboxAutofill

    window = studio.window(Backend(studio.config_dir()), mw.SIGNED_OUT)
    window.sign_in()
    dialog = window.login_dialog
    pause = {"signin"} if decision is None else set()
    SandboxAutofill(dialog.page, decision=decision, pause_at=pause)
    studio.wait(lambda: stop_at(dialog), seconds=30, what="the login dialog")
    return dialog


@shot("login-signin", "Sign-in inside zoomdesk (here: the sandbox)")
def login_signin(studio: Studio) -> None:
    dialog = _login(studio, None, lambda d: d.state == "page" and d.page.title() != "")
    studio.settle(500)  # the page paints after loadFinished
    studio.save(dialog, "login-signin")


@shot("login-declined", "After Decline on Zoom's consent page")
def login_declined(studio: Studio) -> None:
    dialog = _login(studio, "deny", lambda d: d.state == "declined")
    studio.save(dialog, "login-declined")


def _dialog(window: QWidget) -> QWidget | None:
    """The dialog the window opened (the newest visible child window)."""
    found = [
        w for w in QApplication.topLevelWidgets() if w.isVisible() and w.parentWidget() is window
    ]
    return found[-1] if found else None


def _meeting_dialog_shots(out: Path) -> list[Path]:
    script = REPO / "scripts" / "meeting_screenshots.py"
    if not script.exists():
        return []
    spec = importlib.util.spec_from_file_location("meeting_screenshots", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    paths: list[Path] = module.render_all(out)
    for path in paths:
        print(f"wrote {path}")
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--only", nargs="*", metavar="NAME", help="just these pictures")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    import PySide6.QtWebEngineWidgets  # noqa: F401 - before the QApplication, as Qt wants

    app = create_app()
    studio = Studio(app, args.out.resolve())
    try:
        for item in SHOTS:
            if args.only and item.name not in args.only:
                continue
            item.render(studio)
            studio.close_all()
        if not args.only or set(args.only) & MEETING_DIALOG_SHOTS:
            studio.written += _meeting_dialog_shots(args.out)
    finally:
        studio.close_all()
        studio.sandbox.stop()
    print(f"{len(studio.written)} pictures in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
