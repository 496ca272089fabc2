"""MeetingDraft <-> Zoom JSON: create bodies, PATCH diffs, parsing, and Zoom's own schemas."""

from __future__ import annotations

import dataclasses
import string
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import meeting_drafts
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from zoom_schema import validate_request

from zoomdesk.core import wallclock
from zoomdesk.core.meeting import (
    Audio,
    AutoRecording,
    MeetingDraft,
    MeetingSettings,
    MeetingType,
    Recurrence,
    RecurrenceType,
)

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
SETTINGS_JSON = {
    "host_video": False,
    "participant_video": False,
    "join_before_host": False,
    "mute_upon_entry": False,
    "waiting_room": True,
    "auto_recording": "none",
}


def draft(**changes: Any) -> MeetingDraft:
    return meeting_drafts.draft(**{"agenda": "Roadmap", **changes})


def weekly(**changes: Any) -> MeetingDraft:
    rec = Recurrence(RecurrenceType.WEEKLY, repeat_interval=2, weekly_days=(4, 2, 4), end_times=6)
    return draft(
        type=MeetingType.RECURRING_FIXED_TIME, recurrence=dataclasses.replace(rec, **changes)
    )


# --- create bodies -----------------------------------------------------------------------


def test_scheduled_body_sends_wall_time_and_zone() -> None:
    assert draft(topic="  Planning ").to_zoom_json() == {
        "topic": "Planning",
        "type": 2,
        "start_time": "2026-04-01T09:30:00",
        "timezone": "Europe/Berlin",
        "duration": 45,
        "password": "abc123",
        "agenda": "Roadmap",
        "settings": SETTINGS_JSON,
    }


def test_aware_start_becomes_wall_time_in_the_meetings_zone() -> None:
    body = draft(start=datetime(2026, 4, 1, 7, 30, 59, 123, tzinfo=UTC)).to_zoom_json()
    assert (body["start_time"], body["timezone"]) == ("2026-04-01T09:30:59", "Europe/Berlin")


def test_instant_and_no_fixed_time_bodies_have_no_start_zone_or_recurrence() -> None:
    rec = Recurrence(RecurrenceType.DAILY, end_times=2)
    for kind in (MeetingType.INSTANT, MeetingType.RECURRING_NO_FIXED_TIME):
        body = draft(type=kind, recurrence=rec).to_zoom_json()
        assert {"start_time", "timezone", "recurrence"}.isdisjoint(body)
        assert body["type"] == kind


def test_empty_passcode_is_left_to_zoom() -> None:
    assert "password" not in draft(passcode="").to_zoom_json()


def test_settings_are_sent_as_zoom_names_and_values() -> None:
    chosen = MeetingSettings(True, True, True, True, False, AutoRecording.CLOUD)
    assert draft(settings=chosen).to_zoom_json()["settings"] == {
        "host_video": True,
        "participant_video": True,
        "join_before_host": True,
        "mute_upon_entry": True,
        "waiting_room": False,
        "auto_recording": "cloud",
    }


@pytest.mark.parametrize(
    ("rec", "expected"),
    [
        (
            Recurrence(RecurrenceType.WEEKLY, 2, (4, 2, 4), end_times=6),
            {"type": 2, "repeat_interval": 2, "weekly_days": "2,4", "end_times": 6},
        ),
        (
            Recurrence(RecurrenceType.DAILY, 1, (3,), monthly_day=4, end_times=3),
            {"type": 1, "repeat_interval": 1, "end_times": 3},
        ),
        (
            Recurrence(RecurrenceType.MONTHLY, 1, monthly_day=15, end_times=12),
            {"type": 3, "repeat_interval": 1, "monthly_day": 15, "end_times": 12},
        ),
        (
            Recurrence(
                RecurrenceType.MONTHLY,
                2,
                monthly_week=-1,
                monthly_week_day=6,
                end_date=date(2026, 12, 31),
            ),
            {
                "type": 3,
                "repeat_interval": 2,
                "monthly_week": -1,
                "monthly_week_day": 6,
                "end_date_time": "2026-12-31T22:59:00Z",
            },
        ),  # 23:59 CET
        (
            Recurrence(RecurrenceType.DAILY, end_date=date(2026, 7, 1)),
            {"type": 1, "repeat_interval": 1, "end_date_time": "2026-07-01T21:59:00Z"},
        ),  # CEST
    ],
    ids=["weekly", "daily ignores other fields", "monthly day", "last friday", "summer end"],
)
def test_recurrence_bodies(rec: Recurrence, expected: dict[str, Any]) -> None:
    body = draft(type=MeetingType.RECURRING_FIXED_TIME, recurrence=rec).to_zoom_json()
    assert body["recurrence"] == expected
    assert body["start_time"] == "2026-04-01T09:30:00"


