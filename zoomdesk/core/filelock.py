"""A re-entrant lock shared by the threads of this process and by other processes.

It guards ``tokens.json`` so that only one zoomdesk process (and one thread in
it) refreshes at a time: read → refresh → write runs with the lock held.
Threads are kept apart by an ``RLock``, processes by an exclusive OS lock on a
separate lock file (``fcntl.flock`` on POSIX, ``msvcrt.locking`` on Windows).

Every ``FileLock`` for the same path in a process shares one RLock and one
OS lock: a second, independent ``flock`` on the same file from the same
process would otherwise wait for itself. The lock file is never deleted:
deleting it would let two processes each hold "the" lock on two different files.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from zoomdesk.core.errors import StoreError
from zoomdesk.core.securefile import FILE_MODE, ensure_private_dir

#: Seconds to wait for another holder. A refresh holds the lock for at most one
#: token request, whose deadline (oauth.TOKEN_DEADLINE) is derived from this.
DEFAULT_TIMEOUT = 60.0
_POLL_SECONDS = 0.01
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # not on Windows

if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except PermissionError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class _Shared:
    """The per-path state: the RLock, how deep it is held, and the OS lock's descriptor."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.rlock = threading.RLock()
        self.depth = 0
        self.fd: int | None = None

    def acquire(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        if not self.rlock.acquire(timeout=timeout):
            raise _busy(self.path)
        try:
            if self.depth == 0:
                self.fd = _lock_file(self.path, deadline)
            self.depth += 1
        except BaseException:
            self.rlock.release()
            raise

    def release(self) -> None:
        self.depth -= 1
        if self.depth == 0 and self.fd is not None:
            fd, self.fd = self.fd, None
            try:
                _unlock(fd)
            except OSError:
                pass  # closing the descriptor releases the lock anyway
            finally:
                os.close(fd)
        self.rlock.release()


_registry: dict[Path, _Shared] = {}
_registry_guard = threading.Lock()


class FileLock:
    """``with FileLock(path).hold(): ...`` excludes other threads and processes; re-entrant."""

    def __init__(self, path: Path) -> None:
        self.path = path
        key = Path(os.path.normcase(path.absolute()))
        with _registry_guard:
            self._shared = _registry.setdefault(key, _Shared(path))

    @contextmanager
    def hold(self, timeout: float = DEFAULT_TIMEOUT) -> Iterator[None]:
        """Hold the lock; raise StoreError when it is not free within ``timeout`` seconds."""
        self._shared.acquire(timeout)
        try:
            yield
        finally:
            self._shared.release()

    def nested(self) -> bool:
        """Inside ``hold()``: True when this thread already held the lock when it entered."""
        return self._shared.depth > 1


def _lock_file(path: Path, deadline: float) -> int:
    try:
        ensure_private_dir(path.parent)
        # os.open descriptors are not inherited by child processes, so a
        # subprocess started while we hold the lock cannot keep it alive.
        # O_NOFOLLOW: a planted symlink must not make us create or chmod its target.
        fd = os.open(path, os.O_RDWR | os.O_CREAT | _NOFOLLOW, FILE_MODE)
    except OSError as exc:
        if path.is_symlink():
            raise StoreError(
                f"{path.name} is a symbolic link; zoomdesk does not follow links for its lock file."
            ) from None
        raise StoreError(f"Could not open {path.name}: {exc.strerror or exc}") from None
    try:
        if sys.platform != "win32" and (os.fstat(fd).st_mode & 0o777) != FILE_MODE:
            os.fchmod(fd, FILE_MODE)
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                raise _busy(path)
            time.sleep(_POLL_SECONDS)
    except BaseException as exc:
        os.close(fd)
        if isinstance(exc, OSError):
            raise StoreError(f"Could not lock {path.name}: {exc.strerror or exc}") from None
        raise
    return fd


def _busy(path: Path) -> StoreError:
    return StoreError(
        f"Another zoomdesk window or command is holding {path.name}; try again in a moment."
    )
