"""The login dialog in each state a user sees, rendered offscreen.

Checks that the page really paints inside the dialog (not a blank view) and that
each panel reads right. With ``ZOOMDESK_SHOTS_DIR`` set, the renders are saved
there as PNGs (``login-signin.png``, ``login-consent.png``, ...) for review; the
same recipe (``SandboxAutofill`` with ``pause_at``) serves the screenshot script.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from login_e2e_support import sandbox_config
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from zoomdesk.core.account import Account
from zoomdesk.ui.login import text as login_text
from zoomdesk.ui.login.sandbox_autofill import SandboxAutofill
from zoomdesk.ui.tasks import TaskRunner

pytestmark = pytest.mark.e2e


def distinct_colours(image: QImage, step: int = 7) -> int:
    """How many different colours a sparse sample of the image has (blank ≈ 1)."""
    seen = set()
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            seen.add(image.pixel(x, y))
    return len(seen)


def shoot(qtbot: QtBot, widget: Any, name: str) -> QImage:
    qtbot.wait(150)  # let the compositor hand over the painted frame
    pixmap = widget.grab()
    folder = os.environ.get("ZOOMDESK_SHOTS_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        pixmap.save(str(Path(folder) / f"login-{name}.png"))
    return pixmap.toImage()


def test_each_state_renders(qtbot: QtBot, runner: TaskRunner, sandbox: Any) -> None:
    from zoomdesk.ui.login.dialog import LoginDialog

    dialog = LoginDialog(Account(sandbox_config(sandbox.url)), runner)
    qtbot.addWidget(dialog)
    dialog.show()
    autofill = SandboxAutofill(dialog.page, decision="deny", pause_at={"signin", "consent"})

    qtbot.waitUntil(lambda: autofill.stage == "signin" and autofill.waiting, timeout=10000)
    page_only = shoot(qtbot, dialog.view, "signin-view")
    assert distinct_colours(page_only) > 3, "the sign-in page did not paint"
    shoot(qtbot, dialog, "signin")

    autofill.resume()
    qtbot.waitUntil(lambda: autofill.stage == "consent" and autofill.waiting, timeout=10000)
    assert distinct_colours(shoot(qtbot, dialog.view, "consent-view")) > 3
    shoot(qtbot, dialog, "consent")

    autofill.resume()
    qtbot.waitUntil(lambda: dialog.state == "declined", timeout=10000)
    shoot(qtbot, dialog, "declined")
    assert dialog.panel.isVisible() and dialog.panel.action.isVisible()
    assert not dialog.footnote.isVisible()  # it talks about the page, which is gone

    # The exchange takes milliseconds against the sandbox; show its panel directly.
    dialog.show_panel(login_text.FINISHING)
    shoot(qtbot, dialog, "finishing")

    sandbox.stop()
    dialog.panel.action.click()  # Try again, with the sandbox gone
    qtbot.waitUntil(lambda: dialog.state == "load_failed", timeout=10000)
    shoot(qtbot, dialog, "load-failed")

    with qtbot.waitSignal(dialog.engineReleased, timeout=5000):
        dialog.reject()
