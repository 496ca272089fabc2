"""The meeting Options in the core: rules, E2EE's conflicts, templates, Zoom's JSON both ways.

Every body here is also checked against Zoom's published request schemas
(``validate_request``). ``auto_start_meeting_summary`` is newer than both
exports: ``zoom_schema.NEWER_SETTINGS`` adds it on purpose, and
``test_the_summary_is_newer_than_the_exports`` fails once an export has it.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from typing import Any

import pytest
import zoom_schema
from meeting_drafts import draft
from zoom_schema import validate_request

from zoomdesk.core.meeting import (
    CLASSIC_SETTINGS,
    E2EE_CONFLICTS,
    E2EE_TURNS_OFF,
    OPTION_SETTINGS,
    ApprovalType,
    Audio,
    AutoRecording,
    Encryption,
    MeetingDraft,
    MeetingSettings,
    MeetingTemplate,
    MeetingType,
    Recurrence,
    RecurrenceType,
    RegistrationType,
    e2ee_conflicts,
    is_email,
    templates_from_zoom_json,
    without_e2ee_conflicts,
)

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
EVERYTHING = MeetingSettings(
    use_pmi=False,
    alternative_hosts=("alex.chen@zoomdesk.test", "kim.lee@zoomdesk.test"),
    meeting_invitees=("ada@example.com", "grace@example.org"),
    approval_type=ApprovalType.MANUAL,
    registration_type=RegistrationType.EACH_OCCURRENCE,
    encryption_type=Encryption.ENHANCED,
    audio=Audio.TELEPHONY,
    auto_start_meeting_summary=True,
)


def weekly(**changes: Any) -> MeetingDraft:
    rec = Recurrence(RecurrenceType.WEEKLY, weekly_days=(4,), end_times=3)
    return draft(type=MeetingType.RECURRING_FIXED_TIME, recurrence=rec, **changes)


def options(**changes: Any) -> MeetingDraft:
    return draft(settings=dataclasses.replace(MeetingSettings(), **changes))


def problems(d: MeetingDraft, **kw: Any) -> dict[str, str]:
    return d.validate(NOW, **kw)


# -- Zoom's JSON both ways ---------------------------------------------------------------


def test_options_left_unset_are_not_sent() -> None:
    body = draft().to_zoom_json()
    assert set(body["settings"]) == CLASSIC_SETTINGS
    assert "template_id" not in body
    validate_request("POST", "/users/me/meetings", body)


def test_every_option_goes_as_zoom_names_and_values() -> None:
    body = weekly(settings=EVERYTHING).to_zoom_json()
    validate_request("POST", "/users/me/meetings", body)
    assert {k: body["settings"][k] for k in OPTION_SETTINGS} == {
        "use_pmi": False,
        "alternative_hosts": "alex.chen@zoomdesk.test;kim.lee@zoomdesk.test",
        "meeting_invitees": [{"email": "ada@example.com"}, {"email": "grace@example.org"}],
        "approval_type": 1,
        "registration_type": 2,
        "encryption_type": "enhanced_encryption",
        "audio": "telephony",
        "auto_start_meeting_summary": True,
    }


def test_registration_type_goes_only_with_a_fixed_time_series() -> None:
    assert "registration_type" not in draft(settings=EVERYTHING).to_zoom_json()["settings"]
    assert weekly(settings=EVERYTHING).to_zoom_json()["settings"]["registration_type"] == 2


@pytest.mark.parametrize("kind", [MeetingType.SCHEDULED, MeetingType.RECURRING_FIXED_TIME])
def test_zooms_answer_comes_back_as_the_same_draft(kind: MeetingType) -> None:
    sent = (weekly if kind == MeetingType.RECURRING_FIXED_TIME else draft)(settings=EVERYTHING)
    answer = {**sent.to_zoom_json(), "id": 85746065432, "start_time": "2026-04-01T07:30:00Z"}
    back = MeetingDraft.from_zoom_json(answer)
    expected = sent.settings
    if kind != MeetingType.RECURRING_FIXED_TIME:
        expected = dataclasses.replace(expected, registration_type=None)
    assert back.settings == expected
    assert back.patch_from(back) == {}


def test_an_option_zoom_sends_in_a_form_zoomdesk_cannot_read_is_left_unsent() -> None:
    odd = {"audio": "pigeon", "use_pmi": "yes", "approval_type": True, "encryption_type": 3}
    answer = {"id": 1, "type": 2, "settings": {**odd, "meeting_invitees": "a@b.c"}}
    parsed = MeetingDraft.from_zoom_json(answer).settings
    assert all(getattr(parsed, key) is None for key in OPTION_SETTINGS)
    assert set(parsed.to_zoom_json()) == CLASSIC_SETTINGS


def test_third_party_audio_is_kept_as_zoom_has_it() -> None:
    parsed = MeetingDraft.from_zoom_json({"id": 1, "type": 2, "settings": {"audio": "thirdParty"}})
    assert parsed.settings.audio == Audio.THIRD_PARTY
    assert parsed.patch_from(parsed) == {}


@pytest.mark.parametrize(
    ("change", "patch"),
    [
        ({"use_pmi": True}, {"use_pmi": True}),
        ({"alternative_hosts": ()}, {"alternative_hosts": ""}),
        ({"meeting_invitees": ("ada@example.com",)},
         {"meeting_invitees": [{"email": "ada@example.com"}]}),
        ({"approval_type": ApprovalType.NO_REGISTRATION}, {"approval_type": 2}),
        ({"encryption_type": Encryption.END_TO_END, "audio": Audio.VOIP,
          "auto_start_meeting_summary": False},
         {"encryption_type": "e2ee", "audio": "voip", "auto_start_meeting_summary": False}),
    ],
)  # fmt: skip
def test_the_patch_carries_only_the_changed_options(
    change: dict[str, Any], patch: dict[str, Any]
) -> None:
    before = MeetingDraft.from_zoom_json(
        {**draft(settings=EVERYTHING).to_zoom_json(), "id": 1, "start_time": "2026-04-01T07:30:00Z"}
    )
    after = dataclasses.replace(before, settings=dataclasses.replace(before.settings, **change))
    body = after.patch_from(before)
    assert body == {"settings": patch}
    validate_request("PATCH", "/meetings/1", body)


def test_an_option_left_unset_is_never_sent_back_as_a_change() -> None:
    before = MeetingDraft.from_zoom_json({**draft(settings=EVERYTHING).to_zoom_json(), "id": 1})
    # A form that knows only the classic settings builds them anew: the options stay out.
    classic = {k: getattr(before.settings, k) for k in CLASSIC_SETTINGS}
    after = dataclasses.replace(before, settings=MeetingSettings(**{**classic, "host_video": True}))
    assert after.patch_from(before) == {"settings": {"host_video": True}}


def test_a_template_leaves_the_classic_settings_to_zoom() -> None:
    chosen = draft().with_template("Dv4YdINdTk+Z5RToadh5ug==")
    chosen.left_to_template -= {"host_video"}
    body = chosen.to_zoom_json()
    assert body["template_id"] == "Dv4YdINdTk+Z5RToadh5ug=="
    assert body["settings"] == {"host_video": False}
    validate_request("POST", "/users/me/meetings", body)
    assert draft().with_template("").left_to_template == frozenset()


def test_a_template_in_an_update_sends_the_id_and_what_was_chosen() -> None:
    before = MeetingDraft.from_zoom_json({**draft().to_zoom_json(), "id": 1})
    after = before.with_template("AdxbhxCzKgSiWAw")
    assert after.patch_from(before) == {"template_id": "AdxbhxCzKgSiWAw"}
    validate_request("PATCH", "/meetings/1", after.patch_from(before))


# -- rules -------------------------------------------------------------------------------


def test_every_option_set_validly_passes() -> None:
    assert problems(weekly(settings=EVERYTHING)) == {}


def test_the_pmi_is_refused_for_a_fixed_time_series_naming_the_field() -> None:
    found = problems(weekly(settings=dataclasses.replace(MeetingSettings(), use_pmi=True)))
    assert list(found) == ["settings.use_pmi"]
    assert "Personal Meeting ID" in found["settings.use_pmi"]
    for kind in (MeetingType.INSTANT, MeetingType.SCHEDULED, MeetingType.RECURRING_NO_FIXED_TIME):
        assert problems(dataclasses.replace(options(use_pmi=True), type=kind)) == {}


def test_registration_and_the_pmi_exclude_each_other() -> None:
    for approval in (ApprovalType.AUTOMATIC, ApprovalType.MANUAL):
        found = problems(options(use_pmi=True, approval_type=approval))
        assert list(found) == ["settings.approval_type"]
    assert problems(options(use_pmi=True, approval_type=ApprovalType.NO_REGISTRATION)) == {}


@pytest.mark.parametrize("key", ["alternative_hosts", "meeting_invitees"])
@pytest.mark.parametrize(
    "bad", ["ada", "ada@", "@example.com", "ada@example", "a b@example.com", "ada@exa_mple.com",
            "ada@example.com\n", "x" * 250 + "@example.com"]
)  # fmt: skip
def test_addresses_are_checked_for_syntax(key: str, bad: str) -> None:
    found = problems(options(**{key: ("ok@example.com", bad)}))
    assert list(found) == [f"settings.{key}"]
    assert "e-mail address" in found[f"settings.{key}"]
    assert "ok@example.com" not in found[f"settings.{key}"]


def test_a_repeated_address_is_refused() -> None:
    found = problems(options(alternative_hosts=("Ada@example.com", "ada@example.com")))
    assert "only once" in found["settings.alternative_hosts"]


def test_addresses_left_as_zoom_has_them_are_not_judged() -> None:
    # Zoom takes user IDs as alternative hosts too; an update does not send them back.
    before = options(alternative_hosts=("z8yAAAAA8bbbQ",))
    assert problems(before) != {}
    assert problems(dataclasses.replace(before, topic="Moved"), original=before) == {}


def test_is_email() -> None:
    assert is_email("ada.lovelace+zoom@mail.example.co.uk")
    assert not is_email("ada@localhost") and not is_email("")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"join_before_host": True, "waiting_room": False}, "settings.join_before_host"),
        ({"auto_recording": AutoRecording.CLOUD}, "settings.auto_recording"),
        ({"audio": Audio.BOTH}, "settings.audio"),
        ({"audio": Audio.TELEPHONY}, "settings.audio"),
        ({"auto_start_meeting_summary": True}, "settings.auto_start_meeting_summary"),
    ],
)
def test_each_e2ee_conflict_is_refused_on_its_own_field(change: dict[str, Any], field: str) -> None:
    chosen = options(encryption_type=Encryption.END_TO_END, **change)
    found = problems(chosen)
    assert list(found) == [field]
    assert "End-to-end encryption turns off" in found[field]
    assert e2ee_conflicts(chosen.settings) == {field: E2EE_CONFLICTS[field]}
    # The same settings are fine with enhanced encryption.
    assert problems(options(encryption_type=Encryption.ENHANCED, **change)) == {}


def test_without_e2ee_conflicts_turns_off_what_e2ee_excludes_and_nothing_else() -> None:
    busy = MeetingSettings(
        join_before_host=True, waiting_room=False, auto_recording=AutoRecording.CLOUD,
        audio=Audio.BOTH, auto_start_meeting_summary=True, host_video=True,
    )  # fmt: skip
    assert without_e2ee_conflicts(busy) == busy  # not end-to-end: untouched
    e2ee = dataclasses.replace(busy, encryption_type=Encryption.END_TO_END)
    calm = without_e2ee_conflicts(e2ee)
    assert e2ee_conflicts(calm) == {}
    assert calm == dataclasses.replace(
        e2ee, join_before_host=False, auto_recording=AutoRecording.NONE, audio=Audio.VOIP,
        auto_start_meeting_summary=False,
    )  # fmt: skip
    local = dataclasses.replace(e2ee, auto_recording=AutoRecording.LOCAL)
    assert without_e2ee_conflicts(local).auto_recording == AutoRecording.LOCAL
    assert {"join before host", "cloud recording"} <= set(E2EE_TURNS_OFF)


@pytest.mark.parametrize("bad", ["two words", "tab\there", "x" * 129, "new\nline"])
def test_a_template_id_is_one_short_word(bad: str) -> None:
    assert list(problems(draft(template_id=bad))) == ["template_id"]
    assert problems(draft(template_id="Dv4YdINdTk+Z5RToadh5ug==")) == {}


def test_templates_from_zooms_answer() -> None:
    answer = {
        "templates": [
            {"id": "AdxbhxCzKgSiWAw", "name": "Lecture", "type": 2},
            {"id": "", "name": "no id"},
            "junk",
            {"id": "u1", "name": None, "type": True},
        ],
        "total_records": 4,
    }
    assert templates_from_zoom_json(answer) == [
        MeetingTemplate("AdxbhxCzKgSiWAw", "Lecture", 2),
        MeetingTemplate("u1", "", 0),
    ]
    assert templates_from_zoom_json(answer)[0].is_admin
    assert templates_from_zoom_json({"templates": "nope"}) == []


def test_the_summary_is_newer_than_the_exports() -> None:
    # If this fails, Zoom's export has caught up: drop the entry from NEWER_SETTINGS.
    for version in zoom_schema.VERSIONS:
        for op in ("POST /users/me/meetings", "PATCH /meetings/1"):
            method, path = op.split(" ")
            published = zoom_schema.request_schema(method, path, version)
            assert (
                "auto_start_meeting_summary"
                not in published["properties"]["settings"]["properties"]
            )
    body = options(auto_start_meeting_summary="yes").to_zoom_json()
    with pytest.raises(AssertionError, match="auto_start_meeting_summary"):
        validate_request("POST", "/users/me/meetings", body)
