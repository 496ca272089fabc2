"""Qt's own command-line options (``-style Fusion``, ``-reverse``…): which arguments are Qt's.

Every Qt application accepts them (QApplication and QGuiApplication document
them), so a user may well type ``zoomdesk -style Fusion``. The command line
takes them out before parsing its own arguments, and the window hands them to
Qt. No Qt here: the commands that open no window never load it.
"""

from __future__ import annotations

from collections.abc import Sequence

#: Options followed by a value (also accepted as ``-option=value``).
WITH_VALUE = frozenset(
    {
        "style",
        "stylesheet",
        "platform",
        "platformpluginpath",
        "platformtheme",
        "plugin",
        "qwindowgeometry",
        "qwindowicon",
        "qwindowtitle",
        "session",
        "display",
        "geometry",
    }
)
#: Options that stand alone.
ALONE = frozenset({"reverse", "widgetcount", "nograb", "dograb", "sync"})


def _name(arg: str) -> str:
    """``style`` from ``-style``, ``--style`` or ``-style=Fusion``; "" when not an option."""
    if not arg.startswith("-") or arg in ("-", "--"):
        return ""
    return arg.lstrip("-").split("=", 1)[0]


def split_qt_args(argv: Sequence[str]) -> tuple[list[str], list[str]]:
    """``(ours, qt)``: ``argv`` without Qt's options, and those options with their values.

    Everything after ``--`` is ours. A Qt option that needs a value and is the
    last argument stays ours, so the parser can say what is wrong with it.
    """
    ours: list[str] = []
    qt: list[str] = []
    args = list(argv)
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            ours.extend(args[i:])
            break
        name = _name(arg)
        if (name in ALONE and "=" not in arg) or (name in WITH_VALUE and "=" in arg):
            qt.append(arg)
        elif name in WITH_VALUE and i + 1 < len(args):
            qt.extend(args[i : i + 2])
            i += 1
        else:
            ours.append(arg)
        i += 1
    return ours, qt


def qt_args(argv: Sequence[str]) -> list[str]:
    """Only Qt's options in ``argv`` (with their values), in their order."""
    return split_qt_args(argv)[1]
