"""The 800×600 and 2× picture sets: every window of ``tests/gui/window_tour.py`` on a small
screen and on a 2560×1600 screen at 2× scale, each in a process of its own.

Under Xvfb with Openbox when both are installed (the pictures then show a real
window manager's frames, and the whole screen), else on Qt's offscreen platform
with a screen of that size. The tour's report (``tour.json``) lands beside the
pictures: every window whose frame or button is off the screen is listed there.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from x_server import DisplayError, openbox, xvfb  # tests/support: screenshot_studio adds it

REPO = Path(__file__).resolve().parents[1]
TOUR = REPO / "tests" / "gui" / "window_tour.py"
#: name: (screen width, height, Qt's scale factor)
SETS = {"800x600": (800, 600, "1"), "2x": (2560, 1600, "2")}


@contextmanager
def openbox_screen(width: int, height: int) -> Iterator[str | None]:
    """An Xvfb screen managed by Openbox; its DISPLAY, or None when they are missing."""
    if any(shutil.which(tool) is None for tool in ("Xvfb", "openbox", "xprop")):
        yield None
        return
    with ExitStack() as stack:
        try:
            display: str | None = stack.enter_context(xvfb(width, height))
            stack.enter_context(openbox(display))
        except DisplayError as exc:
            print(f"{exc}: rendering offscreen instead")
            stack.close()
            display = None
        yield display


def render_set(name: str, out: Path) -> Path:
    """Render the set ``name`` into ``out/name``; returns that directory."""
    width, height, scale = SETS[name]
    target = out / name
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="zoomdesk-set-") as home:
        env = {k: v for k, v in os.environ.items() if not k.startswith("ZOOMDESK_")}
        for var in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
            env[var] = str(Path(home) / var.lower())
        env.update(QT_SCALE_FACTOR=scale, TZ="Europe/Berlin")
        with openbox_screen(width, height) as display:
            if display is not None:
                env.update(QT_QPA_PLATFORM="xcb", DISPLAY=display)
            else:
                config = Path(home) / "screen.json"
                screen = {"name": "s", "x": 0, "y": 0, "width": width, "height": height,
                          "dpr": 1}  # fmt: skip
                config.write_text(json.dumps({"windowFrameMargins": True, "screens": [screen]}))
                env["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
            command = [sys.executable, str(TOUR), "--out", str(target / "tour.json"),
                       "--shots", str(target)]  # fmt: skip
            subprocess.run(command, env=env, check=True, timeout=300)
    return target


def problems(target: Path) -> dict[str, list[str]]:
    report = json.loads((target / "tour.json").read_text())
    return {name: entry["problems"] for name, entry in report.items() if entry["problems"]}
