"""Signing in as root, started directly (not through scripts/run.sh): the sign-in page opens.

Chromium refuses to run as root with its sandbox on and ends the whole process:
"Sign in with Zoom" closed the window with exit code 1 and an empty log. Now the
login dialog turns the sandbox off before QtWebEngine starts, and says so in the
log, once. This is the real thing: a process of its own, as root, without
``QTWEBENGINE_DISABLE_SANDBOX``, the main window against the sandbox, *Sign in*.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

# The app's own way in: create_app, the main window on the sandbox, its Sign in.
CHILD = r"""
import logging, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from zoomdesk.core.logs import setup_logging
from zoomdesk.ui.app import create_app
from zoomdesk.ui.session import SandboxBackend
from zoomdesk.ui.window.main_window import MainWindow

setup_logging(logging.INFO, Path(sys.argv[1]))
app = create_app()
window = MainWindow(SandboxBackend())
found = {}

def step():
    if "autofill" not in found and window.state == "signed_out":
        window.sign_in()  # what the Sign in button does
        from zoomdesk.ui.login.sandbox_autofill import SandboxAutofill
        found["autofill"] = SandboxAutofill(window.login_dialog.page, pause_at={"signin"})
    autofill = found.get("autofill")
    if autofill is not None and autofill.stage == "signin" and autofill.waiting:
        print("REACHED the sign-in page", flush=True)
        app.quit()
        return
    QTimer.singleShot(50, step)

QTimer.singleShot(0, step)
QTimer.singleShot(60000, lambda: app.exit(3))
window.show()
code = app.exec()
window.runner.wait_for_done(3000)
window.shutdown()
sys.exit(code)
"""


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root meets Chromium's refusal"
)
def test_sign_in_as_root_without_the_sandbox_switch_opens_the_page(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "QTWEBENGINE_DISABLE_SANDBOX"}
    assert "--no-sandbox" not in env.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
    for var, sub in (("XDG_CONFIG_HOME", "c"), ("XDG_STATE_HOME", "s"), ("XDG_CACHE_HOME", "k")):
        env[var] = str(tmp_path / sub)
    logs = tmp_path / "logs"
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(logs)],
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "REACHED the sign-in page" in done.stdout
    log = (logs / "zoomdesk.log").read_text()
    warnings = [line for line in log.splitlines() if "zoomdesk.ui.login.engine" in line]
    assert len(warnings) == 1 and " WARNING " in warnings[0]
    assert "without its sandbox" in warnings[0]
    # Chromium's and Qt's graphics and D-Bus chatter stayed off the terminal.
    assert ":ERROR:" not in done.stderr and "Vulkan" not in done.stderr
