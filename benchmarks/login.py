"""Benchmark: login dialog opened → sandbox sign-in page loaded, against a raw QWebEngineView.

Both cases run in fresh subprocesses, alternating, against one in-process
sandbox on loopback. Each child first creates the QApplication the way zoomdesk
does (shared GL contexts, no QtWebEngine yet), then times from "the user asked
to sign in" to the sign-in page's ``loadFinished(True)``:

* ``dialog``: ``import zoomdesk.ui.login.dialog`` + ``LoginDialog(account, runner)`` + show
  (its own off-the-record profile, request interceptor, the navigation guard);
* ``raw``: ``import PySide6.QtWebEngineWidgets`` + a bare ``QWebEngineView``
  loading an authorize URL of the same shape.

Prints each case's median (ms) and the ratio dialog/raw; the goal is ≤ 1.2×.

    python benchmarks/login.py [--runs 7]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from headless import qt_child_env

REPO = Path(__file__).resolve().parents[1]
GOAL = 1.2


def run_child(case: str, base_url: str, config_home: str) -> float:
    env = qt_child_env()
    env["XDG_CONFIG_HOME"] = config_home  # the dialog never writes here, but be sure
    out = subprocess.run(
        [sys.executable, __file__, "--child", case, "--url", base_url],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    for line in out.stdout.splitlines():
        if line.startswith("{"):
            return float(json.loads(line)["ms"])
    raise RuntimeError(f"{case} child failed (exit {out.returncode}):\n{out.stderr[-2000:]}")


def warm_up_widgets() -> None:
    """Touch the widget classes every zoomdesk window has used before "Sign in" is clicked.

    PySide6 builds a class's Python enums the first time the class is used; in
    the real app the main window has paid that for these classes long before
    the login dialog opens, so neither case is charged for it here.
    """
    from PySide6 import QtWidgets

    for name in (
        "QDialog",
        "QFrame",
        "QHBoxLayout",
        "QLabel",
        "QLineEdit",
        "QProgressBar",
        "QPushButton",
        "QSizePolicy",
        "QStackedWidget",
        "QStyle",
        "QVBoxLayout",
    ):
        getattr(QtWidgets, name)


def child(case: str, base_url: str) -> None:
    from PySide6.QtCore import QTimer, QUrl

    from zoomdesk.core.config import Config
    from zoomdesk.core.oauth import authorize_url, new_pkce, new_state
    from zoomdesk.ui.app import create_app

    app = create_app()
    warm_up_widgets()
    config = Config(
        client_id="sandbox-public-client",
        redirect_uri=f"{base_url}/zoomdesk/callback",
        oauth_url=base_url,
        api_url=f"{base_url}/v2",
    )
    result: dict[str, float] = {}
    keep: list[object] = []

    def loaded(ok: bool) -> None:
        if ok and "ms" not in result:
            result["ms"] = (time.perf_counter() - result["t0"]) * 1000
            QTimer.singleShot(0, app.quit)

    # The running app already holds its account and task runner.
    from zoomdesk.core.account import Account
    from zoomdesk.ui.tasks import TaskRunner

    account, runner = Account(config), TaskRunner()

    def open_dialog() -> None:
        result["t0"] = time.perf_counter()
        from zoomdesk.ui.login.dialog import LoginDialog

        dialog = LoginDialog(account, runner)
        dialog.page.loadFinished.connect(loaded)
        dialog.show()
        keep.append(dialog)

    def open_raw() -> None:
        result["t0"] = time.perf_counter()
        from PySide6.QtWebEngineWidgets import QWebEngineView

        view = QWebEngineView()
        view.resize(900, 720)
        view.page().loadFinished.connect(loaded)
        view.load(QUrl(authorize_url(config, new_state(), new_pkce().challenge)))
        view.show()
        keep.append(view)

    # Start once the event loop runs, as a click on "Sign in" would.
    QTimer.singleShot(0, open_dialog if case == "dialog" else open_raw)
    QTimer.singleShot(30000, app.quit)
    app.exec()
    if "ms" not in result:
        raise SystemExit(f"{case}: the sign-in page never loaded")
    print(json.dumps({"case": case, "ms": result["ms"]}), flush=True)
    # Skip interpreter teardown: Python's exit order is not what is measured.
    os._exit(0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--child", choices=("dialog", "raw"))
    parser.add_argument("--url")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.url)
        return

    import tempfile

    from zoomdesk.sandbox import Sandbox

    sandbox = Sandbox(port=0)
    base = sandbox.start().rstrip("/")
    times: dict[str, list[float]] = {"dialog": [], "raw": []}
    try:
        with tempfile.TemporaryDirectory() as home:
            for case in ("dialog", "raw"):  # warm the disk and bytecode caches; not counted
                run_child(case, base, home)
            for _ in range(args.runs):
                for case in ("dialog", "raw"):
                    times[case].append(run_child(case, base, home))
    finally:
        sandbox.stop()
    med = {case: statistics.median(values) for case, values in times.items()}
    for case in ("raw", "dialog"):
        q1, _, q3 = statistics.quantiles(times[case], n=4)
        runs = " ".join(f"{v:.0f}" for v in times[case])
        spread = f"middle half {q1:.0f}-{q3:.0f}"
        print(f"{case:>6}: median {med[case]:4.0f} ms ({spread})  runs: {runs}")
    ratio = med["dialog"] / med["raw"]
    verdict = "OK" if ratio <= GOAL else "over the goal"
    print(f" ratio: {ratio:.2f}x dialog/raw, medians (goal <= {GOAL}x): {verdict}")


if __name__ == "__main__":
    main()
