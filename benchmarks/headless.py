"""The environment every benchmark child process runs Qt in: offscreen, no DNS."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def qt_child_env() -> dict[str, str]:
    """This process's environment, set for a headless Qt/QtWebEngine child on loopback."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # Chromium refuses to run as root with its sandbox on.
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        env.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    env.setdefault(
        "QTWEBENGINE_CHROMIUM_FLAGS",
        '--disable-gpu --host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"',
    )
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env
