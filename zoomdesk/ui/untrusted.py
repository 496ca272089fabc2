"""Text and links from the network on screen: always plain text, links opened only through policy.

A topic, an agenda, an error message or a sign-in page's ``error_description``
is whatever a server sent. Qt guesses "rich text" for a label, tooltip or
message box whose text merely looks like HTML, and QMessageBox opens links in
it, so such text is shown through these helpers, never guessed at. Every link
zoomdesk hands to the desktop goes through ``open_link``, which obeys the
core's policy (``zoomdesk.core.links``): https only.
"""

from __future__ import annotations

import logging

from PySide6 import QtGui
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from zoomdesk.core.links import is_safe_to_open, loggable_link

log = logging.getLogger(__name__)


def plain(label: QLabel) -> QLabel:
    """Make ``label`` show its text literally, markup and all; returns it."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A label that shows ``text`` literally."""
    label = plain(QLabel(parent))
    label.setText(text)
    return label


def plain_box(box: QMessageBox) -> QMessageBox:
    """Show a message box's text and informative text literally (no markup, no links)."""
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def plain_tooltip(text: str) -> str:
    """``text`` as a tooltip shows it: escaped when Qt would take it for HTML.

    Text Qt would show as plain anyway is returned unchanged, so ``toolTip()``
    still reads back what was set.
    """
    if QtGui.Qt.mightBeRichText(text):
        return QtGui.Qt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)
    return text


def set_plain_tooltip(widget: QWidget, text: str) -> None:
    widget.setToolTip(plain_tooltip(text))


def may_open(url: str) -> bool:
    """True when ``open_link`` would hand ``url`` to the desktop (show it as a link, then)."""
    if not is_safe_to_open(url):
        return False
    # Both parsers must agree it is https: the policy reads it with urlsplit, the desktop with QUrl.
    qurl = QUrl(url, QUrl.ParsingMode.StrictMode)
    return qurl.isValid() and qurl.scheme() == "https"


def open_link(url: str) -> bool:
    """Hand ``url`` to the desktop if the link policy allows it; False when refused or failed.

    A refused link is logged without its query (a join URL carries the
    passcode) and never reaches the desktop; the caller shows it as text.
    """
    if not may_open(url):
        log.warning("refused to open %s: zoomdesk opens https links only", loggable_link(url))
        return False
    return bool(QDesktopServices.openUrl(QUrl(url, QUrl.ParsingMode.StrictMode)))
