"""What Chromium must be told before QtWebEngine starts: run without its sandbox as root.

Chromium refuses to start as root with its sandbox on, and does so by ending the
whole process (exit code 1, nothing in our log): started directly as root, not
through ``scripts/run.sh``, *Sign in with Zoom* closed the app. QtWebEngine reads
``QTWEBENGINE_DISABLE_SANDBOX`` once, when the first web profile is made, so the
sign-in dialog calls ``prepare()`` before it makes one. Never for other users:
the sandbox is what keeps a hostile page inside its renderer process.
Stdlib only, so the decision is testable without Qt.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, MutableMapping

log = logging.getLogger(__name__)

DISABLE_SANDBOX = "QTWEBENGINE_DISABLE_SANDBOX"
CHROMIUM_FLAGS = "QTWEBENGINE_CHROMIUM_FLAGS"
NO_SANDBOX_FLAG = "--no-sandbox"


def sandbox_must_go(euid: int | None, env: MutableMapping[str, str]) -> bool:
    """True when Chromium would refuse to start: root (``euid`` 0), and neither
    ``QTWEBENGINE_DISABLE_SANDBOX`` nor ``--no-sandbox`` already turns its sandbox off.
    ``euid`` None: a system without user ids (Windows), where this never applies."""
    if euid != 0:
        return False
    if env.get(DISABLE_SANDBOX, "").strip() not in ("", "0"):
        return False
    return NO_SANDBOX_FLAG not in env.get(CHROMIUM_FLAGS, "").split()


def _euid() -> int | None:
    geteuid: Callable[[], int] | None = getattr(os, "geteuid", None)
    return geteuid() if geteuid is not None else None


def prepare(env: MutableMapping[str, str] | None = None) -> bool:
    """Turn Chromium's sandbox off when ``sandbox_must_go``, saying so once in the log;
    True when it did. Call before the first QWebEngineProfile (it is read only then)."""
    env = os.environ if env is None else env
    if not sandbox_must_go(_euid(), env):
        return False
    env[DISABLE_SANDBOX] = "1"
    log.warning(
        "running as root: the sign-in page's Chromium runs without its sandbox "
        "(%s=1); run zoomdesk as a normal user to keep it",
        DISABLE_SANDBOX,
    )
    return True
