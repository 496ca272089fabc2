"""``--new-meeting`` and the requests of other starts, in process against a real sandbox.

The dialog on its own (signed in, signing in first, not configured), the
request reaching a main window in each of its states, and the single-instance
protocol itself (``forward`` runs on a plain thread: it blocks, and the server
answers from this thread's event loop).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from own_process import own_process
from PySide6.QtCore import QTimer
from PySide6.QtNetwork import QLocalServer
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot
from sandbox_signin import (
    headless_login_class,
    save_sandbox_settings,
    sign_in_profile,
)

from zoomdesk.core import paths
from zoomdesk.sandbox import Sandbox
from zoomdesk.ui import entry
from zoomdesk.ui import single_instance as si
from zoomdesk.ui.meeting.dialog import MeetingDialog
from zoomdesk.ui.session import Backend
from zoomdesk.ui.window.instance import AppInstance
from zoomdesk.ui.window.main_window import MainWindow
from zoomdesk.ui.window.page_stack import FIRST_RUN, SIGNED_IN, SIGNED_OUT

HeadlessLogin: Any = headless_login_class()


@pytest.fixture
def profile(sandbox: Sandbox) -> Path:
    """The user's config folder (XDG_CONFIG_HOME/zoomdesk) pointing at the sandbox."""
    return save_sandbox_settings(sandbox, paths.config_dir())


@pytest.fixture
def signed_in(profile: Path) -> Path:
    sign_in_profile(profile)
    return profile


@pytest.fixture
def headless_login(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    import zoomdesk.ui.login.dialog

    HeadlessLogin.opened = []
    monkeypatch.setattr(zoomdesk.ui.login.dialog, "LoginDialog", HeadlessLogin)
    return HeadlessLogin.opened


def meeting_dialogs() -> list[MeetingDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MeetingDialog)
            and w.isVisible()]  # fmt: skip


def window_dialogs(window: MainWindow) -> list[MeetingDialog]:
    return [d for d in window.findChildren(MeetingDialog) if d.isVisible()]


def run_gui_until(
    check: Callable[[], bool], then: Callable[[], None], **options: Any
) -> tuple[int, bool]:
    """``entry.run_gui(**options)``; once ``check()`` holds, ``then()``. The code, and if it held.

    A watchdog ends the event loop after 20 s, as pytest-timeout cannot.
    """
    held = [False]

    def poll() -> None:
        if not held[0] and check():
            held[0] = True
            then()

    poller = QTimer()
    poller.timeout.connect(poll)
    poller.start(20)
    watchdog = QTimer()
    watchdog.setSingleShot(True)
    watchdog.timeout.connect(close_everything)
    watchdog.start(20000)
    try:
        code = entry.run_gui(**options)
    finally:
        poller.stop()
        for widget in QApplication.topLevelWidgets():
            widget.close()
    assert watchdog.isActive(), "the event loop had to be ended by the watchdog"
    watchdog.stop()
    return code, held[0]


def close_everything() -> None:
    """Ends ``app.exec()`` as a user does, by closing its windows.

    Not ``QApplication.quit()``: in this shared test process, an exec ended that
    way leaves later event loops unable to deliver queued signals.
    """
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog):
            widget.done(QDialog.DialogCode.Rejected)
        widget.close()


def close_meeting_dialog() -> None:
    for dialog in meeting_dialogs():
        QTimer.singleShot(0, dialog.reject)


# -- the dialog on its own ---------------------------------------------------------------


@own_process  # its app.exec() ends: see tests/support/own_process.py
def test_new_meeting_alone_quits_when_the_dialog_closes(qtbot: QtBot, signed_in: Path) -> None:
    code, held = run_gui_until(lambda: bool(meeting_dialogs()), close_meeting_dialog,
                               new_meeting=True)  # fmt: skip
    assert held and code == 0
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)
                and w.isVisible()]  # fmt: skip


@own_process  # its app.exec() ends: see tests/support/own_process.py
def test_new_meeting_signs_in_first_when_needed(
    qtbot: QtBot, profile: Path, headless_login: list[Any]
) -> None:
    topics: list[str] = []

    def seen() -> None:
        topics.append(meeting_dialogs()[0].form.topic.text())
        close_meeting_dialog()

    code, held = run_gui_until(lambda: any(d.ready() for d in meeting_dialogs()), seen,
                               new_meeting=True)  # fmt: skip
    assert held and code == 0
    assert len(headless_login) == 1 and headless_login[0].error is None
    assert topics and topics[0].endswith("'s Zoom meeting")  # the signed-in user's name


@own_process  # its app.exec() ends: see tests/support/own_process.py
def test_new_meeting_without_settings_opens_the_main_window(qtbot: QtBot) -> None:
    def first_run() -> bool:
        return any(isinstance(w, MainWindow) and w.state == FIRST_RUN
                   for w in QApplication.topLevelWidgets())  # fmt: skip

    code, held = run_gui_until(first_run, lambda: QTimer.singleShot(0, close_everything),
                               new_meeting=True)  # fmt: skip
    assert held and code == 0


