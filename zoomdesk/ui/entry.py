"""GUI entry points called by ``zoomdesk/cli.py``: the main window and ``zoomdesk login``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from zoomdesk.core.account import Account

#: How long quitting waits for background calls still running (they have timeouts).
SHUTDOWN_WAIT_MS = 3000


def run_gui(sandbox: bool = False) -> int:
    """Open the main window (against an in-process sandbox with ``sandbox``); the exit code."""
    from zoomdesk.ui.app import create_app
    from zoomdesk.ui.main_window import MainWindow
    from zoomdesk.ui.session import Backend, SandboxBackend

    app = create_app()
    window = MainWindow(SandboxBackend() if sandbox else Backend())
    window.show()
    try:
        return app.exec()
    finally:
        window.runner.wait_for_done(SHUTDOWN_WAIT_MS)
        window.shutdown()


def run_login(account: Account) -> dict[str, Any] | None:
    """Show only the login dialog; the ``/users/me`` dict once signed in, None if cancelled."""
    from zoomdesk.ui.app import create_app
    from zoomdesk.ui.login import LoginDialog
    from zoomdesk.ui.tasks import TaskRunner

    app = create_app()
    # Owned by the application: a runner destroyed right after its last task
    # (while that task's deferred deletes are still queued) crashes PySide6.
    runner = TaskRunner(app)
    dialog = LoginDialog(account, runner)
    signed_in: list[dict[str, Any]] = []
    dialog.signedIn.connect(lambda user: signed_in.append(dict(user)))
    dialog.exec()
    runner.wait_for_done(SHUTDOWN_WAIT_MS)
    return signed_in[0] if signed_in else None
