"""Load the login dialog's code (QtWebEngine included) off the GUI thread, ahead of use.

Importing ``zoomdesk.ui.login.dialog`` costs ~50 ms, most of it the dynamic loader
mapping and relocating ``libQt6WebEngineCore`` (~200 MB). Done in the *Sign in*
slot, that froze the window. ``start()`` (called by the main window once it
shows the signed-out page, never for a signed-in window) does it on a plain
thread instead:

1. ``dlopen`` the Qt WebEngine libraries through a ctypes *foreign* call, which
   releases the GIL: the expensive linking runs in parallel with the GUI thread.
   (Python's own import of an extension module holds the GIL through its
   ``dlopen``, which stalled the GUI for ~30 ms.) Only plain Qt C++ libraries are
   loaded this way, never a Python extension, so no Python code runs unlocked.
2. Import ``zoomdesk.ui.login.dialog`` normally. What is left (the bindings' type
   registration, our modules) runs under the GIL in short slices; the import
   system's module locks make a concurrent import from the GUI thread simply
   wait for this one.

When step 1 can't be done (no glibc, another layout), it is skipped; step 2 still
runs. Any failure is logged and left for the GUI thread's own import to report.
Nothing here touches a QObject, so no Qt object lives on the thread.
"""

from __future__ import annotations

import ctypes
import importlib.util
import logging
import sys
import threading
from pathlib import Path

log = logging.getLogger(__name__)

#: Loaded in this order; each pulls in its own dependencies (RUNPATH $ORIGIN).
_LIBRARIES = ("libQt6WebEngineCore.so.6", "libQt6WebEngineWidgets.so.6")

_lock = threading.Lock()
_thread: threading.Thread | None = None


def _preload_libraries() -> None:
    if not sys.platform.startswith("linux"):
        return
    spec = importlib.util.find_spec("PySide6")  # already imported: no import happens
    if spec is None or spec.origin is None:
        return
    lib_dir = Path(spec.origin).parent / "Qt" / "lib"
    try:
        libc = ctypes.CDLL(None)
        dlopen = libc.dlopen
    except (OSError, AttributeError):
        return
    dlopen.restype = ctypes.c_void_p
    dlopen.argtypes = (ctypes.c_char_p, ctypes.c_int)
    for name in _LIBRARIES:
        path = lib_dir / name
        # The handle is kept (never dlclose'd): the import below reuses the library.
        if not path.is_file() or not dlopen(bytes(path), sys.getdlopenflags()):
            log.debug("could not preload %s", name)
            return


def _run() -> None:
    try:
        _preload_libraries()
        import zoomdesk.ui.login.dialog  # noqa: F401 - the point: a cache hit for the GUI thread
    except Exception:
        log.exception("loading the sign-in module ahead of time failed")


def start() -> None:
    """Start loading the login dialog's modules in the background (once per process)."""
    global _thread
    with _lock:
        if _thread is not None or "zoomdesk.ui.login.dialog" in sys.modules:
            return
        # Not a daemon: the interpreter waits for it at exit rather than freezing
        # it in the middle of an import.
        _thread = threading.Thread(target=_run, name="zoomdesk-login-preload")
        _thread.start()


def wait(timeout: float | None = None) -> bool:
    """Block until a started preload has finished (tests); True when none is running."""
    thread = _thread
    if thread is not None:
        thread.join(timeout)
        return not thread.is_alive()
    return True
