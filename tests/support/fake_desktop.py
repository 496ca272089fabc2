"""A stand-in for the desktop that zoomdesk hands links to: it records them instead."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices


def record_opened_links(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every URL given to ``QDesktopServices.openUrl`` from now on, which then succeeds."""
    urls: list[str] = []

    def record(url: QUrl) -> bool:
        urls.append(url.toString())
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", record)
    return urls
