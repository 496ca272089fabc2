"""Types of the meeting ``settings`` keys, from Zoom's Meetings API schema (2023-10).

Zoom ignores settings it does not know and rejects known ones of the wrong
type or outside their enum (``auto_recording: "sometimes"`` → code 300). The
sandbox does the same; nested objects and lists are checked one level deep.
"""

from __future__ import annotations

from typing import Any, Protocol

_BOOLEAN = frozenset(
    {
        "allow_multiple_devices",
        "alternative_hosts_email_notification",
        "alternative_host_update_polls",
        # Newer than the 2023-10 schema: Zoom's changelog, 2025-12-18 (Create a Meeting API).
        "auto_start_meeting_summary",
        "close_registration",
        "cn_meeting",
        "email_notification",
        "enforce_login",
        "focus_mode",
        "host_save_video_order",
        "host_video",
        "in_meeting",
        "internal_meeting",
        "join_before_host",
        "meeting_authentication",
        "mute_upon_entry",
        "participant_focused_meeting",
        "participant_video",
        "private_meeting",
        "push_change_to_calendar",
        "registrants_confirmation_email",
        "registrants_email_notification",
        "show_share_button",
        "use_pmi",
        "waiting_room",
        "watermark",
    }
)
_ENUM: dict[str, tuple[object, ...]] = {
    "approval_type": (0, 1, 2),
    "audio": ("both", "telephony", "voip", "thirdParty"),
    "auto_recording": ("local", "cloud", "none"),
    "calendar_type": (1, 2),
    "encryption_type": ("enhanced_encryption", "e2ee"),
    "jbh_time": (0, 5, 10),
    "registration_type": (1, 2, 3),
}
#: string settings -> maximum length (0: no limit)
_STRING = {
    "alternative_hosts": 0,
    "audio_conference_info": 2048,
    "authentication_domains": 0,
    "authentication_name": 0,
    "authentication_option": 0,
    "contact_email": 0,
    "contact_name": 0,
    "enforce_login_domains": 0,
}
_LIST = frozenset(
    {
        "additional_data_center_regions",
        "authentication_exception",
        "custom_keys",
        "global_dial_in_countries",
        "meeting_invitees",
        "resources",
    }
)
_OBJECT = frozenset(
    {
        "approved_or_denied_countries_or_regions",
        "breakout_room",
        "continuous_meeting_chat",
        "language_interpretation",
        "sign_language_interpretation",
    }
)


class Reporter(Protocol):
    def add(self, field: str, message: str) -> None: ...


def check_setting(key: str, value: Any, problems: Reporter) -> bool:
    """True when ``key`` is a known setting and ``value`` fits it; reports misfits."""
    field = f"settings.{key}"
    if key in _BOOLEAN:
        ok = isinstance(value, bool)
        message = "Must be true or false."
    elif key in _ENUM:
        allowed = _ENUM[key]
        # type() equality: JSON true must not pass for 1, nor 1.0 for 1.
        ok = any(type(value) is type(a) and value == a for a in allowed)
        message = "Must be one of: " + ", ".join(str(a) for a in allowed) + "."
    elif key in _STRING:
        limit = _STRING[key]
        ok = isinstance(value, str) and (not limit or len(value) <= limit)
        message = "Must be a string" + (f" of at most {limit} characters." if limit else ".")
    elif key == "meeting_invitees":
        # Zoom's schema: a list of objects whose "email" is a string (format: email).
        ok = isinstance(value, list) and all(
            isinstance(item, dict) and isinstance(item.get("email", ""), str) for item in value
        )
        message = 'Must be a list of {"email": ...} objects.'
    elif key in _LIST:
        ok = isinstance(value, list)
        message = "Must be a list."
    elif key in _OBJECT:
        ok = isinstance(value, dict) and all(
            isinstance(v, bool) for k, v in value.items() if k == "enable"
        )
        message = 'Must be an object (its "enable" true or false).'
    else:
        return False  # unknown: ignored, as Zoom does
    if not ok:
        problems.add(field, message)
    return ok
