"""Where a new meeting starts: the user's own defaults (``config.json``), or another meeting.

*Save as my defaults* keeps the usual duration, time zone, settings and options
under ``config.json``'s ``defaults`` key (``config.save_section``: the Settings
form keeps it), in Zoom's own names::

    {"defaults": {"duration": 45, "timezone": "Europe/Berlin",
                  "settings": {"waiting_room": true, "audio": "voip", ...}}}

The file may be edited by hand, so reading it is forgiving: a value of the
wrong kind is left out (and logged), never an error. The passcode, topic,
agenda and time are the meeting's own and are never kept. ``duplicate`` makes
a new meeting from one Zoom has: the same fields, the next half hour in its
zone, a new passcode. Reading and writing block (the GUI runs them on a worker).
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from zoomdesk.core import config, wallclock
from zoomdesk.core.meeting import (
    CLASSIC_SETTINGS,
    DEFAULT_DURATION,
    FIXED_TIME_TYPES,
    MeetingDraft,
    MeetingSettings,
    random_passcode,
)
from zoomdesk.core.meeting.rules import DURATION_MAX

log = logging.getLogger(__name__)

SECTION = "defaults"


@dataclass(frozen=True)
class MeetingDefaults:
    """The user's defaults; None (or an empty settings object) leaves zoomdesk's own."""

    duration: int | None = None
    timezone: str | None = None
    settings: MeetingSettings | None = None

    @property
    def empty(self) -> bool:
        return self.duration is None and self.timezone is None and self.settings is None

    def to_json(self) -> dict[str, Any]:
        """The ``defaults`` object of ``config.json`` (only what is set)."""
        out: dict[str, Any] = {}
        if self.duration is not None:
            out["duration"] = self.duration
        if self.timezone is not None:
            out["timezone"] = self.timezone
        if self.settings is not None:
            out["settings"] = self.settings.to_zoom_json()
        return out

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> MeetingDefaults:
        """The defaults in ``d``; what zoomdesk cannot use is left out and logged."""
        duration = d.get("duration")
        if duration is not None and not (
            isinstance(duration, int)
            and not isinstance(duration, bool)
            and 1 <= duration <= DURATION_MAX
        ):
            log.warning("defaults: duration %r is not 1 to %d minutes; left out", duration,
                        DURATION_MAX)  # fmt: skip
            duration = None
        zone = d.get("timezone")
        if zone is not None and not (isinstance(zone, str) and wallclock.zone(zone) is not None):
            log.warning("defaults: %r is no time zone; left out", zone)
            zone = None
        raw = d.get("settings")
        settings = None
        if isinstance(raw, dict):
            # The six classic settings always have a value: those missing keep zoomdesk's.
            base = MeetingSettings().to_zoom_json()
            usable = {k: v for k, v in raw.items() if k not in CLASSIC_SETTINGS or
                      isinstance(v, type(base[k]))}  # fmt: skip
            settings = MeetingSettings.from_zoom_json({**base, **usable})
        elif raw is not None:
            log.warning("defaults: settings is not an object; left out")
        return cls(duration=duration, timezone=zone, settings=settings)

    def start(self, topic: str, fallback_zone: str, now: datetime | None = None) -> MeetingDraft:
        """A new meeting called ``topic`` from these defaults (zone: ``fallback_zone`` if none)."""
        draft = MeetingDraft.new(
            topic,
            now,
            timezone=self.timezone or fallback_zone,
            duration=self.duration or DEFAULT_DURATION,
        )
        if self.settings is not None:
            draft.settings = self.settings
        return draft


def defaults_of(draft: MeetingDraft) -> MeetingDefaults:
    """What *Save as my defaults* keeps of ``draft``: its duration, zone, settings and options."""
    return MeetingDefaults(duration=draft.duration, timezone=draft.timezone,
                           settings=draft.settings)  # fmt: skip


def load_defaults(path: Path | None = None) -> MeetingDefaults:
    """The user's defaults from ``config.json`` (blocking); empty when there are none."""
    return MeetingDefaults.from_json(config.load_section(SECTION, path))


def save_defaults(defaults: MeetingDefaults, path: Path | None = None) -> None:
    """Keep ``defaults`` in ``config.json`` (blocking; the rest of the file stays).

    Raises StoreError when the file cannot be written, or is damaged.
    """
    config.save_section(SECTION, defaults.to_json(), path)


def duplicate(original: MeetingDraft, now: datetime | None = None) -> MeetingDraft:
    """A new meeting like ``original``: the next half hour in its zone, a new passcode.

    A recurring series keeps its pattern; an end date it has passed is the form's
    to point out. A meeting without a fixed time stays without one.
    """
    twin = dataclasses.replace(original, template_id="", left_to_template=frozenset())
    if twin.type in FIXED_TIME_TYPES:
        tz = wallclock.zone(twin.timezone)
        if tz is not None:
            twin.start = wallclock.next_half_hour(wallclock.aware_now(now), tz)
    if original.passcode:
        twin.passcode = random_passcode()
    return twin
