"""ui/qt_messages.py: which of Qt's and Chromium's lines are noise, and where each goes."""

from __future__ import annotations

import logging
import os

import pytest

from zoomdesk.ui import qt_messages


@pytest.mark.parametrize(
    "line",
    [
        "Sandboxing disabled by user.",
        "Failed to load vulkan: Cannot load library vulkan: vulkan: cannot open shared object",
        "initInstance: No Vulkan library available",
        "Failed to create platform Vulkan instance",
        "Unable to detect GPU vendor for device: Mesa/X.org llvmpipe (LLVM 15.0.6, 256 bits)",
        "QRhiGles2: Failed to create temporary context",
        "GBM is not supported with the current configuration. Fallback to software rendering.",
    ],
)
def test_graphics_lines_are_noise(line: str) -> None:
    assert qt_messages.is_noise(line)


@pytest.mark.parametrize(
    "line", ["QLayout: Attempting to add QLayout to QDialog, which already has a layout", ""]
)
def test_other_lines_are_not(line: str) -> None:
    assert not qt_messages.is_noise(line)


def test_a_chromium_line_goes_to_the_log_at_debug(caplog: pytest.LogCaptureFixture) -> None:
    read_fd, write_fd = os.pipe()
    line = (
        b"[31920:31920:1203/001443.442080:ERROR:../../../qtwebengine/src/3rdparty/chromium/"
        b"dbus/bus.cc:408] Failed to connect to the bus: /run/dbus/system_bus_socket"
    )
    with caplog.at_level(logging.DEBUG, logger="zoomdesk.chromium"):
        qt_messages.route_line(line, write_fd)
        qt_messages.route_line(b"zoomdesk: something to read", write_fd)
    os.close(write_fd)
    with os.fdopen(read_fd, "rb") as passed:
        assert passed.read() == b"zoomdesk: something to read\n"
    (record,) = caplog.records
    assert record.levelno == logging.DEBUG
    assert record.getMessage() == (
        "ERROR bus.cc:408: Failed to connect to the bus: /run/dbus/system_bus_socket"
    )


def test_a_warning_copied_to_stderr_is_redacted(capsys: pytest.CaptureFixture[str]) -> None:
    from PySide6.QtCore import QMessageLogContext, QtMsgType

    secret = "st4te-" + "q" * 30
    line = f"js: Uncaught TypeError at https://zoom.us/oauth/authorize?state={secret}&x=1"
    qt_messages._qt_message(QtMsgType.QtWarningMsg, QMessageLogContext(), line)
    err = capsys.readouterr().err
    assert "Uncaught TypeError" in err and secret not in err
