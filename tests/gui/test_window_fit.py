"""Every window and dialog fits its screen, and dialogs open centred on their parent.

Each test runs ``window_tour.py`` in a process of its own (the screen is chosen
before Qt starts): the main window (first run and signed in), the meeting
dialog (new, monthly recurrence, created, edit), the details, one occurrence, Settings, the
sign-out and delete questions, and the sign-in dialog with the sandbox's page.

- 800×600 and 2560×1600 at 2× scale (1280×800 of Qt's pixels), on the offscreen
  platform with a screen of that size: every button is on the screen and inside
  its window, every frame is on the screen.
- 800×600 under a real window manager (Xvfb and Openbox), the Edit dialog opened
  six times: each dialog centred on the window and whole on the screen. Openbox
  put the Edit dialog at (0, 0), its title bar above the screen, about one time in
  three before ``ui/placement.py``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from x_server import DisplayError, openbox, xvfb

pytestmark = pytest.mark.slow

TOUR = Path(__file__).with_name("window_tour.py")
WINDOWS = {
    "first-run", "main", "new-meeting", "new-meeting-monthly", "new-meeting-options",
    "new-meeting-options-closed", "meeting-created",
    "edit-meeting", "details", "occurrence-edit", "settings", "sign-out-question",
    "delete-question", "sign-in",
    "sign-in-failed",
}  # fmt: skip


def tour_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "QT_SCALE_FACTOR"}
    env.update(extra)
    for var, sub in (("XDG_CONFIG_HOME", "c"), ("XDG_STATE_HOME", "s"), ("XDG_CACHE_HOME", "k")):
        env[var] = str(tmp_path / sub)
    return env


def run_tour(tmp_path: Path, env: dict[str, str], *args: str) -> Any:
    out = tmp_path / "tour.json"
    command = [sys.executable, str(TOUR), "--out", str(out), *args]
    done = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=240, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(out.read_text())


def offscreen_screen(tmp_path: Path, width: int, height: int) -> str:
    """The offscreen platform with one screen of this size (and window frames of 1 px)."""
    config = tmp_path / "screen.json"
    screen = {"name": "s", "x": 0, "y": 0, "width": width, "height": height, "dpr": 1}
    config.write_text(json.dumps({"windowFrameMargins": True, "screens": [screen]}))
    return f"offscreen:configfile={config}"


def problems_of(report: dict[str, Any]) -> dict[str, list[str]]:
    return {name: entry["problems"] for name, entry in report.items() if entry["problems"]}


@pytest.mark.parametrize(
    ("size", "scale", "logical"),
    [((800, 600), "1", (800, 600)), ((2560, 1600), "2", (1280, 800))],
    ids=["800x600", "2560x1600-at-2x"],
)
def test_every_button_of_every_window_is_on_screen(
    tmp_path: Path, size: tuple[int, int], scale: str, logical: tuple[int, int]
) -> None:
    env = tour_env(
        tmp_path, QT_QPA_PLATFORM=offscreen_screen(tmp_path, *size), QT_SCALE_FACTOR=scale
    )
    report = run_tour(tmp_path, env)
    assert set(report) == WINDOWS
    assert problems_of(report) == {}
    for name, entry in report.items():
        assert entry["area"][2:] == list(logical), name
        assert entry["buttons"] or entry["in_view"], f"{name}: no button, nothing was checked"
    # The first-run page scrolls as a whole; at this size its two actions need no scrolling.
    assert {"Save and continue", "Try the offline sandbox"} <= set(report["first-run"]["in_view"])
    # The monthly recurrence is the tallest form: it scrolls, Create stays in view.
    assert {"Cancel", "Create"} <= set(report["new-meeting-monthly"]["buttons"])
    assert {"Cancel", "Create"} <= set(report["new-meeting-options"]["buttons"])
    assert "Cancel" in report["sign-in"]["buttons"]


@pytest.fixture
def openbox_display() -> Iterator[str]:
    """An 800×600 Xvfb with Openbox managing its windows; its DISPLAY."""
    missing = [tool for tool in ("Xvfb", "openbox", "xprop") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (apt-get install xvfb openbox x11-utils)")
    try:
        with xvfb(800, 600) as display, openbox(display):
            yield display
    except DisplayError as exc:
        pytest.skip(str(exc))


def test_dialogs_open_centred_and_whole_under_a_window_manager(
    tmp_path: Path, openbox_display: str
) -> None:
    env = tour_env(tmp_path, QT_QPA_PLATFORM="xcb", DISPLAY=openbox_display)
    report = run_tour(tmp_path, env, "--edits", "6")
    assert problems_of(report) == {}
    edits = [name for name in report if name.startswith("edit-meeting")]
    assert len(edits) == 6
    for name, entry in report.items():
        if "parent" in entry:
            assert entry["centred"], f"{name} could not be centred and whole: {entry}"
            # (window_tour counts a centre within CENTRE_SLACK px as centred.)
            assert max(map(abs, entry["centre_offset"])) <= 3, name
        # The frame Openbox drew, title bar included, is on the screen.
        assert entry["frame"][1] >= 0 and entry["frame"][0] >= 0, name