def test_end_date_is_the_end_of_that_day_in_the_meetings_zone() -> None:
    rec = Recurrence(RecurrenceType.DAILY, end_date=date(2026, 7, 1))
    body = draft(type=8, timezone="America/New_York", recurrence=rec).to_zoom_json()
    assert body["recurrence"]["end_date_time"] == "2026-07-02T03:59:00Z"


def test_unknown_zone_cannot_be_sent() -> None:
    with pytest.raises(ValueError, match="unknown time zone"):
        draft(timezone="Nowhere/Land").to_zoom_json()


# --- PATCH bodies ------------------------------------------------------------------------


def test_weekly_days_are_kept_sorted_and_unique() -> None:
    assert Recurrence(RecurrenceType.WEEKLY, weekly_days=(4, 2, 4)).weekly_days == (2, 4)


def test_nothing_changed_means_an_empty_patch() -> None:
    assert weekly().patch_from(weekly()) == {}


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda d: dataclasses.replace(d, topic="Renamed"), {"topic": "Renamed"}),
        (lambda d: dataclasses.replace(d, agenda=""), {"agenda": ""}),
        (lambda d: dataclasses.replace(d, duration=90), {"duration": 90}),
        (lambda d: dataclasses.replace(d, passcode=""), {"password": ""}),
        (lambda d: dataclasses.replace(d, passcode="new1"), {"password": "new1"}),
        (
            lambda d: dataclasses.replace(d, settings=MeetingSettings(mute_upon_entry=True)),
            {"settings": {"mute_upon_entry": True}},
        ),
        (
            lambda d: dataclasses.replace(d, start=datetime(2026, 4, 2, 9, 30)),
            {"start_time": "2026-04-02T09:30:00", "timezone": "Europe/Berlin"},
        ),
        (
            lambda d: dataclasses.replace(d, timezone="Europe/Paris"),
            {"start_time": "2026-04-01T09:30:00", "timezone": "Europe/Paris"},
        ),
        (lambda d: dataclasses.replace(d, type=MeetingType.INSTANT), {"type": 1}),
    ],
    ids=[
        "topic",
        "agenda cleared",
        "duration",
        "passcode removed",
        "passcode",
        "one setting",
        "start",
        "zone only",
        "type",
    ],
)
def test_patch_carries_only_what_changed(edit: Any, expected: dict[str, Any]) -> None:
    original = draft()
    assert edit(original).patch_from(original) == expected


def test_changed_recurrence_is_sent_whole() -> None:
    original = weekly()
    edited = weekly(end_times=8)
    assert edited.patch_from(original) == {
        "recurrence": {"type": 2, "repeat_interval": 2, "weekly_days": "2,4", "end_times": 8}
    }


def test_turning_scheduled_into_recurring_sends_type_and_recurrence() -> None:
    patch = weekly().patch_from(draft())
    assert set(patch) == {"type", "recurrence"}


def test_a_zone_change_resends_the_end_date_it_moves() -> None:
    original = weekly(end_times=None, end_date=date(2026, 6, 30))
    edited = dataclasses.replace(original, timezone="America/New_York")
    patch = edited.patch_from(original)
    assert patch["timezone"] == "America/New_York"
    assert patch["start_time"] == "2026-04-01T09:30:00"
    assert patch["recurrence"]["end_date_time"] == "2026-07-01T03:59:00Z"


# --- parsing Zoom's objects --------------------------------------------------------------


