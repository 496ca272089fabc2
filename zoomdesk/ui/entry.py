"""GUI entry points called by ``zoomdesk/cli/main.py``: the main window and ``zoomdesk login``."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

    from PySide6.QtWidgets import QApplication, QWidget

    from zoomdesk.core.account import Account
    from zoomdesk.core.user import User

#: How long quitting waits for background calls still running (they have timeouts).
SHUTDOWN_WAIT_MS = 3000
#: Set to 1 by benchmarks/package.py: once the main window has painted, say so on
#: stderr and quit, so a cold start can be timed the same way frozen and from the venv.
BENCH_EXIT_ON_SHOW = "ZOOMDESK_BENCH_EXIT_ON_SHOW"
SHOWN_MARKER = "zoomdesk-bench: main window shown"


def run_gui(sandbox: bool = False, flags: Mapping[str, str | None] | None = None) -> int:
    """Open the main window; the exit code.

    ``sandbox`` runs it against an in-process sandbox; ``flags`` are settings given
    on the command line, which outrank the environment and ``config.json``.
    """
    from zoomdesk.ui.app import create_app
    from zoomdesk.ui.session import Backend, SandboxBackend
    from zoomdesk.ui.window.main_window import MainWindow

    app = create_app()
    window = MainWindow(SandboxBackend() if sandbox else Backend(flags=flags))
    if os.environ.get(BENCH_EXIT_ON_SHOW) == "1":
        _quit_after_first_paint(app, window)
    window.show()
    try:
        return app.exec()
    finally:
        window.runner.wait_for_done(SHUTDOWN_WAIT_MS)
        window.shutdown()


def run_login(account: Account) -> User | None:
    """Show only the login dialog; the user once signed in (None: Zoom kept the profile).

    Raises SignInCancelled when the user closed the dialog before signing in.
    """
    from zoomdesk.core.errors import SignInCancelled
    from zoomdesk.ui.app import create_app
    from zoomdesk.ui.login.dialog import LoginDialog
    from zoomdesk.ui.tasks import TaskRunner

    app = create_app()
    # Owned by the application: a runner destroyed right after its last task
    # (while that task's deferred deletes are still queued) crashes PySide6.
    runner = TaskRunner(app)
    dialog = LoginDialog(account, runner)
    signed_in: list[User | None] = []
    dialog.signedIn.connect(signed_in.append)
    dialog.exec()
    runner.wait_for_done(SHUTDOWN_WAIT_MS)
    if not signed_in:
        raise SignInCancelled()
    return signed_in[0]


def _quit_after_first_paint(app: QApplication, window: QWidget) -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QWidget

    from zoomdesk.ui.guard import guarded

    class FirstPaint(QObject):
        @guarded(False)
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if (
                event.type() == QEvent.Type.Paint
                and isinstance(obj, QWidget)
                and obj.window() is window
            ):
                app.removeEventFilter(self)
                print(SHOWN_MARKER, file=sys.stderr, flush=True)
                QTimer.singleShot(0, app.quit)
            return False

    watcher = FirstPaint(app)
    app.installEventFilter(watcher)
