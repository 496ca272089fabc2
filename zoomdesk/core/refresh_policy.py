"""When to fetch the meeting list again: a steady pace, back-off when offline, Zoom's limits kept.

Pure Python with an injected wall clock, like ``reminders``. The caller tells
the policy how each fetch ended (``succeeded`` / ``failed``) and asks
``next_refresh()`` when to start the next one; a fetch the user asks for (F5)
is not the policy's to refuse, but its outcome is reported the same way.

What was chosen, and why:

* **Every 5 minutes** (``INTERVAL``) while things work. ``GET /users/me/meetings``
  carries Zoom's ``MEDIUM`` rate-limit label (the Meetings API spec); Zoom counts
  limits per *account*, shared by every user and app on it, and the smallest
  plan (Free) allows Medium calls at 2 a second and 2,000 a day (Zoom's
  "Rate limits" page, developers.zoom.us/docs/api/rate-limits/). One running
  zoomdesk then makes 288 list calls a day (each page is one call; a page holds
  300 meetings), about a seventh of the Free daily budget, and nothing near the
  per-second limit. Paid plans have no daily Medium cap.
* **Once more before a reminder**: ``PRE_REMINDER`` (1 minute) before the next
  reminder is due, unless the list is already that fresh, so a meeting moved or
  deleted on the web within the last 5 minutes reminds at its new time or not
  at all. It is never closer than ``FLOOR`` (1 minute) to the previous fetch.
* **Back-off when a fetch fails** (offline, Zoom down, 5xx): 1, 2, 4, 8, 16, then
  every 30 minutes (``BACKOFF``), reset by the next success. The first retry is
  sooner than the steady pace because a dropped Wi-Fi often comes back within
  a minute; after that, retrying a dead network every few seconds only drains
  a laptop's battery.
* **429 from Zoom**: wait what ``Retry-After`` says; when Zoom says the daily
  cap is reached without a time, wait until Zoom's next UTC midnight; never
  sooner than the back-off.
* **Clock changes and sleep**: the schedule is wall time. After a wake-up (or a
  clock set forwards) the refresh is due at once. A clock set back makes the
  last fetch look like it is in the future; it is then treated as just done, so
  the pace stays the same instead of stopping for as long as the clock went back.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from zoomdesk.core.errors import RateLimited

Clock = Callable[[], datetime]

INTERVAL = timedelta(minutes=5)
FLOOR = timedelta(minutes=1)
PRE_REMINDER = timedelta(minutes=1)
MAX_RETRY_AFTER = timedelta(days=1)
BACKOFF = tuple(timedelta(minutes=m) for m in (1, 2, 4, 8, 16, 30))


def _system_clock() -> datetime:
    return datetime.now(UTC)


def next_utc_midnight(now: datetime) -> datetime:
    """When Zoom's daily counters reset."""
    day = now.astimezone(UTC).date()
    return datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(days=1)


class RefreshPolicy:
    """The meeting list's refresh schedule (see the module docstring)."""

    def __init__(self, clock: Clock = _system_clock) -> None:
        self._clock = clock
        self._last: datetime | None = None  # the last fetch that ended, either way
        self._failures = 0  # in a row
        self._not_before: datetime | None = None  # Zoom said to wait (429)

    @property
    def failures(self) -> int:
        """Fetches that failed in a row since the last success."""
        return self._failures

    def succeeded(self) -> None:
        """A fetch brought the list: back to the steady pace."""
        self._last = self._now()
        self._failures = 0
        self._not_before = None

    def failed(self, exc: BaseException | None = None) -> None:
        """A fetch failed; ``exc`` (a ``RateLimited``, say) may set a longer wait."""
        now = self._last = self._now()
        self._failures += 1
        if isinstance(exc, RateLimited):
            if exc.retry_after is not None:
                # A day at most: past that a Retry-After is more likely garbled than meant.
                wait = min(max(exc.retry_after, 0.0), MAX_RETRY_AFTER.total_seconds())
                self._not_before = now + timedelta(seconds=wait)
            elif exc.daily_cap:
                self._not_before = next_utc_midnight(now)

    def delay(self) -> timedelta:
        """The pause after the last fetch: ``INTERVAL``, or the back-off step after failures."""
        if self._failures == 0:
            return INTERVAL
        return BACKOFF[min(self._failures, len(BACKOFF)) - 1]

    def next_refresh(self, next_reminder: datetime | None = None) -> datetime:
        """When to fetch next; now or earlier means now.

        ``next_reminder`` (from ``Reminders.next_due``) brings a fetch forward to
        ``PRE_REMINDER`` before it, so the reminder sees the latest list.
        """
        now = self._now()
        if self._last is None:
            return now
        if self._last > now:  # the clock went back: count the last fetch as just done
            self._last = now
        when = self._last + self.delay()
        if next_reminder is not None and self._failures == 0:
            before = next_reminder.astimezone(UTC) - PRE_REMINDER
            if self._last < before < when:
                when = max(before, self._last + FLOOR)
        if self._not_before is not None:
            if self._not_before - now > timedelta(days=1):  # a clock set back past a cap
                self._not_before = now + self.delay()
            when = max(when, self._not_before)
        return when

    def wait(self, next_reminder: datetime | None = None) -> timedelta:
        """How long from now until ``next_refresh`` (zero when it is due)."""
        return max(timedelta(0), self.next_refresh(next_reminder) - self._now())

    def _now(self) -> datetime:
        now = self._clock()
        if now.tzinfo is None:
            raise ValueError("the refresh clock must give timezone-aware times")
        return now.astimezone(UTC)


__all__ = [
    "BACKOFF",
    "FLOOR",
    "INTERVAL",
    "PRE_REMINDER",
    "RefreshPolicy",
    "next_utc_midnight",
]
