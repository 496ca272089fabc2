"""Qt's own options (``-style Fusion``, ``-reverse``) are not refused by the command line.

They go to Qt when a window opens (``tests/gui/test_qt_options_process.py``
shows Qt receiving them); a command that opens none says that they do nothing.
"""

from __future__ import annotations

import pytest

from zoomdesk.cli.main import main


def test_qt_options_do_not_stop_a_window_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-style", "Fusion", "-reverse", "--version"]) == 0
    assert capsys.readouterr().out.startswith("zoomdesk ")


@pytest.mark.parametrize("argv", [["-style", "Fusion", "whoami"], ["meetings", "list", "-reverse"]])
def test_a_command_without_a_window_says_qt_options_do_nothing(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "is an option of Qt's windows; this command opens none." in err
    assert "invalid choice" not in err
