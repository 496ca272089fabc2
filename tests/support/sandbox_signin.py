"""Sign in to a running sandbox without a browser: the forms posted with ``requests``.

The same three steps a person takes in the login dialog (sign-in form, consent,
the redirect with ``?code=``), then the real ``Account.finish_sign_in``, so the
tokens saved are exactly what the app would save. Used by the CLI, GUI and e2e
tests, the screenshot script and the benchmarks. It blocks, so GUI code runs it on
a worker thread (``in_thread``), as ``sign_in_profile`` does.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import requests

T = TypeVar("T")
_REQUEST_ID = re.compile(r'name="request_id" value="([^"]+)"')


def save_sandbox_settings(sandbox: Any, home: Path) -> Path:
    """Write ``home/config.json`` pointing at ``sandbox``, as a user's own app would; ``home``."""
    from zoomdesk.core.config import save_file
    from zoomdesk.sandbox import PUBLIC_CLIENT_ID

    settings = {
        "client_id": PUBLIC_CLIENT_ID,
        "redirect_uri": sandbox.redirect_uri,
        "oauth_url": sandbox.url,
        "api_url": sandbox.url + "/v2",
    }
    save_file(settings, home / "config.json")
    return home


def _request_id(html: str) -> str:
    found = _REQUEST_ID.search(html)
    if found is None:
        raise AssertionError("the sandbox page has no request_id")
    return found.group(1)


def sign_in_headless(account: Any, decision: str = "allow") -> Any:
    """Drive the sandbox's OAuth pages for ``account``; the signed-in ``User``.

    With ``decision="deny"`` it returns the classified answer (a ``Denied``).
    """
    from zoomdesk.core.oauth import Captured
    from zoomdesk.sandbox import SANDBOX_EMAIL, SANDBOX_PASSWORD

    attempt = account.begin_sign_in()
    parts = urlsplit(attempt.url)
    base = f"{parts.scheme}://{parts.netloc}"
    with requests.Session() as browser:
        page = browser.get(attempt.url, timeout=10)
        page.raise_for_status()
        consent = browser.post(
            base + "/oauth/signin",
            data={
                "request_id": _request_id(page.text),
                "email": SANDBOX_EMAIL,
                "password": SANDBOX_PASSWORD,
            },
            timeout=10,
        )
        consent.raise_for_status()
        answer = browser.post(
            base + "/oauth/consent",
            data={"request_id": _request_id(consent.text), "decision": decision},
            allow_redirects=False,
            timeout=10,
        )
    outcome = attempt.classify(answer.headers["Location"])
    if not isinstance(outcome, Captured):
        return outcome
    return account.finish_sign_in(attempt, outcome.code)


def sign_in_profile(home: Path, *meetings: dict[str, Any]) -> list[dict[str, Any]]:
    """Sign in the app profile in ``home`` (``save_sandbox_settings``) and create ``meetings``.

    It runs on a worker (``in_thread``), so a GUI test may call it; the
    sandbox's answers to the creates, in order.
    """
    from zoomdesk.ui.session import Backend

    def work() -> list[dict[str, Any]]:
        account = Backend(home).load().account
        assert account is not None, f"{home} has no settings for the sandbox"
        sign_in_headless(account)
        return [account.client.create_meeting(body) for body in meetings]

    return in_thread(work)


def in_thread(fn: Callable[[], T], timeout: float = 30) -> T:
    """Run ``fn`` on a plain thread (tests forbid HTTP on the GUI thread) and return its value."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:
            box["error"] = exc

    thread = threading.Thread(target=run, name="sandbox-sign-in")
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise TimeoutError("the sandbox sign-in did not finish")
    if "error" in box:
        raise box["error"]
    return box["value"]  # type: ignore[no-any-return]


def headless_login_class() -> type:
    """A stand-in for ``LoginDialog`` that signs in with ``sign_in_headless`` on the runner.

    Same constructor and ``signedIn`` signal as the real dialog, no QtWebEngine:
    for tests and benchmarks of the main window's side of signing in. It rejects
    (never hangs a modal loop) when the sign-in fails, keeping the error in ``error``.
    Built on demand so importing this module does not load Qt.
    """
    from PySide6.QtCore import Signal
    from PySide6.QtWidgets import QDialog, QWidget

    class HeadlessLogin(QDialog):
        signedIn = Signal(object)  # noqa: N815 - LoginDialog's signal name
        opened: list[HeadlessLogin] = []  # noqa: RUF012 - a registry shared on purpose

        def __init__(
            self,
            account: Any,
            runner: Any,
            parent: QWidget | None = None,
            *,
            way: str | None = None,
        ) -> None:
            super().__init__(parent)
            HeadlessLogin.opened.append(self)
            self.way = way  # "embedded" or "browser" when the caller insists on one
            self.error: BaseException | None = None
            runner.run(lambda: sign_in_headless(account), self._done, self._failed, "sign-in")

        def _done(self, user: object) -> None:
            self.signedIn.emit(user)
            self.accept()

        def _failed(self, exc: BaseException) -> None:
            self.error = exc
            self.reject()

    return HeadlessLogin
