"""The Options flags in-process: create bodies and PATCH diffs (schema-checked), and refusals."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from typing import Any

import pytest
from zoom_schema import skip_reason, validate_request

from zoomdesk.cli.args import build_parser
from zoomdesk.cli.draft import (
    InvalidInputError,
    draft_for_create,
    patch_for_update,
    precheck_update,
)
from zoomdesk.core.meeting import CLASSIC_SETTINGS

NOW = datetime(2030, 1, 1, 12, 0, tzinfo=UTC)
START = ("--start", "2030-02-03T09:30")
ORIGINAL: dict[str, Any] = {
    "id": 123,
    "topic": "Old",
    "type": 2,
    "start_time": "2030-02-03T08:30:00Z",
    "timezone": "Europe/Berlin",
    "duration": 30,
    "password": "abc123",
    "agenda": "",
    "settings": {
        "host_video": False,
        "participant_video": False,
        "join_before_host": False,
        "mute_upon_entry": False,
        "waiting_room": True,
        "auto_recording": "cloud",
        "use_pmi": False,
        "alternative_hosts": "alex.chen@zoomdesk.test",
        "approval_type": 2,
        "encryption_type": "enhanced_encryption",
        "audio": "voip",
        "auto_start_meeting_summary": False,
    },
}


@pytest.fixture(autouse=True)
def _berlin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")


def check(method: str, path: str, body: dict[str, Any]) -> None:
    if skip_reason() is None:
        validate_request(method, path, body)


def args(action: str, *flags: str) -> argparse.Namespace:
    words = ["meetings", "create", "--topic", "Sync"] if action == "create" else [
        "meetings", "update", "123"
    ]  # fmt: skip
    return build_parser().parse_args([*words, *flags])


def body(*flags: str) -> dict[str, Any]:
    result = draft_for_create(args("create", *flags), NOW).to_zoom_json()
    check("POST", "/users/me/meetings", result)
    return result


def create_problems(*flags: str) -> dict[str, str]:
    with pytest.raises(InvalidInputError) as info:
        draft_for_create(args("create", *flags), NOW)
    return info.value.problems


def patch(*flags: str, original: dict[str, Any] = ORIGINAL) -> dict[str, Any]:
    a = args("update", *flags)
    precheck_update(a, NOW)
    result = patch_for_update(original, a, NOW)
    if result:
        check("PATCH", "/meetings/123", result)
    return result


def update_problems(*flags: str, original: dict[str, Any] = ORIGINAL) -> dict[str, str]:
    a = args("update", *flags)
    with pytest.raises(InvalidInputError) as info:
        precheck_update(a, NOW)
        patch_for_update(original, a, NOW)
    return info.value.problems


@pytest.mark.parametrize(
    ("flags", "settings"),
    [
        (("--use-pmi",), {"use_pmi": True}),
        (("--alternative-hosts", "a@example.com, b@example.org"),
         {"alternative_hosts": "a@example.com;b@example.org"}),
        (("--invitees", "ada@example.com"), {"meeting_invitees": [{"email": "ada@example.com"}]}),
        (("--registration", "auto"), {"approval_type": 0}),
        (("--registration", "manual"), {"approval_type": 1}),
        (("--registration", "off"), {"approval_type": 2}),
        (("--encryption", "enhanced"), {"encryption_type": "enhanced_encryption"}),
        (("--encryption", "e2ee"), {"encryption_type": "e2ee"}),
        (("--audio", "both"), {"audio": "both"}),
        (("--audio", "telephony"), {"audio": "telephony"}),
        (("--audio", "voip"), {"audio": "voip"}),
        (("--auto-summary",), {"auto_start_meeting_summary": True}),
        (("--no-auto-summary",), {"auto_start_meeting_summary": False}),
    ],
)  # fmt: skip
def test_each_option_flag_sets_its_zoom_field(
    flags: tuple[str, ...], settings: dict[str, Any]
) -> None:
    sent = body(*START, *flags)["settings"]
    assert {k: v for k, v in sent.items() if k not in CLASSIC_SETTINGS} == settings


def test_without_option_flags_no_option_is_sent() -> None:
    assert set(body(*START)["settings"]) == CLASSIC_SETTINGS


def test_a_template_supplies_the_settings_not_given() -> None:
    sent = body(*START, "--template", "AdxbhxCzKgSiWAw", "--host-video", "--audio", "voip")
    assert sent["template_id"] == "AdxbhxCzKgSiWAw"
    assert sent["settings"] == {"host_video": True, "audio": "voip"}
    jbh = body(*START, "--template", "AdxbhxCzKgSiWAw", "--join-before-host")["settings"]
    assert jbh == {"join_before_host": True, "waiting_room": False}


@pytest.mark.parametrize(
    ("flags", "field"),
    [
        (("--use-pmi", "--recurrence", "daily", "--end-times", "3"), "settings.use_pmi"),
        (("--use-pmi", "--registration", "manual"), "settings.approval_type"),
        (("--encryption", "e2ee", "--join-before-host"), "settings.join_before_host"),
        (("--encryption", "e2ee", "--auto-recording", "cloud"), "settings.auto_recording"),
        (("--encryption", "e2ee", "--audio", "both"), "settings.audio"),
        (("--encryption", "e2ee", "--auto-summary"), "settings.auto_start_meeting_summary"),
        (("--alternative-hosts", "ada@example.com,nobody"), "settings.alternative_hosts"),
        (("--invitees", "ada@"), "settings.meeting_invitees"),
        (("--template", "two words"), "template_id"),
    ],
)
def test_refusals_name_zooms_field(flags: tuple[str, ...], field: str) -> None:
    assert list(create_problems(*START, *flags)) == [field]


def test_the_message_names_the_flag() -> None:
    with pytest.raises(InvalidInputError) as info:
        draft_for_create(args("create", "--encryption", "e2ee", "--audio", "telephony"), NOW)
    [line] = info.value.lines()
    assert line.startswith("invalid settings.audio (--audio): End-to-end encryption turns off")


# -- update ---------------------------------------------------------------------------


def test_an_update_sends_only_the_changed_options() -> None:
    assert patch("--use-pmi") == {"settings": {"use_pmi": True}}
    assert patch("--alternative-hosts", "") == {"settings": {"alternative_hosts": ""}}
    assert patch("--audio", "voip") == {}  # already so
    assert patch("--template", "Dv4YdINdTk+Z5RToadh5ug==") == {
        "template_id": "Dv4YdINdTk+Z5RToadh5ug=="
    }
    assert patch("--encryption", "e2ee", "--auto-recording", "local") == {
        "settings": {"encryption_type": "e2ee", "auto_recording": "local"}
    }


def test_e2ee_on_a_meeting_with_cloud_recording_says_what_to_change() -> None:
    found = update_problems("--encryption", "e2ee")
    assert list(found) == ["settings.auto_recording"]


def test_a_series_cannot_take_the_pmi_the_meeting_had() -> None:
    with_pmi = {**ORIGINAL, "settings": {**ORIGINAL["settings"], "use_pmi": True}}
    found = update_problems("--recurrence", "weekly", "--end-times", "3", original=with_pmi)
    assert list(found) == ["settings.use_pmi"]


def test_bad_addresses_are_refused_before_zoom_is_asked() -> None:
    a = args("update", "--invitees", "not-an-address")
    with pytest.raises(InvalidInputError) as info:
        precheck_update(a, NOW)
    assert list(info.value.problems) == ["settings.meeting_invitees"]


@pytest.mark.parametrize(
    "flags", [("--audio", "voip"), ("--use-pmi",), ("--template", "AdxbhxCzKgSiWAw")]
)
def test_one_occurrence_takes_no_option(flags: tuple[str, ...]) -> None:
    a = args("update", "--occurrence-id", "1775028600000", *flags)
    with pytest.raises(InvalidInputError) as info:
        precheck_update(a, NOW)
    assert "whole series" in next(iter(info.value.problems.values()))
