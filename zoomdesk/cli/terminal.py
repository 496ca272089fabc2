"""The one way the CLI writes text for people: each line cleaned of control characters.

Zoom's words (error messages, field errors, topics) and the user's own input
reach stdout and stderr through here, so none of them can move the cursor,
clear the screen, set a window title or start a line of its own. ``--json``
and calendar files are data, written as they are (JSON escapes controls).
"""

from __future__ import annotations

from typing import Any, TextIO


def clean(text: Any, limit: int | None = None) -> str:
    """One printable line: control characters, line breaks and the like become spaces."""
    line = "".join(c if c.isprintable() else " " for c in str(text or ""))
    if limit is not None and len(line) > limit:
        line = line[: limit - 1] + "…"
    return line


def clean_lines(text: str) -> str:
    """Each line of ``text`` cleaned, its line breaks kept (for the ``-v`` log on stderr)."""
    return "\n".join(clean(line) for line in text.split("\n"))


def write_line(stream: TextIO, text: Any, *, flush: bool = False) -> None:
    """``text`` as one clean line on ``stream``."""
    print(clean(text), file=stream, flush=flush)
