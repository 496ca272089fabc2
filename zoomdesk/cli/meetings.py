"""``zoomdesk meetings list|create|show|update|delete|invitation|templates``.

Each function takes the CLI context, returns an exit code and lets errors
propagate: ``cli.errors.report`` is the one place that turns them into messages and
exit codes. ``create`` never reports a failure for a meeting Zoom made: after a
failure that may hide one it looks first (``core.pending_create``), and once
Zoom has it, an error while printing is no failure of the command.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Mapping
from typing import Any

from zoomdesk.cli.calendar_file import check_target, write_ics
from zoomdesk.cli.context import Context
from zoomdesk.cli.draft import (
    draft_for_create,
    parse_meeting_id,
    patch_for_update,
    precheck_update,
)
from zoomdesk.cli.errors import InvalidInputError
from zoomdesk.cli.output import emit_json, meeting_details, meeting_table, template_table
from zoomdesk.cli.terminal import clean
from zoomdesk.core.api import ZoomClient, was_recovered
from zoomdesk.core.errors import AuthRequired, CreateUnconfirmed, ZoomApiError
from zoomdesk.core.meeting import Meeting, format_meeting_id
from zoomdesk.core.pending_create import PendingCreate, look_for

log = logging.getLogger(__name__)

_LIST_LABEL = {
    "upcoming": "upcoming",
    "scheduled": "scheduled",
    "live": "live",
    "previous_meetings": "previous",
}


def list_meetings(ctx: Context) -> int:
    items = ctx.account().client.list_meetings(ctx.args.type)
    if ctx.args.json:
        emit_json(items, ctx.out)
        return 0
    if not items:
        ctx.print(f"No {_LIST_LABEL.get(ctx.args.type, '')} meetings.")
        return 0
    for line in meeting_table(items, ctx.local_zone()):
        ctx.print(line)
    return 0


def create(ctx: Context) -> int:
    # Validated before the account is even loaded: bad input never reaches Zoom.
    body = draft_for_create(ctx.args).to_zoom_json()
    created = _create_or_find(ctx.account().client, body)
    try:
        _show_created(ctx, created)
    except Exception as exc:  # BrokenPipeError included
        # Zoom has the meeting: a failure here would invite a second create.
        _created_but_not_shown(ctx, created, exc)
    return 0


def _create_or_find(client: ZoomClient, body: Mapping[str, Any]) -> dict[str, Any]:
    """Create once; after a failure that may hide a made meeting, look for it once, right away.

    One command is one create, so what is pending lives only for this call.
    """
    pending = PendingCreate(client.clock)
    try:
        return client.create_meeting(body, lost_since=pending.begin())
    except (CreateUnconfirmed, AuthRequired):
        # The core has looked once already (CreateUnconfirmed, or AuthRequired with
        # lost_create_at); a plain AuthRequired came before Zoom took the create.
        raise
    except Exception as exc:
        since = pending.failed(exc)
        if since is None:
            raise  # Zoom refused it: no meeting was made
        log.warning("create failed (%s); looking for the meeting", type(exc).__name__)
        return look_for(client.find_recent_create, body, since, cause=_failure(exc))


def _failure(exc: Exception) -> str:
    if isinstance(exc, ZoomApiError):
        return f"HTTP {exc.status}: {exc.message}"
    return str(exc) or type(exc).__name__


def _show_created(ctx: Context, created: dict[str, Any]) -> None:
    if was_recovered(created):
        ctx.say(
            "Zoom's answer to the create was lost; Zoom had created the meeting "
            "already, so it was not created a second time."
        )
    if ctx.args.json:
        emit_json(created, ctx.out)
        return
    meeting = Meeting.from_zoom_json(created)
    ctx.print(f"Meeting created: {clean(meeting.topic)}")
    for line in meeting_details(meeting, ctx.local_zone()):
        if not line.startswith("Topic:"):
            ctx.print(line)


def _created_but_not_shown(ctx: Context, created: Mapping[str, Any], exc: Exception) -> None:
    log.warning("create: the meeting was made but not shown", exc_info=exc)
    if isinstance(exc, OSError):
        # The reader left: what is still buffered would fail again when Python exits.
        with contextlib.suppress(Exception):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, ctx.out.fileno())
    facts = ", ".join(
        clean(v) for v in (created.get("id"), created.get("join_url")) if v is not None
    )
    with contextlib.suppress(Exception):  # stderr may be gone too; the exit code still says 0
        ctx.say(
            f"zoomdesk: the meeting was created ({facts}), but it could not be printed "
            f"({type(exc).__name__})."
        )


def show(ctx: Context) -> int:
    meeting_id = parse_meeting_id(ctx.args.id)
    ics = ctx.args.ics
    target = None if ics is None else check_target(ics, as_json=ctx.args.json)  # before Zoom
    data = ctx.account().client.get_meeting(meeting_id, ctx.args.occurrence_id)
    if ics is not None:
        write_ics(data, target, ctx.out)
        if target is None:  # `--ics -`: the calendar file is all of stdout
            return 0
        ctx.say(f"zoomdesk: calendar file written to {target}")
    if ctx.args.json:
        emit_json(data, ctx.out)
        return 0
    # The ID asked for stands in when Zoom's answer carries none that is usable.
    meeting = Meeting.from_zoom_json({**data, "id": meeting_id})
    for line in meeting_details(meeting, ctx.local_zone()):
        ctx.print(line)
    return 0


def update(ctx: Context) -> int:
    meeting_id = parse_meeting_id(ctx.args.id)
    precheck_update(ctx.args)
    client = ctx.account().client
    occurrence = ctx.args.occurrence_id
    original = client.get_meeting(meeting_id, occurrence)
    try:
        patch = patch_for_update(original, ctx.args)
    except ValueError as exc:  # e.g. a meeting type zoomdesk does not edit
        raise InvalidInputError({"type": str(exc)}) from None
    label = _label(meeting_id)
    if not patch:
        ctx.say(f"Nothing to change: meeting {label} already has these values.")
        if ctx.args.json:
            emit_json(original, ctx.out)
        return 0
    client.update_meeting(meeting_id, patch, occurrence)
    if ctx.args.json:
        # Zoom answers a PATCH with 204 and no body; print the meeting as it is now.
        emit_json(client.get_meeting(meeting_id, occurrence), ctx.out)
        return 0
    what = f"Occurrence {clean(occurrence)} of meeting" if occurrence else "Meeting"
    ctx.print(f"{what} {label} updated: {', '.join(sorted(patch))}.")
    return 0


def delete(ctx: Context) -> int:
    meeting_id = parse_meeting_id(ctx.args.id)
    occurrence = ctx.args.occurrence_id
    ctx.account().client.delete_meeting(meeting_id, occurrence)
    label = _label(meeting_id)
    if occurrence:
        ctx.print(f"Occurrence {clean(occurrence)} of meeting {label} deleted.")
    else:
        ctx.print(f"Meeting {label} deleted.")
    return 0


def invitation(ctx: Context) -> int:
    """Zoom's invitation text; zoomdesk's own when Zoom refuses it (the log says why)."""
    from zoomdesk.core.invitation import fetch_invitation

    meeting_id = parse_meeting_id(ctx.args.id)
    found = fetch_invitation(ctx.account().client, meeting_id)
    if found.refusal is not None:
        ctx.say(
            f"zoomdesk: Zoom did not send its invitation ({found.refusal.message}); "
            "this is zoomdesk's own text."
        )
    for line in found.text.split("\n"):
        ctx.print(line)
    return 0


def templates(ctx: Context) -> int:
    """The user's Zoom meeting templates: ID and name (``--json``: Zoom's list)."""
    from zoomdesk.core.meeting import templates_from_zoom_json

    answer = ctx.account().client.meeting_templates()
    if ctx.args.json:
        listed = answer.get("templates")
        emit_json(listed if isinstance(listed, list) else [], ctx.out)
        return 0
    found = templates_from_zoom_json(answer)
    if not found:
        ctx.print("No meeting templates.")
        return 0
    for line in template_table(found):
        ctx.print(line)
    return 0


def _label(meeting_id: int) -> str:
    return format_meeting_id(meeting_id)
