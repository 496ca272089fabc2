"""TaskRunner: work off the GUI thread, results and errors back on it."""

from __future__ import annotations

import threading

import pytest
from pytestqt.qtbot import QtBot

from zoomdesk.ui.tasks import TaskRunner


def on_gui_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


def test_runs_off_the_gui_thread_and_delivers_on_it(qtbot: QtBot, runner: TaskRunner) -> None:
    seen: dict[str, object] = {}

    def work() -> int:
        seen["worker_on_gui"] = on_gui_thread()
        return 42

    def done(value: object) -> None:
        seen["value"] = value
        seen["callback_on_gui"] = on_gui_thread()

    with qtbot.waitSignal(runner.busyChanged) as busy:
        task = runner.run(work, done, None, "answer")
    assert busy.args == [True]
    with qtbot.waitSignal(task.done):
        pass
    assert seen == {"worker_on_gui": False, "value": 42, "callback_on_gui": True}
    qtbot.waitUntil(lambda: not runner.busy)


def test_errors_come_back_as_the_exception(qtbot: QtBot, runner: TaskRunner) -> None:
    errors: list[BaseException] = []

    def boom() -> None:
        raise ValueError("bad")

    task = runner.run(boom, lambda _: pytest.fail("no success expected"), errors.append, "boom")
    with qtbot.waitSignal(task.done):
        pass
    assert len(errors) == 1 and str(errors[0]) == "bad"


def test_cancel_drops_the_outcome(qtbot: QtBot, runner: TaskRunner) -> None:
    gate = threading.Event()
    got: list[object] = []
    task = runner.run(lambda: gate.wait(5), got.append, got.append, "slow")
    task.cancel()
    gate.set()
    with qtbot.waitSignal(task.done):
        pass
    assert got == [] and task.finished


def test_busy_until_the_last_task_is_done(qtbot: QtBot, runner: TaskRunner) -> None:
    gates = [threading.Event(), threading.Event()]
    states: list[bool] = []
    runner.busyChanged.connect(states.append)
    tasks = [runner.run(gate.wait, name=f"t{i}") for i, gate in enumerate(gates)]
    gates[0].set()
    with qtbot.waitSignal(tasks[0].done):
        pass
    assert runner.busy
    gates[1].set()
    qtbot.waitUntil(lambda: not runner.busy)
    assert states == [True, False]
