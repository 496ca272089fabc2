"""Settings: the shared form, saved off the GUI thread; a new app signs out (after asking)."""

from __future__ import annotations

import threading

from fake_zoom import BoxAnswer, FakeAccount, FakeBackend
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialogButtonBox, QLabel
from pytestqt.qtbot import QtBot
from qt_events import settle

from zoomdesk.core.errors import StoreError
from zoomdesk.ui.tasks import TaskRunner
from zoomdesk.ui.window import main_window as mw
from zoomdesk.ui.window.main_window import MainWindow
from zoomdesk.ui.window.settings_dialog import SettingsDialog, auth_changed
from zoomdesk.ui.window.setup_form import KEYS

VALUES = {"client_id": "cid", "redirect_uri": "https://example.com/cb"}


class Saver:
    def __init__(self, error: BaseException | None = None) -> None:
        self.saved: list[dict[str, str]] = []
        self.on_gui_thread: list[bool] = []
        self.error = error

    def __call__(self, values: dict[str, str]) -> None:
        self.on_gui_thread.append(threading.current_thread() is threading.main_thread())
        if self.error is not None:
            raise self.error
        self.saved.append(values)


def dialog_for(
    qtbot: QtBot, runner: TaskRunner, saver: Saver | None, signed_in: bool
) -> SettingsDialog:
    dialog = SettingsDialog(runner, VALUES, saver, signed_in=signed_in)
    qtbot.addWidget(dialog)
    dialog.show()
    # Its own reads (desktop preferences, the storage line) end before the runner does.
    qtbot.waitUntil(lambda: not dialog.loading)
    return dialog


def test_auth_changed() -> None:
    assert not auth_changed(VALUES, {**VALUES, "redirect_uri": "https://example.com/other"})
    assert not auth_changed(VALUES, {**VALUES, "api_url": "https://api.zoomgov.com/v2"})
    assert auth_changed(VALUES, {**VALUES, "client_secret": "s3cret"})
    assert auth_changed(VALUES, {**VALUES, "oauth_url": "https://zoomgov.com"})


def test_saves_on_the_runner_without_asking_when_the_app_stays(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    saver = Saver()
    dialog = dialog_for(qtbot, runner, saver, signed_in=True)
    dialog.form.edit("redirect_uri").setText("https://example.com/new")
    with qtbot.waitSignal(dialog.saved) as signal:
        assert dialog.save_button is not None
        dialog.save_button.click()
    assert signal.args[1] is False
    assert saver.saved[0]["redirect_uri"] == "https://example.com/new"
    assert saver.on_gui_thread == [False]
    assert not dialog.isVisible()


def test_changing_the_client_id_asks_before_signing_out(qtbot: QtBot, runner: TaskRunner) -> None:
    saver = Saver()
    dialog = dialog_for(qtbot, runner, saver, signed_in=True)
    dialog.form.edit("client_id").setText("other")
    assert dialog.save_button is not None
    answer = BoxAnswer("Cancel")
    dialog.save_button.click()
    assert answer.clicked and answer.box_text == "Save and sign out?"
    assert saver.saved == [] and dialog.isVisible()
    BoxAnswer("Save and sign out")
    with qtbot.waitSignal(dialog.saved) as signal:
        dialog.save_button.click()
    assert signal.args == [{**dict.fromkeys(("client_secret", "oauth_url", "api_url"), ""),
                            **VALUES, "client_id": "other"}, True]  # fmt: skip


def test_signed_out_users_are_not_asked(qtbot: QtBot, runner: TaskRunner) -> None:
    dialog = dialog_for(qtbot, runner, Saver(), signed_in=False)
    dialog.form.edit("client_id").setText("other")
    with qtbot.waitSignal(dialog.saved) as signal:
        assert dialog.save_button is not None
        dialog.save_button.click()
    assert signal.args[1] is False


def test_save_is_disabled_while_invalid(qtbot: QtBot, runner: TaskRunner) -> None:
    dialog = dialog_for(qtbot, runner, Saver(), signed_in=False)
    assert dialog.save_button is not None and dialog.save_button.isEnabled()
    dialog.form.edit("redirect_uri").setText("not a url")
    assert not dialog.save_button.isEnabled()


def test_a_failed_save_is_shown_and_nothing_is_lost(qtbot: QtBot, runner: TaskRunner) -> None:
    saver = Saver(StoreError("Could not save config.json: Permission denied"))
    dialog = dialog_for(qtbot, runner, saver, signed_in=False)
    dialog.form.edit("redirect_uri").setText("https://example.com/new")
    assert dialog.save_button is not None
    with qtbot.assertNotEmitted(dialog.saved):
        dialog.save_button.click()
        qtbot.waitUntil(lambda: dialog.error.isVisible())
    assert dialog.error.text() == "Could not save config.json: Permission denied"
    assert dialog.isVisible() and dialog.form.isEnabled()
    assert dialog.form.edit("redirect_uri").text() == "https://example.com/new"


def test_sandbox_settings_are_read_only(qtbot: QtBot, runner: TaskRunner) -> None:
    dialog = dialog_for(qtbot, runner, None, signed_in=True)
    assert dialog.save_button is None
    assert dialog.form.edit("client_id").isReadOnly()
    assert not dialog.form.edit("client_id").isClearButtonEnabled()
    # Close comes first, not a field with its text selected as if to be typed over.
    assert dialog.focusWidget() is dialog.buttons.button(QDialogButtonBox.StandardButton.Close)
    assert not dialog.form.edit("client_id").hasSelectedText()


def test_the_sandbox_flag_is_never_split_over_two_lines(qtbot: QtBot, runner: TaskRunner) -> None:
    dialog = dialog_for(qtbot, runner, None, signed_in=True)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert any("without \u2011\u2011sandbox to use" in text for text in texts)
    assert not any("--sandbox" in text for text in texts)  # word wrap breaks after "--"


def test_hints_are_whole_at_a_big_font(qtbot: QtBot, runner: TaskRunner) -> None:
    sandbox = {"client_id": "sandbox-public-client", "oauth_url": "http://127.0.0.1:44309",
               "redirect_uri": "http://127.0.0.1:44309/zoomdesk/callback",
               "api_url": "http://127.0.0.1:44309/v2"}  # fmt: skip
    dialog = SettingsDialog(runner, sandbox, None, signed_in=False)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.loading)
    font = QFont(dialog.font())
    font.setPointSizeF(14)
    dialog.setFont(font)
    dialog.show()
    qtbot.waitExposed(dialog)

    def clipped() -> list[str]:
        notes = [dialog.form.note(key) for key in KEYS]
        return [n.text() for n in notes if n.height() < n.heightForWidth(n.width())]

    settle()
    assert clipped() == []
    dialog.resize(dialog.width(), 200)  # a window may not be made shorter than its hints
    settle()
    assert dialog.height() > 200 and clipped() == []


