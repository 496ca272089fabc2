"""The meeting list kept fresh in the background, and the reminders it makes due.

``ListRefresher`` drives ``core.reminders.Reminders`` and
``core.refresh_policy.RefreshPolicy`` from one single-shot ``QTimer``: each
tick it fetches the list when the policy says so (on a ``TaskRunner`` worker,
never the GUI thread), hands out the reminders that are due
(``remindersDue``), and sleeps until the next reminder, the next fetch, or
``reminders.CHECK_EVERY`` (30 s), whichever comes first.

Qt's timers run on a monotonic clock that stops while the machine sleeps, and
reminders are wall time, so each tick compares how far the wall clock and the
monotonic clock moved since the last one. When they disagree by more than
``JUMP`` (a wake-up, or the clock was set), the list is fetched again at once
and reminders wait for it (or for its failure): a meeting deleted or moved
while the machine slept then reminds at its new time, or not at all. The core
keeps each reminder to once, whatever the clock did.

A list the window fetched itself (sign-in, F5, after a save) counts as a
fetch too (``take_list``).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import QObject, QTimer, Signal

from zoomdesk.core.meeting import Meeting
from zoomdesk.core.refresh_policy import RefreshPolicy
from zoomdesk.core.reminders import DEFAULT_LEAD, Clock, Reminders, system_clock
from zoomdesk.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

#: A disagreement between the wall clock and the monotonic one larger than this is a
#: wake-up or a clock change (NTP's slewing stays far below it).
JUMP = timedelta(seconds=30)
#: Ticks closer together than this are merged (a reminder due "now" ticks once).
MIN_WAIT_MS = 200

Fetch = Callable[[], list[Meeting]]


class ListRefresher(QObject):
    """See the module docstring."""

    #: The list changed (``reminders.upcoming()`` may say otherwise now).
    listChanged = Signal()
    #: A fetch of this refresher's own brought the list (for the window's table).
    fetched = Signal(list)
    #: A fetch failed (the exception): the caller decides whether the user hears of it.
    fetchFailed = Signal(object)
    #: Reminders due now (a list of ``core.reminders.Reminder``), each once.
    remindersDue = Signal(list)

    def __init__(
        self,
        runner: TaskRunner,
        clock: Clock = system_clock,
        monotonic: Callable[[], float] = time.monotonic,
        lead: int = DEFAULT_LEAD,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.clock = clock
        self._monotonic = monotonic
        self.reminders = Reminders(clock, lead)
        self.policy = RefreshPolicy(clock)
        self._fetch: Fetch | None = None
        self._generation = 0  # advanced by set_source: older answers are dropped
        self._fetching = False
        self._hold = False  # reminders wait for the fetch started after a clock jump
        self._marks = (clock(), monotonic())
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.tick)

    @property
    def fetching(self) -> bool:
        return self._fetching

    def set_source(self, fetch: Fetch | None) -> None:
        """Where the list comes from (None: signed out, nothing to remind of)."""
        self._generation += 1
        self._fetching = self._hold = False
        self._fetch = fetch
        self.policy = RefreshPolicy(self.clock)
        if fetch is None:
            self.reminders.update([])
            self.listChanged.emit()
        else:
            # The window fetches the list itself on signing in: count the pace from then.
            self.policy.succeeded()
        self.tick()

    def set_lead(self, minutes: int) -> None:
        """Minutes before a meeting that its reminder comes (0: off)."""
        if minutes != self.reminders.lead:
            self.reminders.set_lead(minutes)
            self.tick()

    def take_list(self, meetings: list[Meeting]) -> None:
        """A list fetched elsewhere (the window's own refresh): as fresh as one of ours."""
        if self._fetch is None:
            return
        self.policy.succeeded()
        self.reminders.update(meetings)
        self.listChanged.emit()
        self.tick()

    def refresh_now(self) -> None:
        """Fetch now, whatever the schedule says (a wake-up noticed some other way)."""
        if self._fetch is not None and not self._fetching:
            self._start_fetch()

    def stop(self) -> None:
        self._timer.stop()
        self._fetch = None
        self._generation += 1

    # -- the tick -----------------------------------------------------------------------

    def tick(self) -> None:
        jumped = self._clock_jumped()
        idle = self._fetch is not None and not self._fetching
        if idle and (jumped or self.policy.wait(self.reminders.next_due()) <= timedelta(0)):
            self._start_fetch()
            # After a wake-up the list may be stale: remind from the fresh one.
            self._hold = self._hold or jumped
        if not self._hold:
            due = self.reminders.due()
            if due:
                self.remindersDue.emit(due)
        self._schedule()

    def _schedule(self) -> None:
        wait = self.reminders.next_check()
        if self._fetch is not None and not self._fetching:
            wait = min(wait, self.policy.wait(self.reminders.next_due()))
        self._timer.start(max(MIN_WAIT_MS, int(wait.total_seconds() * 1000)))

    def _clock_jumped(self) -> bool:
        wall, mono = self.clock(), self._monotonic()
        last_wall, last_mono = self._marks
        self._marks = (wall, mono)
        drift = (wall - last_wall) - timedelta(seconds=mono - last_mono)
        if abs(drift) > JUMP:
            what = (
                "woke up or the clock moved forwards" if drift > timedelta(0) else "clock set back"
            )
            log.info("%s by %d s: refreshing the meeting list", what, int(drift.total_seconds()))
            return True
        return False

    # -- fetching -----------------------------------------------------------------------

    def _start_fetch(self) -> None:
        fetch = self._fetch
        assert fetch is not None
        generation = self._generation
        self._fetching = True

        def ok(meetings: list[Meeting]) -> None:
            if generation != self._generation:
                return
            self._fetching = self._hold = False
            self.policy.succeeded()
            self.reminders.update(meetings)
            self.fetched.emit(meetings)
            self.listChanged.emit()
            self.tick()

        def failed(exc: BaseException) -> None:
            if generation != self._generation:
                return
            self._fetching = self._hold = False
            self.policy.failed(exc)
            log.info(
                "the meeting list could not be refreshed (%s); next try in %d s",
                type(exc).__name__,
                int(self.policy.wait().total_seconds()),
            )
            self.fetchFailed.emit(exc)
            self.tick()

        self.runner.run(fetch, ok, failed, "refresh meetings")


__all__ = ["JUMP", "ListRefresher"]
