"""The Zoom app settings form, shared by the first-run page and the Settings dialog:

Each field is checked with ``zoomdesk.core.config.validate_value`` as the user
types; the message appears under the field once it has been touched, and
``validityChanged`` lets the owner enable its Save button only when all are fine.
The form only edits values: saving is the owner's job (on the TaskRunner).
``SignInChoice`` is the "Sign in with: this window / my web browser" row
(config key ``sign_in``), kept apart so each owner places it where it fits.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from zoomdesk.core.config import validate_value


@dataclass(frozen=True)
class _Spec:
    key: str
    label: str
    placeholder: str
    help: str
    advanced: bool = False


FIELDS = (
    _Spec(
        "client_id", "&Client ID", "e.g. aBcD1234EfGh5678", "From your app's App Credentials page."
    ),
    _Spec(
        "client_secret",
        "Client s&ecret",
        "optional",
        "Leave empty for a public client (PKCE only, no secret), which Zoom recommends for "
        "desktop apps.",
    ),
    _Spec(
        "redirect_uri",
        "&Redirect URL",
        "https://example.com/zoomdesk/callback",
        "Exactly as registered in your app. zoomdesk catches it in the sign-in window; "
        "it never has to load.",
    ),
    _Spec("oauth_url", "&OAuth URL", "https://zoom.us", "ZoomGov: https://zoomgov.com", True),
    _Spec("api_url", "&API URL", "from the sign-in answer", "Leave empty to use Zoom's.", True),
)
KEYS = tuple(spec.key for spec in FIELDS)

_ERROR_STYLE = "QLabel { color: #c62828; }"
_HELP_STYLE = "QLabel { color: palette(placeholder-text); }"


class SetupForm(QWidget):
    """Client ID, client secret, redirect URL and (behind *Advanced*) the Zoom hosts."""

    validityChanged = Signal(bool)
    #: Return pressed in a field while every value is valid.
    submitted = Signal()

    def __init__(self, parent: QWidget | None = None, *, show_advanced: bool = False) -> None:
        super().__init__(parent)
        self._edits: dict[str, QLineEdit] = {}
        self._notes: dict[str, QLabel] = {}
        self._touched: set[str] = set()
        self._overridden: dict[str, str] = {}
        self._advanced_rows: list[QWidget] = []
        self._valid = False

        # A grid, not a QFormLayout: under each field its hint or problem is a
        # word-wrapped label whose height changes with its text, and QFormLayout
        # kept the row heights it had worked out for the old text (the second
        # line of a hint was clipped until the window was resized).
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        grid.setColumnStretch(1, 1)
        label_alignment = Qt.AlignmentFlag(
            self.style().styleHint(QStyle.StyleHint.SH_FormLayoutLabelAlignment)
        )
        row = 0
        for spec in FIELDS:
            if spec.advanced and not self._advanced_rows:
                # Created here, between the basic and the advanced fields, so that
                # it sits above what it reveals and comes there in the tab order.
                grid.addWidget(self._make_advanced_toggle(), row, 0, 1, 2)
                row += 1
            edit = QLineEdit(self)
            edit.setObjectName(spec.key)
            edit.setPlaceholderText(spec.placeholder)
            edit.setClearButtonEnabled(spec.key != "client_secret")
            edit.setAccessibleName(spec.label.replace("&", ""))
            note = QLabel(spec.help, self)
            note.setObjectName(f"{spec.key}_note")
            note.setWordWrap(True)
            note.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            note.setContentsMargins(0, 0, 0, 6)  # the gap before the next field
            note.setStyleSheet(_HELP_STYLE)
            self._edits[spec.key] = edit
            self._notes[spec.key] = note
            label = QLabel(spec.label, self)
            label.setBuddy(edit)
            grid.addWidget(label, row, 0, label_alignment | Qt.AlignmentFlag.AlignVCenter)
            grid.addLayout(self._field_row(spec.key, edit), row, 1)
            grid.addWidget(note, row + 1, 1)
            row += 2
            if spec.advanced:
                self._advanced_rows += [label, edit, note]
            edit.textEdited.connect(lambda _text, key=spec.key: self._touch(key))
            edit.editingFinished.connect(lambda key=spec.key: self._touch(key))
            edit.textChanged.connect(self._revalidate)
            edit.returnPressed.connect(self._on_return)

        self.advanced_toggle.setChecked(show_advanced)
        self._show_advanced(show_advanced)
        self._revalidate()

    def _make_advanced_toggle(self) -> QToolButton:
        toggle = QToolButton(self)
        toggle.setObjectName("advanced")
        toggle.setText("Ad&vanced: Zoom hosts (ZoomGov, testing)")
        toggle.setCheckable(True)
        toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        # A disclosure line, not a button that stays pressed in.
        toggle.setStyleSheet("QToolButton { border: none; padding: 2px 0; }")
        toggle.toggled.connect(self._show_advanced)
        self.advanced_toggle = toggle
        return toggle

    def _field_row(self, key: str, edit: QLineEdit) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(4)
        row.addWidget(edit, 1)
        if key == "client_secret":
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            self.reveal_button = QToolButton(self)
            self.reveal_button.setText("Show")
            self.reveal_button.setCheckable(True)
            self.reveal_button.setAccessibleName("Show the client secret")
            self.reveal_button.setToolTip("Show or hide the client secret")
            self.reveal_button.toggled.connect(self._reveal_secret)
            row.addWidget(self.reveal_button)
        return row

    # -- values -----------------------------------------------------------------------

    def values(self) -> dict[str, str]:
        """Every field, stripped; empty strings for fields left blank."""
        return {key: edit.text().strip() for key, edit in self._edits.items()}

    def set_values(self, values: Mapping[str, str]) -> None:
        for key, edit in self._edits.items():
            edit.setText(values.get(key, "") or "")
        # Show problems with values that came from a file right away.
        self._touched = {key for key in KEYS if values.get(key)}
        if values.get("oauth_url") or values.get("api_url"):
            self.advanced_toggle.setChecked(True)
        self._revalidate()

    def errors(self) -> dict[str, str]:
        """Problems keyed by config key, for every field (touched or not)."""
        found = {}
        for key, edit in self._edits.items():
            problem = validate_value(key, edit.text())
            if problem:
                found[key] = problem
        return found

    def is_valid(self) -> bool:
        return self._valid

    def edit(self, key: str) -> QLineEdit:
        return self._edits[key]

    def note(self, key: str) -> QLabel:
        """The label under a field: its help text, or its problem when there is one."""
        return self._notes[key]

    def set_read_only(self, read_only: bool) -> None:
        """Values to look at, not to edit: no clear buttons, the window's colour behind them."""
        for key, edit in self._edits.items():
            edit.setReadOnly(read_only)
            edit.setClearButtonEnabled(not read_only and key != "client_secret")
            palette = QPalette()  # nothing set: the field follows its parent's palette again
            if read_only:
                palette = QPalette(edit.palette())
                for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
                    palette.setColor(
                        group,
                        QPalette.ColorRole.Base,
                        palette.color(group, QPalette.ColorRole.Window),
                    )
            edit.setPalette(palette)

    def set_overrides(self, overrides: Mapping[str, str]) -> None:
        """Mention under each field what overrides the saved value: a flag or a variable.

        ``overrides`` maps a key to ``--flag`` or ``ZOOMDESK_*``, as ``Startup`` has it.
        """
        self._overridden = {k: v for k, v in overrides.items() if k in KEYS}
        self._revalidate()

    def focus_first_problem(self) -> None:
        for key in KEYS:
            if key in self.errors():
                self._edits[key].setFocus()
                return
        self._edits["client_id"].setFocus()

    # -- slots --------------------------------------------------------------------------

    def _touch(self, key: str) -> None:
        if key not in self._touched:
            self._touched.add(key)
            self._revalidate()

    def _revalidate(self) -> None:
        problems = self.errors()
        for spec in FIELDS:
            note = self._notes[spec.key]
            problem = problems.get(spec.key)
            if problem and spec.key in self._touched:
                note.setText(problem)
                note.setStyleSheet(_ERROR_STYLE)
                self._edits[spec.key].setAccessibleDescription(problem)
            else:
                text = spec.help
                source = self._overridden.get(spec.key, "")
                if source.startswith("--"):
                    text += f" Overridden by {source} on the command line."
                elif source:
                    text += f" Overridden by {source} in the environment."
                note.setText(text)
                note.setStyleSheet(_HELP_STYLE)
                self._edits[spec.key].setAccessibleDescription(text)
        valid = not problems
        if valid != self._valid:
            self._valid = valid
            self.validityChanged.emit(valid)

    def _on_return(self) -> None:
        if self._valid:
            self.submitted.emit()
        else:
            self._touched.update(KEYS)
            self._revalidate()
            self.focus_first_problem()

    def _reveal_secret(self, shown: bool) -> None:
        self._edits["client_secret"].setEchoMode(
            QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        )
        self.reveal_button.setText("Hide" if shown else "Show")

    def _show_advanced(self, shown: bool) -> None:
        for widget in self._advanced_rows:
            widget.setVisible(shown)
        arrow = Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        self.advanced_toggle.setArrowType(arrow)


