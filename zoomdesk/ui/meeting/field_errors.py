"""Inline error messages: a small red label under a field, the field outlined in red.

Fields are registered under Zoom's own field names (``password``, ``start_time``,
``settings.join_before_host`` ...), so an error from local validation and one Zoom
returns (``errors: [{field, message}]``) land on the same widget.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import NamedTuple

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QAbstractSpinBox, QLabel, QVBoxLayout, QWidget

from zoomdesk.core.timezones import unbroken_zones
from zoomdesk.ui.guard import guarded
from zoomdesk.ui.untrusted import plain

ERROR_COLOR = "#c62828"

#: Added to the dialog's style sheet; the ``invalid`` property switches it on.
#: Spin boxes (and date edits) are left out: a style-sheet border makes Qt draw
#: their frame itself, and it then loses the style's up/down arrows. They get an
#: ``Outline`` drawn over the native frame instead.
STYLE_SHEET = f"""
QLabel#fieldError {{ color: {ERROR_COLOR}; }}
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"],
QComboBox[invalid="true"] {{ border: 1px solid {ERROR_COLOR}; border-radius: 2px; }}
QCheckBox[invalid="true"], QRadioButton[invalid="true"] {{ color: {ERROR_COLOR}; }}
"""


class Outline(QWidget):
    """A red frame painted over a field, which keeps its own look (arrows and all).

    It covers its parent, lets every mouse event through to it and takes no focus.
    """

    def __init__(self, field: QWidget) -> None:
        super().__init__(field)
        self._field = field
        self.setObjectName("invalidOutline")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setGeometry(field.rect())
        field.installEventFilter(self)
        self.hide()

    @guarded(False)
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._field and event.type() == QEvent.Type.Resize:
            self.setGeometry(self._field.rect())
        return False

    @guarded(None)
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(ERROR_COLOR), 1))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 2, 2)
        painter.end()


def error_label(parent: QWidget | None = None) -> QLabel:
    """A hidden, word-wrapped red label for one field's messages (Zoom's among them)."""
    label = plain(QLabel(parent))
    label.setObjectName("fieldError")
    label.setWordWrap(True)
    label.hide()
    return label


def with_error(field: QWidget) -> tuple[QWidget, QLabel]:
    """``field`` with an error label under it, packed in one widget for a form row."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(field)
    label = error_label(box)
    layout.addWidget(label)
    return box, label


def set_invalid(widget: QWidget, invalid: bool) -> None:
    """Switch the red outline on or off (style sheets need a re-polish to notice)."""
    if bool(widget.property("invalid")) == invalid:
        return
    widget.setProperty("invalid", invalid)
    if isinstance(widget, QAbstractSpinBox):
        outline = widget.findChild(Outline, "invalidOutline") or Outline(widget)
        outline.setVisible(invalid)
        outline.raise_()
        return
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def focus_chain(start: QWidget) -> list[QWidget]:
    """The widgets after ``start`` in Tab order, once round its window (all of them,
    whatever their focus policy)."""
    chain: list[QWidget] = []
    widget = start.nextInFocusChain()
    while widget is not None and widget is not start and len(chain) < 100_000:
        chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain


class Problem(NamedTuple):
    """One shown message: the field's name, the widget it marks, the label it is in."""

    field: str
    widget: QWidget
    label: QLabel
    message: str


class FieldErrors:
    """Maps field names to (widget, label) and shows a set of messages on them."""

    def __init__(self) -> None:
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}
        self._descriptions: dict[int, str] = {}
        self._watchers: list[Callable[[Mapping[str, str]], None]] = []
        self.shown: dict[str, str] = {}

    def add(self, field: str, widget: QWidget, label: QLabel) -> None:
        """Register ``field``; several fields may share one label (their messages are joined)."""
        self._fields[field] = (widget, label)
        self._descriptions.setdefault(id(widget), widget.accessibleDescription())

    def lookup(self, field: str) -> str | None:
        """The registered name that shows ``field``: itself, else its closest parent.

        Zoom may name a sub-field we have no widget for (``recurrence.type``); it
        then lands on the nearest registered parent (``recurrence``), else on
        the catch-all registered as ``""``.
        """
        name = field
        while name:
            if name in self._fields:
                return name
            name = name.rpartition(".")[0]
        # "" is the catch-all: a message for a field no widget shows is still shown.
        return "" if "" in self._fields else None

    def widget(self, field: str) -> QWidget | None:
        name = self.lookup(field)
        return self._fields[name][0] if name else None

    def watch(self, callback: Callable[[Mapping[str, str]], None]) -> None:
        """Call ``callback(shown)`` after each ``show`` (e.g. to hide what contradicts it)."""
        self._watchers.append(callback)

    def problems(self, root: QWidget) -> list[Problem]:
        """The messages shown, in the order Tab visits their fields under ``root``.

        Fields on screen come before those that are hidden (Zoom may name one the
        form does not show now), and ``root`` itself (the catch-all's widget, no
        field to go to) comes last.
        """
        order: dict[int, int] = {}
        for widget in focus_chain(root):
            order.setdefault(id(widget), len(order))
        found = []
        for field, message in self.shown.items():
            name = self.lookup(field)
            if name is None:
                continue
            widget, label = self._fields[name]
            found.append(Problem(field, widget, label, message))

        def place(problem: Problem) -> tuple[bool, bool, int]:
            widget = problem.widget
            hidden = widget is not root and not widget.isVisibleTo(root)
            return widget is root, hidden, order.get(id(widget), len(order))

        return sorted(found, key=place)  # stable: one widget's messages keep their order

    def show(self, errors: Mapping[str, str]) -> dict[str, str]:
        """Show ``errors`` (replacing the previous ones); returns those with no widget."""
        by_label: dict[int, list[str]] = {}
        by_widget: dict[int, list[str]] = {}
        unplaced: dict[str, str] = {}
        for field, message in errors.items():
            name = self.lookup(field)
            if name is None:
                unplaced[field] = message
                continue
            widget, label = self._fields[name]
            if message not in by_label.setdefault(id(label), []):
                by_label[id(label)].append(message)
            by_widget.setdefault(id(widget), []).append(message)
        seen: set[int] = set()
        for widget, label in self._fields.values():
            if id(label) not in seen:
                seen.add(id(label))
                messages = by_label.get(id(label))
                # A zone name in a message stays on one line ("America/" then "New_York"
                # on the next reads as two things); screen readers get the plain text.
                label.setText(unbroken_zones("\n".join(messages or [])))
                label.setVisible(bool(messages))
            messages = by_widget.get(id(widget))
            set_invalid(widget, bool(messages))
            # Screen readers announce the description with the field.
            base = self._descriptions[id(widget)]
            widget.setAccessibleDescription(" ".join([base, *(messages or [])]).strip())
        self.shown = {f: m for f, m in errors.items() if f not in unplaced}
        for callback in self._watchers:
            callback(self.shown)
        return unplaced
