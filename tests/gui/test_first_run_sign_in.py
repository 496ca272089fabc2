"""The first-run page's "Sign in with: this window / my web browser", saved as ``sign_in``."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from zoomdesk.ui.session import Backend
from zoomdesk.ui.window import main_window as mw
from zoomdesk.ui.window.first_run import FirstRunPage
from zoomdesk.ui.window.main_window import MainWindow
from zoomdesk.ui.window.setup_form import SIGN_IN_HELP

GOOD = {"client_id": "abc123", "redirect_uri": "http://127.0.0.1:27183/zoomdesk/callback"}


def test_the_choice_says_when_to_pick_the_browser(qtbot: QtBot) -> None:
    page = FirstRunPage()
    qtbot.addWidget(page)
    choice = page.sign_in
    assert choice.value() == "embedded" and choice.embedded.isChecked()
    assert choice.note.text() == SIGN_IN_HELP
    for word in ("Google", "Apple", "single sign-on", "security key"):
        assert word in SIGN_IN_HELP
    page.set_values({**GOOD, "sign_in": "browser"})
    assert choice.browser.isChecked() and choice.value() == "browser"
    page.set_values(GOOD)  # nothing saved: the product's default, the window
    assert choice.value() == "embedded"


def test_the_page_emits_the_choice_with_the_form(qtbot: QtBot) -> None:
    page = FirstRunPage()
    qtbot.addWidget(page)
    page.set_values(GOOD)
    page.sign_in.browser.click()
    with qtbot.waitSignal(page.saveRequested) as saved:
        page.save_button.click()
    assert saved.args[0]["sign_in"] == "browser"
    assert saved.args[0]["client_id"] == "abc123"


def test_the_choice_is_saved_to_config_json(qtbot: QtBot, tmp_path: Path) -> None:
    window = MainWindow(Backend(tmp_path))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.state == mw.FIRST_RUN)
    page = window.pages.first_run
    qtbot.keyClicks(page.form.edit("client_id"), GOOD["client_id"])
    qtbot.keyClicks(page.form.edit("redirect_uri"), GOOD["redirect_uri"])
    qtbot.mouseClick(page.sign_in.browser, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.state == mw.SIGNED_OUT, timeout=10000)
    saved = json.loads((tmp_path / "config.json").read_text())
    assert saved["sign_in"] == "browser"
    assert window.account is not None and window.account.config.sign_in == "browser"
    qtbot.waitUntil(lambda: not window.runner.busy)
