"""GUI entry points called by ``zoomdesk/cli/main.py``: the window, ``--new-meeting``, ``login``."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

    from PySide6.QtWidgets import QApplication, QWidget

    from zoomdesk.core.account import Account
    from zoomdesk.core.user import User
    from zoomdesk.ui.single_instance import Forwarded

#: How long quitting waits for background calls still running (they have timeouts).
SHUTDOWN_WAIT_MS = 3000
#: Set to 1 by benchmarks/package.py: once the main window has painted, say so on
#: stderr and quit, so a cold start can be timed the same way frozen and from the venv.
BENCH_EXIT_ON_SHOW = "ZOOMDESK_BENCH_EXIT_ON_SHOW"
SHOWN_MARKER = "zoomdesk-bench: main window shown"
#: The same for ``--new-meeting``: the meeting dialog on its own has painted.
DIALOG_SHOWN_MARKER = "zoomdesk-bench: meeting dialog shown"


def run_gui(
    sandbox: bool = False,
    flags: Mapping[str, str | None] | None = None,
    *,
    minimized: bool = False,
    new_meeting: bool = False,
) -> int:
    """Open the main window (or, with ``new_meeting``, only the meeting dialog); the exit code.

    ``sandbox`` runs it against an in-process sandbox; ``flags`` are settings given
    on the command line, which outrank the environment and ``config.json``;
    ``minimized`` keeps the window hidden where a system tray can bring it back.
    When zoomdesk is running already (same user, same profile), the request goes
    to it and this returns at once, before any window is built.
    """
    from zoomdesk.ui import single_instance as si

    request = si.NEW_MEETING if new_meeting else si.RAISE
    name = si.instance_name(si.profile_dir(), sandbox=sandbox)
    handed = si.forward(name, request)  # the quick way out: no window, no disk
    if handed is si.Forwarded.NOT_RUNNING:
        from zoomdesk.ui.app import create_app

        app = create_app()
        server = si.InstanceServer(name, app)
        handed = server.claim(request)  # another start may have just won the name
    if handed is not si.Forwarded.NOT_RUNNING:
        return _handed_over(handed, request, flags)

    from zoomdesk.ui.session import Backend, SandboxBackend
    from zoomdesk.ui.window.instance import AppInstance

    instance = AppInstance(lambda: SandboxBackend() if sandbox else Backend(flags=flags))
    server.requested.connect(instance.handle)
    bench = os.environ.get(BENCH_EXIT_ON_SHOW) == "1"
    if new_meeting:
        instance.new_meeting()
        if bench:
            assert instance.standalone is not None
            standalone = instance.standalone
            standalone.dialogShown.connect(
                lambda dialog: _quit_after_first_paint(app, dialog, DIALOG_SHOWN_MARKER)
            )
    else:
        window = instance.open_window(show=not (minimized and _tray_available()))
        if bench:
            _quit_after_first_paint(app, window, SHOWN_MARKER)
    try:
        return app.exec()
    finally:
        server.close()
        server.deleteLater()
        instance.shutdown()


def _handed_over(handed: Forwarded, request: str, flags: Mapping[str, str | None] | None) -> int:
    """Report what the running zoomdesk made of this start's request; the exit code."""
    from zoomdesk.ui import single_instance as si

    if handed is si.Forwarded.DELIVERED:
        what = "opens a new meeting" if request == si.NEW_MEETING else "comes to the front"
        print(f"zoomdesk is running already; its window {what}.", file=sys.stderr)
        if any(flags.values() if flags else ()):
            print(
                "zoomdesk: the settings given here apply to a new zoomdesk only; "
                "quit the running one to use them.",
                file=sys.stderr,
            )
        return 0
    if handed is si.Forwarded.REFUSED:
        print(
            "zoomdesk: the running zoomdesk is an older version that cannot do this; "
            "quit it and try again.",
            file=sys.stderr,
        )
        return 1
    print(
        "zoomdesk: zoomdesk is running already but does not answer; close it (or end it, "
        "if it hangs) and try again.",
        file=sys.stderr,
    )
    return 1


def _tray_available() -> bool:
    from PySide6.QtWidgets import QSystemTrayIcon

    return bool(QSystemTrayIcon.isSystemTrayAvailable())


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
    # Only `login --embedded`, or the sign_in setting, comes here: the browser way is the CLI's.
    dialog = LoginDialog(account, runner, way="embedded")
    signed_in: list[User | None] = []
    dialog.signedIn.connect(signed_in.append)
    dialog.exec()
    runner.wait_for_done(SHUTDOWN_WAIT_MS)
    if not signed_in:
        raise SignInCancelled()
    return signed_in[0]


def _quit_after_first_paint(app: QApplication, window: QWidget, marker: str) -> None:
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
                print(marker, file=sys.stderr, flush=True)
                QTimer.singleShot(0, app.quit)
            return False

    watcher = FirstPaint(app)
    app.installEventFilter(watcher)
