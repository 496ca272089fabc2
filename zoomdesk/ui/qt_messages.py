"""Qt's and Chromium's own messages: into the log file, their known noise at DEBUG only.

Opening the sign-in page printed lines like ``Failed to load vulkan``,
``Unable to detect GPU vendor`` and ``[1234:1234:…:ERROR:bus.cc(408)] Failed to
connect to the bus`` on the terminal: true of the machine, harmless, and
nothing a user can act on. They reach us two ways:

- Qt's messages go through Qt's message handler: ``install_qt_handler`` sends
  them to the log (redacted, as every log line is); the known noise at DEBUG
  only, everything else also to stderr, as Qt would.
- Chromium writes its log straight to file descriptor 2, from this process and
  from its helper processes, which inherit it. ``capture_stderr`` puts a pipe
  in its place: a thread logs Chromium's lines at DEBUG (through the same
  redaction, so no URL with a code in it reaches the file) and passes every
  other line on to the real stderr unchanged.

The window's entry points install both (``ui.app.create_app``, when it makes
the application); tests and library users keep Qt's defaults.
"""

from __future__ import annotations

import atexit
import contextlib
import faulthandler
import logging
import os
import re
import select
import sys
import threading
from typing import TextIO

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

from zoomdesk.core.logs import redact

log = logging.getLogger("zoomdesk.qt")
chromium_log = logging.getLogger("zoomdesk.chromium")

#: Qt's lines that only describe the graphics stack or the session bus of the machine
#: (measured here, offscreen and under Xvfb; ../shared/PLATFORM-NOTES.md). Chromium's
#: own (GPU, Vulkan, D-Bus) come through stderr instead.
NOISE = re.compile(
    r"^(?:"
    r"Sandboxing disabled by user\."
    r"|Failed to load vulkan\b.*|initInstance: No Vulkan library available"
    r"|Failed to create platform Vulkan instance"
    r"|This plugin does not support createPlatformVulkanInstance"
    r"|QVulkanInstance: Failed to initialize Vulkan"
    r"|Unable to detect GPU vendor\b.*"
    r"|QRhiGles2: Failed to create (?:temporary )?context"
    r"|Failed to create RHI for backend: .*"
    r"|GPUInfo not initialized on GpuInfoUpdate"
    r"|GBM is not supported with the current configuration.*"
    r")$",
    re.IGNORECASE,
)
#: Chromium's log line: ``[pid:tid:MMDD/HHMMSS.micros:LEVEL:file.cc(line)] message``.
CHROMIUM_LINE = re.compile(
    rb"^\[\d+:\d+:\d{4}/\d{6}\.\d+:(?P<level>[A-Z_0-9]+):(?P<where>[^\]]*)\] ?(?P<message>.*)$"
)
_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}
#: How long (s) a line without its end waits in the pipe before it is passed on.
_PARTIAL_WAIT = 0.1

_captured = False
_lock = threading.Lock()
_real_file: TextIO | None = None  # kept open for faulthandler


def is_noise(message: str) -> bool:
    """Whether a Qt message is one of the known lines about the graphics stack or D-Bus."""
    return bool(NOISE.match(message.strip()))


def _qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    try:
        if is_noise(message):
            log.debug("%s", message)
            return
        log.log(_LEVELS.get(kind, logging.WARNING), "%s", message)
        if kind != QtMsgType.QtDebugMsg:  # what Qt's own handler would have printed
            # Redacted as the log is: a page's console message may quote a URL with its state.
            sys.stderr.write(redact(message) + "\n")
            sys.stderr.flush()
    except Exception:  # noqa: S110 - a message handler must never raise into Qt
        pass


def install_qt_handler() -> None:
    """Send Qt's messages to the log, its known noise at DEBUG only (see the module)."""
    qInstallMessageHandler(_qt_message)


def route_line(line: bytes, out_fd: int) -> None:
    """One line written to stderr: Chromium's to the log at DEBUG, any other passed on."""
    found = CHROMIUM_LINE.match(line)
    if found is None:
        os.write(out_fd, line + b"\n")
        return
    level = found["level"].decode("ascii", "replace")
    text = found["message"].decode("utf-8", "replace")
    where = found["where"].decode("utf-8", "replace").rsplit("/", 1)[-1]
    chromium_log.log(
        logging.ERROR if level == "FATAL" else logging.DEBUG, "%s %s: %s", level, where, text
    )
    if level == "FATAL":  # the last words of a process that is going away: show them
        os.write(out_fd, line + b"\n")


def _pump(read_fd: int, out_fd: int, stop: threading.Event) -> None:
    pending = b""
    while True:
        try:
            ready, _, _ = select.select([read_fd], [], [], _PARTIAL_WAIT)
            if not ready:
                if stop.is_set():
                    break
                if pending:  # a prompt or a line still being written: do not hold it
                    os.write(out_fd, pending)
                    pending = b""
                continue
            chunk = os.read(read_fd, 65536)
            if not chunk:
                break
            *lines, pending = (pending + chunk).split(b"\n")
            for line in lines:
                route_line(line, out_fd)
        except Exception:  # keep the pipe drained whatever happens, or writers block
            try:
                if pending:
                    os.write(out_fd, pending)
            except OSError:
                pass
            pending = b""
    if pending:
        route_line(pending, out_fd)


def capture_stderr() -> bool:
    """Put a filtering pipe in the place of file descriptor 2 (once per process; POSIX).

    False when there is no stderr to filter, or it is filtered already.
    """
    global _captured
    with _lock:
        if _captured or os.name != "posix":
            return False
        try:
            real = os.dup(2)
        except OSError:  # started without a stderr at all
            return False
        read_fd, write_fd = os.pipe()
        sys.stderr.flush()
        os.dup2(write_fd, 2)
        os.close(write_fd)
        stop = threading.Event()
        thread = threading.Thread(
            target=_pump, args=(read_fd, real, stop), name="zoomdesk-stderr", daemon=True
        )
        thread.start()
        atexit.register(_release, real, stop, thread)
        if faulthandler.is_enabled():  # a crash report must not wait on a thread that died
            faulthandler.enable(file=_real_stderr(real))
        _captured = True
        return True


def _real_stderr(fd: int) -> TextIO:
    global _real_file
    _real_file = os.fdopen(fd, "w", closefd=False)
    return _real_file


def _release(real: int, stop: threading.Event, thread: threading.Thread) -> None:
    """At exit: stderr is the real one again, and what was in the pipe gets out."""
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    os.dup2(real, 2)  # Chromium's helpers may keep the pipe open: stop on quiet, not EOF
    stop.set()
    thread.join(1.0)
