"""Templates, the meeting options' rules, and Zoom's invitation text.

What the sandbox checks beyond one field's type (``settings_rules``): end-to-end
encryption's conflicts, the Personal Meeting ID, registration, and alternative
hosts that belong to the account. Field problems are Zoom's code 300; an
alternative host outside the account is Zoom's code 1114, which names no field.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from zoomdesk.sandbox.fields import Problems
from zoomdesk.sandbox.meetings import RECURRING_FIXED_TIME, RECURRING_NO_FIXED_TIME, Meeting
from zoomdesk.sandbox.model import ACCOUNT_COLLEAGUES, User

#: The granular scope each endpoint below needs (Zoom's names for a user-managed app).
TEMPLATES_SCOPE = "meeting:read:list_templates"
INVITATION_SCOPE = "meeting:read:invitation"
#: ``format: email`` as the sandbox reads it: something, one @, a dotted domain.
EMAIL = re.compile(r"[^@\s;,]+@[^@\s;,]+\.[^@\s;,.]+")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Template:
    """A meeting template: Zoom's ``type`` 1 is the user's own, 2 an account admin's."""

    template_id: str
    name: str
    type: int
    settings: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.template_id, "name": self.name, "type": self.type}


#: Built-in templates, shaped like Zoom's IDs. The 2023-10 schema says ``template_id``
#: "only accepts account admin meeting template IDs": the user's own one is refused.
TEMPLATES = (
    Template(
        "Dv4YdINdTk+Z5RToadh5ug==",
        "Town hall",
        2,
        {"mute_upon_entry": True, "waiting_room": True, "participant_video": False},
    ),
    Template(
        "AdxbhxCzKgSiWAw",
        "Recorded lecture",
        2,
        {"auto_recording": "cloud", "host_video": True, "mute_upon_entry": True},
    ),
    Template("uL8pQx3vR0aYc5dE", "My weekly sync", 1, {"host_video": True}),
)


def templates_json() -> dict[str, Any]:
    """The body of ``GET /users/{userId}/meeting_templates``."""
    return {"templates": [t.to_json() for t in TEMPLATES], "total_records": len(TEMPLATES)}


def with_template(body: Mapping[str, Any]) -> dict[str, Any] | Problems:
    """``body`` with its template's settings under its own, or the problem with ``template_id``.

    Settings the body gives win over the template's, as at Zoom.
    """
    template_id = body.get("template_id")
    if template_id is None:
        return dict(body)
    p = Problems()
    found = next((t for t in TEMPLATES if t.template_id == template_id), None)
    if not isinstance(template_id, str):
        p.add("template_id", "Must be a string.")
    elif found is None:
        p.add("template_id", "Invalid template ID: no such meeting template.")
    elif found.type != 2:
        p.add("template_id", "Only account admin meeting templates can schedule a meeting.")
    if p or found is None:
        return p
    own = body.get("settings")
    settings = copy.deepcopy(found.settings)
    if isinstance(own, dict):
        settings.update(own)
    out = dict(body)
    out["settings"] = settings if isinstance(own, dict) or own is None else own
    return out


def check_options(settings: Mapping[str, Any], meeting_type: int, p: Problems) -> None:
    """Zoom's rules between settings (their types are already checked)."""
    if settings.get("encryption_type") == "e2ee":
        # Zoom's encryption_type: E2EE disables "join before host, cloud recording ...
        # phone and SIP/H.323 dial-in"; AI Companion is off too.
        conflicts = {
            "join_before_host": settings.get("join_before_host") is True,
            "auto_recording": settings.get("auto_recording") == "cloud",
            "audio": settings.get("audio", "voip") != "voip",
            "auto_start_meeting_summary": settings.get("auto_start_meeting_summary") is True,
        }
        for key, clash in conflicts.items():
            if clash:
                p.add(f"settings.{key}", "Not available with end-to-end encryption (e2ee).")
    if settings.get("use_pmi") is True and meeting_type == RECURRING_FIXED_TIME:
        p.add(
            "settings.use_pmi",
            "The Personal Meeting ID can only be used for instant, scheduled and "
            "recurring meetings with no fixed time.",
        )
    if settings.get("use_pmi") is True and settings.get("approval_type") in (0, 1):
        p.add("settings.approval_type", "Registration is not available for PMI meetings.")
    for invitee in settings.get("meeting_invitees") or []:
        email = invitee.get("email") if isinstance(invitee, dict) else None
        if not isinstance(email, str) or not EMAIL.fullmatch(email):
            p.add("settings.meeting_invitees", 'Each invitee must be {"email": an email address}.')
            break


