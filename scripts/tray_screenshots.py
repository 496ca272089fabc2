"""The README's tray pictures: the tray menu and a meeting reminder, on a real X desktop.

``render(out)`` starts Xvfb with Openbox, a system tray (trayer) and a
notification server (dunst) on a private session bus, as
``tests/gui/test_tray_real.py`` does, and runs this file there as ``--child``:
the main window signed in to the sandbox with a meeting starting in five
minutes, whose reminder and tray menu are cropped from the screen into
``reminder.png`` and ``tray-menu.png``, then Settings' *Desktop* tab
(``settings-desktop.png``: with a tray, so close-to-tray can be chosen).
Without those programs it says so and renders nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

NEEDS = ("Xvfb", "openbox", "trayer", "dunst", "xdotool", "dbus-run-session")
SCREEN = (1200, 760)
DOCS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
NAMES = ("reminder", "tray-menu", "settings-desktop")
#: dunst's defaults, minus the "(A)" it puts before a notification with actions
DUNSTRC = """[global]
font = DejaVu Sans 10
show_indicators = no
format = "<b>%s</b>\\n%b"
width = 340
offset = 10x40
"""


def render(out: Path) -> list[Path]:
    """Write the pictures into ``out``; nothing (and a note) when a program is missing."""
    missing = [p for p in NEEDS if shutil.which(p) is None]
    if missing:
        print(f"skipped {', '.join(NAMES)}: needs {', '.join(missing)}")
        return []
    # From tests/support, which screenshot_studio puts on the path (not in --child).
    from x_server import DisplayError, xvfb

    with tempfile.TemporaryDirectory(prefix="zoomdesk-tray-") as home:
        rc = Path(home) / "dunstrc"
        rc.write_text(DUNSTRC)
        try:
            with xvfb(*SCREEN) as display:
                env = {k: v for k, v in os.environ.items() if not k.startswith("DBUS_")}
                # The session in a private file: a keyring on this bus would prompt, and block.
                env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
                env["ZOOMDESK_TOKEN_STORAGE"] = "file"  # noqa: S105 - a setting, not a secret
                script = (
                    "openbox & trayer --edge top --align right --widthtype pixel --width 120 "
                    "--height 28 --transparent false --tint 0x333333 & "
                    f'dunst -config "{rc}" & sleep 1.5; '
                    f'"{sys.executable}" "{__file__}" --child "{out}"; code=$?; kill %1 %2 %3; '
                    "exit $code"
                )
                proc = subprocess.run(["dbus-run-session", "--", "bash", "-c", script], env=env,
                                      capture_output=True, text=True, timeout=120)  # fmt: skip
        except DisplayError as exc:
            print(f"skipped {', '.join(NAMES)}: {exc}")
            return []
    written = [out / f"{name}.png" for name in NAMES if (out / f"{name}.png").exists()]
    if proc.returncode != 0 or len(written) != len(NAMES):
        print(f"tray pictures failed ({proc.returncode}): {proc.stderr[-2000:]}")
    for path in written:
        print(f"wrote {path}")
    return written


def child(out: Path) -> int:
    """On the desktop ``render`` made: the window, its reminder, then its tray menu."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    # First: it sets the environment (TZ, a temporary config dir) up.
    from screenshot_studio import BERLIN, Studio, demo_meetings, dialog_of

    # isort: split
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QGuiApplication

    from zoomdesk.ui.app import create_app
    from zoomdesk.ui.session import Backend
    from zoomdesk.ui.window import main_window as mw
    from zoomdesk.ui.window.desktop import Desktop

    app = create_app()
    studio = Studio(app, out)
    wallpaper = _wallpaper()
    soon = datetime.now(BERLIN) + timedelta(minutes=4, seconds=50)
    first = dict(demo_meetings()[0], start_time=soon.strftime("%Y-%m-%dT%H:%M:%S"))
    window = studio.window(Backend(studio.signed_in_dir([first, *demo_meetings()[1:]])),
                           mw.SIGNED_IN)  # fmt: skip
    desktop = Desktop(window, new_meeting=lambda: None, open_window=window.show)
    width, _ = SCREEN

    def save(name: str, area: QRect) -> None:
        picture = QGuiApplication.primaryScreen().grabWindow(0).copy(area)
        if not picture.save(str(out / f"{name}.png")):
            raise RuntimeError(f"could not write {name}.png")

    try:
        studio.wait(lambda: bool(desktop.notifier.shown), seconds=30, what="the reminder")
        studio.settle(1500)  # dunst draws it
        save("reminder", QRect(width - 560, 0, 560, 220))
        assert desktop.tray is not None, "no system tray"
        centre = desktop.tray.geometry().center()
        subprocess.run(["xdotool", "mousemove", str(centre.x()), str(centre.y()), "click", "3"],
                       check=True, timeout=10)  # fmt: skip
        menu = desktop.menu.menu
        studio.wait(menu.isVisible, what="the tray menu")
        studio.settle(600)
        area = menu.frameGeometry().united(desktop.tray.geometry())
        save("tray-menu", area.adjusted(-200, 0, 0, 40).intersected(QRect(0, 0, *SCREEN)))
        menu.hide()
        # Settings' Desktop tab where a tray is (elsewhere close-to-tray is greyed out).
        window.open_settings()
        studio.wait(lambda: (d := dialog_of(window)) is not None and not d.loading, what="settings")
        settings = dialog_of(window)
        settings.tabs.setCurrentIndex(2)
        settings.activateWindow()
        studio.settle(800)
        save("settings-desktop", settings.geometry())
        settings.reject()
    finally:
        wallpaper.close()
        desktop.shutdown()
        studio.close_all()
        studio.sandbox.stop()
    return 0


def _wallpaper() -> Any:
    """A plain desktop behind the windows (bare Xvfb is black), as Openbox's desktop window."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QWidget

    desktop = QWidget()
    desktop.setAttribute(Qt.WidgetAttribute.WA_X11NetWmWindowTypeDesktop)
    desktop.setStyleSheet("background: #4a6078;")
    desktop.setGeometry(0, 0, *SCREEN)
    desktop.show()
    return desktop


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        sys.exit(child(Path(sys.argv[2])))
    sys.exit(0 if render(Path(sys.argv[1]) if len(sys.argv) > 1 else DOCS) else 1)
