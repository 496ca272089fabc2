"""The real login view vetoes every loopback alias of the redirect: its listener sees nothing."""

from __future__ import annotations

from typing import Any

import pytest
from login_e2e_support import CountingServer, sandbox_config, sandbox_state
from PySide6.QtCore import QUrl
from pytestqt.qtbot import QtBot

from zoomdesk.core.account import Account
from zoomdesk.ui.login.sandbox_autofill import SandboxAutofill
from zoomdesk.ui.tasks import TaskRunner

pytestmark = pytest.mark.e2e

FORGED = "code=forged-code&state=forged-state"


def test_aliases_of_a_loopback_redirect_are_vetoed_and_never_reach_its_listener(
    qtbot: QtBot, runner: TaskRunner, sandbox: Any, callback_server: CountingServer
) -> None:
    from zoomdesk.ui.login.dialog import LoginDialog

    port = callback_server.port
    redirect = f"http://127.0.0.1:{port}/zoomdesk/callback"
    sandbox.register_client("alias-client", redirect)
    dialog = LoginDialog(Account(sandbox_config(sandbox.url, "alias-client", redirect)), runner)
    dialog.show()
    page = dialog.page
    autofill = SandboxAutofill(page, pause_at={"signin"})
    qtbot.waitUntil(lambda: autofill.stage == "signin" and autofill.waiting, timeout=10000)

    # The control: in this engine "localhost" does reach a loopback listener,
    # so the zero hits below mean "vetoed", not "could not connect".
    control = CountingServer()
    try:
        page.load(QUrl(f"http://localhost:{control.port}/control"))
        qtbot.waitUntil(lambda: "GET /control" in control.hits, timeout=10000)

        aliases = [
            f"http://localhost:{port}/zoomdesk/callback?{FORGED}",
            f"http://localhost:{port}/zoomdesk/callback",
            f"http://LOCALHOST.:{port}/zoomdesk/callback?{FORGED}",
            f"http://[::ffff:127.0.0.1]:{port}/zoomdesk/callback?{FORGED}",
            f"http://[::1]:{port}/zoomdesk/callback",
            f"http://2130706433:{port}/zoomdesk/callback/",
            f"http://127.0.0.1:{port}//zoomdesk/callback",
            f"http://127.0.0.1:{port}/zoomdesk/%63allback",
            f"http://localhost:{port}/zoomdesk/./callback",
        ]
        for url in aliases:
            with qtbot.waitSignal(page.redirectVetoed, timeout=5000):
                page.load(QUrl(url))
        # A navigation the page starts itself, as a hostile script would. The
        # script needs a live document: after the vetoes above the page may
        # still be settling, and a script run then can be dropped unseen.
        with qtbot.waitSignal(page.loadFinished, timeout=10000, check_params_cb=bool):
            page.load(QUrl(f"http://localhost:{control.port}/before-script"))
        with qtbot.waitSignal(page.redirectVetoed, timeout=15000):
            page.runJavaScript(
                f"location.href = 'http://localhost:{port}/zoomdesk/callback?{FORGED}'"
            )
        # A last load through the same engine (a veto's own loadFinished(False)
        # may still be queued, so wait on the server): earlier requests are in.
        page.load(QUrl(f"http://localhost:{control.port}/after"))
        qtbot.waitUntil(lambda: "GET /after" in control.hits, timeout=10000)
    finally:
        control.stop()

    assert callback_server.hits == []
    assert dialog.attempt is not None and not dialog.attempt.finished
    state = sandbox_state(sandbox.url)
    assert state["token_requests"]["authorization_code"] == 0
    with qtbot.waitSignal(dialog.engineReleased, timeout=5000):
        dialog.reject()
    dialog.deleteLater()
