"""Started as a user would: Qt's options reach Qt, and Qt's and Chromium's noise the log only.

- ``zoomdesk --sandbox -style Fusion -reverse``: argparse used to refuse "Fusion";
  now the window opens with the Fusion style, right to left.
- Lines Chromium writes to stderr (``[pid:tid:…:ERROR:bus.cc(408)] …``) and Qt's
  graphics-stack warnings (``Failed to load vulkan``) go to the log file at DEBUG,
  not to the terminal; every other line still reaches the terminal.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from zoomdesk.ui.entry import BENCH_EXIT_ON_SHOW, SHOWN_MARKER

# The real entry point, with a look at the application once create_app made it.
SPY = r"""
import sys
import zoomdesk.ui.app as app_module
configure = app_module.configure_app
def spy(app):
    configure(app)
    print("QT", app.style().name(), app.layoutDirection().name, file=sys.stderr, flush=True)
app_module.configure_app = spy
from zoomdesk.cli.main import main
sys.argv[0] = "zoomdesk"
sys.exit(main())
"""

NOISE = r"""
import logging, os, sys
from pathlib import Path
from PySide6.QtCore import qWarning
from zoomdesk.core.logs import setup_logging
from zoomdesk.ui.app import create_app
setup_logging(logging.DEBUG, Path(sys.argv[1]))
app = create_app()
os.write(2, b"[4242:4242:1203/001447.236382:ERROR:bus.cc(408)] Failed to connect to the bus\n")
qWarning("Failed to load vulkan: Cannot load library vulkan")
print("a line of our own", file=sys.stderr, flush=True)
qWarning("a Qt warning that is news")
"""


def env_for(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    for var, sub in (("XDG_CONFIG_HOME", "c"), ("XDG_STATE_HOME", "s"), ("XDG_CACHE_HOME", "k")):
        env[var] = str(tmp_path / sub)
    return env


def test_qt_options_reach_qt(tmp_path: Path) -> None:
    env = {**env_for(tmp_path), BENCH_EXIT_ON_SHOW: "1"}
    argv = [sys.executable, "-c", SPY, "--sandbox", "-style", "Fusion", "-reverse"]
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "QT fusion RightToLeft" in done.stderr.splitlines()
    assert SHOWN_MARKER in done.stderr.splitlines()


def test_chromium_and_graphics_noise_go_to_the_log_only(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    done = subprocess.run(
        [sys.executable, "-c", NOISE, str(logs)],
        env=env_for(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stderr.splitlines()
    assert "a line of our own" in lines
    assert "a Qt warning that is news" in lines
    assert not [line for line in lines if "bus.cc" in line or "vulkan" in line]
    log = (logs / "zoomdesk.log").read_text()
    assert "DEBUG zoomdesk.chromium: ERROR bus.cc(408): Failed to connect to the bus" in log
    assert "DEBUG zoomdesk.qt: Failed to load vulkan: Cannot load library vulkan" in log
    assert "WARNING zoomdesk.qt: a Qt warning that is news" in log
