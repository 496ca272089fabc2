"""Open and close the embedded sign-in dialog in tests, as the window does."""

from __future__ import annotations

from typing import Any

from pytestqt.qtbot import QtBot


def open_login_dialog(account: Any, runner: Any) -> Any:
    """A shown ``LoginDialog`` for ``account`` (QtWebEngine is loaded only now)."""
    from zoomdesk.ui.login.dialog import LoginDialog

    dialog = LoginDialog(account, runner)
    dialog.show()
    return dialog


def release_login_dialog(qtbot: QtBot, dialog: Any) -> None:
    """Close ``dialog`` (if still open) and wait until its page and profile are deleted."""
    with qtbot.waitSignal(dialog.engineReleased, timeout=5000):
        if dialog.isVisible():
            dialog.reject()
    dialog.deleteLater()