def alternative_hosts(value: str) -> list[str]:
    """The entries of Zoom's semicolon-separated ``alternative_hosts``."""
    return [part.strip() for part in value.split(";") if part.strip()]


def alternative_host_refusal(settings: Mapping[str, Any], host: User) -> str | None:
    """Zoom's code 1114 message for an alternative host outside the account, or None."""
    members = {host.email.lower(), host.user_id, *(e.lower() for e in ACCOUNT_COLLEAGUES)}
    for entry in alternative_hosts(str(settings.get("alternative_hosts") or "")):
        if entry.lower() not in members and entry not in members:
            return (
                f"Unable to assign '{entry}' as an alternative host because the user "
                "does not belong to this account."
            )
    return None


def invitation_text(meeting: Meeting, base_url: str) -> str:
    """Zoom's invitation note, with its ``\\r\\n`` line ends (the schema's example)."""
    spec = meeting.spec
    kind = "a scheduled Zoom meeting" if spec.type != 1 else "a Zoom meeting"
    host = f"{meeting.host.first_name} {meeting.host.last_name}".strip()
    lines = [f"{host} is inviting you to {kind}.", "", f"Topic: {spec.topic}"]
    zone = ZoneInfo(spec.timezone)
    if spec.type == RECURRING_NO_FIXED_TIME:
        lines.append("Time: This is a recurring meeting Meet anytime")
    elif meeting.occurrences:
        lines.append(f"Time: {_time(meeting.occurrences[0].start, zone)} {_zone(spec.timezone)}")
        lines.append(f"        {_every(spec.recurrence)}, {len(meeting.occurrences)} occurrence(s)")
        lines += [f"        {_time(o.start, zone)}" for o in meeting.occurrences]
    elif spec.start_time is not None:
        lines.append(f"Time: {_time(spec.start_time, zone)} {_zone(spec.timezone)}")
    lines += [
        "",
        "Join Zoom Meeting",
        f"{base_url}/j/{meeting.id}?pwd={meeting.encrypted_password}",
    ]
    lines += ["", f"Meeting ID: {_grouped(meeting.id)}"]
    if meeting.password:
        lines.append(f"Passcode: {meeting.password}")
    return "\r\n".join(lines) + "\r\n\r\n"


def _time(moment: datetime, zone: ZoneInfo) -> str:
    local = moment.astimezone(zone)
    hour = local.hour % 12 or 12
    half = "AM" if local.hour < 12 else "PM"
    month = MONTHS[local.month - 1]
    return f"{month} {local.day}, {local.year} {hour:02d}:{local.minute:02d} {half}"


def _zone(name: str) -> str:
    return name.replace("/", ", ", 1)  # "America, Los_Angeles", as in Zoom's example


def _every(rule: Any) -> str:
    unit = {1: "day", 2: "week", 3: "month"}.get(getattr(rule, "type", 1), "day")
    interval = getattr(rule, "repeat_interval", 1)
    return f"Every {unit}" if interval == 1 else f"Every {interval} {unit}s"


def _grouped(meeting_id: int) -> str:
    digits = str(meeting_id)
    head, rest = digits[:3], digits[3:]
    cut = len(rest) // 2
    return " ".join(part for part in (head, rest[:cut], rest[cut:]) if part)
