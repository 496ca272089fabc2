"""Meeting reminders: which are due now, when the next one is, and which were already given.

Pure Python with an injected wall clock (``Clock``), so a test can move time
forwards, backwards and across a suspend. The window keeps one ``Reminders``,
feeds it every meeting list it fetches (``update``), and asks ``due()`` when
its timer fires; ``next_check()`` says when to ask again.

The rules:

* **What is reminded.** Every start of a meeting with a fixed time: a scheduled
  meeting's start, and each occurrence of a recurring one that is not deleted
  (Zoom's list gives a series once, at its next occurrence; a full meeting lists
  them all). Instant meetings and recurring ones without a fixed time have no
  start to remind of.
* **When.** From ``lead`` minutes before the start (``LEADS``: off, 1, 5, 10 or
  15; ``DEFAULT_LEAD`` 5) until ``LATE_LIMIT`` (10 minutes) after it, and never
  once the meeting is over (start + duration). A machine that wakes up, or a
  clock that jumps, inside that window gets the reminder at once ("started 3
  minutes ago" still helps the user join); past it the start is skipped for
  good, since a reminder of a meeting long under way is noise.
* **Once.** A reminder is one (meeting id, start instant) pair, remembered once
  given, so a list refresh, a clock set back, or a wake-up never repeats it. A
  start is forgotten only once it is no longer listed and began more than
  ``FORGET_AFTER`` (a day) ago, which keeps the memory small whatever the clock
  does.
* **Moved, edited, deleted.** Each ``update`` replaces the list: a moved meeting
  is a new start and is reminded at its new time (even if the old one was
  reminded already), a retitled one keeps its start and is not reminded twice,
  and a deleted one is simply no longer there. ``refresh_policy.RefreshPolicy`` fetches
  the list again shortly before a reminder, so late changes are seen.
* **Off.** With lead 0 nothing is due; switching it on later reminds only
  starts whose window is still open.

Timers in the window run on a monotonic clock that stops while the machine
sleeps, so the caller never waits longer than ``CHECK_EVERY`` (30 s) between
two looks at the wall clock (``next_check``): a wake-up or clock change is
noticed within that time.

Reminders given are remembered in memory only: a restarted app may remind
again of a meeting whose window is still open.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from zoomdesk.core.meeting import Meeting, MeetingType

#: A wall clock: the current time, timezone-aware.
Clock = Callable[[], datetime]

#: The lead times offered, in minutes; 0 means off.
LEADS = (0, 1, 5, 10, 15)
OFF = 0
DEFAULT_LEAD = 5
#: How long after its start a meeting is still reminded (a wake-up, a clock jump).
LATE_LIMIT = timedelta(minutes=10)
#: How long a given reminder is remembered after its start.
FORGET_AFTER = timedelta(days=1)
#: The longest a caller waits between two looks at the wall clock.
CHECK_EVERY = timedelta(seconds=30)

#: (meeting id, start instant in UTC): one reminder.
Key = tuple[int, datetime]


def system_clock() -> datetime:
    """The real wall clock, aware UTC."""
    return datetime.now(UTC)


def check_lead(minutes: int) -> int:
    """``minutes`` if it is one of ``LEADS``; else ValueError naming the choices."""
    if isinstance(minutes, bool) or minutes not in LEADS:
        choices = ", ".join(str(lead) for lead in LEADS)
        raise ValueError(f"a reminder comes {choices} minutes before a meeting (0 = off)")
    return minutes


@dataclass(frozen=True)
class Reminder:
    """One start of one meeting to remind of; ``start`` is aware UTC."""

    meeting: Meeting
    start: datetime
    duration: int  # minutes; 0 when Zoom gave none
    occurrence_id: str = ""  # "" for a meeting that does not recur

    @property
    def key(self) -> Key:
        return (self.meeting.id, self.start)

    def due_from(self, lead: timedelta) -> datetime:
        return self.start - lead

    def due_until(self) -> datetime:
        """The end of the window: ``LATE_LIMIT`` after the start, or the end if sooner."""
        late = self.start + LATE_LIMIT
        if self.duration > 0:
            return min(late, self.start + timedelta(minutes=self.duration))
        return late

    def minutes_to_start(self, now: datetime) -> int:
        """Whole minutes until the start, rounded up; negative once it has started."""
        seconds = (self.start - now).total_seconds()
        return math.ceil(seconds / 60) if seconds > 0 else -math.floor(-seconds / 60)


def starts_of(meeting: Meeting) -> list[Reminder]:
    """Every start of ``meeting`` that can be reminded of (see the module docstring)."""
    if meeting.type in (MeetingType.INSTANT, MeetingType.RECURRING_NO_FIXED_TIME):
        return []
    if meeting.occurrences:
        return [
            Reminder(meeting, o.start.astimezone(UTC), o.duration, o.occurrence_id)
            for o in meeting.occurrences
            if o.status != "deleted"
        ]
    if meeting.start is None:
        return []
    return [Reminder(meeting, meeting.start.astimezone(UTC), meeting.duration)]


class Reminders:
    """The reminders of the meetings last listed; each given once (see the module docstring)."""

    def __init__(self, clock: Clock = system_clock, lead: int = DEFAULT_LEAD) -> None:
        self._clock = clock
        self._lead = check_lead(lead)
        self._starts: list[Reminder] = []
        self._given: dict[Key, datetime] = {}  # key -> its start, to forget it later

    @property
    def lead(self) -> int:
        """Minutes before a start that its reminder is due; 0 = off."""
        return self._lead

    def set_lead(self, minutes: int) -> None:
        self._lead = check_lead(minutes)

    def update(self, meetings: Iterable[Meeting]) -> None:
        """A fresh list of the meetings: it replaces the previous one entirely."""
        starts: dict[Key, Reminder] = {}
        for meeting in meetings:
            for reminder in starts_of(meeting):
                starts.setdefault(reminder.key, reminder)  # a meeting listed twice
        self._starts = sorted(starts.values(), key=lambda r: (r.start, r.meeting.id))
        self._forget_old()

    def due(self) -> list[Reminder]:
        """The reminders due now, earliest start first; each is returned once only."""
        now = self._now()
        lead = timedelta(minutes=self._lead)
        found = [r for r in self._pending() if r.due_from(lead) <= now < r.due_until()]
        for reminder in found:
            self._given[reminder.key] = reminder.start
        self._forget_old()
        return found

    def next_due(self) -> datetime | None:
        """When the next reminder not yet given becomes due (now or earlier: due now).

        None when nothing is left to remind of, or reminders are off.
        """
        now = self._now()
        lead = timedelta(minutes=self._lead)
        times = [r.due_from(lead) for r in self._pending() if now < r.due_until()]
        return min(times, default=None)

    def next_check(self) -> timedelta:
        """How long the caller may wait before calling ``due`` again (at most ``CHECK_EVERY``)."""
        when = self.next_due()
        if when is None:
            return CHECK_EVERY
        wait = when - self._now()
        return max(timedelta(0), min(wait, CHECK_EVERY))

    def upcoming(self) -> list[Reminder]:
        """Starts not over yet, earliest first, whether reminded or not (for a menu)."""
        now = self._now()
        return [r for r in self._starts if now < r.start + timedelta(minutes=r.duration)]

    def was_given(self, reminder: Reminder) -> bool:
        return reminder.key in self._given

    # -- inside ---------------------------------------------------------------------------

    def _pending(self) -> list[Reminder]:
        if self._lead == OFF:
            return []
        return [r for r in self._starts if r.key not in self._given]

    def _forget_old(self) -> None:
        # Never a start still listed, whatever the clock says: a clock set a day
        # ahead and back again must not make a listed meeting remind twice.
        horizon = self._now() - FORGET_AFTER
        listed = {r.key for r in self._starts}
        self._given = {
            key: start for key, start in self._given.items() if key in listed or start >= horizon
        }

    def _now(self) -> datetime:
        now = self._clock()
        if now.tzinfo is None:
            raise ValueError("the reminder clock must give timezone-aware times")
        return now.astimezone(UTC)


__all__ = [
    "CHECK_EVERY",
    "DEFAULT_LEAD",
    "FORGET_AFTER",
    "LATE_LIMIT",
    "LEADS",
    "OFF",
    "Clock",
    "Reminder",
    "Reminders",
    "check_lead",
    "starts_of",
    "system_clock",
]
