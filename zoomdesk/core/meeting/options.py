"""The Options of a meeting: their checks, what end-to-end encryption turns off, Zoom's templates.

Problems are keyed by Zoom's field names (``settings.use_pmi``), like those of
``rules``, which calls :func:`check_options`. The dialog shows
:data:`E2EE_TURNS_OFF` and applies :func:`without_e2ee_conflicts` as soon as
end-to-end encryption is chosen; the CLI refuses a conflict instead.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from zoomdesk.core.meeting.values import (
    ApprovalType,
    Audio,
    AutoRecording,
    Encryption,
    MeetingSettings,
    MeetingType,
    RegistrationType,
    code_points,
    unsafe_chars,
)

#: What Zoom turns off in an end-to-end encrypted meeting, in its own words: the
#: ``encryption_type`` description of the Meetings API ("join before host, cloud
#: recording, streaming, live transcription, breakout rooms, polling, 1:1 private
#: chat, and meeting reactions"; "phone and SIP/H.323 dial-in") and Zoom's E2EE
#: support article (AI Companion).
E2EE_TURNS_OFF = (
    "join before host",
    "cloud recording",
    "joining by phone, SIP or H.323",
    "AI Companion (the meeting summary)",
    "streaming",
    "live transcription",
    "breakout rooms",
    "polling",
    "1:1 private chat",
    "meeting reactions",
)
#: The settings zoomdesk edits that end-to-end encryption excludes, and the words for each.
E2EE_CONFLICTS = {
    "settings.join_before_host": "join before host",
    "settings.auto_recording": "cloud recording",
    "settings.audio": "joining by phone (choose computer audio only)",
    "settings.auto_start_meeting_summary": "the AI Companion meeting summary",
}
#: Zoom's own bound is not published; template IDs it lists are short (``AdxbhxCzKgSiWAw``).
TEMPLATE_ID_MAX = 128
#: An address people type: something, one @, and a domain with a dot. Zoom's schema only
#: says ``format: email``; this catches typos, not every address RFC 5322 allows.
_EMAIL = re.compile(
    r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]"
)
_ADDRESS_MAX = 254  # RFC 5321's longest path, less the brackets


@dataclass(frozen=True)
class MeetingTemplate:
    """One entry of ``GET /users/me/meeting_templates``; ``type`` 1 is the user's, 2 the admin's."""

    id: str
    name: str
    type: int = 0

    @classmethod
    def from_zoom_json(cls, d: Mapping[str, Any]) -> MeetingTemplate | None:
        """The template, or None for an entry without a usable ``id``."""
        template_id = d.get("id")
        if not isinstance(template_id, str) or not template_id.strip():
            return None
        name = d.get("name")
        kind = d.get("type")
        return cls(
            id=template_id.strip(),
            name=name if isinstance(name, str) else "",
            type=kind if isinstance(kind, int) and not isinstance(kind, bool) else 0,
        )

    @property
    def is_admin(self) -> bool:
        """An account admin's template: the only kind the 2023-10 schema lets ``template_id`` be."""
        return self.type == 2


def templates_from_zoom_json(d: Mapping[str, Any]) -> list[MeetingTemplate]:
    """The usable templates in Zoom's answer, in its order; anything else is skipped."""
    items = d.get("templates")
    if not isinstance(items, list):
        return []
    found = (MeetingTemplate.from_zoom_json(i) for i in items if isinstance(i, dict))
    return [t for t in found if t is not None]


def is_email(text: str) -> bool:
    """Whether ``text`` looks like an e-mail address (see ``_EMAIL``)."""
    return len(text) <= _ADDRESS_MAX and _EMAIL.fullmatch(text) is not None


def e2ee_conflicts(settings: MeetingSettings) -> dict[str, str]:
    """The settings end-to-end encryption turns off that ``settings`` has on, with words."""
    if settings.encryption_type != Encryption.END_TO_END:
        return {}
    found: dict[str, str] = {}
    if settings.join_before_host:
        found["settings.join_before_host"] = E2EE_CONFLICTS["settings.join_before_host"]
    if settings.auto_recording == AutoRecording.CLOUD:
        found["settings.auto_recording"] = E2EE_CONFLICTS["settings.auto_recording"]
    if settings.audio is not None and settings.audio != Audio.VOIP:
        found["settings.audio"] = E2EE_CONFLICTS["settings.audio"]
    if settings.auto_start_meeting_summary:
        found["settings.auto_start_meeting_summary"] = E2EE_CONFLICTS[
            "settings.auto_start_meeting_summary"
        ]
    return found


