"""The *Options* section's choices and words: what each box offers, what E2EE turns off.

Kept apart from ``options_section`` (the widgets and their rules) so each stays small.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QComboBox

from zoomdesk.core.meeting import (
    E2EE_TURNS_OFF,
    ApprovalType,
    Audio,
    Encryption,
    RegistrationType,
)

#: What each choice shows; the first of each is what an option Zoom never sent shows.
REGISTRATION = (("Off", ApprovalType.NO_REGISTRATION),
                ("On: people are approved automatically", ApprovalType.AUTOMATIC),
                ("On: you approve each one", ApprovalType.MANUAL))  # fmt: skip
REGISTRATION_TYPE = (("Any occurrence, after registering once", RegistrationType.ONCE_FOR_ALL),
                     ("Each occurrence they register for", RegistrationType.EACH_OCCURRENCE),
                     ("The occurrences they choose", RegistrationType.ONCE_CHOOSING))  # fmt: skip
ENCRYPTION = (("Enhanced", Encryption.ENHANCED), ("End-to-end", Encryption.END_TO_END))
AUDIO = (("Telephone and computer", Audio.BOTH), ("Telephone only", Audio.TELEPHONY),
         ("Computer only", Audio.VOIP))  # fmt: skip
E2EE_NOTE = "End-to-end encryption (E2EE) turns off " + ", ".join(E2EE_TURNS_OFF) + "."
#: After what E2EE turns off; short, so the form keeps its width.
E2EE_OFF = " (off: E2EE)"
PMI_RECURRING = (
    "Zoom doesn't allow your Personal Meeting ID for a recurring meeting with a fixed time: "
    "this meeting gets its own ID."
)


TOGGLE_STYLE = """
QToolButton#optionsToggle { border: 1px solid transparent; border-radius: 3px; padding: 2px 4px;
                            font-weight: 600; background: transparent; }
QToolButton#optionsToggle:hover, QToolButton#optionsToggle:focus { border-color: palette(mid); }
"""


def narrow(combo: QComboBox) -> QComboBox:
    """``combo`` as wide as its column lets it be, not as its longest item (a template name)."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(12)
    return combo


def choice_box(name: str, choices: tuple[tuple[str, Any], ...]) -> QComboBox:
    """A combo box called ``name`` offering ``choices`` (text, Zoom's value)."""
    combo = narrow(QComboBox())
    combo.setAccessibleName(name)
    for text, value in choices:
        combo.addItem(text, value.value)  # plain int/str: findData compares them
    return combo


def set_item_enabled(combo: QComboBox, value: object, enabled: bool, text: str) -> None:
    """The item of ``combo`` for ``value`` chosen freely, or greyed out as E2EE's."""
    index = combo.findData(value)
    model = combo.model()
    if index >= 0 and isinstance(model, QStandardItemModel) and (item := model.item(index)):
        item.setEnabled(enabled)
        combo.setItemText(index, text if enabled else text + E2EE_OFF)
