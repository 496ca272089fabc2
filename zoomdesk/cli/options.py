"""The meeting Options flags read into a draft: ``--template``, ``--use-pmi``, hosts, ...

``cli.args`` declares them (without importing the core, for start-up time);
``cli.draft`` applies them after the classic settings; the core checks them
(``core.meeting.options``), so the CLI and the dialog refuse the same things.
"""

from __future__ import annotations

import argparse
import dataclasses
from typing import Any

from zoomdesk.core.meeting import (
    E2EE_CONFLICTS,
    ApprovalType,
    Audio,
    Encryption,
    MeetingDraft,
    split_addresses,
)

REGISTRATION = {
    "auto": ApprovalType.AUTOMATIC,
    "manual": ApprovalType.MANUAL,
    "off": ApprovalType.NO_REGISTRATION,
}
ENCRYPTION = {"enhanced": Encryption.ENHANCED, "e2ee": Encryption.END_TO_END}
AUDIO = {"both": Audio.BOTH, "telephony": Audio.TELEPHONY, "voip": Audio.VOIP}
#: Fields whose problems do not depend on the rest of the meeting.
STANDALONE = frozenset({"template_id", "settings.alternative_hosts", "settings.meeting_invitees"})


def _given(args: argparse.Namespace, name: str) -> bool:
    return getattr(args, name, None) is not None


def option_fields(args: argparse.Namespace) -> set[str]:
    """Fields an option flag can put in the wrong, beyond the one it sets."""
    fields: set[str] = set()
    if _given(args, "encryption"):
        fields |= set(E2EE_CONFLICTS)  # the conflicts are reported on what E2EE turns off
    if _given(args, "use_pmi"):
        fields.add("settings.approval_type")  # registration and the PMI exclude each other
    if _given(args, "recurrence"):
        fields.add("settings.use_pmi")  # a fixed-time series cannot use the PMI
    return fields


def apply_options(d: MeetingDraft, args: argparse.Namespace, chosen: set[str]) -> MeetingDraft:
    """``d`` with the option flags applied; ``chosen`` are the classic settings given as flags.

    With ``--template``, the classic settings not given are left to the template.
    """
    changes: dict[str, Any] = {}
    if _given(args, "use_pmi"):
        changes["use_pmi"] = args.use_pmi
    if _given(args, "alternative_hosts"):
        changes["alternative_hosts"] = split_addresses(args.alternative_hosts)
    if _given(args, "invitees"):
        changes["meeting_invitees"] = split_addresses(args.invitees)
    if _given(args, "registration"):
        changes["approval_type"] = REGISTRATION[args.registration]
    if _given(args, "encryption"):
        changes["encryption_type"] = ENCRYPTION[args.encryption]
    if _given(args, "audio"):
        changes["audio"] = AUDIO[args.audio]
    if _given(args, "auto_summary"):
        changes["auto_start_meeting_summary"] = args.auto_summary
    d.settings = dataclasses.replace(d.settings, **changes)
    if _given(args, "template"):
        d = d.with_template(args.template.strip())
        d.left_to_template = d.left_to_template - chosen
    return d