def without_e2ee_conflicts(settings: MeetingSettings) -> MeetingSettings:
    """``settings`` with what end-to-end encryption excludes turned off (cloud recording: none).

    Unchanged unless ``encryption_type`` is end-to-end. Audio becomes computer
    only, as phones cannot join such a meeting.
    """
    if settings.encryption_type != Encryption.END_TO_END:
        return settings
    changes: dict[str, Any] = {"join_before_host": False}
    if settings.auto_recording == AutoRecording.CLOUD:
        changes["auto_recording"] = AutoRecording.NONE
    if settings.audio is not None and settings.audio != Audio.VOIP:
        changes["audio"] = Audio.VOIP
    if settings.auto_start_meeting_summary:
        changes["auto_start_meeting_summary"] = False
    return dataclasses.replace(settings, **changes)


def check_template(template_id: str, errors: dict[str, str]) -> None:
    """A template ID is one short word: what Zoom lists, never typed text."""
    bad = unsafe_chars(template_id)
    if bad or any(c.isspace() for c in template_id):
        where = code_points(bad) if bad else "spaces"
        errors["template_id"] = f"A template ID is one word, without spaces; found {where}."
    elif len(template_id) > TEMPLATE_ID_MAX:
        errors["template_id"] = (
            f"A template ID has at most {TEMPLATE_ID_MAX} characters; this one has "
            f"{len(template_id):,}."
        )


def check_options(
    settings: MeetingSettings,
    kind: MeetingType,
    errors: dict[str, str],
    *,
    original: MeetingSettings | None = None,
) -> None:
    """Every problem with the options of ``settings`` for a meeting of type ``kind``.

    Addresses left as they were in ``original`` are not judged: Zoom also takes
    user IDs there, and an update does not send them back.
    """
    if settings.use_pmi and kind == MeetingType.RECURRING_FIXED_TIME:
        errors["settings.use_pmi"] = (
            "Your Personal Meeting ID can't be used for a recurring meeting with a fixed "
            "time: Zoom allows it only for instant, scheduled and no-fixed-time meetings."
        )
    registration = settings.approval_type not in (None, ApprovalType.NO_REGISTRATION)
    if registration and settings.use_pmi:
        errors["settings.approval_type"] = (
            "Registration can't be used with your Personal Meeting ID: turn one of them off."
        )
    if settings.approval_type is not None and settings.approval_type not in set(ApprovalType):
        errors["settings.approval_type"] = "Registration must be automatic, manual or off."
    if settings.registration_type is not None and settings.registration_type not in set(
        RegistrationType
    ):
        errors["settings.registration_type"] = "The registration type must be 1, 2 or 3."
    before = original or MeetingSettings()
    for key, label in (("alternative_hosts", "alternative host"), ("meeting_invitees", "invitee")):
        addresses = getattr(settings, key)
        if addresses is not None and addresses != getattr(before, key):
            _check_addresses(addresses, f"settings.{key}", label, errors)
    for field, what in e2ee_conflicts(settings).items():
        errors.setdefault(
            field,
            f"End-to-end encryption turns off {what}: turn that off, or choose "
            "enhanced encryption.",
        )


def _check_addresses(
    addresses: tuple[str, ...], field: str, label: str, errors: dict[str, str]
) -> None:
    bad = [a for a in addresses if not is_email(a)]
    if bad:
        shown = ", ".join(f"“{code_points(unsafe_chars(a)) or a}”" for a in bad)
        errors[field] = (
            f"Each {label} must be an e-mail address such as name@example.com; not one: {shown}."
        )
    elif len(set(a.lower() for a in addresses)) != len(addresses):
        errors[field] = f"Each {label} may be given only once."
