"""Questions the main window asks before it acts on something the user cannot take back."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from zoomdesk.ui.placement import keep_placed, keep_title_whole


def confirm_sign_out(parent: QWidget) -> bool:
    """Ask before signing out; True when the user chose *Sign out*."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Sign out")
    box.setText("Sign out of Zoom?")
    box.setInformativeText("zoomdesk forgets your session; your meetings stay in Zoom.")
    # The buttons say what they do ("Sign out", not "Yes").
    go = box.addButton("&Sign out", QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(go)
    box.setEscapeButton(cancel)
    keep_title_whole(box)
    keep_placed(box)
    box.exec()
    return box.clickedButton() is go
