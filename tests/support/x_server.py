"""A private X server (Xvfb) on a free display, and Openbox on it: for tests, pictures, benchmarks.

Xvfb picks the display itself (``-displayfd``) and writes its number once it
accepts clients, so nothing races for ``:99``. Openbox counts as ready once it
has claimed the screen (EWMH: the root window names the window manager).
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager


class DisplayError(RuntimeError):
    """Xvfb exited without naming a display, or no window manager took the screen."""


@contextmanager
def xvfb(width: int = 800, height: int = 600) -> Iterator[str]:
    """An Xvfb screen of ``width``×``height``; its DISPLAY (``":N"``). Stopped on exit."""
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", f"{width}x{height}x24",
         "-nolisten", "tcp"],
        pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as ready:
            number = ready.readline().strip()
        if not number:
            raise DisplayError("Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)


@contextmanager
def openbox(display: str) -> Iterator[None]:
    """Openbox managing ``display``, from the moment it has claimed the screen; stopped on exit."""
    env = {**os.environ, "DISPLAY": display}
    wm = subprocess.Popen(
        ["openbox", "--sm-disable"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_for_window_manager(env)
        yield
    finally:
        wm.terminate()
        wm.wait(10)


def wait_for_window_manager(env: dict[str, str], timeout: float = 15) -> None:
    """Until a window manager has claimed ``env``'s DISPLAY; DisplayError if none does."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        probe = subprocess.run(
            ["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"],
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=10,
        )
        if "window id" in probe.stdout:
            return
        time.sleep(0.1)  # another process's state: there is no signal to wait for
    raise DisplayError("no window manager took the screen")
