"""Settings' *Sign-in and storage* tab: how to sign in, and where the session is kept.

The sign-in choice is the first-run page's own (``setup_form.SignInChoice``).
``sign_in`` and ``token_storage`` (DESIGN.md §3.1) are saved with the Zoom app's
settings. The line saying where the session is now uses the same words as
``zoomdesk whoami`` (``TokenStore.describe``); working it out may ask the keyring
over D-Bus, so ``where_stored`` runs on the TaskRunner. A new storage takes
effect when the window reloads after the save: the token store then moves the
session, and leaves it where it was if the keyring refuses (its ``notice``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QWidget

from zoomdesk.ui.style import muted
from zoomdesk.ui.untrusted import plain
from zoomdesk.ui.window.setup_form import SIGN_IN_HELP, SignInChoice

#: (config value, what the user picks) for ``token_storage``; the first is the default.
STORAGE_CHOICES = (("auto", "Automatic"), ("keyring", "System keyring"), ("file", "Private file"))
KEYS = ("sign_in", "token_storage")

STORAGE_HELP = (
    "Automatic uses the system keyring when one answers, otherwise a private file only you "
    "can read. Changing this moves your session when you save."
)
UNKNOWN = "Stored in: looking…"


def where_stored(store: Any) -> str:
    """Blocking (disk, maybe D-Bus): "Stored in: …", as ``zoomdesk whoami`` says it.

    ``store`` is the account's ``TokenStore`` (None without one). Signed out, the
    line says where a new session would go.
    """
    if store is None:
        return ""
    from zoomdesk.core import keyring_probe
    from zoomdesk.core.errors import ConfigError, StoreError

    try:
        if store.load() is not None:
            return f"Stored in: {store.describe()}"
        if store.item is None:  # the sandbox's sessions never go into the keyring
            return f"Not signed in. A session would be kept in {store.describe()}."
        kind = "keyring" if keyring_probe.backend_for(store.storage) is not None else "file"
        where = keyring_probe.describe(kind, store.storage)
        return f"Not signed in. A session would be kept in {where}."
    except (ConfigError, StoreError) as exc:  # e.g. a keyring that stays locked
        return f"Stored in: unknown. {exc}"


class StorageTab(QWidget):
    """*Sign in with* and *Store the session in*, with the line saying where it is now."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setColumnStretch(1, 1)
        grid.setVerticalSpacing(4)
        self.sign_in = SignInChoice(self)
        self.sign_in_note = self.sign_in.note
        for button in (self.sign_in.embedded, self.sign_in.browser):  # "this window" alone is vague
            button.setAccessibleName("Sign in with " + button.text().replace("&", ""))
        self.storage = self._combo("tokenStorage", "Where the session is kept", STORAGE_CHOICES)
        self.storage_note = self._note(STORAGE_HELP, "tokenStorageNote")
        self.where = plain(QLabel(UNKNOWN, self))  # may quote a keyring's error
        self.where.setObjectName("storedIn")
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        grid.addWidget(self.sign_in, 0, 0, 1, 2)
        grid.setRowMinimumHeight(1, 12)
        label = QLabel("S&tore the session in", self)
        label.setBuddy(self.storage)
        grid.addWidget(label, 2, 0)
        grid.addWidget(self.storage, 2, 1)
        grid.addWidget(self.storage_note, 3, 1)
        row = 4
        grid.setRowMinimumHeight(row, 8)
        grid.addWidget(self.where, row + 1, 0, 1, 2)
        grid.setRowStretch(row + 2, 1)
        self._overrides: dict[str, str] = {}

    def _combo(self, name: str, accessible: str, choices: tuple[tuple[str, str], ...]) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        for value, text in choices:
            combo.addItem(text, value)
        return combo

    def _note(self, text: str, name: str) -> QLabel:
        note = muted(text, self)
        note.setObjectName(name)
        note.setWordWrap(True)
        return note

    def set_values(self, values: Mapping[str, str], overrides: Mapping[str, str]) -> None:
        self.sign_in.set_value(values.get("sign_in") or "")
        index = self.storage.findData((values.get("token_storage") or "").strip().lower())
        self.storage.setCurrentIndex(max(index, 0))
        self._overrides = {k: v for k, v in overrides.items() if k in KEYS}
        for key, note, help_text in (
            ("sign_in", self.sign_in_note, SIGN_IN_HELP),
            ("token_storage", self.storage_note, STORAGE_HELP),
        ):
            source = self._overrides.get(key, "")
            where = "on the command line" if source.startswith("--") else "in the environment"
            note.setText(f"{help_text} Overridden by {source} {where}." if source else help_text)

    def values(self) -> dict[str, str]:
        return {"sign_in": self.sign_in.value(), "token_storage": self.storage.currentData()}

    def set_where(self, line: str) -> None:
        self.where.setText(line)
        self.where.setVisible(bool(line))
        self.where.setAccessibleName(line)

    def set_read_only(self, read_only: bool) -> None:
        self.sign_in.setEnabled(not read_only)
        self.storage.setEnabled(not read_only)


__all__ = ["STORAGE_CHOICES", "StorageTab", "where_stored"]
