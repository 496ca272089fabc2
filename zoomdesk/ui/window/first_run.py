"""The first-run page: what a Zoom OAuth app is, its settings, and the sandbox way out."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from zoomdesk.ui.style import heading, make_primary
from zoomdesk.ui.untrusted import open_link, plain
from zoomdesk.ui.window.menus import CREATE_APP_URL, PKCE_URL
from zoomdesk.ui.window.pages import centered, make_card
from zoomdesk.ui.window.setup_form import SetupForm, SignInChoice


class FirstRunPage(QWidget):
    """No Zoom app configured: what an OAuth app is, the form, and the sandbox way out."""

    saveRequested = Signal(dict)
    sandboxRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        content = QWidget(self)
        column = QVBoxLayout(content)
        column.setSpacing(12)
        title = heading("Connect zoomdesk to your Zoom account", content)
        title.setWordWrap(True)  # at a big font it is wider than the page's column
        column.addWidget(title)
        intro = QLabel(
            "zoomdesk talks to Zoom through an <b>OAuth app</b>: a registration you create "
            "once in the Zoom App Marketplace, which lets you allow zoomdesk to see and "
            "schedule your meetings. "
            f'<a href="{CREATE_APP_URL}">Create a General app</a> (user-managed), turn on '
            f'<a href="{PKCE_URL}">Public Client OAuth (PKCE)</a>, add a redirect URL and the '
            "meeting and user scopes, then copy its client ID here.",
            content,
        )
        intro.setObjectName("intro")
        intro.setWordWrap(True)
        intro.linkActivated.connect(open_link)  # the one way links leave the app
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        column.addWidget(intro)

        self.problem = plain(QLabel(content))  # the settings' problem can quote a file
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("QLabel { color: #c62828; }")
        self.problem.hide()
        column.addWidget(self.problem)

        self.form = SetupForm(content)
        column.addWidget(self.form)
        self.sign_in = SignInChoice(content)
        self.save_button = QPushButton("&Save and continue", content)
        self.save_button.setObjectName("save")
        make_primary(self.save_button)
        self.save_button.setDefault(True)
        self.save_button.setEnabled(False)
        # The choice beside Save, not above it: at 800×600 the sandbox card must
        # stay in view without scrolling (tests/gui/test_window_fit.py).
        save_row = QHBoxLayout()
        save_row.setSpacing(16)
        save_row.addWidget(self.sign_in, 1)
        save_row.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignBottom)
        column.addLayout(save_row)

        card, inside = make_card(content)
        card.setObjectName("sandboxCard")
        card.setStyleSheet("QFrame#sandboxCard { border: 1px solid #9cc0ff; border-radius: 8px; }")
        text = QLabel(
            "<b>No Zoom app yet?</b> Try everything against the offline sandbox: a pretend "
            "Zoom that runs inside zoomdesk. No account needed, nothing leaves this computer.",
            card,
        )
        text.setWordWrap(True)
        self.sandbox_button = QPushButton("&Try the offline sandbox", card)
        self.sandbox_button.setObjectName("trySandbox")
        make_primary(self.sandbox_button)
        inside_row = QHBoxLayout()
        inside_row.addWidget(text, 1)
        inside_row.addSpacing(12)
        inside_row.addWidget(self.sandbox_button, 0, Qt.AlignmentFlag.AlignVCenter)
        inside.addLayout(inside_row)
        column.addSpacing(8)
        column.addWidget(card)
        column.addStretch(1)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a Tab stop that does nothing otherwise
        holder = QWidget(scroll)
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(24, 24, 24, 24)
        holder_layout.addLayout(centered(content, 680))
        scroll.setWidget(holder)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self.form.validityChanged.connect(self._sync_save)
        self.form.submitted.connect(self._save)
        self.save_button.clicked.connect(self._save)
        self.sandbox_button.clicked.connect(self.sandboxRequested)
        self.setTabOrder(self.form.advanced_toggle, self.sign_in.embedded)
        self.setTabOrder(self.sign_in.embedded, self.sign_in.browser)
        self.setTabOrder(self.sign_in.browser, self.save_button)
        self.setTabOrder(self.save_button, self.sandbox_button)

    def set_values(self, values: Mapping[str, str], problem: str = "") -> None:
        self.form.set_values(values)
        self.sign_in.set_value(values.get("sign_in", "") or "")
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))

    def set_busy(self, busy: bool) -> None:
        self.form.setEnabled(not busy)
        self.sign_in.setEnabled(not busy)
        self.sandbox_button.setEnabled(not busy)
        self._sync_save()
        if busy:
            self.save_button.setEnabled(False)

    def _sync_save(self, *_: Any) -> None:
        self.save_button.setEnabled(self.form.is_valid() and self.form.isEnabled())

    def _save(self) -> None:
        if self.form.is_valid():
            # sign_in saved as chosen: the save keeps a key only when it is left out.
            self.saveRequested.emit({**self.form.values(), "sign_in": self.sign_in.value()})
