"""Bring a widget tree up to date in tests without waiting on a clock."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication


def settle(rounds: int = 5) -> None:
    """Deliver the layout, resize and other events already posted, a few rounds deep.

    A change posts layout requests one nesting level at a time; each round
    delivers what the one before posted.
    """
    for _ in range(rounds):
        QApplication.sendPostedEvents()
        QApplication.processEvents()
