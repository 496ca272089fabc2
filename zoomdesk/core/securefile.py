"""Private, atomic JSON files: the one way zoomdesk writes ``config.json`` and ``tokens.json``.

Writes go to a temp file in the same directory, are fsynced, then ``os.replace``d
over the target and the directory is fsynced, so a crash leaves either the old
or the new file, never a torn one. Files are 0600 in a 0700 directory whatever
the umask or the mode of a file that was already there.
"""

from __future__ import annotations

import contextlib
import glob
import json
import logging
import os
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from zoomdesk.core.errors import StoreError

log = logging.getLogger(__name__)

FILE_MODE = 0o600
DIR_MODE = 0o700
#: For directories zoomdesk creates but does not own (``~/.config``, ``~/.local/state``):
#: what ``mkdir -p`` makes under the usual umask, and never looser whatever the umask.
PARENT_MODE = 0o755


class DamagedFile(Exception):  # noqa: N818 - the name is part of the internal API
    """A file exists but cannot be understood. ``moved_to`` is where it was put aside."""

    def __init__(self, path: Path, moved_to: Path, why: str) -> None:
        super().__init__(f"{path.name} was damaged ({why}); it was moved aside to {moved_to.name}")
        self.path = path
        self.moved_to = moved_to
        self.why = why


def ensure_private_dir(directory: Path, own_from: Path | None = None) -> None:
    """Create ``directory`` (and parents) and make the leaf 0700.

    Missing directories from ``own_from`` (default: the leaf) down are zoomdesk's
    own and created 0700; missing ones above it at most 0755.
    """
    own_from = directory if own_from is None else own_from
    _make_dirs(directory, DIR_MODE if directory.is_relative_to(own_from) else PARENT_MODE, own_from)
    if os.name == "posix" and (directory.stat().st_mode & 0o777) != DIR_MODE:
        directory.chmod(DIR_MODE)


def _make_dirs(directory: Path, dir_mode: int, own_from: Path) -> None:
    # Not mkdir(parents=True): it creates parents with 0777 & ~umask, so 0777
    # under umask 000. The mode given to mkdir is still narrowed by the umask.
    try:
        directory.mkdir(dir_mode, exist_ok=True)
    except FileNotFoundError:
        parent = directory.parent
        _make_dirs(parent, DIR_MODE if parent.is_relative_to(own_from) else PARENT_MODE, own_from)
        directory.mkdir(dir_mode, exist_ok=True)


def remove_temp_files(path: Path, min_age: float = 0.0) -> None:
    """Delete the temp files that saves of ``path`` killed mid-write left behind.

    They may hold whole tokens. A caller that does not hold a lock against
    other savers passes ``min_age`` (seconds) so that a save in flight keeps its file.
    """
    now = time.time()
    for temp in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        try:
            if min_age and now - temp.lstat().st_mtime < min_age:
                continue
            temp.unlink()
        except OSError:
            continue  # gone already, or not ours to delete: the next start tries again
        log.info("removed %s, left by an interrupted save", temp.name)


def write_private_json(path: Path, data: Any) -> None:
    """Atomically replace ``path`` with ``data`` as JSON, mode 0600.

    Raises StoreError on any failure; the previous file is then untouched and no
    temp file is left behind.
    """
    try:
        text = json.dumps(data, indent=2, sort_keys=True) + "\n"
    except (TypeError, ValueError) as exc:
        raise StoreError(f"Could not save {path.name}: {type(exc).__name__}") from None
    try:
        ensure_private_dir(path.parent)
        write_private_bytes(path, text.encode("utf-8"))
    except OSError as exc:
        raise StoreError(f"Could not save {path.name}: {exc.strerror or exc}") from None


def write_private_bytes(path: Path, content: bytes) -> None:
    """Replace ``path`` with ``content`` atomically, 0600, in an existing folder.

    Raises the OSError itself, so callers can tell a bad path from a full disk;
    whatever happens, the old file stays whole and no temp file is left.
    """
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        # os.fdopen owns fd from here on, so it is closed on every path.
        with os.fdopen(fd, "wb") as fh:
            # mkstemp already creates 0600, but be explicit: umask and platforms vary.
            if os.name == "posix":
                os.fchmod(fh.fileno(), FILE_MODE)
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        tmp.replace(path)
    except BaseException:
        # Also on KeyboardInterrupt and the like: never leave a temp file behind.
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(path.parent)


def _fsync_dir(directory: Path) -> None:
    if os.name != "posix":
        return
    try:
        dfd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dfd)
    except OSError:
        pass
    finally:
        os.close(dfd)


def read_json_object(path: Path) -> dict[str, Any] | None:
    """Read a JSON object from ``path``; None when the file does not exist.

    A file that exists but is empty, not JSON or not an object is moved aside
    (see ``move_aside``) and ``DamagedFile`` is raised so the caller can report it.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreError(f"Could not read {path.name}: {exc.strerror or exc}") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):
        # UnicodeDecodeError is a ValueError; RecursionError is what deeply
        # nested garbage such as "[[[[..." raises.
        why = "empty file" if not raw.strip() else "not valid JSON"
        raise damaged(path, why) from None
    if not isinstance(data, dict):
        raise damaged(path, "not a JSON object") from None
    return data


def damaged(path: Path, why: str) -> DamagedFile:
    """Move a damaged file aside and return the error that reports it.

    Raises StoreError when the file cannot be moved (read-only directory...).
    """
    try:
        moved = move_aside(path)
    except OSError as exc:
        raise StoreError(
            f"{path.name} is damaged ({why}) and could not be moved aside: {exc.strerror or exc}"
        ) from None
    log.warning("%s is damaged (%s); moved aside to %s", path.name, why, moved.name)
    return DamagedFile(path, moved, why)


def move_aside(path: Path) -> Path:
    """Rename ``path`` to ``NAME.corrupt-<UTC timestamp>``; never deletes anything."""
    target = reserve_corrupt_name(path)
    try:
        path.replace(target)
    except OSError:
        target.unlink(missing_ok=True)
        raise
    return target


def reserve_corrupt_name(path: Path) -> Path:
    """Create an empty ``NAME.corrupt-<stamp>[-N]`` that no other copy uses, and return it.

    Creating the name with O_EXCL claims it, so two processes moving damaged
    files aside in the same second cannot pick the same name and overwrite
    each other's copy; the rename then replaces the empty placeholder.
    """
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    n = 1
    while True:
        suffix = f"-{n}" if n > 1 else ""
        target = path.with_name(f"{path.name}.corrupt-{stamp}{suffix}")
        try:
            os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
        except FileExistsError:
            n += 1
            continue
        return target
