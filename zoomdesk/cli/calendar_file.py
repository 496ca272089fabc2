"""``meetings show ID --ics FILE``: the target checked before Zoom is asked, written atomically.

``-`` is stdout. A file is written to a temp file beside it, fsynced and moved
over the target with ``os.replace``, so a reader (a calendar watching the
folder) sees the old file or the new one, never half of one. It is 0600, as
``mkstemp`` makes it: it holds the join link and passcode.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TextIO

from zoomdesk.cli.errors import InvalidInputError
from zoomdesk.core.errors import StoreError
from zoomdesk.core.meeting import Meeting, meeting_to_ics
from zoomdesk.core.securefile import write_private_bytes

STDOUT = "-"
# Errors that mean the path itself is wrong: the user's to fix (exit 2).
_BAD_PATH = (FileNotFoundError, NotADirectoryError, IsADirectoryError, PermissionError)


def check_target(target: str, *, as_json: bool) -> Path | None:
    """Where ``--ics`` writes: a file, or None for stdout. InvalidInputError when it cannot work."""
    if target == STDOUT:
        if as_json:
            raise _bad("--ics - and --json both write to stdout: give --ics a file name.")
        return None
    if not target.strip():
        raise _bad("--ics needs a file name, or - for stdout.")
    path = Path(target).expanduser()
    if path.is_dir():
        raise _bad(f"--ics: {path} is a folder; give a file name, e.g. {path / 'meeting.ics'}.")
    folder = path.parent
    if folder.exists() and not folder.is_dir():
        raise _bad(f"--ics: {folder} is not a folder.")
    if not folder.exists():
        raise _bad(f"--ics: the folder {folder} does not exist.")
    return path


def write_ics(data: dict[str, Any], path: Path | None, out: TextIO) -> None:
    """Zoom's meeting as a calendar file, at ``path`` or (None) on ``out``."""
    text = meeting_to_ics(Meeting.from_zoom_json(data))
    if path is None:
        out.flush()
        buffer = getattr(out, "buffer", None)
        if buffer is None:
            out.write(text)
        else:  # bytes, so the CRLF line ends stay as RFC 5545 wants on any platform
            buffer.write(text.encode("utf-8"))
        out.flush()
        return
    write_atomically(path, text.encode("utf-8"))


def write_atomically(path: Path, content: bytes) -> None:
    """Replace ``path`` with ``content``; on failure the old file stays and no temp file is left."""
    try:
        write_private_bytes(path, content)
    except OSError as exc:
        raise _failed(path, exc) from None


def _bad(message: str) -> InvalidInputError:
    return InvalidInputError({"ics": message})


def _failed(path: Path, exc: OSError) -> Exception:
    reason = exc.strerror or str(exc)
    if isinstance(exc, _BAD_PATH):
        return _bad(f"--ics: cannot write {path}: {reason}.")
    return StoreError(f"Could not write {path}: {reason}.")
