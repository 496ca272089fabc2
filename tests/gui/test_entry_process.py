"""`zoomdesk --sandbox` as a user starts it: a real process that opens its window."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from zoomdesk.ui.entry import BENCH_EXIT_ON_SHOW, SHOWN_MARKER


def test_sandbox_window_opens_and_paints(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path), BENCH_EXIT_ON_SHOW: "1"}
    done = subprocess.run(
        [sys.executable, "-m", "zoomdesk", "--sandbox"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert SHOWN_MARKER in done.stderr.splitlines()
    assert "Traceback" not in done.stderr
    # The sandbox keeps its own settings: the user's config.json is never written.
    assert not (tmp_path / "zoomdesk" / "config.json").exists()
