"""The one background-task helper of the UI.

All network and disk work runs through ``TaskRunner.run``. The function runs on
a QThreadPool worker; its result or exception comes back as a signal delivered
on the GUI thread. Never touch a widget inside the function: it is not on the
GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from zoomdesk.ui.guard import guarded

log = logging.getLogger(__name__)


class Task(QObject):
    """Handle of one background call. Exactly one of ``succeeded``/``failed`` fires.

    ``cancel()`` only drops the result: a call already running is not interrupted,
    but its outcome is never delivered, so a closed dialog receives nothing.
    """

    succeeded = Signal(object)
    failed = Signal(object)
    done = Signal()

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.cancelled = False
        self.finished = False

    def cancel(self) -> None:
        self.cancelled = True

    def _deliver(self, ok: bool, value: object) -> None:
        self.finished = True
        if not self.cancelled:
            (self.succeeded if ok else self.failed).emit(value)
        self.done.emit()


class _Relay(QObject):
    # Lives on the GUI thread; a queued emit from the worker crosses threads safely.
    result = Signal(bool, object)


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay, name: str) -> None:
        super().__init__()
        self.fn = fn
        self.relay = relay
        self.name = name
        self.setAutoDelete(True)

    @guarded(None)
    def run(self) -> None:
        try:
            value = self.fn()
        except BaseException as exc:
            log.debug("task %s failed: %s", self.name, type(exc).__name__)
            self.relay.result.emit(False, exc)
        else:
            self.relay.result.emit(True, value)


class TaskRunner(QObject):
    """Runs callables off the GUI thread and reports back on it.

    Give it a parent that outlives its tasks (the application, or the window
    that owns it): a parentless runner that Python collects right after its
    last task leaves that task's deferred deletes behind, which PySide6 does
    not survive.
    """

    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None, max_threads: int = 4) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._active: set[Task] = set()

    def run(
        self,
        fn: Callable[[], Any],
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        name: str = "task",
    ) -> Task:
        task = Task(name, self)
        relay = _Relay(self)
        if on_success is not None:
            task.succeeded.connect(on_success)
        if on_error is not None:
            task.failed.connect(on_error)
        # Not busy any more once the work is done, before its answer is handled: a
        # handler that asks a question (delete this?) must not do so under a busy bar.
        relay.result.connect(lambda *_: self._release(task))
        relay.result.connect(task._deliver)
        task.done.connect(lambda: self._finish(task, relay))
        self._active.add(task)
        if len(self._active) == 1:
            self.busyChanged.emit(True)
        self._pool.start(_Runnable(fn, relay, name))
        return task

    def _release(self, task: Task) -> None:
        if task in self._active:
            self._active.discard(task)
            if not self._active:
                self.busyChanged.emit(False)

    def _finish(self, task: Task, relay: _Relay) -> None:
        self._release(task)
        relay.deleteLater()
        task.deleteLater()

    @property
    def busy(self) -> bool:
        return bool(self._active)

    def wait_for_done(self, msecs: int = 30000) -> bool:
        """Block until every worker thread has returned (for shutdown and tests)."""
        return self._pool.waitForDone(msecs)
