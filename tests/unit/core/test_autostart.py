"""The XDG autostart entry: written where XDG_CONFIG_HOME says, valid, 0644, removable."""

from __future__ import annotations

import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from zoomdesk.core import autostart


def _validate(path: Path) -> str:
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        pytest.skip("desktop-file-validate is not installed (Debian package: desktop-file-utils)")
    run = subprocess.run([tool, str(path)], capture_output=True, text=True, check=False)
    report = (run.stdout + run.stderr).strip()
    assert run.returncode == 0, report
    return report


def _keys(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if line)


def _exec_argv(exec_value: str) -> list[str]:
    """An Exec value back to argv, the way the spec reads it: string escapes, then quoting."""
    text = exec_value.replace("\\\\", "\\")
    argv: list[str] = []
    i, current, quoted, started = 0, "", False, False
    while i < len(text):
        ch = text[i]
        if quoted and ch == "\\" and i + 1 < len(text) and text[i + 1] in '"`$\\':
            current, i = current + text[i + 1], i + 2
            continue
        if ch == '"':
            quoted, started = not quoted, True
        elif ch == " " and not quoted:
            if started:
                argv.append(current)
            current, started = "", False
        else:
            current, started = current + ch, True
        i += 1
    if started:
        argv.append(current)
    return [arg.replace("%%", "%") for arg in argv]


def test_enable_writes_a_valid_entry_under_xdg_config_home(isolated_dirs: Path) -> None:
    assert not autostart.is_enabled()
    path = autostart.enable(["/usr/bin/zoomdesk"])
    assert path == isolated_dirs / "config" / "autostart" / "zoomdesk.desktop"
    assert _validate(path) == ""
    keys = _keys(path)
    assert keys["Exec"] == "/usr/bin/zoomdesk --minimized"
    assert keys["TryExec"] == "/usr/bin/zoomdesk"
    assert keys["X-GNOME-Autostart-enabled"] == "true"
    assert keys["Type"] == "Application" and keys["Icon"] == "zoomdesk"
    assert "Hidden" not in keys
    assert stat.S_IMODE(path.stat().st_mode) == 0o644  # not a secret; readable like the others
    assert autostart.is_enabled()
    assert list(path.parent.iterdir()) == [path]  # no temp file left behind


def test_disable_removes_it_and_is_quiet_when_there_is_none(isolated_dirs: Path) -> None:
    autostart.disable()  # nothing there yet
    path = autostart.enable(["/usr/bin/zoomdesk"])
    autostart.disable()
    assert not path.exists() and not autostart.is_enabled()


def test_enable_replaces_an_older_entry(isolated_dirs: Path) -> None:
    path = autostart.entry_path()
    path.parent.mkdir(parents=True)
    path.write_text("[Desktop Entry]\nType=Application\nName=old\nExec=old\nHidden=true\n")
    assert not autostart.is_enabled()
    autostart.enable(["/opt/zoomdesk/zoomdesk"])
    assert _keys(path)["Exec"] == "/opt/zoomdesk/zoomdesk --minimized"
    assert autostart.is_enabled()


@pytest.mark.parametrize(
    ("text", "enabled"),
    [
        ("[Desktop Entry]\nExec=zoomdesk --minimized\n", True),
        ("[Desktop Entry]\nExec=zoomdesk\nHidden=true\n", False),
        ("[Desktop Entry]\nExec=zoomdesk\nX-GNOME-Autostart-enabled=false\n", False),
        ("[Desktop Entry]\nName=zoomdesk\n", False),  # nothing to run
        ("[Other]\nExec=zoomdesk\n", False),
        ("", False),
    ],
)
def test_is_enabled_reads_what_desktops_read(isolated_dirs: Path, text: str, enabled: bool) -> None:
    path = autostart.entry_path()
    path.parent.mkdir(parents=True)
    path.write_text(text)
    assert autostart.is_enabled() is enabled


def test_unreadable_entry_counts_as_off(isolated_dirs: Path) -> None:
    path = autostart.entry_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\xff\xfe[Desktop Entry]")
    assert not autostart.is_enabled()


def test_xdg_config_home_unset_or_relative_means_dot_config(tmp_path: Path) -> None:
    home = Path.home()
    assert autostart.autostart_dir({}) == home / ".config" / "autostart"
    assert autostart.autostart_dir({"XDG_CONFIG_HOME": "rel/dir"}) == home / ".config" / "autostart"
    assert autostart.autostart_dir({"XDG_CONFIG_HOME": str(tmp_path)}) == tmp_path / "autostart"


@pytest.mark.parametrize(
    "command",
    [
        ["/opt/my apps/zoomdesk"],
        ['/opt/we$ird `dir`/z"oom\\desk'],
        ["/usr/bin/python3", "-m", "zoomdesk"],
        ["/home/u/100%/zoomdesk"],
    ],
)
def test_odd_paths_are_quoted_as_the_spec_asks(isolated_dirs: Path, command: list[str]) -> None:
    path = autostart.enable(command)
    assert _validate(path) == ""
    assert _exec_argv(_keys(path)["Exec"]) == [*command, "--minimized"]


def test_a_line_break_in_the_command_is_refused(isolated_dirs: Path) -> None:
    with pytest.raises(ValueError, match="line break"):
        autostart.enable(["/opt/zoom\ndesk"])
    assert not autostart.entry_path().exists()


def test_the_launcher_command_is_absolute(monkeypatch: pytest.MonkeyPatch) -> None:
    command = autostart.launcher_command()
    assert Path(command[0]).is_absolute()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/opt/zoomdesk/zoomdesk")
    assert autostart.launcher_command() == ["/opt/zoomdesk/zoomdesk"]


def test_supported_only_where_xdg_autostart_exists() -> None:
    assert autostart.supported("linux")
    assert autostart.supported("freebsd14")
    assert not autostart.supported("darwin")
    assert not autostart.supported("win32")
