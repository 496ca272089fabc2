"""QApplication set-up shared by the main window and ``zoomdesk login``."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from zoomdesk import __version__
from zoomdesk.core.qt_args import qt_args
from zoomdesk.ui import qt_messages
from zoomdesk.ui.resources import app_icon_files

APP_NAME = "zoomdesk"
_logging_started = False


def create_app(argv: Sequence[str] | None = None) -> QApplication:
    """Return the running QApplication, creating and configuring it when there is none.

    Without ``argv`` it gets the program's name and Qt's own options from
    ``sys.argv`` (``-style Fusion``, ``-reverse``: the command line leaves them to Qt).
    """
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        configure_app(existing)
        return existing
    # Before Qt says anything: its noise and Chromium's go to the log, not the terminal.
    qt_messages.install_qt_handler()
    qt_messages.capture_stderr()
    # Qt 6 always scales for high DPI; pass fractional factors (125 %, 150 %)
    # through instead of rounding them, so text and icons keep their size.
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    # QtWebEngine is imported only when the login dialog opens, after the
    # QApplication exists; Qt wants shared GL contexts set up front for that.
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication(list(argv) if argv is not None else sys.argv[:1] + qt_args(sys.argv[1:]))
    configure_app(app)
    return app


def configure_app(app: QApplication) -> None:
    """Names (settings, window titles, the desktop file for the task bar) and the icon."""
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    # Lets Wayland/X11 shells match windows to zoomdesk.desktop and its icon.
    app.setDesktopFileName(APP_NAME)
    icon = app_icon()
    if not icon.isNull():
        app.setWindowIcon(icon)


def app_icon() -> QIcon:
    """The zoomdesk icon from ``resources/icons`` (empty when the files are missing)."""
    icon = QIcon()
    for path in app_icon_files():
        icon.addFile(str(path))
    return icon


def start_logging(level: int = logging.INFO) -> None:
    """Start the rotating log file unless it runs already (the CLI starts it with its -v level).

    Blocking file I/O: call it through the TaskRunner.
    """
    global _logging_started
    if _logging_started:
        return
    _logging_started = True
    if any(isinstance(h, logging.FileHandler) for h in logging.getLogger().handlers):
        return
    from zoomdesk.core.logs import setup_logging

    setup_logging(level)  # returns None, logging nowhere, when the directory is read-only
