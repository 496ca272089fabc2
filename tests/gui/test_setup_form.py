"""The Zoom app settings form shared by the first-run page and Settings."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot
from qt_events import settle

from zoomdesk.ui.window.setup_form import KEYS, SetupForm

GOOD = {"client_id": "abc123", "redirect_uri": "https://example.com/zoomdesk/callback"}


@pytest.fixture
def form(qtbot: QtBot) -> SetupForm:
    form = SetupForm()
    qtbot.addWidget(form)
    form.show()
    return form


def test_empty_form_is_invalid_but_says_nothing_until_touched(form: SetupForm) -> None:
    assert not form.is_valid()
    assert set(form.errors()) == {"client_id", "redirect_uri"}
    assert form.note("client_id").text() == "From your app's App Credentials page."


def test_each_field_is_checked_as_the_user_types(qtbot: QtBot, form: SetupForm) -> None:
    qtbot.keyClicks(form.edit("redirect_uri"), "http://example.com/cb")
    assert form.note("redirect_uri").text() == (
        "The redirect URL must use https:// (http:// is allowed only for 127.0.0.1)."
    )
    assert form.edit("redirect_uri").accessibleDescription() == form.note("redirect_uri").text()
    form.edit("redirect_uri").setText("http://127.0.0.1:8765/cb")
    assert "Exactly as registered" in form.note("redirect_uri").text()


def test_validity_signal_and_values(qtbot: QtBot, form: SetupForm) -> None:
    with qtbot.waitSignal(form.validityChanged) as signal:
        form.set_values(GOOD)
    assert signal.args == [True]
    assert form.values() == {**dict.fromkeys(KEYS, ""), **GOOD}
    with qtbot.waitSignal(form.validityChanged) as signal:
        qtbot.keyClicks(form.edit("client_secret"), "has space")
    assert signal.args == [False]
    assert form.note("client_secret").text() == "The client secret cannot contain spaces."


def test_values_from_a_file_show_their_problems_right_away(form: SetupForm) -> None:
    form.set_values({"client_id": "x y", "redirect_uri": ""})
    assert form.note("client_id").text() == "The client ID cannot contain spaces."
    # An empty field that came empty is not shouted at yet.
    assert "Exactly as registered" in form.note("redirect_uri").text()


def test_return_submits_only_when_valid(qtbot: QtBot, form: SetupForm) -> None:
    with qtbot.assertNotEmitted(form.submitted):
        qtbot.keyClick(form.edit("client_id"), Qt.Key.Key_Return)
    assert form.note("client_id").text() == "Enter the client ID of your Zoom app."
    assert form.note("redirect_uri").text() == "Enter the redirect URL."
    form.set_values(GOOD)
    with qtbot.waitSignal(form.submitted):
        qtbot.keyClick(form.edit("redirect_uri"), Qt.Key.Key_Return)


def test_secret_is_hidden_with_a_show_toggle(qtbot: QtBot, form: SetupForm) -> None:
    secret = form.edit("client_secret")
    assert secret.echoMode() == QLineEdit.EchoMode.Password
    qtbot.mouseClick(form.reveal_button, Qt.MouseButton.LeftButton)
    assert secret.echoMode() == QLineEdit.EchoMode.Normal
    assert form.reveal_button.text() == "Hide"
    qtbot.mouseClick(form.reveal_button, Qt.MouseButton.LeftButton)
    assert secret.echoMode() == QLineEdit.EchoMode.Password
    assert form.reveal_button.accessibleName() == "Show the client secret"


def test_advanced_hosts_are_folded_away_unless_set(qtbot: QtBot, form: SetupForm) -> None:
    assert not form.edit("oauth_url").isVisible()
    qtbot.mouseClick(form.advanced_toggle, Qt.MouseButton.LeftButton)
    assert form.edit("oauth_url").isVisible() and form.edit("api_url").isVisible()
    other = SetupForm()
    qtbot.addWidget(other)
    other.set_values({**GOOD, "oauth_url": "https://zoomgov.com"})
    other.show()
    assert other.edit("oauth_url").isVisible()


def test_overrides_are_mentioned(form: SetupForm) -> None:
    form.set_overrides({"client_id": "ZOOMDESK_CLIENT_ID", "redirect_uri": "--redirect-uri"})
    assert "Overridden by ZOOMDESK_CLIENT_ID in the environment." in form.note("client_id").text()
    assert "Overridden by --redirect-uri on the command line." in form.note("redirect_uri").text()
    assert "Overridden" not in form.note("client_secret").text()


def test_tab_order_follows_the_fields(qtbot: QtBot, form: SetupForm) -> None:
    qtbot.mouseClick(form.advanced_toggle, Qt.MouseButton.LeftButton)
    order = []
    widget = form.edit("client_id")
    for _ in range(7):
        order.append(widget.objectName() or widget.text())
        widget = widget.nextInFocusChain()
        while not (widget.focusPolicy() & Qt.FocusPolicy.TabFocus) or not widget.isVisible():
            widget = widget.nextInFocusChain()
    assert order == [
        "client_id", "client_secret", "Show", "redirect_uri", "advanced", "oauth_url", "api_url",
    ]  # fmt: skip


def test_labels_have_mnemonics_and_buddies(form: SetupForm) -> None:
    from PySide6.QtWidgets import QLabel

    buddies = {label.buddy(): label.text() for label in form.findChildren(QLabel) if label.buddy()}
    for key in KEYS:
        assert "&" in buddies[form.edit(key)], key


# -- wrapped hints keep every line ----------------------------------------------------------


def clipped_notes(form: SetupForm) -> list[str]:
    """The notes shorter than their text needs at their width (a line cut off)."""
    return [
        f"{key}: {note.height()} < {note.heightForWidth(note.width())}"
        for key in KEYS
        if (note := form.note(key)).isVisible()
        and note.height() < note.heightForWidth(note.width())
    ]


@pytest.mark.parametrize("points", [None, 14.0])
def test_hints_keep_every_line_when_problems_replace_them(
    qtbot: QtBot, points: float | None
) -> None:
    from zoomdesk.ui.window.first_run import FirstRunPage

    page = FirstRunPage()
    qtbot.addWidget(page)
    if points is not None:
        font = QFont(page.font())
        font.setPointSizeF(points)
        page.setFont(font)
    page.resize(900, 640)
    page.show()
    qtbot.waitExposed(page)
    form = page.form
    qtbot.waitUntil(lambda: clipped_notes(form) == [])
    # A one-line problem replaces the two-line hint of the redirect URL, and the
    # client ID gets one: the client secret's two-line hint sits between them.
    form.set_values({"client_id": "abc def", "redirect_uri": "example.com/cb"})
    assert form.note("redirect_uri").text().startswith("The redirect URL must")
    settle()
    assert clipped_notes(form) == []
    form.set_values(GOOD)  # and back to the hints
    settle()
    assert clipped_notes(form) == []


def test_read_only_fields_look_it_and_have_no_clear_buttons(form: SetupForm) -> None:
    form.set_values(GOOD)
    editable_base = form.edit("client_id").palette().color(QPalette.ColorRole.Base)
    form.set_read_only(True)
    for key in KEYS:
        edit = form.edit(key)
        assert edit.isReadOnly() and not edit.isClearButtonEnabled(), key
        palette = edit.palette()
        assert palette.color(QPalette.ColorRole.Base) == palette.color(QPalette.ColorRole.Window)
    form.set_read_only(False)
    assert form.edit("client_id").isClearButtonEnabled()
    assert not form.edit("client_secret").isClearButtonEnabled()  # it never had one
    assert form.edit("client_id").palette().color(QPalette.ColorRole.Base) == editable_base