def test_a_raise_while_the_dialog_is_alone_opens_the_main_window(
    qtbot: QtBot, signed_in: Path
) -> None:
    instance = AppInstance(lambda: Backend(signed_in))
    instance.new_meeting()
    qtbot.waitUntil(lambda: bool(meeting_dialogs()), timeout=15000)
    instance.new_meeting()  # a second request: the same dialog, raised
    assert len(meeting_dialogs()) == 1
    instance.handle(si.RAISE)
    window = instance.window
    assert window is not None and window.isVisible()
    qtbot.addWidget(window)
    for dialog in meeting_dialogs():
        dialog.reject()
    qtbot.waitUntil(lambda: window.state == SIGNED_IN, timeout=15000)
    instance.shutdown()


# -- --minimized -----------------------------------------------------------------------------


@pytest.mark.parametrize("tray", [True, False])
@own_process  # its app.exec() ends: see tests/support/own_process.py
def test_minimized_hides_the_window_only_where_a_tray_can_bring_it_back(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tray: bool
) -> None:
    monkeypatch.setattr(entry, "_tray_available", lambda: tray)
    seen: list[bool] = []
    earlier = set(QApplication.topLevelWidgets())  # windows other tests left, hidden

    def windows() -> list[MainWindow]:
        return [w for w in QApplication.topLevelWidgets()
                if isinstance(w, MainWindow) and w not in earlier]  # fmt: skip

    def look_then_close() -> None:
        window = windows()[0]
        seen.append(window.isVisible())
        window.show()  # what the tray's Open does; then the user closes it
        QTimer.singleShot(0, window.close)

    code, held = run_gui_until(lambda: bool(windows()), look_then_close, minimized=True)
    assert held and code == 0
    assert seen == [not tray]


# -- the request reaching a main window --------------------------------------------------


def open_instance(qtbot: QtBot, profile: Path) -> tuple[AppInstance, MainWindow]:
    instance = AppInstance(lambda: Backend(profile))
    window = instance.open_window()
    qtbot.addWidget(window)
    return instance, window


def test_a_request_while_loading_opens_the_dialog_once_signed_in(
    qtbot: QtBot, signed_in: Path
) -> None:
    instance, window = open_instance(qtbot, signed_in)
    instance.handle(si.NEW_MEETING)  # the window is still loading
    qtbot.waitUntil(lambda: bool(window_dialogs(window)), timeout=15000)
    assert window.state == SIGNED_IN
    assert len(window_dialogs(window)) == 1
    dialog = window_dialogs(window)[0]
    qtbot.waitUntil(dialog.ready, timeout=15000)
    assert dialog.form.topic.text().endswith("'s Zoom meeting")  # it waited for the name
    dialog.reject()
    instance.shutdown()


def test_a_signed_out_window_signs_in_then_opens_the_dialog(
    qtbot: QtBot, profile: Path, headless_login: list[Any]
) -> None:
    instance, window = open_instance(qtbot, profile)
    qtbot.waitUntil(lambda: window.state == SIGNED_OUT, timeout=15000)
    instance.handle(si.NEW_MEETING)
    qtbot.waitUntil(lambda: bool(window_dialogs(window)), timeout=15000)
    assert len(headless_login) == 1
    window_dialogs(window)[0].reject()
    instance.shutdown()


def test_a_cancelled_sign_in_forgets_the_meeting(
    qtbot: QtBot, profile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import zoomdesk.ui.login.dialog

    class Cancelled(QDialog):
        from PySide6.QtCore import Signal

        signedIn = Signal(object)  # noqa: N815 - LoginDialog's signal name

        def __init__(self, account: Any, runner: Any, parent: Any = None) -> None:
            super().__init__(parent)
            QTimer.singleShot(0, self.reject)

    monkeypatch.setattr(zoomdesk.ui.login.dialog, "LoginDialog", Cancelled)
    instance, window = open_instance(qtbot, profile)
    qtbot.waitUntil(lambda: window.state == SIGNED_OUT, timeout=15000)
    instance.handle(si.NEW_MEETING)
    qtbot.waitUntil(lambda: not instance._meeting_wanted, timeout=5000)
    assert not window_dialogs(window)
    instance.shutdown()


def test_an_open_question_comes_first(qtbot: QtBot, signed_in: Path) -> None:
    instance, window = open_instance(qtbot, signed_in)
    qtbot.waitUntil(lambda: window.state == SIGNED_IN and window.user is not None, timeout=15000)
    question = QDialog(window)
    question.setModal(True)
    question.show()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is question)
    instance.handle(si.NEW_MEETING)
    qtbot.wait(50)  # the request's turn of the event loop
    assert not window_dialogs(window)
    assert question.isVisible()
    question.reject()
    instance.shutdown()


# -- the protocol --------------------------------------------------------------------------


