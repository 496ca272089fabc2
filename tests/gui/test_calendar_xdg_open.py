"""*Add to calendar* through Qt's real desktop services: ``xdg-open`` on ``$PATH``, or none.

Each case runs ``calendar_child.py`` in a process of its own: Qt finds its
launcher once per process (and the offscreen platform has no desktop services
at all), so the child gets an Xvfb display and a ``$PATH`` holding only the
stub, or nothing.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import icalendar
import pytest
from x_server import DisplayError, xvfb

from zoomdesk.ui.meeting.calendar_file import NO_HANDLER

CHILD = Path(__file__).with_name("calendar_child.py")
REPO = Path(__file__).resolve().parents[2]

#: Records what it was given, as a calendar app would see it: the argument, the
#: file's bytes, and the modes of the file and its folder.
STUB = """#!{python}
import json, os, stat, sys
path = sys.argv[1].removeprefix("file://")
record = {{
    "argv": sys.argv[1:],
    "content": open(path, encoding="utf-8").read(),
    "mode": stat.S_IMODE(os.stat(path).st_mode),
    "dir_mode": stat.S_IMODE(os.stat(os.path.dirname(path)).st_mode),
}}
with open(os.environ["CALENDAR_RECORD"] + ".tmp", "w") as out:
    json.dump(record, out)
os.replace(os.environ["CALENDAR_RECORD"] + ".tmp", os.environ["CALENDAR_RECORD"])
"""


@pytest.fixture(scope="module")
def x_display() -> Iterator[str]:
    """An Xvfb display for the children (Qt's xcb platform has the desktop services)."""
    if shutil.which("Xvfb") is None:
        pytest.skip("needs Xvfb (apt-get install xvfb)")
    try:
        with xvfb(800, 600) as display:
            yield display
    except DisplayError as exc:
        pytest.skip(str(exc))


def run_child(tmp_path: Path, display: str, path_dirs: list[Path]) -> dict[str, Any]:
    runtime = tmp_path / "run"
    runtime.mkdir(0o700, exist_ok=True)
    runtime.chmod(0o700)
    record = tmp_path / "record.json"
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("XDG_CURRENT_DESKTOP", "DESKTOP_SESSION", "BROWSER", "QT_QPA"))
    }
    env.update(
        DISPLAY=display,
        QT_QPA_PLATFORM="xcb",
        PATH=os.pathsep.join(str(d) for d in path_dirs),
        XDG_RUNTIME_DIR=str(runtime),
        CALENDAR_RECORD=str(record),
        CALENDAR_WAIT_FOR=str(record),
        PYTHONPATH=str(REPO),
    )
    done = subprocess.run(
        [sys.executable, str(CHILD)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    assert not report.get("timed_out"), (report, done.stderr)
    report["record"] = json.loads(record.read_text()) if record.exists() else None
    report["runtime"] = runtime
    return report


def test_xdg_open_on_path_gets_the_private_file(tmp_path: Path, x_display: str) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    stub = bin_dir / "xdg-open"
    stub.write_text(STUB.format(python=sys.executable))
    stub.chmod(stub.stat().st_mode | stat.S_IXUSR)
    report = run_child(tmp_path, x_display, [bin_dir])
    record = report["record"]
    assert record is not None, report
    (url,) = record["argv"]
    folder = report["runtime"] / "zoomdesk" / "calendar"
    assert url.startswith(f"file://{folder}/Roadmap-") and url.endswith(".ics")
    assert record["mode"] == 0o600 and record["dir_mode"] == 0o700
    (event,) = icalendar.Calendar.from_ical(record["content"]).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Roadmap"
    assert report["messages"][-1] == "Sent “Roadmap” to your calendar app."
    assert report["box"] is None and not report["chooser"]
    # Still there for the calendar app, which reads it after xdg-open has returned.
    assert Path(url.removeprefix("file://")).exists()


def test_no_xdg_open_says_so_and_opens_the_save_dialog(tmp_path: Path, x_display: str) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    report = run_child(tmp_path, x_display, [empty])
    assert report["record"] is None
    assert report["box"] == NO_HANDLER
    assert report["chooser"], report
    assert NO_HANDLER in report["messages"]
