"""My defaults in config.json's ``defaults`` section, and Duplicate's new meeting."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

import pytest

from zoomdesk.core import config, paths
from zoomdesk.core.errors import StoreError
from zoomdesk.core.meeting import (
    Audio,
    AutoRecording,
    Encryption,
    MeetingDraft,
    MeetingSettings,
    MeetingType,
    Recurrence,
    RecurrenceType,
)
from zoomdesk.core.meeting_defaults import (
    MeetingDefaults,
    defaults_of,
    duplicate,
    load_defaults,
    save_defaults,
)

NOW = datetime(2026, 4, 1, 7, 5, tzinfo=UTC)  # 09:05 in Berlin
USUAL = MeetingSettings(
    waiting_room=False,
    mute_upon_entry=True,
    auto_recording=AutoRecording.LOCAL,
    alternative_hosts=("kim.lee@zoomdesk.test",),
    encryption_type=Encryption.END_TO_END,
    audio=Audio.VOIP,
    auto_start_meeting_summary=False,
)


def test_nothing_saved_starts_from_zoomdesks_own() -> None:
    defaults = load_defaults()
    assert defaults.empty
    draft = defaults.start("Sync", "Europe/Berlin", NOW)
    assert (draft.duration, draft.timezone, draft.settings) == (
        60,
        "Europe/Berlin",
        MeetingSettings(),
    )
    assert draft.start == datetime(2026, 4, 1, 9, 30)


def test_saved_defaults_come_back_and_start_new_meetings() -> None:
    draft = MeetingDraft.new("Sync", NOW, "Asia/Tokyo", duration=45)
    draft.settings = USUAL
    draft.agenda, draft.passcode = "not kept", "Secret1"
    save_defaults(defaults_of(draft))
    saved = json.loads(paths.config_path().read_text())["defaults"]
    assert saved["duration"] == 45 and saved["timezone"] == "Asia/Tokyo"
    assert saved["settings"]["encryption_type"] == "e2ee"  # Zoom's own names
    assert "agenda" not in json.dumps(saved) and "Secret1" not in json.dumps(saved)
    new = load_defaults().start("Next", "Europe/Berlin", NOW)
    assert (new.duration, new.timezone, new.settings) == (45, "Asia/Tokyo", USUAL)
    assert new.start == datetime(2026, 4, 1, 16, 30)  # the next half hour in Tokyo
    assert new.validate(NOW) == {}


def test_defaults_are_kept_through_a_settings_save() -> None:
    save_defaults(MeetingDefaults(duration=30, timezone="Europe/Berlin"))
    config.save_file({"client_id": "cid", "redirect_uri": "https://example.com/cb"})
    assert load_defaults() == MeetingDefaults(duration=30, timezone="Europe/Berlin")
    assert config.load_file()["client_id"] == "cid"


@pytest.mark.parametrize(
    ("section", "kept"),
    [
        ({"duration": 0, "timezone": "Mars/Olympus"}, MeetingDefaults()),
        ({"duration": True, "timezone": 7, "settings": "off"}, MeetingDefaults()),
        ({"duration": 99999}, MeetingDefaults()),
        (
            {"duration": 30, "settings": {"waiting_room": "yes", "audio": "voip", "bogus": 1}},
            MeetingDefaults(duration=30, settings=MeetingSettings(audio=Audio.VOIP)),
        ),
    ],
)
def test_a_hand_edited_section_keeps_what_it_can(
    section: dict[str, object], kept: MeetingDefaults, caplog: pytest.LogCaptureFixture
) -> None:
    config.save_section("defaults", section)
    with caplog.at_level(logging.WARNING):
        assert load_defaults() == kept


def test_a_damaged_config_file_is_not_overwritten() -> None:
    path = paths.config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json")
    assert load_defaults().empty
    with pytest.raises(StoreError):
        save_defaults(MeetingDefaults(duration=30))
    assert not path.exists()  # moved aside for the user, not replaced by the defaults alone
    (aside,) = path.parent.glob("config.json.corrupt-*")
    assert aside.read_text() == "{not json"


def test_duplicate_is_the_same_meeting_at_the_next_half_hour_in_its_zone() -> None:
    original = MeetingDraft(
        topic="Weekly",
        type=MeetingType.RECURRING_FIXED_TIME,
        start=datetime(2026, 1, 5, 10, 0),
        timezone="America/New_York",
        duration=45,
        passcode="Ab3xY9",
        agenda="Notes",
        settings=USUAL,
        recurrence=Recurrence(RecurrenceType.WEEKLY, weekly_days=(2,), end_times=5),
    )
    twin = duplicate(original, NOW)
    assert twin.start == datetime(2026, 4, 1, 3, 30)  # 07:05 UTC is 03:05 in New York
    assert twin.passcode != "Ab3xY9" and len(twin.passcode) == 8
    same = ("topic", "type", "timezone", "duration", "agenda", "settings", "recurrence")
    assert all(getattr(twin, f) == getattr(original, f) for f in same)
    assert original.start == datetime(2026, 1, 5, 10, 0)  # the original is untouched


def test_duplicate_of_a_meeting_without_a_time_keeps_none() -> None:
    original = MeetingDraft(topic="Room", type=MeetingType.RECURRING_NO_FIXED_TIME, passcode="")
    twin = duplicate(original, NOW)
    assert twin.start is None and twin.passcode == ""
