"""``zoomdesk meetings list|create|show|update|delete``.

Each function takes the CLI context, returns an exit code and lets errors
propagate: ``cli.errors.report`` is the one place that turns them into messages and
exit codes.
"""

from __future__ import annotations

from zoomdesk.cli.context import Context
from zoomdesk.cli.draft import (
    draft_for_create,
    parse_meeting_id,
    patch_for_update,
    precheck_update,
)
from zoomdesk.cli.errors import InvalidInputError
from zoomdesk.cli.output import clean, emit_json, meeting_details, meeting_table
from zoomdesk.core.api import was_recovered
from zoomdesk.core.meeting import Meeting, format_meeting_id

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
    draft = draft_for_create(ctx.args)
    created = ctx.account().client.create_meeting(draft.to_zoom_json())
    if was_recovered(created):
        ctx.say(
            "The connection dropped while the meeting was being created; Zoom had "
            "created it already, so it was not created a second time."
        )
    if ctx.args.json:
        emit_json(created, ctx.out)
        return 0
    meeting = Meeting.from_zoom_json(created)
    ctx.print(f"Meeting created: {clean(meeting.topic)}")
    for line in meeting_details(meeting, ctx.local_zone()):
        if not line.startswith("Topic:"):
            ctx.print(line)
    return 0


def show(ctx: Context) -> int:
    meeting_id = parse_meeting_id(ctx.args.id)
    data = ctx.account().client.get_meeting(meeting_id, ctx.args.occurrence_id)
    if ctx.args.json:
        emit_json(data, ctx.out)
        return 0
    for line in meeting_details(Meeting.from_zoom_json(data), ctx.local_zone()):
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


def _label(meeting_id: int) -> str:
    return format_meeting_id(meeting_id)
