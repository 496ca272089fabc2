"""The tray, a reminder and close-to-tray on a real X desktop, with pictures.

Run as a script by ``tests/gui/test_tray_real.py`` (and by hand for the README's
pictures) on an X server with a window manager (openbox), a system tray
(trayer) and a notification server (dunst) on a session bus::

    python tests/gui/tray_tour.py OUT_DIR

The main window runs against a scripted Zoom (``fake_zoom``) with a meeting
starting in under five minutes. In turn it pictures the reminder
(``1-reminder.png``), right-clicks the tray icon (``2-tray-menu.png``), turns
close-to-tray on and closes the window with Alt+F4 through the window manager
(``3-closed-to-tray.png``, the one-time notice), then quits from the tray.
What happened goes to ``OUT_DIR/tour.json``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parents[1]), str(HERE), str(HERE.parent / "support")]

from fake_zoom import FakeAccount, FakeBackend, meeting_json  # noqa: E402
from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402

from zoomdesk.core.desktop_prefs import DesktopPrefs  # noqa: E402
from zoomdesk.ui.app import create_app  # noqa: E402


def main(out: Path) -> int:
    from zoomdesk.ui.window.desktop import Desktop
    from zoomdesk.ui.window.main_window import MainWindow

    app = create_app()

    def at(delta: timedelta) -> str:
        return (datetime.now(UTC) + delta).strftime("%Y-%m-%dT%H:%M:%SZ")

    meetings = [
        meeting_json(81234567891, "Design review", at(timedelta(minutes=4, seconds=50))),
        meeting_json(81234567892, "Planning <b>Q1</b> & budget", at(timedelta(hours=2))),
        meeting_json(81234567893, "Weekly sync", at(timedelta(days=1, hours=1))),
        meeting_json(81234567894, "Retro", at(timedelta(days=2))),
    ]
    window = MainWindow(FakeBackend(account=FakeAccount(meetings), viewer_tz="UTC"))
    window.show()
    made: list[Desktop] = []
    log: dict[str, Any] = {"shots": []}

    def start() -> None:
        made.append(Desktop(window, new_meeting=lambda: None, open_window=window.show))
        log["tray"] = made[0].tray is not None

    def grab(name: str) -> None:
        QGuiApplication.primaryScreen().grabWindow(0).save(str(out / f"{name}.png"))
        log["shots"].append(name)

    def xdo(*args: str) -> None:
        subprocess.run(["xdotool", *args], check=False, timeout=10)

    def open_menu() -> None:
        desktop = made[0]
        service = desktop.notifier.service
        log["notification_server"] = service.server if service else None
        log["reminders"] = list(desktop.notifier.shown)
        log["menu"] = desktop.menu.texts()
        if desktop.tray is not None:
            centre = desktop.tray.geometry().center()
            xdo("mousemove", str(centre.x()), str(centre.y()), "click", "3")

    def close_menu() -> None:
        xdo("key", "Escape")
        made[0].apply_desktop_prefs(DesktopPrefs(close_to_tray=True))

    def close_with_alt_f4() -> None:  # the window manager's close: a spontaneous close event
        xdo("windowactivate", "--sync", str(int(window.winId())), "key", "alt+F4")

    def after_close() -> None:
        log["visible_after_close"] = window.isVisible()
        log["shown"] = list(made[0].notifier.shown)
        grab("3-closed-to-tray")

    def done() -> None:
        (out / "tour.json").write_text(json.dumps(log, indent=1))
        made[0].quit()

    steps = [(1500, start), (5000, lambda: grab("1-reminder")), (5500, open_menu),
             (7000, lambda: grab("2-tray-menu")), (7500, close_menu), (8500, close_with_alt_f4),
             (10000, after_close), (11000, done)]  # fmt: skip
    for when, step in steps:
        QTimer.singleShot(when, step)
    QTimer.singleShot(60000, app.quit)  # a watchdog: the tour never hangs a test
    code = app.exec()
    if made:
        made[0].shutdown()
    return code


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
