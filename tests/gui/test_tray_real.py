"""The real ``QSystemTrayIcon`` and notification path: Xvfb, openbox, trayer and dunst.

Skipped where those programs are missing (Debian: ``xvfb openbox trayer dunst
xdotool dbus``); ``tray_tour.py`` does the work in a process of its own, on a
private X display and session bus.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from x_server import xvfb

TOUR = Path(__file__).with_name("tray_tour.py")
NEEDS = ("Xvfb", "openbox", "trayer", "dunst", "xdotool", "dbus-run-session")

pytestmark = pytest.mark.skipif(
    any(shutil.which(p) is None for p in NEEDS),
    reason=f"needs {', '.join(NEEDS)} (Debian: xvfb openbox trayer dunst xdotool dbus)",
)


@pytest.fixture
def desktop_env() -> Iterator[dict[str, str]]:
    """A private X display (Xvfb picks a free one and says which) for the tour."""
    with xvfb(1280, 800) as display:
        env = {k: v for k, v in os.environ.items() if not k.startswith("DBUS_")}
        env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
        yield env


def test_tray_menu_reminder_and_close_to_tray_on_a_real_desktop(
    tmp_path: Path, desktop_env: dict[str, str]
) -> None:
    out = tmp_path / "shots"
    out.mkdir()
    script = (
        "openbox & trayer --edge top --align right --widthtype pixel --width 120 "
        "--height 28 --transparent false --tint 0x333333 & dunst & sleep 1.5; "
        f'"{sys.executable}" "{TOUR}" "{out}"; code=$?; kill %1 %2 %3; exit $code'
    )
    proc = subprocess.run(["dbus-run-session", "--", "bash", "-c", script], env=desktop_env,
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-3000:]
    tour = json.loads((out / "tour.json").read_text())
    assert tour["tray"] and tour["notification_server"].startswith("dunst")
    assert tour["reminders"][0][:2] == ["dbus", "Design review"]
    assert tour["menu"][0] == "&New meeting…" and tour["menu"][-1] == "&Quit"
    assert tour["visible_after_close"] is False  # Alt+F4 through openbox: hidden in the tray
    assert tour["shown"][-1][1] == "zoomdesk is still running"
    assert sorted(p.name for p in out.glob("*.png")) == [
        "1-reminder.png", "2-tray-menu.png", "3-closed-to-tray.png"]  # fmt: skip