def zoom_meeting(**changes: Any) -> dict[str, Any]:
    """A GET /meetings/{id} reply the way Zoom sends it (UTC start)."""
    meeting = {
        "uuid": "aDYlohsHRtCd4ii1uC2+hA==",
        "id": 85746065432,
        "host_id": "z8yAAAAA8bbbQ",
        "topic": "Planning",
        "type": 8,
        "status": "waiting",
        "start_time": "2026-04-01T07:30:00Z",
        "duration": 45,
        "timezone": "Europe/Berlin",
        "agenda": "Roadmap",
        "created_at": "2026-03-01T12:00:00Z",
        "join_url": "https://us05web.zoom.us/j/85746065432?pwd=abc",
        "password": "abc123",
        "settings": {**SETTINGS_JSON, "watermark": False, "audio": "voip"},
        "recurrence": {
            "type": 2,
            "repeat_interval": 2,
            "weekly_days": "2,4",
            "end_date_time": "2026-06-30T21:59:00Z",
            "monthly_day": 1,
        },
        "occurrences": [
            {
                "occurrence_id": "1775028600000",
                "start_time": "2026-04-01T07:30:00Z",
                "duration": 45,
                "status": "available",
            }
        ],
    }
    meeting.update(changes)
    return meeting


def test_from_zoom_json_turns_utc_into_wall_time() -> None:
    parsed = MeetingDraft.from_zoom_json(zoom_meeting())
    expected = weekly(end_times=None, end_date=date(2026, 6, 30))
    # The options Zoom answered with are the draft's too (here ``audio``), so it round-trips.
    expected.settings = dataclasses.replace(expected.settings, audio=Audio.VOIP)
    assert parsed == expected


def test_from_zoom_json_accepts_local_start_times_too() -> None:
    parsed = MeetingDraft.from_zoom_json(zoom_meeting(type=2, start_time="2026-04-01T09:30:00"))
    assert parsed.start == datetime(2026, 4, 1, 9, 30)


def test_from_zoom_json_keeps_the_fold_of_a_repeated_hour() -> None:
    # 01:30 UTC on 25 Oct 2026 is the second 02:30 in Berlin.
    parsed = MeetingDraft.from_zoom_json(zoom_meeting(type=2, start_time="2026-10-25T01:30:00Z"))
    assert parsed.start == datetime(2026, 10, 25, 2, 30)
    assert parsed.start is not None and parsed.start.fold == 1
    assert wallclock.to_instant(parsed.start, ZoneInfo("Europe/Berlin")) == datetime(
        2026, 10, 25, 1, 30, tzinfo=UTC
    )


def test_from_zoom_json_of_an_instant_meeting_has_no_start() -> None:
    parsed = MeetingDraft.from_zoom_json(zoom_meeting(type=1, recurrence=None))
    assert (parsed.type, parsed.start, parsed.recurrence) == (MeetingType.INSTANT, None, None)


def test_from_zoom_json_defaults() -> None:
    parsed = MeetingDraft.from_zoom_json(
        {"id": 1, "topic": "x", "type": 2, "settings": {"auto_recording": "hologram"}}
    )
    assert parsed.timezone == "UTC"
    assert parsed.settings == MeetingSettings(waiting_room=False)
    assert parsed.start is None and parsed.duration == 60


def test_from_zoom_json_reads_monthly_by_week_over_a_default_day() -> None:
    rec = {
        "type": 3,
        "repeat_interval": 1,
        "monthly_week": -1,
        "monthly_week_day": 6,
        "monthly_day": 1,
        "weekly_days": "1",
        "end_times": 4,
    }
    parsed = MeetingDraft.from_zoom_json(zoom_meeting(recurrence=rec))
    assert parsed.recurrence == Recurrence(RecurrenceType.MONTHLY, 1, (), None, -1, 6, 4, None)


def test_types_zoomdesk_does_not_edit_are_refused() -> None:
    with pytest.raises(ValueError, match="type 10"):
        MeetingDraft.from_zoom_json(zoom_meeting(type=10))


# --- hypothesis: many valid drafts against Zoom's schemas ---------------------------------

ZONES = [
    "UTC",
    "Europe/Berlin",
    "America/New_York",
    "Asia/Kolkata",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "America/Sao_Paulo",
    "Asia/Kathmandu",
    "America/St_Johns",
]
PASSCODE_ALPHABET = string.ascii_letters + string.digits + "@_*-"


#: What the rules accept: a topic is one line with no control characters or lone
#: surrogates; an agenda may also hold tabs and line breaks.
TOPIC_CHARS = st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp"))
AGENDA_CHARS = st.characters(exclude_categories=("Cc", "Cs"), include_characters="\t\n\r")


