"""Background calls whose results only count while nothing has changed since they started.

A window that signs out, or a dialog that is rebound to another account, calls
``advance()``; outcomes of calls started before that are dropped, so a slow
answer for an old session never lands in the new one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from zoomdesk.ui.tasks import Task, TaskRunner


class Epoch:
    """``run`` like ``TaskRunner.run``, but delivering only within the current epoch."""

    def __init__(self, runner: TaskRunner, on_error: Callable[[BaseException], None]) -> None:
        self.runner = runner
        self.on_error = on_error
        self._count = 0

    def advance(self) -> None:
        self._count += 1

    def run(
        self,
        fn: Callable[[], Any],
        ok: Callable[[Any], None],
        name: str,
        failed: Callable[[BaseException], None] | None = None,
    ) -> Task:
        """``failed`` defaults to the ``on_error`` given at construction."""
        started = self._count

        def success(value: Any) -> None:
            if started == self._count:
                ok(value)

        def failure(exc: BaseException) -> None:
            if started == self._count:
                (failed or self.on_error)(exc)

        return self.runner.run(fn, success, failure, name)
