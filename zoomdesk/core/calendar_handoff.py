"""The private temporary ``.ics`` that *Add to calendar* hands to the desktop's calendar app.

The file goes in a 0700 folder of its own: under ``$XDG_RUNTIME_DIR`` (a
per-user tmpfs the session empties at logout) when that is a private folder
of ours, else under the user cache folder. The calendar app reads the file
after ``xdg-open`` has returned, possibly much later (an import dialog waits
for the user), so a file is never deleted right after the hand-off: each new
hand-off removes the ones older than ``KEEP_FOR``.
"""

from __future__ import annotations

import logging
import os
import secrets
import time
from collections.abc import Mapping
from pathlib import Path

import platformdirs

from zoomdesk.core.meeting import Meeting, meeting_to_ics
from zoomdesk.core.paths import APP_NAME
from zoomdesk.core.securefile import ensure_private_dir, write_private_bytes

log = logging.getLogger(__name__)

#: How long a handed-off file stays for its calendar app (seconds).
KEEP_FOR = 24 * 3600
SUFFIX = ".ics"


def file_stem(topic: str) -> str:
    """A file name from a topic: letters, digits, spaces, ``-`` and ``_``; ``meeting`` if none."""
    cleaned = "".join(c if c.isalnum() or c in " -_" else " " for c in topic).strip()
    return " ".join(cleaned.split())[:60] or "meeting"


def handoff_dir(env: Mapping[str, str] | None = None) -> Path:
    """``$XDG_RUNTIME_DIR/zoomdesk/calendar`` when that runtime folder is private, else
    ``user_cache_dir/calendar``."""
    env = os.environ if env is None else env
    runtime = env.get("XDG_RUNTIME_DIR", "")
    if runtime and _private(Path(runtime)):
        return Path(runtime) / APP_NAME / "calendar"
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "calendar"


def _private(folder: Path) -> bool:
    """An absolute folder of this user that no one else may enter (as the spec asks of
    ``XDG_RUNTIME_DIR``); anything else is not trusted with a meeting's passcode."""
    if not folder.is_absolute():
        return False
    try:
        info = folder.stat()
    except OSError:
        return False
    if not hasattr(os, "getuid"):
        return True
    return info.st_uid == os.getuid() and info.st_mode & 0o077 == 0


def write_handoff(meeting: Meeting, folder: Path | None = None, now: float | None = None) -> Path:
    """Write ``meeting``'s ``.ics`` to a new private file and return its path (blocking).

    The name is unique, so a calendar app still reading an earlier hand-off of
    the same meeting never sees it change. Raises OSError.
    """
    folder = handoff_dir() if folder is None else folder
    ensure_private_dir(folder, own_from=folder.parent)  # .../zoomdesk/calendar: both ours
    remove_old(folder, time.time() if now is None else now)
    path = folder / f"{file_stem(meeting.topic)}-{secrets.token_hex(4)}{SUFFIX}"
    # Bytes, not text mode: iCalendar lines end in CRLF on every platform.
    write_private_bytes(path, meeting_to_ics(meeting).encode("utf-8"))
    return path


def remove_old(folder: Path, now: float, keep_for: float = KEEP_FOR) -> int:
    """Delete the hand-off files in ``folder`` older than ``keep_for`` seconds; how many went."""
    removed = 0
    for path in folder.glob(f"*{SUFFIX}"):
        try:
            if now - path.lstat().st_mtime <= keep_for:
                continue
            path.unlink()
        except OSError:
            continue  # gone already, or not ours to delete: the next hand-off tries again
        removed += 1
    if removed:
        log.info("removed %d calendar file(s) handed off more than a day ago", removed)
    return removed
