"""A wall clock that core tests move by hand (no Qt): ``clock()`` is the time now."""

from __future__ import annotations

from datetime import datetime


class ManualClock:
    """Callable as core's injected clocks are; ``now`` is set, or moved with ``at``."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def at(self, when: datetime) -> ManualClock:
        self.now = when
        return self
