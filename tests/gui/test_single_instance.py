"""One zoomdesk per user and profile, tried with real processes, as launchers start it.

The first instance runs with ``-v``, so its log lines reach its stderr; a
thread reads them and the test waits on them (no sleeping): that it listens,
and what it makes of each later start. Every test has its own XDG folders, so
its instances can never meet the user's own zoomdesk, or another test's.
"""

from __future__ import annotations

import configparser
import os
import queue
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sandbox_signin import save_sandbox_settings, sign_in_profile

from zoomdesk.sandbox import Sandbox
from zoomdesk.ui.entry import BENCH_EXIT_ON_SHOW, DIALOG_SHOWN_MARKER, SHOWN_MARKER
from zoomdesk.ui.single_instance import instance_name

REPO = Path(__file__).resolve().parents[2]
LISTENING = "listening for other starts"
ASKS = "another start asks: "
#: A second start only connects and writes a line; even on a loaded machine it is quick.
QUICK = 15.0
STAND_UP = {"topic": "Stand-up", "type": 2, "start_time": "2031-01-02T10:00:00",
            "timezone": "Europe/Berlin", "duration": 15}  # fmt: skip


class Zoomdesk:
    """A running ``python -m zoomdesk -v ...``; its stderr lines arrive on ``lines``."""

    def __init__(self, env: dict[str, str], *args: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "zoomdesk", "-v", *args],
            cwd=REPO,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.seen: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)  # the process has ended

    def wait_for(self, text: str, timeout: float = 60) -> str:
        """The next stderr line containing ``text``; fails if the process ends first."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no {text!r} within {timeout} s: {self.seen}") from None
            if line is None:
                raise AssertionError(f"ended before {text!r}: {self.seen}")
            self.seen.append(line)
            if text in line:
                return line

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
        self.proc.wait(20)
        self.reader.join(20)  # it read to the end of stderr
        assert self.proc.stderr is not None
        self.proc.stderr.close()
        assert not [line for line in self.seen if "Traceback" in line], self.seen


@pytest.fixture
def env(isolated_dirs: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The children's environment: this test's XDG folders, offscreen Qt, a shared .pyc cache."""
    child = {k: v for k, v in os.environ.items() if not k.startswith("ZOOMDESK_")}
    child.pop("PYTHONDONTWRITEBYTECODE", None)
    child["PYTHONPYCACHEPREFIX"] = str(tmp_path_factory.getbasetemp() / "pycache")
    return child


@pytest.fixture
def signed_in(env: dict[str, str]) -> Iterator[Sandbox]:
    """The children's profile points at a sandbox (run by this test) and is signed in."""
    with Sandbox() as sandbox:
        config_dir = Path(env["XDG_CONFIG_HOME"]) / "zoomdesk"
        sign_in_profile(save_sandbox_settings(sandbox, config_dir), STAND_UP)
        yield sandbox


@pytest.fixture
def first(env: dict[str, str]) -> Iterator[Zoomdesk]:
    running = Zoomdesk(env)
    try:
        running.wait_for(LISTENING)
        yield running
    finally:
        running.stop()


