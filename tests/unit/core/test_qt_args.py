"""core/qt_args.py: Qt's own options are told from zoomdesk's, so each parser gets its own."""

from __future__ import annotations

import pytest

from zoomdesk.core.qt_args import qt_args, split_qt_args


@pytest.mark.parametrize(
    ("argv", "ours", "qt"),
    [
        (["-style", "Fusion"], [], ["-style", "Fusion"]),
        (["--sandbox", "-reverse"], ["--sandbox"], ["-reverse"]),
        (["-style=Fusion", "--sandbox"], ["--sandbox"], ["-style=Fusion"]),
        (["--style", "Windows", "-v"], ["-v"], ["--style", "Windows"]),
        (
            ["-platform", "offscreen", "login", "-qwindowgeometry", "800x600+0+0"],
            ["login"],
            ["-platform", "offscreen", "-qwindowgeometry", "800x600+0+0"],
        ),
        # A value that needs a value but has none is left to zoomdesk's parser to refuse.
        (["--sandbox", "-style"], ["--sandbox", "-style"], []),
        # After "--" everything is zoomdesk's, and zoomdesk's own options stay its own.
        (["meetings", "create", "--", "-reverse"], ["meetings", "create", "--", "-reverse"], []),
        (["--topic=-reverse", "--client-id", "x"], ["--topic=-reverse", "--client-id", "x"], []),
        (["-reverse=1"], ["-reverse=1"], []),
        ([], [], []),
    ],
)
def test_split(argv: list[str], ours: list[str], qt: list[str]) -> None:
    assert split_qt_args(argv) == (ours, qt)
    assert qt_args(argv) == qt