@st.composite
def recurrences(draw: st.DrawFn, start: datetime) -> Recurrence:
    kind = draw(st.sampled_from(RecurrenceType))
    limit = {RecurrenceType.DAILY: 90, RecurrenceType.WEEKLY: 12, RecurrenceType.MONTHLY: 3}
    fields: dict[str, Any] = {"repeat_interval": draw(st.integers(1, limit[kind]))}
    if kind == RecurrenceType.WEEKLY:
        fields["weekly_days"] = tuple(draw(st.sets(st.integers(1, 7), min_size=1)))
    elif kind == RecurrenceType.MONTHLY:
        if draw(st.booleans()):
            fields["monthly_day"] = draw(st.integers(1, 31))
        else:
            fields["monthly_week"] = draw(st.sampled_from([-1, 1, 2, 3, 4]))
            fields["monthly_week_day"] = draw(st.integers(1, 7))
    if draw(st.booleans()):
        fields["end_times"] = draw(st.integers(1, 60))
    else:
        fields["end_date"] = start.date() + timedelta(days=draw(st.integers(1, 800)))
    return Recurrence(kind, **fields)


@st.composite
def valid_drafts(draw: st.DrawFn) -> MeetingDraft:
    zone = draw(st.sampled_from(ZONES))
    kind = draw(st.sampled_from(MeetingType))
    # A day after NOW: wall times in zones up to UTC+14 are still in the future.
    start = draw(st.datetimes(datetime(2026, 3, 3), datetime(2035, 12, 31)))
    start = start.replace(second=0, microsecond=0)
    if not wallclock.exists(start, ZoneInfo(zone)):
        start += timedelta(hours=1)  # out of any gap
    waiting_room = draw(st.booleans())
    return MeetingDraft(
        topic=draw(st.text(TOPIC_CHARS, min_size=1, max_size=200).filter(str.strip)),
        type=kind,
        start=start,
        timezone=zone,
        duration=draw(st.integers(1, 24 * 60)),
        passcode=draw(st.text(PASSCODE_ALPHABET, max_size=10)),
        agenda=draw(st.text(AGENDA_CHARS, max_size=2000)),
        settings=MeetingSettings(
            host_video=draw(st.booleans()),
            participant_video=draw(st.booleans()),
            join_before_host=not waiting_room and draw(st.booleans()),
            mute_upon_entry=draw(st.booleans()),
            waiting_room=waiting_room,
            auto_recording=draw(st.sampled_from(AutoRecording)),
        ),
        recurrence=draw(recurrences(start)) if kind == MeetingType.RECURRING_FIXED_TIME else None,
    )


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(valid_drafts())
def test_valid_drafts_make_bodies_zoom_accepts(meeting: MeetingDraft) -> None:
    assert meeting.validate(NOW) == {}
    validate_request("POST", "/users/me/meetings", meeting.to_zoom_json())


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(valid_drafts(), valid_drafts())
def test_patches_between_valid_drafts_fit_the_patch_schema(
    original: MeetingDraft, edited: MeetingDraft
) -> None:
    validate_request("PATCH", "/meetings/85746065432", edited.patch_from(original))


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(valid_drafts())
def test_a_draft_survives_the_round_trip_through_zoom_json(meeting: MeetingDraft) -> None:
    reply = meeting.to_zoom_json()
    reply.setdefault("timezone", meeting.timezone)  # Zoom names a zone even for instant ones
    if "start_time" in reply:  # Zoom answers in UTC
        instant = wallclock.to_instant(meeting.start or NOW, meeting.zone())
        reply["start_time"] = wallclock.format_utc(instant)
    back = MeetingDraft.from_zoom_json(reply)
    expected = dataclasses.replace(meeting, topic=meeting.topic.strip())
    if meeting.type not in (MeetingType.SCHEDULED, MeetingType.RECURRING_FIXED_TIME):
        expected.start = None
    assert back == expected
    assert back.patch_from(meeting) == {}


def test_recurring_no_fixed_time_and_instant_bodies_validate() -> None:
    for kind in (MeetingType.INSTANT, MeetingType.RECURRING_NO_FIXED_TIME):
        validate_request("POST", "/users/me/meetings", draft(type=kind).to_zoom_json())