def run(env: dict[str, str], *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "zoomdesk", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done


def socket_path(env: dict[str, str]) -> Path:
    """Where the instance's socket file is (the name, or Qt's temporary folder and the name)."""
    name = instance_name(Path(env["XDG_CONFIG_HOME"]) / "zoomdesk", env=env)
    return Path(name) if os.path.isabs(name) else Path(tempfile.gettempdir()) / name


def test_a_second_start_raises_the_first_and_exits_0(env: dict[str, str], first: Zoomdesk) -> None:
    started = time.monotonic()
    second = run(env, timeout=QUICK)
    took = time.monotonic() - started
    assert second.returncode == 0, second.stderr
    assert "zoomdesk is running already" in second.stderr
    assert SHOWN_MARKER not in second.stderr
    assert first.wait_for(ASKS).endswith(ASKS + "raise")
    assert first.proc.poll() is None  # the first one carries on
    assert took < QUICK


def test_starts_at_the_same_moment_make_one_instance(env: dict[str, str]) -> None:
    a, b = Zoomdesk(env), Zoomdesk(env)
    ended: queue.Queue[Zoomdesk] = queue.Queue()
    for start in (a, b):
        threading.Thread(target=lambda z=start: ended.put(z) if z.proc.wait() is not None else None,
                         daemon=True).start()  # fmt: skip
    try:
        # Exactly one listens; the other hands its start over to it and exits 0.
        quitter = ended.get(timeout=60)
        stayer = b if quitter is a else a
        assert quitter.proc.returncode == 0
        quitter.wait_for("zoomdesk is running already")
        stayer.wait_for(LISTENING)
        assert stayer.wait_for(ASKS).endswith("raise")
        assert stayer.proc.poll() is None
    finally:
        a.stop()
        b.stop()


def test_a_stale_socket_from_a_crash_is_replaced(env: dict[str, str]) -> None:
    crashed = Zoomdesk(env)
    crashed.wait_for(LISTENING)
    crashed.proc.send_signal(signal.SIGKILL)  # a crash: nothing is cleaned up
    crashed.stop()
    stale = socket_path(env)
    assert stale.is_socket(), "the killed instance should have left its socket behind"
    fresh = Zoomdesk(env)
    try:
        fresh.wait_for("replacing the socket a previous zoomdesk left behind")
        fresh.wait_for(LISTENING)
        second = run(env, timeout=QUICK)
        assert second.returncode == 0, second.stderr
        assert fresh.wait_for(ASKS).endswith("raise")
    finally:
        fresh.stop()


def test_the_sandbox_and_another_profile_are_instances_of_their_own(
    env: dict[str, str], first: Zoomdesk, tmp_path: Path
) -> None:
    other = {**env, "XDG_CONFIG_HOME": str(tmp_path / "other-profile")}
    assert instance_name(tmp_path) != instance_name(tmp_path, sandbox=True)
    elsewhere = run({**other, BENCH_EXIT_ON_SHOW: "1"})
    assert elsewhere.returncode == 0, elsewhere.stderr
    assert SHOWN_MARKER in elsewhere.stderr  # a window of its own, not a hand-over


def test_command_line_commands_are_not_affected(
    env: dict[str, str], signed_in: Sandbox, first: Zoomdesk
) -> None:
    version = run(env, "--version")
    assert version.returncode == 0 and version.stdout.startswith("zoomdesk ")
    listed = run(env, "meetings", "list")
    assert listed.returncode == 0, listed.stderr
    assert "Stand-up" in listed.stdout
    # Neither reached the running instance: the next request it hears is this raise.
    assert run(env, timeout=QUICK).returncode == 0
    assert first.wait_for(ASKS).endswith("raise")
    assert sum(ASKS in line for line in first.seen) == 1


def test_new_meeting_alone_opens_only_the_meeting_dialog(
    env: dict[str, str], signed_in: Sandbox
) -> None:
    done = run({**env, BENCH_EXIT_ON_SHOW: "1"}, "-v", "--new-meeting")
    assert done.returncode == 0, done.stderr
    assert DIALOG_SHOWN_MARKER in done.stderr.splitlines()
    assert SHOWN_MARKER not in done.stderr  # no main window
    assert "opened the meeting dialog on its own" in done.stderr


def test_new_meeting_goes_to_the_running_instance(
    env: dict[str, str], signed_in: Sandbox, first: Zoomdesk
) -> None:
    second = run(env, "--new-meeting", timeout=QUICK)
    assert second.returncode == 0, second.stderr
    assert "opens a new meeting" in second.stderr
    assert first.wait_for(ASKS).endswith("new-meeting")
    first.wait_for("opened the meeting dialog in the window")


def new_meeting_action(env: dict[str, str]) -> list[str]:
    """The *New meeting* desktop action's ``Exec`` as a launcher runs it: split by the
    Desktop Entry rules (it has no field codes to expand), the program found on PATH."""
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(REPO / "resources" / "zoomdesk.desktop", encoding="utf-8")
    line = parser["Desktop Action new-meeting"]["Exec"]
    assert "%" not in line, line
    program, *args = shlex.split(line)
    found = shutil.which(program, path=env["PATH"])
    assert found, f"{program} is not on PATH"
    return [found, *args]


def test_the_desktop_actions_exec_line_opens_the_dialog_alone_or_in_the_running_one(
    env: dict[str, str], signed_in: Sandbox, tmp_path: Path
) -> None:
    # The console script ``zoomdesk`` of this environment, as a package installs it on PATH.
    env = {**env, "PATH": os.pathsep.join([str(Path(sys.executable).parent), env["PATH"]])}
    argv = new_meeting_action(env)

    def launch(extra: dict[str, str], timeout: float) -> subprocess.CompletedProcess[str]:
        # From the home folder, as a launcher would: nothing may depend on the repo.
        done = subprocess.run(argv, cwd=tmp_path, env={**env, **extra}, capture_output=True,
                              text=True, timeout=timeout, check=False)  # fmt: skip
        assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
        return done

    alone = launch({BENCH_EXIT_ON_SHOW: "1"}, 60)
    assert DIALOG_SHOWN_MARKER in alone.stderr.splitlines()
    assert SHOWN_MARKER not in alone.stderr  # the dialog on its own, no main window
    running = Zoomdesk(env)
    try:
        running.wait_for(LISTENING)
        handed = launch({}, QUICK)
        assert "opens a new meeting" in handed.stderr
        assert running.wait_for(ASKS).endswith("new-meeting")
        running.wait_for("opened the meeting dialog in the window")
    finally:
        running.stop()
