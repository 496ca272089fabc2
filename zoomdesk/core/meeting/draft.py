"""The meeting draft users edit: its parts, Zoom's JSON both ways, and a diff for PATCH.

Start times are *naive wall times* in the draft's IANA ``timezone`` and go to
Zoom as ``yyyy-MM-ddTHH:mm:ss`` plus ``timezone``, so a recurring meeting keeps
its local time across DST (DESIGN.md §4). Two exceptions go in UTC: a wall time
of a repeated autumn hour (the local form cannot say which one is meant) and
the start of one occurrence (Zoom takes no ``timezone`` for it). Validation
lives in ``rules``; the one-line recurrence text in ``recurrence_text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from zoomdesk.core import wallclock
from zoomdesk.core.meeting.rules import check
from zoomdesk.core.meeting.values import (
    CLASSIC_SETTINGS,
    DEFAULT_DURATION,
    FIXED_TIME_TYPES,
    MeetingSettings,
    MeetingType,
    Recurrence,
    occurrence_may_change,
    random_passcode,
)


@dataclass
class MeetingDraft:
    """A meeting being created or edited.

    ``start`` is a naive wall time in ``timezone`` (an aware value is converted
    to that zone's wall time when sent). Instant and no-fixed-time meetings
    ignore ``start`` and ``timezone``; only ``RECURRING_FIXED_TIME`` uses
    ``recurrence``. ``passcode`` goes to Zoom as ``password``; empty lets Zoom
    apply the account's passcode policy.
    """

    topic: str = ""
    type: MeetingType = MeetingType.SCHEDULED
    start: datetime | None = None
    timezone: str = "UTC"
    duration: int = DEFAULT_DURATION
    passcode: str = ""
    agenda: str = ""
    settings: MeetingSettings = field(default_factory=MeetingSettings)
    recurrence: Recurrence | None = None
    #: Zoom's ``template_id``: sent with a create or update, never part of Zoom's answer.
    template_id: str = ""
    #: Classic settings not sent, so the template supplies them (see ``with_template``).
    left_to_template: frozenset[str] = frozenset()

    @classmethod
    def new(
        cls,
        topic: str = "",
        now: datetime | None = None,
        timezone: str = "UTC",
        *,
        duration: int = DEFAULT_DURATION,
    ) -> MeetingDraft:
        """A scheduled meeting at the next half hour (at least 10 minutes away), new passcode."""
        return cls(
            topic=topic,
            type=MeetingType.SCHEDULED,
            start=wallclock.next_half_hour(
                wallclock.aware_now(now), wallclock.zone(timezone) or UTC
            ),
            timezone=timezone,
            duration=duration,
            passcode=random_passcode(),
        )

    def validate(
        self, now: datetime | None = None, *, original: MeetingDraft | None = None
    ) -> dict[str, str]:
        """Problems in plain words, keyed by Zoom's field names; empty when it can be sent.

        When editing, pass the ``original``: an unchanged start may lie in the
        past (a recurring series that already began) without being an error.
        """
        return check(self, now, original=original)

    def with_template(self, template_id: str) -> MeetingDraft:
        """This draft made from Zoom's template ``template_id`` ("" for none).

        The template's classic settings win until one is chosen here: remove its
        key from ``left_to_template`` when the user sets it. Options left None
        are not sent either, so the template supplies those too.
        """
        left = CLASSIC_SETTINGS if template_id else frozenset()
        return replace(self, template_id=template_id, left_to_template=frozenset(left))

    def zone(self) -> ZoneInfo:
        """The draft's zone; ValueError when zoneinfo does not know it."""
        tz = wallclock.zone(self.timezone)
        if tz is None:
            raise ValueError(f"unknown time zone {self.timezone!r}")
        return tz

    def to_zoom_json(self) -> dict[str, Any]:
        """The create (POST) body. Call ``validate()`` first: this sends the draft as it is."""
        kind = MeetingType(self.type)
        body: dict[str, Any] = {"topic": self.topic.strip(), "type": int(kind)}
        if kind in FIXED_TIME_TYPES and self.start is not None:
            tz = self.zone()
            body["start_time"] = wallclock.format_start(wallclock.as_wall(self.start, tz), tz)
            body["timezone"] = self.timezone
        body["duration"] = self.duration
        if self.passcode:
            body["password"] = self.passcode
        body["agenda"] = self.agenda
        settings = self.settings.to_zoom_json()
        if kind != MeetingType.RECURRING_FIXED_TIME:
            # Zoom: "This field is only for recurring meetings with fixed times (8)."
            settings.pop("registration_type", None)
        body["settings"] = {k: v for k, v in settings.items() if k not in self.left_to_template}
        if self.template_id:
            body["template_id"] = self.template_id
        if kind == MeetingType.RECURRING_FIXED_TIME and self.recurrence is not None:
            body["recurrence"] = self.recurrence.to_zoom_json(self.zone())
        return body

    def patch_from(self, original: MeetingDraft, *, occurrence: bool = False) -> dict[str, Any]:
        """The PATCH body that turns ``original`` into this draft: changed fields only.

        ``settings`` carries only its changed keys; ``recurrence`` goes whole,
        because Zoom replaces it whole; ``start_time`` and ``timezone`` travel
        together, since one means nothing without the other.

        With ``occurrence``, the body is for one occurrence of a series (both
        drafts are that occurrence): only ``OCCURRENCE_FIELDS`` and
        ``OCCURRENCE_SETTINGS``, with ``start_time`` in UTC, as Zoom takes no
        ``timezone`` there. ValueError names any other change, which only the
        whole series can make.
        """
        new, old = self.to_zoom_json(), original.to_zoom_json()
        patch: dict[str, Any] = {}
        for key, value in new.items():
            if key == "settings":
                before = old.get("settings", {})
                changed = {k: v for k, v in value.items() if before.get(k) != v}
                if changed:
                    patch["settings"] = changed
            elif key not in old or old[key] != value:
                patch[key] = value
        if "password" in old and "password" not in new:
            patch["password"] = ""  # the passcode was removed
        if occurrence:
            return self._occurrence_patch(patch)
        if ("start_time" in patch or "timezone" in patch) and "start_time" in new:
            patch["start_time"] = new["start_time"]
            patch["timezone"] = new["timezone"]
        return patch

    def _occurrence_patch(self, patch: dict[str, Any]) -> dict[str, Any]:
        fields = [key for key in patch if key != "settings"]
        fields += [f"settings.{key}" for key in patch.get("settings", {})]
        refused = [name for name in fields if not occurrence_may_change(name)]
        if refused:
            raise ValueError(
                f"one occurrence cannot change {', '.join(refused)}: change the whole series"
            )
        if "start_time" in patch and self.start is not None:
            tz = self.zone()
            patch["start_time"] = wallclock.format_utc(wallclock.to_instant(self.start, tz))
        return patch

    @classmethod
    def from_zoom_json(cls, d: dict[str, Any]) -> MeetingDraft:
        """A draft from Zoom's meeting object; the UTC ``start_time`` becomes wall time.

        Raises ValueError for meeting types zoomdesk does not edit (such as 10), and
        for values it cannot hold: a field of the wrong type, or a start that is no
        date in the meeting's zone (9999-12-31T22:00Z, in Tokyo).
        """
        try:
            kind = MeetingType(int(d.get("type", MeetingType.SCHEDULED)))
        except (ValueError, TypeError, OverflowError):
            raise ValueError(f"zoomdesk cannot edit meetings of type {d.get('type')}") from None
        try:
            return cls._parse(d, kind)
        except (ValueError, TypeError, OverflowError, AttributeError, KeyError):
            raise ValueError(
                "zoomdesk cannot edit this meeting: Zoom sent values it cannot read"
            ) from None

    @classmethod
    def _parse(cls, d: dict[str, Any], kind: MeetingType) -> MeetingDraft:
        name = str(d.get("timezone") or "UTC")
        tz = wallclock.zone(name) or UTC
        start = None
        if kind in FIXED_TIME_TYPES and d.get("start_time"):
            start = wallclock.to_wall(wallclock.parse_zoom_time(str(d["start_time"]), tz), tz)
        recurrence = None
        if kind == MeetingType.RECURRING_FIXED_TIME and isinstance(d.get("recurrence"), dict):
            recurrence = Recurrence.from_zoom_json(d["recurrence"], tz)
        return cls(
            topic=str(d.get("topic") or ""),
            type=kind,
            start=start,
            timezone=name,
            duration=int(d.get("duration") or DEFAULT_DURATION),
            passcode=str(d.get("password") or ""),
            agenda=str(d.get("agenda") or ""),
            settings=MeetingSettings.from_zoom_json(d.get("settings") or {}),
            recurrence=recurrence,
        )
