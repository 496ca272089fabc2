"""What the window remembers between runs that is no setting: the last zone, open sections.

It lives in ``state.json`` under ``user_state_dir``, not in ``config.json``,
whose keys are a public contract (DESIGN.md §3.1). Reading and writing block
(the GUI runs them on its TaskRunner, once per process for the read); what was
read or written last is kept here for every later dialog, which asks without
waiting. Losing the file loses only a default, so nothing here raises: a damaged
file is moved aside (``securefile``) and a failed write is logged.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from zoomdesk.core import paths
from zoomdesk.core.errors import StoreError
from zoomdesk.core.securefile import DamagedFile, read_json_object, write_private_json

log = logging.getLogger(__name__)

STATE_FILE = "state.json"
_ZONE_KEY = "last_timezone"
_NAME_MAX = 100  # IANA names are far shorter; anything longer is not one
#: Yes/no choices the window keeps (whether the meeting dialog's *Options* was open).
FLAGS = frozenset({"meeting_options_open"})


def state_path() -> Path:
    return paths.state_dir() / STATE_FILE


def _read(path: Path) -> dict[str, object]:
    try:
        return read_json_object(path) or {}
    except (DamagedFile, StoreError) as exc:
        log.warning("%s not read: %s", path.name, exc)
        return {}


def load_last_zone(path: Path | None = None) -> str | None:
    """The zone of the last meeting scheduled, from the file (blocking); None if none."""
    global _last, _loaded
    state = _read(path or state_path())
    value = state.get(_ZONE_KEY)
    zone = value if isinstance(value, str) and 0 < len(value) <= _NAME_MAX else None
    with _lock:
        if not _loaded:  # a zone (or flag) remembered meanwhile is newer than the file's
            _last, _loaded = zone, True
            for name in FLAGS - _flags.keys():
                if isinstance(flag := state.get(name), bool):
                    _flags[name] = flag
        return _last


def remember_zone(name: str, path: Path | None = None) -> None:
    """Keep ``name`` as the last zone used: at once for this process, then in the file
    (blocking; other keys of the file are kept). Never raises."""
    global _last, _loaded
    with _lock:
        _last, _loaded = name, True
    _write(path or state_path(), _ZONE_KEY, name)


def cached_flag(name: str) -> bool | None:
    """The flag ``name`` (one of ``FLAGS``) as loaded or remembered here; None if never set."""
    with _lock:
        return _flags.get(name)


def remember_flag(name: str, value: bool, path: Path | None = None) -> None:
    """Keep the flag ``name``: at once for this process, then in the file (blocking). Never
    raises."""
    if name not in FLAGS:
        raise ValueError(f"{name!r} is not a flag of state.json")
    with _lock:
        _flags[name] = value
    _write(path or state_path(), name, value)


def _write(path: Path, key: str, value: object) -> None:
    # One read-modify-write at a time: a zone and a flag saved on two workers both stay.
    with _write_lock:
        state = _read(path)
        if state.get(key) == value:
            return
        try:
            write_private_json(path, {**state, key: value})
        except StoreError as exc:
            what = "last time zone" if key == _ZONE_KEY else key
            log.warning("%s not saved: %s", what, exc)


def last_zone_loaded() -> bool:
    with _lock:
        return _loaded


def forget() -> None:
    """Drop what this process loaded or remembered: the next ``load_last_zone`` reads the
    file again (a test's fresh state dir)."""
    global _last, _loaded
    with _lock:
        _last, _loaded = None, False
        _flags.clear()


def cached_last_zone() -> str | None:
    """The last zone used, as loaded or remembered in this process (never blocks)."""
    with _lock:
        return _last


# Written on a worker thread, read from the GUI thread.
_last: str | None = None
_loaded = False
_flags: dict[str, bool] = {}
_lock = threading.Lock()
_write_lock = threading.Lock()