# -- from the window ------------------------------------------------------------------------


def open_signed_in(qtbot: QtBot, backend: FakeBackend) -> MainWindow:
    window = MainWindow(backend)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.state == mw.SIGNED_IN and not window.runner.busy)
    return window


def settings_dialog(qtbot: QtBot, window: MainWindow) -> SettingsDialog:
    window.menus.settings.trigger()
    dialogs = window.findChildren(SettingsDialog)
    assert dialogs
    return dialogs[-1]


def test_window_signs_out_after_the_app_changed(qtbot: QtBot) -> None:
    account = FakeAccount()
    backend = FakeBackend(account=account, values=dict(VALUES))
    window = open_signed_in(qtbot, backend)
    dialog = settings_dialog(qtbot, window)
    dialog.form.edit("client_id").setText("another-app")
    BoxAnswer("Save and sign out")
    assert dialog.save_button is not None
    dialog.save_button.click()
    qtbot.waitUntil(lambda: account.calls.count("sign_out") == 1)
    qtbot.waitUntil(lambda: window.state == mw.SIGNED_OUT)
    assert backend.saved[-1]["client_id"] == "another-app"
    assert not account.calls.any_on_gui_thread and not backend.calls.any_on_gui_thread


def test_window_reloads_without_signing_out_for_other_changes(qtbot: QtBot) -> None:
    account = FakeAccount()
    backend = FakeBackend(account=account, values=dict(VALUES))
    window = open_signed_in(qtbot, backend)
    dialog = settings_dialog(qtbot, window)
    dialog.form.edit("redirect_uri").setText("https://example.com/moved")
    assert dialog.save_button is not None
    dialog.save_button.click()
    qtbot.waitUntil(lambda: backend.calls.count("load") == 2)
    qtbot.waitUntil(lambda: window.state == mw.SIGNED_IN)
    assert account.calls.count("sign_out") == 0


def test_settings_from_the_signed_out_page(qtbot: QtBot) -> None:
    backend = FakeBackend(account=FakeAccount(signed_in=False), values=dict(VALUES))
    window = MainWindow(backend)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.state == mw.SIGNED_OUT)
    window.pages.signed_out.settings_button.click()
    dialog = window.findChildren(SettingsDialog)[-1]
    assert dialog.isVisible() and dialog.form.edit("client_id").text() == "cid"
