"""The sandbox's meeting options: templates, PMI, hosts, invitees, registration, E2EE, paging.

The ``Api`` helper checks every request body meant to be valid, and every
answer, against Zoom's published schemas (``zoom_schema``), including the two
operations outside the cut (templates, invitation).
"""

from __future__ import annotations

from typing import Any

import pytest
import requests
from sandbox_support import TIMEOUT, Api, sign_in
from zoom_schema import LATEST, validate_error, validate_request, validate_response

from zoomdesk.sandbox import SANDBOX_EMAIL, Sandbox
from zoomdesk.sandbox.model import SCOPES

MEETING = {
    "topic": "Options",
    "type": 2,
    "start_time": "2026-04-10T10:00:00",
    "timezone": "Europe/Berlin",
}
SERIES = {
    **MEETING,
    "type": 8,
    "recurrence": {"type": 1, "repeat_interval": 1, "end_times": 3},
}
TOWN_HALL, LECTURE, OWN = "Dv4YdINdTk+Z5RToadh5ug==", "AdxbhxCzKgSiWAw", "uL8pQx3vR0aYc5dE"


def refused(api: Api, body: dict[str, Any], *, status: int = 400) -> dict[str, Any]:
    response = api.call("POST", "/users/me/meetings", body, valid=False)
    assert response.status_code == status, response.text
    error: dict[str, Any] = response.json()
    validate_error(error)
    return error


def fields(error: dict[str, Any]) -> list[str]:
    return [e["field"] for e in error.get("errors", [])]


# -- what is stored comes back ------------------------------------------------------------


def test_every_option_round_trips(api: Api) -> None:
    settings = {
        "alternative_hosts": "alex.chen@zoomdesk.test;kim.lee@zoomdesk.test",
        "meeting_invitees": [{"email": "ada@example.com"}],
        "approval_type": 1,
        "registration_type": 3,
        "encryption_type": "enhanced_encryption",
        "audio": "telephony",
        "auto_start_meeting_summary": True,
    }
    meeting = api.create({**SERIES, "settings": settings})
    got = api.get(meeting["id"])
    assert {k: got["settings"][k] for k in settings} == settings
    assert got["registration_url"].endswith(f"/meeting/register/{meeting['id']}")


def test_a_series_registration_type_is_dropped_elsewhere(api: Api) -> None:
    meeting = api.create({**MEETING, "settings": {"approval_type": 0, "registration_type": 2}})
    assert "registration_type" not in api.get(meeting["id"])["settings"]


def test_the_pmi(api: Api) -> None:
    pmi = api.call("GET", "/users/me").json()["pmi"]
    assert isinstance(pmi, int) and pmi >= 10**9
    # A meeting's ``pmi`` is a string in 2023-10 (create and get) and in 2023-07's get;
    # 2023-07's create says integer. The sandbox follows the newer export.
    body = {**MEETING, "settings": {"use_pmi": True}}
    validate_request("POST", "/users/me/meetings", body)
    response = api.session.post(
        api.sandbox.url + "/v2/users/me/meetings",
        json=body,
        headers={"Authorization": f"Bearer {api.token}"},
        timeout=TIMEOUT,
    )
    validate_response("POST", "/users/me/meetings", 201, response.json(), versions=[LATEST])
    assert response.json()["pmi"] == str(pmi)
    assert api.get(response.json()["id"])["pmi"] == str(pmi)
    assert "pmi" not in api.create(MEETING)


def test_the_pmi_is_refused_for_a_fixed_time_series(api: Api) -> None:
    error = refused(api, {**SERIES, "settings": {"use_pmi": True}})
    assert (error["code"], fields(error)) == (300, ["settings.use_pmi"])


def test_registration_is_refused_with_the_pmi(api: Api) -> None:
    error = refused(api, {**MEETING, "settings": {"use_pmi": True, "approval_type": 0}})
    assert fields(error) == ["settings.approval_type"]


# -- end-to-end encryption -------------------------------------------------------------


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("join_before_host", True),
        ("auto_recording", "cloud"),
        ("audio", "both"),
        ("audio", "telephony"),
        ("auto_start_meeting_summary", True),
    ],
)
def test_e2ee_conflicts_are_refused_like_zoom(api: Api, setting: str, value: Any) -> None:
    body = {**MEETING, "settings": {"encryption_type": "e2ee", setting: value}}
    error = refused(api, body)
    assert (error["code"], error["message"]) == (300, "Validation Failed.")
    assert fields(error) == [f"settings.{setting}"]
    calm = api.create({**MEETING, "settings": {"encryption_type": "e2ee", "audio": "voip"}})
    assert api.get(calm["id"])["settings"]["encryption_type"] == "e2ee"


def test_e2ee_in_an_update_meets_what_is_stored(api: Api) -> None:
    meeting = api.create({**MEETING, "settings": {"auto_recording": "cloud"}})
    response = api.call(
        "PATCH", f"/meetings/{meeting['id']}", {"settings": {"encryption_type": "e2ee"}}
    )
    assert response.status_code == 400
    assert fields(response.json()) == ["settings.auto_recording"]
    both = {"encryption_type": "e2ee", "auto_recording": "local"}
    assert api.call("PATCH", f"/meetings/{meeting['id']}", {"settings": both}).status_code == 204


# -- addresses ------------------------------------------------------------------------


