"""A damaged config.json or tokens.json is moved aside and the window says so (DESIGN §3.2)."""

from __future__ import annotations

import json
from pathlib import Path

from pytestqt.qtbot import QtBot

from zoomdesk.ui.session import Backend
from zoomdesk.ui.window import main_window as mw
from zoomdesk.ui.window.main_window import MainWindow

CONFIG = {"client_id": "cid", "redirect_uri": "https://example.com/zoomdesk/callback"}


def open_window(qtbot: QtBot, config_dir: Path) -> MainWindow:
    window = MainWindow(Backend(config_dir))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.state in (mw.FIRST_RUN, mw.SIGNED_OUT, mw.SIGNED_IN))
    return window


def moved_aside(config_dir: Path, name: str) -> list[Path]:
    return sorted(config_dir.glob(f"{name}.corrupt-*"))


def test_damaged_config_is_moved_aside_and_reported_on_the_first_run_page(
    qtbot: QtBot, tmp_path: Path
) -> None:
    (tmp_path / "config.json").write_text('{"client_id": "cid", ')
    window = open_window(qtbot, tmp_path)
    assert window.state == mw.FIRST_RUN
    page = window.pages.first_run
    assert page.problem.isVisibleTo(window)
    assert "config.json" in page.problem.text() and "moved aside" in page.problem.text()
    [aside] = moved_aside(tmp_path, "config.json")
    assert aside.read_text() == '{"client_id": "cid", '  # kept, never deleted


def test_damaged_tokens_are_moved_aside_and_reported_when_signed_out(
    qtbot: QtBot, tmp_path: Path
) -> None:
    (tmp_path / "config.json").write_text(json.dumps(CONFIG))
    (tmp_path / "tokens.json").write_text("")
    window = open_window(qtbot, tmp_path)
    assert window.state == mw.SIGNED_OUT
    message = window.pages.signed_out.message
    assert message.isVisibleTo(window)
    assert "tokens.json" in message.text() and "sign in again" in message.text()
    assert len(moved_aside(tmp_path, "tokens.json")) == 1
