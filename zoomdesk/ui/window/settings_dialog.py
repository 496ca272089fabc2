"""Settings: the first run's form, how to sign in, where the session is kept, the desktop.

Three tabs: *Zoom app* (the same form as the first run), *Sign-in and storage*
(``settings_storage``) and *Desktop* (``settings_desktop``). Everything is read
and saved off the GUI thread. Changing which Zoom app zoomdesk uses (client ID,
client secret, OAuth URL) makes the saved tokens belong to another app, so the
dialog asks before it saves, and tells the window to sign out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from zoomdesk.ui.guard import guarded
from zoomdesk.ui.placement import Placed, free_area, keep_placed, keep_title_whole
from zoomdesk.ui.status import describe
from zoomdesk.ui.style import STYLE_SHEET, make_primary, muted
from zoomdesk.ui.tasks import Task, TaskRunner
from zoomdesk.ui.untrusted import plain
from zoomdesk.ui.window.settings_desktop import DesktopTab, load_desktop, save_desktop
from zoomdesk.ui.window.settings_storage import StorageTab, where_stored
from zoomdesk.ui.window.setup_form import KEYS, SetupForm

if TYPE_CHECKING:
    from zoomdesk.ui.session import Backend, Startup

#: ``--sandbox`` with non-breaking hyphens (U+2011): word wrap split it as "--" and
#: "sandbox" on two lines (``<nobr>`` does not stop a break after a hyphen).
NO_BREAK_SANDBOX_FLAG = "\u2011\u2011sandbox"

#: Keys whose change invalidates the saved tokens.
AUTH_KEYS = ("client_id", "client_secret", "oauth_url")


def auth_changed(before: Mapping[str, str], after: Mapping[str, str]) -> bool:
    return any((before.get(k) or "").strip() != (after.get(k) or "").strip() for k in AUTH_KEYS)


class SettingsDialog(Placed, QDialog):
    """Edit the Zoom app settings. ``save`` blocks (it writes a file): it runs on ``runner``.

    ``save=None`` shows the values read-only (the sandbox's are fixed).
    ``saved(values, sign_out)`` fires after the file was written.
    ``store`` is the account's token store, for the line saying where the session
    is; ``prefs_path`` the ``config.json`` that keeps the desktop preferences.
    """

    saved = Signal(dict, bool)
    #: The desktop preferences were saved (a ``core.desktop_prefs.DesktopPrefs``):
    #: the hook for the tray and the reminders.
    desktopPrefsChanged = Signal(object)

    def __init__(
        self,
        runner: TaskRunner,
        values: Mapping[str, str],
        save: Callable[[dict[str, str]], None] | None,
        *,
        signed_in: bool,
        overrides: Mapping[str, str] | None = None,
        store: Any = None,
        prefs_path: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.setStyleSheet(STYLE_SHEET)
        self.setMinimumWidth(min(600, free_area(self, parent).width()))
        keep_placed(self)
        self.runner = runner
        self._save = save
        self._signed_in = signed_in
        self._original = {k: values.get(k, "") for k in KEYS}
        self._prefs_path = prefs_path
        self._task: Task | None = None

        layout = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        app_tab = QWidget(self.tabs)
        app_layout = QVBoxLayout(app_tab)
        if save is None:
            app_layout.addWidget(
                muted(
                    "The offline sandbox is running: these settings point at it and can't be "
                    f"changed. Quit and start zoomdesk without {NO_BREAK_SANDBOX_FLAG} to use "
                    "your Zoom app.",
                    app_tab,
                )
            )
        else:
            app_layout.addWidget(
                muted(
                    "The OAuth app zoomdesk signs in with. Changing the client ID, client secret "
                    "or OAuth URL signs you out.",
                    app_tab,
                )
            )
        self.form = SetupForm(app_tab)
        self.form.set_values(values)
        self.form.set_overrides(overrides or {})
        app_layout.addWidget(self.form)
        app_layout.addStretch(1)
        self.storage_tab = StorageTab(self.tabs)
        self.storage_tab.set_values(values, overrides or {})
        self._original_storage = self.storage_tab.values()
        self.desktop_tab = DesktopTab(self.tabs)
        self.tabs.addTab(app_tab, "&Zoom app")
        self.tabs.addTab(self.storage_tab, "Sig&n-in and storage")
        self.tabs.addTab(self.desktop_tab, "&Desktop")
        layout.addWidget(self.tabs)
        self.error = plain(QLabel(self))  # errors can quote Zoom
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("QLabel { color: #c62828; }")
        self.error.hide()
        layout.addWidget(self.error)
        layout.addStretch(1)

        self.buttons = QDialogButtonBox(self)
        self.save_button: QPushButton | None = None
        if save is None:
            self.form.set_read_only(True)
            self.storage_tab.set_read_only(True)
            self.desktop_tab.set_read_only(True)
            close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
            close.setDefault(True)
            # Nothing to edit: Close has the focus, and no field shows its text selected.
            first: QWidget = close
        else:
            self.save_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Save)
            make_primary(self.save_button)
            self.save_button.setDefault(True)
            self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
            self.save_button.clicked.connect(self._on_save)
            self.form.validityChanged.connect(self._sync)
            self.form.submitted.connect(self._on_save)
            self._sync()
            first = self.form.edit("client_id")
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        first.setFocus()
        self._loads = [
            runner.run(lambda: load_desktop(prefs_path), self._desktop_loaded, self._load_failed,
                       "load desktop settings"),
            runner.run(lambda: where_stored(store), self.storage_tab.set_where, self._load_failed,
                       "where the session is"),
        ]  # fmt: skip
        self.finished.connect(self._drop_loads)

    # -- keeping every wrapped hint whole -------------------------------------------------

    @guarded(False, fallback=QDialog.event)
    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:  # e.g. a hint became a longer problem
            self._fit_height()
        return handled

    @guarded(None)
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def _fit_height(self) -> None:
        """Never shorter than the form needs at this width.

        A window's minimum height comes from its layout's minimum size, which leaves
        out how many lines a word-wrapped hint takes at the width it has: at a big
        font the last line of a hint was cut off.
        """
        layout = self.layout()
        needed = layout.totalHeightForWidth(self.width()) if layout is not None else -1
        if needed > 0 and needed != self.minimumHeight():
            self.setMinimumHeight(needed)

    def _sync(self, *_: Any) -> None:
        if self.save_button is not None:
            self.save_button.setEnabled(self.form.is_valid() and self._task is None)

    def _desktop_loaded(self, state: Any) -> None:
        self.desktop_tab.set_state(state)

    def _load_failed(self, exc: BaseException) -> None:
        self.error.setText(describe(exc).text)
        self.error.show()

    @property
    def loading(self) -> bool:
        """The saved desktop preferences or the storage line are still being read."""
        return any(not task.finished for task in self._loads)

    def _drop_loads(self) -> None:
        for task in self._loads:
            task.cancel()

    def _on_save(self) -> None:
        if self._save is None or self._task is not None or not self.form.is_valid():
            return
        values = self.form.values()
        # Left out when unchanged: config.json then keeps what it had (an explicit "auto", say).
        values.update(
            (k, v) for k, v in self.storage_tab.values().items() if v != self._original_storage[k]
        )
        before, after = self.desktop_tab.loaded, self.desktop_tab.state()
        settings_changed = values != self._original
        if not settings_changed and after == before:
            self.accept()
            return
        sign_out = self._signed_in and auth_changed(self._original, values)
        if sign_out and not self._confirm_sign_out():
            return
        save, path = self._save, self._prefs_path
        wrote: list[Any] = []  # from the worker: the desktop preferences as saved, or None

        def work() -> None:
            wrote.append(save_desktop(before, after, path))
            if settings_changed:
                save(values)

        def failed(exc: BaseException) -> None:
            if wrote:  # the desktop part was saved before the rest failed
                self._desktop_saved(wrote[0], after)
            self._failed(exc)

        self.error.hide()
        self.tabs.setEnabled(False)
        self._task = self.runner.run(
            work,
            lambda _: self._saved(values if settings_changed else None, sign_out, wrote[0], after),
            failed,
            "save settings",
        )
        self._sync()

    def _confirm_sign_out(self) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Sign out?")
        box.setText("Save and sign out?")
        box.setInformativeText(
            "These changes connect zoomdesk to a different Zoom app, so you are signed out "
            "and sign in again with the new settings."
        )
        go = box.addButton("Save and &sign out", QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        keep_title_whole(box)
        keep_placed(box)
        box.exec()
        return box.clickedButton() is go

    def _desktop_saved(self, prefs: Any, after: Any) -> None:
        self.desktop_tab.set_state(after)  # saved: a second Save does not write it again
        if prefs is not None:
            self.desktopPrefsChanged.emit(prefs)

    def _saved(self, values: dict[str, str] | None, sign_out: bool, prefs: Any, after: Any) -> None:
        self._task = None
        self._desktop_saved(prefs, after)
        if values is not None:  # only the desktop changed: the window has nothing to reload
            self.saved.emit(values, sign_out)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        self.tabs.setEnabled(True)
        self.error.setText(describe(exc).text)
        self.error.show()
        self._sync()

    @guarded(None)
    def reject(self) -> None:
        # While the file is being written the outcome must reach the window
        # (it may have to sign out), so Escape and Cancel wait for it.
        if self._task is None:
            super().reject()


def open_settings(
    parent: QWidget, runner: TaskRunner, backend: Backend, startup: Startup, *, signed_in: bool
) -> SettingsDialog:
    """Open Settings (window-modal) on what ``backend`` loaded; it deletes itself once closed.

    The sandbox's settings are shown read-only: there is nothing of the user's to save.
    """
    dialog = SettingsDialog(
        runner,
        startup.values,
        None if backend.sandbox else backend.save_settings,
        signed_in=signed_in,
        overrides=startup.overrides,
        store=getattr(startup.account, "store", None),
        # The sandbox's own config dir is not where the desktop's preferences live.
        prefs_path=None if backend.sandbox else backend.config_path,
        parent=parent,
    )
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
