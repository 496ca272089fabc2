"""``zoomdesk --self-test``: prove that this installation can sign in and schedule.

Runs the real thing end to end, offline: an in-process Zoom sandbox on
127.0.0.1, the real login dialog with its QtWebEngine view (offscreen unless a
platform is chosen), the sandbox's sign-in and consent forms filled in by
``SandboxAutofill``, the code exchange, then a meeting created through the
core REST client. It is meant for packages: it checks that the frozen build
carries QtWebEngine's helper process, resources and locales, that Chromium
starts on this machine, and that TLS-free loopback HTTP works.

Every file goes to a temporary directory (config, tokens, cache, logs), so the
user's real settings and tokens are never read or written. The outcome is one
line on stderr; the exit code is 0 on success, 1 on failure or timeout. Before
it comes a line naming the system keyring this installation finds ("none" and
why, where there is none) and the backends ``keyring`` knows from its package
metadata, which a frozen build keeps only when told to (build.spec).
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from zoomdesk.core.account import Account

#: Seconds the whole test may take; a watchdog ends a hung process a bit later.
DEFAULT_TIMEOUT = 60.0
_WATCHDOG_GRACE = 15.0

_FAILED_STATES = {
    "declined",
    "denied",
    "refused",
    "load_failed",
    "exchange_failed",
    "unavailable",
    "cancelled",
}


def _report(message: str) -> None:
    print(f"self-test: {message}", file=sys.stderr, flush=True)


def prepare_environment(home: Path) -> None:
    """Environment for the test, set before Qt starts (QtWebEngine reads it once).

    The XDG variables send every file Qt, Chromium and zoomdesk might write to
    ``home``. The platform defaults to offscreen so the test runs without a
    display; Chromium's sandbox is disabled only for root, where it can't start.
    """
    for var, sub in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
    ):
        os.environ[var] = str(home / sub)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ["QTWEBENGINE_DISABLE_SANDBOX"] = "1"
    for var in (
        "ZOOMDESK_CLIENT_ID",
        "ZOOMDESK_CLIENT_SECRET",
        "ZOOMDESK_REDIRECT_URI",
        "ZOOMDESK_OAUTH_URL",
        "ZOOMDESK_API_URL",
    ):
        os.environ.pop(var, None)


def keyring_report() -> str:
    """``keyring: NAME; backends known: A, B, …`` (NAME is "none (why)" without one).

    Only asks: nothing is written to the keyring. Never raises.
    """
    from importlib.metadata import entry_points

    from zoomdesk.core import keyring_probe

    try:
        found = keyring_probe.probe()
        if found.backend is not None:
            name = keyring_probe.name_of(found.backend)
        else:
            name = f"none ({found.reason})"
    except Exception as exc:  # a report line, whatever the keyring does
        name = f"none ({type(exc).__name__})"
    try:
        known = sorted({ep.name for ep in entry_points(group="keyring.backends")})
    except Exception:
        known = []
    listed = ", ".join(known) or "none (keyring's package metadata is missing)"
    return f"keyring: {name}; backends known: {listed}"


def _start_watchdog(seconds: float) -> None:
    """Last resort if the event loop itself hangs: report and end the process."""

    def expire() -> None:
        _report(f"FAILED: no result after {seconds:.0f} s (hung)")
        os._exit(1)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()


def run_self_test(timeout: float = DEFAULT_TIMEOUT) -> int:
    """Sign in to an in-process sandbox in the real login view and create a meeting."""
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="zoomdesk-self-test-") as tmp:
        home = Path(tmp)
        prepare_environment(home)
        _start_watchdog(timeout + _WATCHDOG_GRACE)
        _report(keyring_report())
        try:
            outcome = _run(home, timeout)
        except Exception as exc:  # any failure becomes the one-line reason
            outcome = f"{type(exc).__name__}: {exc}"
    elapsed = time.monotonic() - started
    if outcome is None:
        return 0
    _report(f"FAILED: {outcome} ({elapsed:.1f} s)")
    return 1


def _run(home: Path, timeout: float) -> str | None:
    """The test itself; None on success, else the reason it failed."""
    # QtWebEngine comes in with the login module, after the QApplication exists,
    # exactly as in the app (create_app sets up what it needs for that).
    from PySide6.QtCore import QTimer

    from zoomdesk.core.account import Account
    from zoomdesk.core.config import Config
    from zoomdesk.core.tokens import TokenStore
    from zoomdesk.core.user import User
    from zoomdesk.sandbox import CALLBACK_PATH, PUBLIC_CLIENT_ID, Sandbox
    from zoomdesk.ui.app import create_app
    from zoomdesk.ui.login.dialog import LoginDialog
    from zoomdesk.ui.login.sandbox_autofill import SandboxAutofill
    from zoomdesk.ui.tasks import TaskRunner

    app = create_app()
    # The dialog closes itself once signed in; the meeting is created after that.
    app.setQuitOnLastWindowClosed(False)
    sandbox = Sandbox(port=0)
    url = sandbox.start().rstrip("/")
    # Owned by the application: a runner destroyed right after its last task
    # (its deferred deletes still queued) crashes PySide6 (see ui/entry.py).
    runner = TaskRunner(app)
    result: dict[str, Any] = {"error": None, "stage": "while opening the login view"}

    def finish(error: str | None) -> None:
        if result.get("done"):
            return
        result["done"] = True
        result["error"] = error
        # Let the dialog free its page and profile before the loop ends.
        QTimer.singleShot(0, app.quit)

    try:
        config = Config(
            client_id=PUBLIC_CLIENT_ID,
            redirect_uri=url + CALLBACK_PATH,
            oauth_url=url,
            api_url=url + "/v2",
        )
        account = Account(config, store=TokenStore(home / "config" / "zoomdesk" / "tokens.json"))
        dialog = LoginDialog(account, runner)
        autofill = SandboxAutofill(dialog.page, decision="allow")
        autofill.stageReached.connect(
            lambda stage: result.update(stage=f"on the sandbox {stage} page")
        )

        def on_state(state: str) -> None:
            if state in _FAILED_STATES and not result.get("signed_in"):
                finish(f"sign-in ended in state {state!r} {result['stage']}")

        def on_signed_in(user: object) -> None:
            result["signed_in"] = True
            result["stage"] = "while creating the meeting"
            result["email"] = user.email if isinstance(user, User) else "?"
            runner.run(
                lambda: _create_meeting(account),
                on_created,
                lambda exc: finish(f"meeting not created: {type(exc).__name__}: {exc}"),
                name="self-test meeting",
            )

        def on_created(meeting: object) -> None:
            meeting_id = meeting.get("id") if isinstance(meeting, dict) else None
            join_url = meeting.get("join_url") if isinstance(meeting, dict) else None
            if not meeting_id or not join_url:
                finish(f"the created meeting lacks an id or join_url: {meeting!r}")
                return
            result["meeting_id"] = meeting_id
            finish(None)

        dialog.stateChanged.connect(on_state)
        dialog.signedIn.connect(on_signed_in)
        dialog.page.renderProcessTerminated.connect(
            lambda status, code: finish(f"the page's renderer process ended ({status}, {code})")
        )
        _after(timeout, lambda: finish(f"timed out after {timeout:g} s {result['stage']}"))
        dialog.show()
        app.exec()
        if dialog.isVisible():
            dialog.reject()  # frees the page, then its profile
        dialog.deleteLater()
        _drain_events(app)
    finally:
        runner.wait_for_done(5000)
        sandbox.stop()
    if result["error"] is None and not result.get("done"):
        return "the event loop ended early"
    error: str | None = result["error"]
    if error is None:
        _report(f"sign-in ok ({result['email']}), meeting created (id {result['meeting_id']})")
    return error


def _create_meeting(account: Account) -> dict[str, Any]:
    """A scheduled meeting, validated locally first, created through the core client."""
    from zoomdesk.core.meeting import MeetingDraft

    draft = MeetingDraft.new("zoomdesk self-test", timezone="UTC")
    problems = draft.validate()
    if problems:
        raise ValueError(f"the draft is invalid: {problems}")
    return account.client.create_meeting(draft.to_zoom_json())


def _after(seconds: float, fn: Callable[[], None]) -> None:
    from PySide6.QtCore import QTimer

    QTimer.singleShot(int(seconds * 1000), fn)


def _drain_events(app: Any) -> None:
    """Run deferred deletions (page before profile) so the engine shuts down cleanly."""
    from PySide6.QtCore import QCoreApplication, QEvent

    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        app.processEvents()
