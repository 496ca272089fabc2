"""The screenshot script's stage: a quiet environment, a sandbox, and helpers to wait and save.

Imported first by ``scripts/screenshots.py`` (it sets the environment Qt reads at
start-up): ``TZ`` Europe/Berlin like the sandbox user, a temporary config dir so
the user's own settings and tokens are never read, offscreen unless a platform
is chosen, and resolver rules that keep Chromium on 127.0.0.1.
"""

from __future__ import annotations

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
sys.path[:0] = [str(REPO), str(REPO / "tests" / "support")]
os.environ.setdefault("TZ", "Europe/Berlin")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")  # Chromium refuses root otherwise
os.environ.setdefault(
    "QTWEBENGINE_CHROMIUM_FLAGS",
    '--disable-gpu --host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"',
)
HOME = Path(tempfile.mkdtemp(prefix="zoomdesk-shots-"))
for _var in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
    os.environ[_var] = str(HOME / _var.lower())
for _var in ("ZOOMDESK_CLIENT_ID", "ZOOMDESK_CLIENT_SECRET", "ZOOMDESK_REDIRECT_URI",
             "ZOOMDESK_OAUTH_URL", "ZOOMDESK_API_URL", "ZOOMDESK_TOKEN_STORAGE"):  # fmt: skip
    os.environ.pop(_var, None)

from PySide6.QtCore import QEventLoop  # noqa: E402
from PySide6.QtGui import QGuiApplication, QPixmap  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402
from sandbox_signin import sign_in_headless  # noqa: E402

from zoomdesk.core.config import save_file  # noqa: E402
from zoomdesk.sandbox import PUBLIC_CLIENT_ID, Sandbox  # noqa: E402
from zoomdesk.ui.session import Backend  # noqa: E402
from zoomdesk.ui.window import main_window as mw  # noqa: E402

BERLIN = ZoneInfo("Europe/Berlin")


@dataclass(frozen=True)
class Shot:
    name: str
    caption: str
    render: Callable[[Studio], None]


#: Every picture, in order; ``@shot`` adds one (here, so scene modules can too).
SHOTS: list[Shot] = []


def shot(name: str, caption: str) -> Callable[[Callable[[Studio], None]], Callable[[Studio], None]]:
    def register(fn: Callable[[Studio], None]) -> Callable[[Studio], None]:
        SHOTS.append(Shot(name, caption, fn))
        return fn

    return register


def dialog_of(window: QWidget) -> Any:
    """The dialog the window opened (the newest visible child window)."""
    found = [
        w for w in QApplication.topLevelWidgets() if w.isVisible() and w.parentWidget() is window
    ]
    return found[-1] if found else None


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
        path = HOME / f"profile-{self._dirs}"
        save_file(
            {
                "client_id": PUBLIC_CLIENT_ID,
                "redirect_uri": self.sandbox.redirect_uri,
                "oauth_url": self.url,
                "api_url": self.url + "/v2",
                # Sandbox sessions stay in the temporary dir, never in the user's keyring;
                # and every run pictures the same storage, whatever keyring is here.
                "token_storage": "file",
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
            # The list loads after the user: between the two the runner can be idle.
            listed = window.pages.signed_in.meetings
            self.wait(lambda: not listed.message.startswith("Loading"), what="the list")
        return window

    def close_all(self) -> None:
        for widget in self._keep:
            widget.close()
            widget.runner.wait_for_done(5000)
            widget.shutdown()
            widget.deleteLater()
        self._keep.clear()
        self.settle(100)


def close_login(dialog: Any) -> None:
    """Close the dialog and let the event loop delete its page, then its profile.

    A profile left alive until the interpreter exits makes QtWebEngine crash on
    the way out. The deletions are deferred ones: only a running event loop
    carries them out, so run one until the profile is gone.
    """
    from PySide6.QtCore import QEventLoop, QTimer

    if getattr(dialog, "profile", None) is None:  # the browser way made no web engine
        dialog.reject()
        return
    loop = QEventLoop()
    dialog.profile.destroyed.connect(loop.quit)
    QTimer.singleShot(10_000, loop.quit)
    dialog.reject()
    loop.exec()


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
         "agenda": "Round the table, then this week's blockers and who takes them.",
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
