"""One ordinary meeting draft for the core's tests, changed per test with keywords."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any

from zoomdesk.core.meeting import MeetingDraft, MeetingType

#: A scheduled 45-minute meeting in Berlin with a passcode: what most tests start from.
PLANNING = MeetingDraft(
    topic="Planning",
    type=MeetingType.SCHEDULED,
    start=datetime(2026, 4, 1, 9, 30),
    timezone="Europe/Berlin",
    duration=45,
    passcode="abc123",
)


def draft(**changes: Any) -> MeetingDraft:
    """``PLANNING`` with ``changes`` (field names of ``MeetingDraft``)."""
    return dataclasses.replace(PLANNING, **changes)
