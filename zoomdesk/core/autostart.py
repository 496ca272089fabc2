"""Start at login: the XDG autostart entry that starts zoomdesk minimised to the tray.

Desktops that follow the XDG Autostart specification (GNOME, KDE, Xfce,
Cinnamon, MATE, LXQt…) start every ``$XDG_CONFIG_HOME/autostart/*.desktop``
(``~/.config/autostart`` by default) when the user's session begins. zoomdesk
writes its own ``zoomdesk.desktop`` there to turn this on and removes it to
turn it off. The file is not secret: it is written atomically and left 0644,
like the entries desktops write themselves.

``Exec`` names the program that is running now by its absolute path (the frozen
executable, the ``zoomdesk`` script beside this Python or on ``PATH``, else this
Python with ``-m zoomdesk``), because a login session's ``PATH`` may lack the folder a
shell adds (``~/.local/bin``). ``TryExec`` names the same file, so an entry left
behind by an uninstalled zoomdesk is skipped rather than failing at every login.

macOS (a Login Item, ``SMAppService``) and Windows (a shortcut in the Startup
folder, or the ``Run`` registry key) have their own mechanisms, which this
module does not implement: ``supported()`` is False there.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from zoomdesk.core.securefile import write_private_bytes

FILE_NAME = "zoomdesk.desktop"
MINIMIZED_FLAG = "--minimized"
#: Readable by everyone, like the entries desktops write (not a secret).
FILE_MODE = 0o644
_DIR_MODE = 0o755
#: Characters that make an Exec argument need quoting (Desktop Entry spec, "The Exec key").
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def supported(platform: str = sys.platform) -> bool:
    """True where XDG autostart applies (Linux and the BSDs)."""
    return platform.startswith(("linux", "freebsd", "openbsd", "netbsd", "dragonfly"))


def autostart_dir(env: Mapping[str, str] | None = None) -> Path:
    """``$XDG_CONFIG_HOME/autostart``; ``~/.config/autostart`` when it is unset or relative."""
    env = os.environ if env is None else env
    base = env.get("XDG_CONFIG_HOME", "")
    # The Base Directory spec: a relative path in the variable is invalid and ignored.
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".config"
    return root / "autostart"


def entry_path(env: Mapping[str, str] | None = None) -> Path:
    return autostart_dir(env) / FILE_NAME


def launcher_command() -> list[str]:
    """How to start the zoomdesk that is running now, by absolute path (see the docstring)."""
    if getattr(sys, "frozen", False):
        return [str(Path(sys.executable).absolute())]
    # A virtual environment's scripts sit next to its interpreter, often off PATH.
    beside = Path(sys.executable).with_name("zoomdesk")
    if beside.is_file() and os.access(beside, os.X_OK):
        return [str(beside.absolute())]
    found = shutil.which("zoomdesk")
    if found:
        return [str(Path(found).absolute())]
    return [str(Path(sys.executable).absolute()), "-m", "zoomdesk"]


def quote_exec_arg(arg: str) -> str:
    """One ``Exec`` argument, quoted as the Desktop Entry spec asks when it must be.

    Inside double quotes, ``"``, `````, ``$`` and ``\\`` take a backslash; then,
    as the key's value is a string, every backslash is doubled; ``%`` is ``%%``.
    """
    if not arg:
        raise ValueError("an empty Exec argument")
    if any(ch in arg for ch in "\n\r\0"):
        raise ValueError("an Exec argument cannot hold a line break")
    if any(ch in _RESERVED for ch in arg):
        inner = "".join("\\" + ch if ch in '"`$\\' else ch for ch in arg)
        arg = f'"{inner}"'
    return arg.replace("\\", "\\\\").replace("%", "%%")


def entry_text(command: Sequence[str]) -> str:
    """The autostart entry that runs ``command`` with ``--minimized``."""
    exec_line = " ".join(quote_exec_arg(arg) for arg in [*command, MINIMIZED_FLAG])
    # TryExec holds a path, not a command line: only the string escapes apply.
    try_exec = command[0].replace("\\", "\\\\")
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Version=1.4\n"
        "Name=zoomdesk\n"
        "GenericName=Meeting Scheduler\n"
        "Comment=Start zoomdesk in the tray at login, for meeting reminders\n"
        f"Exec={exec_line}\n"
        f"TryExec={try_exec}\n"
        "Icon=zoomdesk\n"
        "Terminal=false\n"
        "Categories=Office;Calendar;\n"
        # It starts hidden: no busy cursor for a window that does not appear.
        "StartupNotify=false\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


def enable(command: Sequence[str] | None = None, env: Mapping[str, str] | None = None) -> Path:
    """Write the autostart entry (atomically, replacing any previous one); its path.

    Raises OSError when the folder or the file cannot be written.
    """
    path = entry_path(env)
    path.parent.mkdir(mode=_DIR_MODE, parents=True, exist_ok=True)
    text = entry_text(command or launcher_command())
    write_private_bytes(path, text.encode("utf-8"))  # atomic; made 0600, then opened up
    path.chmod(FILE_MODE)
    return path


def disable(env: Mapping[str, str] | None = None) -> None:
    """Remove the autostart entry; nothing to do when there is none. Raises OSError."""
    entry_path(env).unlink(missing_ok=True)


def is_enabled(env: Mapping[str, str] | None = None) -> bool:
    """True when the entry exists and the desktop would start it.

    ``Hidden=true`` (the spec's "deleted") and ``X-GNOME-Autostart-enabled=false``
    (GNOME's switch) turn an entry off without removing it; an unreadable file
    counts as off.
    """
    try:
        text = entry_path(env).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    values = _main_group(text)
    if "Exec" not in values:
        return False
    return (
        values.get("Hidden", "false").strip().lower() != "true"
        and values.get("X-GNOME-Autostart-enabled", "true").strip().lower() != "false"
    )


def _main_group(text: str) -> dict[str, str]:
    """The keys of the ``[Desktop Entry]`` group (first value wins, as the spec has no repeats)."""
    values: dict[str, str] = {}
    group = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            group = line[1:-1]
            continue
        if group == "Desktop Entry" and "=" in line:
            key, _, value = line.partition("=")
            values.setdefault(key.strip(), value.strip())
    return values


__all__ = [
    "FILE_NAME",
    "MINIMIZED_FLAG",
    "autostart_dir",
    "disable",
    "enable",
    "entry_path",
    "entry_text",
    "is_enabled",
    "launcher_command",
    "quote_exec_arg",
    "supported",
]