def test_an_alternative_host_outside_the_account_is_zooms_1114(api: Api) -> None:
    body = {**MEETING, "settings": {"alternative_hosts": "alex.chen@zoomdesk.test;eve@x.test"}}
    error = refused(api, body)
    assert error["code"] == 1114 and "eve@x.test" in error["message"]
    assert "errors" not in error
    ok = {"alternative_hosts": f"ALEX.CHEN@zoomdesk.test;{SANDBOX_EMAIL}"}
    meeting = api.create({**MEETING, "settings": ok})
    response = api.call(
        "PATCH", f"/meetings/{meeting['id']}", {"settings": {"alternative_hosts": "eve@x.test"}}
    )
    assert (response.status_code, response.json()["code"]) == (400, 1114)


@pytest.mark.parametrize(
    "invitees",
    [[{"email": "not an address"}], [{"email": 7}], ["ada@example.com"], {"email": "a@b.co"}],
)
def test_invitees_are_checked(api: Api, invitees: Any) -> None:
    error = refused(api, {**MEETING, "settings": {"meeting_invitees": invitees}})
    assert fields(error) == ["settings.meeting_invitees"]


@pytest.mark.parametrize(
    ("setting", "value"),
    [("auto_start_meeting_summary", "yes"), ("encryption_type", "quantum"), ("audio", "both ")],
)
def test_option_types_are_checked(api: Api, setting: str, value: Any) -> None:
    assert fields(refused(api, {**MEETING, "settings": {setting: value}})) == [
        f"settings.{setting}"
    ]


# -- templates -------------------------------------------------------------------------


def test_templates_are_listed(api: Api) -> None:
    answer = api.call("GET", "/users/me/meeting_templates").json()
    assert answer["total_records"] == len(answer["templates"]) == 3
    assert {t["id"]: t["type"] for t in answer["templates"]} == {TOWN_HALL: 2, LECTURE: 2, OWN: 1}
    assert api.call("GET", "/users/nobody/meeting_templates").json()["code"] == 1001


def test_a_template_fills_the_settings_the_body_leaves_out(api: Api) -> None:
    meeting = api.create({**MEETING, "template_id": LECTURE, "settings": {"host_video": False}})
    settings = api.get(meeting["id"])["settings"]
    assert settings["auto_recording"] == "cloud" and settings["mute_upon_entry"] is True
    assert settings["host_video"] is False  # the body's own choice wins
    assert "template_id" not in api.get(meeting["id"])
    api.call("PATCH", f"/meetings/{meeting['id']}", {"template_id": TOWN_HALL})
    assert api.get(meeting["id"])["settings"]["waiting_room"] is True


@pytest.mark.parametrize("template_id", ["nope", OWN, 7])
def test_unknown_and_personal_templates_are_refused(api: Api, template_id: Any) -> None:
    error = refused(api, {**MEETING, "template_id": template_id})
    assert fields(error) == ["template_id"]


# -- invitation and scopes -----------------------------------------------------------------


def test_the_invitation_is_zooms_text(api: Api) -> None:
    meeting = api.create({**SERIES, "password": "abc123"})
    text = api.call("GET", f"/meetings/{meeting['id']}/invitation").json()["invitation"]
    assert text.startswith("Sandy Box is inviting you to a scheduled Zoom meeting.\r\n")
    assert "Topic: Options\r\n" in text and "Passcode: abc123\r\n" in text
    assert "Time: Apr 10, 2026 10:00 AM Europe, Berlin\r\n" in text
    assert "Every day, 3 occurrence(s)" in text
    assert api.call("GET", "/meetings/123456789/invitation").json()["code"] == 3001
    assert (
        api.call("POST", f"/meetings/{meeting['id']}/invitation", {}, valid=False).status_code
        == 405
    )


def test_a_token_without_the_scope_gets_4711(
    api: Api, sandbox: Sandbox, session: requests.Session
) -> None:
    meeting = api.create(MEETING)
    sandbox.set_scopes(SCOPES.replace("meeting:read:invitation", ""))
    narrow = Api(session, sandbox, sign_in(session, sandbox)["access_token"])
    response = narrow.call("GET", f"/meetings/{meeting['id']}/invitation")
    assert response.status_code == 400
    assert (
        response.json()["code"] == 4711 and "meeting:read:invitation" in response.json()["message"]
    )
    assert narrow.call("GET", "/users/me/meeting_templates").status_code == 200
    assert api.call("GET", f"/meetings/{meeting['id']}/invitation").status_code == 200


# -- paging ----------------------------------------------------------------------------


def test_the_page_size_knob_makes_a_few_meetings_page(api: Api, sandbox: Sandbox) -> None:
    for day in range(5):
        api.create({**MEETING, "start_time": f"2026-04-1{day}T10:00:00"})
    sandbox.set_max_page_size(2)
    sizes, token = [], ""
    while True:
        params: dict[str, Any] = {"page_size": 300, **({"next_page_token": token} if token else {})}
        page = api.call("GET", "/users/me/meetings", params=params).json()
        sizes.append(len(page["meetings"]))
        assert page["page_size"] == 2 and page["total_records"] == 5
        token = page["next_page_token"]
        if not token:
            break
    assert sizes == [2, 2, 1]
    with pytest.raises(ValueError, match="max_page_size"):
        sandbox.set_max_page_size(0)
