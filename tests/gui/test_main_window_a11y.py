"""Keyboard and screen-reader basics of every main-window state.

* Every visible control without visible text has an accessible name.
* The ``&`` mnemonics on screen at the same time never share a letter.
* Tab reaches every control of the first-run page in reading order.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from fake_zoom import FakeAccount, FakeBackend
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from zoomdesk.ui.window import main_window as mw
from zoomdesk.ui.window.main_window import MainWindow

STATES = {
    mw.FIRST_RUN: lambda: FakeBackend(),
    mw.SIGNED_OUT: lambda: FakeBackend(account=FakeAccount(signed_in=False)),
    mw.SIGNED_IN: lambda: FakeBackend(account=FakeAccount()),
}


def open_in(qtbot: QtBot, state: str) -> MainWindow:
    window = MainWindow(STATES[state]())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.state == state)
    if state == mw.SIGNED_IN:
        qtbot.waitUntil(lambda: window.pages.signed_in.meetings.model.rowCount() == 3)
    return window


def visible(window: MainWindow, kind: type) -> list[Any]:
    return [w for w in window.findChildren(kind) if w.isVisibleTo(window)]


def has_label(widget: QWidget, window: MainWindow) -> bool:
    return any(label.buddy() is widget for label in visible(window, QLabel))


@pytest.mark.parametrize("state", list(STATES))
def test_controls_without_text_have_accessible_names(qtbot: QtBot, state: str) -> None:
    window = open_in(qtbot, state)
    missing = []
    for button in visible(window, QAbstractButton):
        if not button.text().replace("&", "").strip("⋯ ") and not button.accessibleName():
            missing.append(f"{type(button).__name__} {button.objectName()}")
        if button.text() == "⋯" and not button.accessibleName():
            missing.append("the ⋯ menu button")
    for kind in (QLineEdit, QAbstractItemView, QProgressBar):
        for widget in visible(window, kind):
            if isinstance(widget, QHeaderView):
                continue  # its sections are the column titles
            if not widget.accessibleName() and not has_label(widget, window):
                missing.append(f"{type(widget).__name__} {widget.objectName()}")
    for label in visible(window, QLabel):
        if not label.text() and not label.pixmap().isNull() and not label.accessibleName():
            missing.append(f"picture {label.objectName()}")
    assert missing == []


def assert_mnemonics_unique(window: MainWindow) -> None:
    texts = [b.text() for b in visible(window, QAbstractButton)]
    texts += [label.text() for label in visible(window, QLabel) if label.buddy() is not None]
    texts += [action.text() for action in window.menuBar().actions()]
    letters = []
    for text in texts:
        at = text.replace("&&", "").find("&")
        if at >= 0:
            letters.append(text.replace("&&", "")[at + 1].lower())
    assert [k for k, n in Counter(letters).items() if n > 1] == [], texts


@pytest.mark.parametrize("state", list(STATES))
def test_mnemonics_on_screen_are_unique(qtbot: QtBot, state: str) -> None:
    assert_mnemonics_unique(open_in(qtbot, state))


def test_mnemonics_on_the_empty_list_are_unique(qtbot: QtBot) -> None:
    window = MainWindow(FakeBackend(account=FakeAccount(meetings=[])))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: "No upcoming" in window.pages.signed_in.meetings.message)
    assert_mnemonics_unique(window)


def test_first_run_tab_order_reads_top_to_bottom(qtbot: QtBot) -> None:
    window = open_in(qtbot, mw.FIRST_RUN)
    page = window.pages.first_run
    page.form.set_values({"client_id": "cid", "redirect_uri": "https://example.com/cb"})
    widget: QWidget = page.form.edit("client_id")
    seen = []
    for _ in range(10):
        seen.append(widget.objectName() or getattr(widget, "text", lambda: "")())
        widget = widget.nextInFocusChain()
        while not (widget.focusPolicy() & Qt.FocusPolicy.TabFocus) or not widget.isVisible():
            widget = widget.nextInFocusChain()
    assert seen == [
        "client_id", "client_secret", "Show", "redirect_uri", "advanced",
        "signInEmbedded", "signInBrowser",  # one Tab stop: arrows move within the pair
        "save", "trySandbox",
        "intro",  # its two links, then round again; no dead stop on the scroll area
    ]  # fmt: skip


def test_default_buttons(qtbot: QtBot) -> None:
    window = open_in(qtbot, mw.SIGNED_OUT)
    assert window.pages.signed_out.sign_in_button.isDefault()
    first = open_in(qtbot, mw.FIRST_RUN)
    assert first.pages.first_run.save_button.isDefault()