CLIENT = """
import json, sys
from zoomdesk.ui import single_instance as si
if sys.argv[1] == "forward":
    print(si.forward(sys.argv[2], sys.argv[3]).name)
else:
    from PySide6.QtNetwork import QLocalSocket
    socket = QLocalSocket()
    socket.connectToServer(sys.argv[2])
    assert socket.waitForConnected(5000)
    data = bytes.fromhex(sys.argv[3])
    if data:
        socket.write(data)
        socket.waitForBytesWritten(5000)
    socket.waitForReadyRead(5000)
    reply = bytes(socket.readAll().data())
    closed = (socket.state() == QLocalSocket.LocalSocketState.UnconnectedState
              or socket.waitForDisconnected(5000))
    print(json.dumps([reply.decode("latin-1"), closed]))
"""


def client(qtbot: QtBot, *args: str, env: dict[str, str] | None = None) -> str:
    """Another process talking to this one's server (which answers from this event loop)."""
    proc = subprocess.Popen(
        [sys.executable, "-c", CLIENT, *args],
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=20000)
    out, err = proc.communicate()
    assert proc.returncode == 0, err
    return out.strip()


@pytest.fixture
def server(qtbot: QtBot, tmp_path: Path) -> Iterator[si.InstanceServer]:
    listening = si.InstanceServer(si.instance_name(tmp_path / "config"))
    assert listening.claim(si.RAISE, tmp_path) is si.Forwarded.NOT_RUNNING
    assert listening.server.isListening()
    yield listening
    listening.close()


def test_a_request_and_its_activation_token_arrive(qtbot: QtBot, server: si.InstanceServer) -> None:
    with qtbot.waitSignal(server.requested, timeout=20000) as got:
        answer = client(qtbot, "forward", server.name, si.NEW_MEETING,
                        env={si.ACTIVATION_TOKEN: "launcher-token"})  # fmt: skip
    assert answer == "DELIVERED"
    assert got.args == [si.NEW_MEETING, "launcher-token"]


def test_an_unknown_request_is_refused(qtbot: QtBot, server: si.InstanceServer) -> None:
    received: list[object] = []
    server.requested.connect(lambda *args: received.append(args))
    assert client(qtbot, "forward", server.name, "format-the-disk") == "REFUSED"
    qtbot.wait(20)  # a request would be emitted on the next turn
    assert received == []


def test_garbage_and_silence_are_dropped(
    qtbot: QtBot, server: si.InstanceServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(si, "IDLE_TIMEOUT_MS", 100)

    def send(data: bytes) -> list[object]:
        answer: list[object] = json.loads(client(qtbot, "raw", server.name, data.hex()))
        return answer

    assert send(b"\xff\xfe not json\n") == ["unknown\n", True]
    assert send(b"") == ["", True]  # dropped after IDLE_TIMEOUT_MS
    assert send(b"x" * (si.MAX_LINE + 10)) == ["", True]


def test_a_listener_that_never_answers_is_no_answer(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(si, "ANSWER_TIMEOUT_MS", 200)
    mute = QLocalServer()
    name = si.instance_name(tmp_path / "mute")
    assert mute.listen(name)
    try:
        assert si.forward(name, si.RAISE, env={}) is si.Forwarded.NO_ANSWER
    finally:
        mute.close()
    assert si.forward(name, si.RAISE, env={}) is si.Forwarded.NOT_RUNNING


def test_a_second_zoomdesk_with_settings_hands_over_and_says_they_were_not_used(
    qtbot: QtBot,
) -> None:
    listening = si.InstanceServer(si.instance_name(paths.config_dir()))
    assert listening.claim(si.RAISE, paths.config_dir()) is si.Forwarded.NOT_RUNNING
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "zoomdesk", "--client-id", "other"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        qtbot.waitUntil(lambda: proc.poll() is not None, timeout=20000)
        _, err = proc.communicate()
    finally:
        listening.close()
    assert proc.returncode == 0, err
    assert "zoomdesk is running already; its window comes to the front." in err
    assert "apply to a new zoomdesk only" in err


def test_names_differ_by_profile_and_sandbox_and_stay_short(tmp_path: Path) -> None:
    one = si.instance_name(tmp_path / "a", env={})
    assert one == si.instance_name(tmp_path / "a" / ".." / "a", env={})
    assert one != si.instance_name(tmp_path / "b", env={})
    assert one != si.instance_name(tmp_path / "a", sandbox=True, env={})
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    in_runtime = si.instance_name(tmp_path / "a", env={"XDG_RUNTIME_DIR": str(runtime)})
    if len(str(runtime)) < 60:
        assert in_runtime.startswith(str(runtime) + "/zoomdesk-")
    runtime.chmod(0o755)  # not private: not used
    assert si.instance_name(tmp_path / "a", env={"XDG_RUNTIME_DIR": str(runtime)}) == one


def test_the_profile_folder_is_the_config_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Worked out without platformdirs (for speed), it must agree with it."""
    assert si.profile_dir() == paths.config_dir()
    monkeypatch.delenv("XDG_CONFIG_HOME")
    assert si.profile_dir() == paths.config_dir() == Path.home() / ".config" / "zoomdesk"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert si.profile_dir() == paths.config_dir() == tmp_path / "zoomdesk"
