"""A window's way into the offline sandbox and back out to the user's own Zoom app.

In: *Try the offline sandbox* on the first-run page. Out: *Connect your Zoom
account…* on the sandbox banner, which stops the sandbox and loads the user's
own settings (the first-run setup when there are none yet, else sign-in), and
the sandbox failing to start, which goes back to the first-run page saying why.
A window opened with ``--sandbox`` (or by ``scripts/run.sh`` with no Zoom app
configured) goes out to the default profile, as ``zoomdesk`` alone would open.
"""

from __future__ import annotations

import logging
from typing import Protocol

from zoomdesk.ui.session import Backend, SandboxBackend, Startup
from zoomdesk.ui.status import StatusBar
from zoomdesk.ui.tasks import TaskRunner
from zoomdesk.ui.window.page_stack import FIRST_RUN, WindowPages

log = logging.getLogger(__name__)


class SwitchingWindow(Protocol):
    """What of the main window the switch uses (it never imports the window)."""

    backend: Backend
    startup: Startup | None
    pages: WindowPages
    status: StatusBar
    runner: TaskRunner

    def reload(self) -> None: ...

    def _set_state(self, state: str) -> None: ...


class SandboxSwitch:
    """Holds the user's own backend, and what it loaded, while the sandbox stands in for it."""

    def __init__(self, window: SwitchingWindow) -> None:
        self.window = window
        self.own: tuple[Backend, Startup | None] | None = None
        window.pages.leaveSandboxRequested.connect(self.leave)

    def start(self) -> None:
        """Switch the window to an in-process sandbox (it stops with ``shutdown``)."""
        window = self.window
        window.backend.shutdown()
        if not window.backend.sandbox:
            self.own = (window.backend, window.startup)  # to go back to if the sandbox fails
        window.backend = SandboxBackend()
        window.status.show_progress("Starting the sandbox…")
        window.reload()

    def leave(self) -> None:
        """*Connect your Zoom account…*: stop the sandbox, then load the user's own app."""
        window = self.window
        sandbox = window.backend
        if not sandbox.sandbox:
            return
        own, _ = self.own or (Backend(), None)
        self.own = None
        window.backend = own
        # Stopping the server waits for its thread: not on the GUI thread.
        window.runner.run(sandbox.shutdown, name="stop the sandbox")
        log.info("leaving the sandbox for the user's own Zoom app")
        window.reload()  # no Zoom app yet: the first-run setup; else its sign-in

    def failed(self, why: str) -> None:
        """The sandbox could not start: back to the first-run page, saying why, and to the
        user's own backend with the settings given on the command line (a plain one for
        a window opened with --sandbox)."""
        window = self.window
        own, startup = self.own or (Backend(), None)
        self.own = None
        window.backend = own
        page = window.pages.first_run
        page.set_values(startup.values if startup else {}, f"The sandbox did not start: {why}")
        page.form.set_overrides(startup.overrides if startup else {})
        window._set_state(FIRST_RUN)