#: Under the choice: when the browser is the way (DESIGN §3.1 ``sign_in``).
SIGN_IN_HELP = "Pick the browser for Google, Apple or single sign-on accounts, or a security key."


class SignInChoice(QWidget):
    """ "Sign in with: this window / my web browser": the ``sign_in`` setting."""

    changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signInChoice")
        label = QLabel("Sign in with:", self)
        self.embedded = QRadioButton("this &window", self)
        self.embedded.setObjectName("signInEmbedded")
        self.browser = QRadioButton("my web &browser", self)
        self.browser.setObjectName("signInBrowser")
        self.embedded.setChecked(True)
        self._group = QButtonGroup(self)
        for button in (self.embedded, self.browser):
            self._group.addButton(button)
        self.note = QLabel(SIGN_IN_HELP, self)
        self.note.setObjectName("signInNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet(_HELP_STYLE)
        self.browser.setAccessibleDescription(SIGN_IN_HELP)
        row = QHBoxLayout()
        row.setSpacing(16)
        row.addWidget(label)
        row.addWidget(self.embedded)
        row.addWidget(self.browser)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.note)
        self.browser.toggled.connect(lambda _on: self.changed.emit(self.value()))

    def value(self) -> str:
        """``"embedded"`` or ``"browser"``, as config.json spells it."""
        return "browser" if self.browser.isChecked() else "embedded"

    def set_value(self, value: str) -> None:
        """Anything but ``browser`` (unset, or a typo the file check reports) is the window."""
        (self.browser if value.strip().lower() == "browser" else self.embedded).setChecked(True)
