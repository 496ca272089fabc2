"""File-mode helpers for the tests of 0600 files in 0700 directories (DESIGN.md §3.2)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")

#: A usual umask and the one that would leave new files world-writable.
UMASKS = pytest.mark.parametrize("umask", [0o022, 0o000], ids=["umask022", "umask000"])


def mode(path: Path) -> int:
    """The permission bits of ``path``."""
    return stat.S_IMODE(path.stat().st_mode)


@contextmanager
def umask(value: int) -> Iterator[None]:
    """Run the block with the process umask set to ``value``."""
    old = os.umask(value)
    try:
        yield
    finally:
        os.umask(old)
