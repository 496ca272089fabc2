"""The REST API: user, meeting CRUD, listing with pages, validation, the daily limit.

Every response here passes Zoom's published schema (the ``Api`` helper checks),
and every body meant to be valid passes the request schema too.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
import requests
from sandbox_support import TIMEOUT, Api, FakeClock, sign_in
from zoom_schema import validate_error

from zoomdesk.sandbox import SANDBOX_EMAIL, Sandbox

SCHEDULED = {
    "topic": "Planning",
    "type": 2,
    "start_time": "2026-03-10T10:00:00",
    "timezone": "Europe/Berlin",
    "duration": 45,
    "password": "abc123",
    "agenda": "Next quarter",
    "settings": {"waiting_room": True, "join_before_host": True, "auto_recording": "cloud"},
}
WEEKLY = {
    "topic": "Stand-up",
    "type": 8,
    "start_time": "2026-03-17T10:00:00",
    "timezone": "Europe/Berlin",
    "duration": 15,
    "recurrence": {"type": 2, "repeat_interval": 1, "weekly_days": "3,5", "end_times": 6},
}


def ms(text: str) -> str:
    return str(int(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()) * 1000)


# -- user -------------------------------------------------------------------------------


def test_users_me(api: Api) -> None:
    response = api.call("GET", "/users/me")
    user = response.json()
    assert (user["first_name"], user["last_name"], user["email"]) == ("Sandy", "Box", SANDBOX_EMAIL)
    assert isinstance(user["id"], str) and user["id"]
    assert user["account_id"] and user["timezone"] == "Europe/Berlin"
    assert user["type"] == 2
    # Zoom accepts the user id and the email wherever "me" goes.
    assert api.call("GET", f"/users/{user['id']}").json() == user
    assert api.call("GET", f"/users/{SANDBOX_EMAIL}").json() == user


def test_unknown_user(api: Api) -> None:
    response = api.call("GET", "/users/someone@else.test")
    assert response.status_code == 404
    assert response.json() == {"code": 1001, "message": "User does not exist: someone@else.test."}
    assert api.call("GET", "/users/nobody/meetings").json()["code"] == 1001


def test_unknown_path_and_method(api: Api) -> None:
    assert api.call("GET", "/webinars/1").status_code == 404
    response = api.call("PUT", "/users/me/meetings")
    assert response.status_code == 405
    assert response.headers["Allow"] == "GET, POST"


# -- create and read ---------------------------------------------------------------------


def test_create_scheduled_meeting(api: Api, sandbox: Sandbox) -> None:
    meeting = api.create(SCHEDULED)
    assert 10**9 <= meeting["id"] < 10**11
    assert meeting["uuid"] and meeting["host_email"] == SANDBOX_EMAIL
    assert meeting["host_id"] == api.call("GET", "/users/me").json()["id"]
    assert meeting["status"] == "waiting"
    assert meeting["start_time"] == "2026-03-10T09:00:00Z"  # 10:00 in Berlin (CET)
    assert meeting["timezone"] == "Europe/Berlin"
    assert meeting["created_at"] == "2026-03-02T09:00:00Z"
    assert (meeting["duration"], meeting["topic"], meeting["agenda"]) == (
        45,
        "Planning",
        "Next quarter",
    )
    assert meeting["password"] == "abc123"
    assert meeting["h323_password"].isdigit() and meeting["pstn_password"].isdigit()
    assert meeting["join_url"] == (
        f"{sandbox.url}/j/{meeting['id']}?pwd={meeting['encrypted_password']}"
    )
    assert meeting["start_url"].startswith(f"{sandbox.url}/s/{meeting['id']}?zak=")
    settings = meeting["settings"]
    assert settings["waiting_room"] is True
    assert settings["join_before_host"] is False  # the waiting room wins, as at Zoom
    assert settings["auto_recording"] == "cloud"
    assert settings["mute_upon_entry"] is False  # a default
    assert "recurrence" not in meeting and "occurrences" not in meeting
    assert api.get(meeting["id"]) == meeting
    assert sandbox.state()["meeting_ids"] == [meeting["id"]]


def test_create_in_utc_with_z(api: Api) -> None:
    meeting = api.create({"topic": "UTC", "type": 2, "start_time": "2026-07-01T12:30:00Z"})
    assert meeting["start_time"] == "2026-07-01T12:30:00Z"
    assert meeting["timezone"] == "Europe/Berlin"  # the user's zone
    assert meeting["duration"] == 60
    assert 1 <= len(meeting["password"]) <= 10  # made up: the account requires a passcode


def test_local_start_without_timezone_uses_the_users(api: Api) -> None:
    meeting = api.create({"topic": "Local", "type": 2, "start_time": "2026-07-01T12:30:00"})
    assert meeting["start_time"] == "2026-07-01T10:30:00Z"  # Berlin summer time


def test_instant_and_no_fixed_time_meetings(api: Api) -> None:
    instant = api.create({"topic": "Now", "type": 1})
    assert instant["start_time"] == "2026-03-02T09:00:00Z"
    floating = api.create({"topic": "Whenever", "type": 3, "start_time": "2026-04-01T10:00:00Z"})
    assert "start_time" not in floating and "occurrences" not in floating
    assert "join_url" in floating


def test_weekly_series_follows_local_time_across_dst(api: Api) -> None:
    meeting = api.create(WEEKLY)
    starts = [o["start_time"] for o in meeting["occurrences"]]
    assert starts == [
        "2026-03-17T09:00:00Z",  # Tue, CET
        "2026-03-19T09:00:00Z",  # Thu
        "2026-03-24T09:00:00Z",
        "2026-03-26T09:00:00Z",
        "2026-03-31T08:00:00Z",  # CEST from 29 March: still 10:00 in Berlin
        "2026-04-02T08:00:00Z",
    ]
    for occurrence in meeting["occurrences"]:
        assert occurrence["occurrence_id"] == ms(occurrence["start_time"])
        assert (occurrence["duration"], occurrence["status"]) == (15, "available")
    assert meeting["start_time"] == starts[0]
    assert meeting["recurrence"] == WEEKLY["recurrence"]


def test_series_starts_on_its_first_matching_day(api: Api) -> None:
    body = {**WEEKLY, "start_time": "2026-03-16T10:00:00"}  # a Monday; days are Tue and Thu
    meeting = api.create(body)
    assert meeting["start_time"] == "2026-03-17T09:00:00Z"


def test_occurrences_get_patch_delete(api: Api) -> None:
    meeting = api.create(WEEKLY)
    second = meeting["occurrences"][1]["occurrence_id"]
    one = api.get(meeting["id"], occurrence_id=second)
    assert one["start_time"] == "2026-03-19T09:00:00Z"

    change = {"start_time": "2026-03-19T11:00:00", "duration": 30}
    response = api.call(
        "PATCH", f"/meetings/{meeting['id']}", change, params={"occurrence_id": second}
    )
    assert response.status_code == 204
    after = api.get(meeting["id"])
    moved = next(o for o in after["occurrences"] if o["occurrence_id"] == second)
    assert (moved["start_time"], moved["duration"]) == ("2026-03-19T10:00:00Z", 30)
    assert after["duration"] == 15  # the series is unchanged

    bad = api.call(
        "PATCH", f"/meetings/{meeting['id']}", {"topic": "x"}, params={"occurrence_id": second}
    )
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["field"] == "topic"

    deleted = api.call("DELETE", f"/meetings/{meeting['id']}", params={"occurrence_id": second})
    assert deleted.status_code == 204
    remaining = [o["occurrence_id"] for o in api.get(meeting["id"])["occurrences"]]
    assert second not in remaining and len(remaining) == 5
    for method in ("GET", "DELETE"):
        gone = api.call(method, f"/meetings/{meeting['id']}", params={"occurrence_id": second})
        assert gone.status_code == 400
        assert gone.json() == {"code": 3000, "message": "Invalid occurrence_id."}


def test_one_occurrence_has_its_own_waiting_room(api: Api) -> None:
    meeting = api.create({**WEEKLY, "settings": {"join_before_host": True}})
    mid, second = meeting["id"], meeting["occurrences"][1]["occurrence_id"]
    closed = api.call(
        "PATCH", f"/meetings/{mid}", {"settings": {"waiting_room": True}},
        params={"occurrence_id": second},
    )  # fmt: skip
    assert closed.status_code == 204
    settings = api.get(mid, occurrence_id=second)["settings"]
    assert (settings["waiting_room"], settings["join_before_host"]) == (True, False)
    series = api.get(mid)["settings"]
    assert (series["waiting_room"], series["join_before_host"]) == (False, True)


# -- update and delete ------------------------------------------------------------------


def test_patch_merges_settings_and_keeps_the_rest(api: Api) -> None:
    meeting = api.create(SCHEDULED)
    patch = {"topic": "Planning, v2", "settings": {"mute_upon_entry": True}}
    response = api.call("PATCH", f"/meetings/{meeting['id']}", patch)
    assert response.status_code == 204
    assert response.content == b""
    after = api.get(meeting["id"])
    assert after["topic"] == "Planning, v2"
    assert after["settings"]["mute_upon_entry"] is True
    assert after["settings"]["auto_recording"] == "cloud"  # kept
    assert after["start_time"] == meeting["start_time"]
    assert after["join_url"] == meeting["join_url"]


def test_patch_start_time_and_timezone(api: Api) -> None:
    meeting = api.create(SCHEDULED)
    api.call("PATCH", f"/meetings/{meeting['id']}", {"start_time": "2026-03-11T15:00:00"})
    assert api.get(meeting["id"])["start_time"] == "2026-03-11T14:00:00Z"
    change = {"start_time": "2026-03-11T15:00:00", "timezone": "America/New_York"}
    api.call("PATCH", f"/meetings/{meeting['id']}", change)
    after = api.get(meeting["id"])
    assert (after["start_time"], after["timezone"]) == ("2026-03-11T19:00:00Z", "America/New_York")


def test_patch_waiting_room_turns_join_before_host_off(api: Api) -> None:
    meeting = api.create({"topic": "JBH", "type": 2, "settings": {"join_before_host": True}})
    assert meeting["settings"]["join_before_host"] is True
    api.call("PATCH", f"/meetings/{meeting['id']}", {"settings": {"waiting_room": True}})
    settings = api.get(meeting["id"])["settings"]
    assert (settings["waiting_room"], settings["join_before_host"]) == (True, False)


def test_patch_password_changes_the_join_url(api: Api) -> None:
    meeting = api.create(SCHEDULED)
    api.call("PATCH", f"/meetings/{meeting['id']}", {"password": "n3w*pass"})
    after = api.get(meeting["id"])
    assert after["password"] == "n3w*pass"
    assert after["encrypted_password"] != meeting["encrypted_password"]
    assert after["join_url"].endswith("?pwd=" + after["encrypted_password"])


def test_patch_to_a_series_needs_a_recurrence(api: Api) -> None:
    meeting = api.create(SCHEDULED)
    response = api.call("PATCH", f"/meetings/{meeting['id']}", {"type": 8})
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["recurrence"]
    series = {"type": 8, "recurrence": {"type": 1, "repeat_interval": 2, "end_times": 3}}
    assert api.call("PATCH", f"/meetings/{meeting['id']}", series).status_code == 204
    starts = [o["start_time"] for o in api.get(meeting["id"])["occurrences"]]
    assert starts == ["2026-03-10T09:00:00Z", "2026-03-12T09:00:00Z", "2026-03-14T09:00:00Z"]


def test_delete_and_not_found(api: Api) -> None:
    meeting = api.create(SCHEDULED)
    path = f"/meetings/{meeting['id']}"
    assert api.call("DELETE", path).status_code == 204
    for method, body in (("GET", None), ("DELETE", None), ("PATCH", {"topic": "x"})):
        response = api.call(method, path, body)
        assert response.status_code == 404
        assert response.json() == {
            "code": 3001,
            "message": f"Meeting does not exist: {meeting['id']}.",
        }
    assert api.call("GET", "/meetings/not-a-number").json()["code"] == 3001


# -- listing ------------------------------------------------------------------------------


def list_page(api: Api, **params: Any) -> dict[str, Any]:
    response = api.call("GET", "/users/me/meetings", params=params)
    assert response.status_code == 200, response.text
    page: dict[str, Any] = response.json()
    return page


def test_pages_follow_next_page_token(api: Api) -> None:
    created = [
        api.create({"topic": f"M{i}", "type": 2, "start_time": f"2026-04-{10 - i:02d}T10:00:00Z"})
        for i in range(7)
    ]
    seen: list[int] = []
    token = ""
    for expected in (3, 3, 1):
        params: dict[str, Any] = {"page_size": 3}
        if token:
            params["next_page_token"] = token
        page = list_page(api, **params)
        assert (page["page_size"], page["total_records"]) == (3, 7)
        assert len(page["meetings"]) == expected
        seen += [m["id"] for m in page["meetings"]]
        token = page["next_page_token"]
    assert token == ""
    assert seen == [m["id"] for m in reversed(created)]  # by start time


def test_list_types(api: Api, clock: FakeClock) -> None:
    past = api.create({"topic": "Past", "type": 2, "start_time": "2026-01-05T10:00:00Z"})
    future = api.create({"topic": "Future", "type": 2, "start_time": "2026-05-05T10:00:00Z"})
    floating = api.create({"topic": "Floating", "type": 3})

    def ids(list_type: str) -> list[int]:
        return [m["id"] for m in list_page(api, type=list_type)["meetings"]]

    assert ids("scheduled") == [past["id"], future["id"], floating["id"]]
    assert list_page(api)["total_records"] == 3  # scheduled is the default
    assert ids("upcoming") == [future["id"], floating["id"]]
    assert ids("upcoming_meetings") == [future["id"], floating["id"]]
    assert ids("previous_meetings") == [past["id"]]
    assert ids("live") == []


def test_list_shows_a_series_by_its_next_occurrence(api: Api, clock: FakeClock) -> None:
    meeting = api.create(WEEKLY)
    clock.now = datetime(2026, 3, 20, tzinfo=UTC).timestamp()
    api.token = sign_in(api.session, api.sandbox)["access_token"]  # the old one expired
    [item] = list_page(api)["meetings"]
    assert item["id"] == meeting["id"]
    assert item["start_time"] == "2026-03-24T09:00:00Z"


def test_list_items_have_zoom_fields(api: Api) -> None:
    meeting = api.create(SCHEDULED)
    [item] = list_page(api)["meetings"]
    for key in ("uuid", "id", "host_id", "topic", "type", "start_time", "duration", "timezone"):
        assert item[key] == meeting[key]
    assert item["join_url"] == meeting["join_url"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"type": "everything"}, "type"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "ten"}, "page_size"),
    ],
)
def test_list_parameters_are_checked(api: Api, params: dict[str, str], field: str) -> None:
    response = api.call("GET", "/users/me/meetings", params=params)
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == field


def test_page_size_is_capped_at_300(api: Api) -> None:
    assert list_page(api, page_size=1000)["page_size"] == 300


def test_unknown_page_token(api: Api, clock: FakeClock) -> None:
    response = api.call("GET", "/users/me/meetings", params={"next_page_token": "nope"})
    assert response.status_code == 400
    for i in range(2):
        api.create({"topic": f"M{i}", "type": 2})
    token = list_page(api, page_size=1)["next_page_token"]
    clock.advance(15 * 60)  # Zoom's page tokens last 15 minutes
    assert (
        api.call("GET", "/users/me/meetings", params={"next_page_token": token}).status_code == 400
    )


# -- validation ---------------------------------------------------------------------------

BAD_BODIES: list[tuple[dict[str, Any], str]] = [
    ({"topic": "x" * 201}, "topic"),
    ({"topic": 5}, "topic"),
    ({"agenda": "x" * 2001}, "agenda"),
    ({"password": "12345678901"}, "password"),
    ({"password": "abc def"}, "password"),
    ({"password": "пароль"}, "password"),
    ({"password": ""}, "password"),
    ({"type": 5}, "type"),
    ({"type": "2"}, "type"),
    ({"type": True}, "type"),
    ({"start_time": "2026-03-10 10:00"}, "start_time"),
    ({"start_time": "2026-03-10T10:00:00+01:00"}, "start_time"),
    ({"start_time": "2026-03-10T10:00:00.000Z"}, "start_time"),
    ({"start_time": "2026-02-30T10:00:00"}, "start_time"),
    ({"start_time": 1773133200}, "start_time"),
    ({"timezone": "Mars/Olympus_Mons"}, "timezone"),
    ({"timezone": ""}, "timezone"),
    ({"duration": 0}, "duration"),
    ({"duration": "60"}, "duration"),
    ({"duration": 30.5}, "duration"),
    ({"duration": True}, "duration"),
    ({"pre_schedule": "no"}, "pre_schedule"),
    ({"schedule_for": "someone@else.test"}, "schedule_for"),
    ({"settings": []}, "settings"),
    ({"settings": {"auto_recording": "sometimes"}}, "settings.auto_recording"),
    ({"settings": {"waiting_room": "yes"}}, "settings.waiting_room"),
    ({"settings": {"jbh_time": 7}}, "settings.jbh_time"),
    ({"settings": {"approval_type": True}}, "settings.approval_type"),
    ({"settings": {"audio": "pigeon"}}, "settings.audio"),
    ({"settings": {"alternative_hosts": ["a@b.c"]}}, "settings.alternative_hosts"),
    ({"settings": {"breakout_room": {"enable": "yes"}}}, "settings.breakout_room"),
    ({"tracking_fields": [{"value": "x"}]}, "tracking_fields"),
    ({"type": 8}, "recurrence"),
]
BAD_RECURRENCES: list[tuple[dict[str, Any], str]] = [
    ({"end_times": 2}, "recurrence.type"),
    ({"type": 4, "end_times": 2}, "recurrence.type"),
    ({"type": 1, "repeat_interval": 91, "end_times": 2}, "recurrence.repeat_interval"),
    (
        {"type": 2, "repeat_interval": 13, "weekly_days": "2", "end_times": 2},
        "recurrence.repeat_interval",
    ),
    (
        {"type": 3, "repeat_interval": 4, "monthly_day": 1, "end_times": 2},
        "recurrence.repeat_interval",
    ),
    ({"type": 1, "repeat_interval": 0, "end_times": 2}, "recurrence.repeat_interval"),
    ({"type": 2, "end_times": 2}, "recurrence.weekly_days"),
    ({"type": 2, "weekly_days": "8", "end_times": 2}, "recurrence.weekly_days"),
    ({"type": 2, "weekly_days": "1, 2", "end_times": 2}, "recurrence.weekly_days"),
    ({"type": 2, "weekly_days": "2,2", "end_times": 2}, "recurrence.weekly_days"),
    ({"type": 2, "weekly_days": 2, "end_times": 2}, "recurrence.weekly_days"),
    ({"type": 3, "monthly_day": 32, "end_times": 2}, "recurrence.monthly_day"),
    ({"type": 3, "end_times": 2}, "recurrence.monthly_day"),
    ({"type": 3, "monthly_day": 1, "monthly_week": 1, "end_times": 2}, "recurrence.monthly_day"),
    (
        {"type": 3, "monthly_week": 5, "monthly_week_day": 2, "end_times": 2},
        "recurrence.monthly_week",
    ),
    ({"type": 3, "monthly_week": 1, "end_times": 2}, "recurrence.monthly_week_day"),
    (
        {"type": 3, "monthly_week": 1, "monthly_week_day": 8, "end_times": 2},
        "recurrence.monthly_week_day",
    ),
    ({"type": 1}, "recurrence.end_times"),
    ({"type": 1, "end_times": 2, "end_date_time": "2026-12-31T00:00:00Z"}, "recurrence.end_times"),
    ({"type": 1, "end_times": 61}, "recurrence.end_times"),  # 2023-10 schema: at most 60
    ({"type": 1, "end_times": 0}, "recurrence.end_times"),
    ({"type": 1, "end_date_time": "2026-12-31T00:00:00"}, "recurrence.end_date_time"),
    ({"type": 1, "end_date_time": "2026-03-01T00:00:00Z"}, "recurrence.end_date_time"),
]


@pytest.mark.parametrize(("change", "field"), BAD_BODIES)
def test_create_validation(api: Api, change: dict[str, Any], field: str) -> None:
    body = {"topic": "T", "type": 2, "start_time": "2026-03-10T10:00:00", **change}
    response = api.call("POST", "/users/me/meetings", body, valid=False)
    assert response.status_code == 400
    payload = response.json()
    assert (payload["code"], payload["message"]) == (300, "Validation Failed.")
    assert field in [e["field"] for e in payload["errors"]], payload


@pytest.mark.parametrize(("recurrence", "field"), BAD_RECURRENCES)
def test_recurrence_validation(api: Api, recurrence: dict[str, Any], field: str) -> None:
    body = {**WEEKLY, "recurrence": recurrence}
    response = api.call("POST", "/users/me/meetings", body, valid=False)
    assert response.status_code == 400
    assert field in [e["field"] for e in response.json()["errors"]], response.json()


def test_every_bad_field_is_reported_at_once(api: Api, sandbox: Sandbox) -> None:
    body = {"topic": "x" * 201, "password": "far too long!", "duration": -5}
    response = api.call("POST", "/users/me/meetings", body, valid=False)
    assert {e["field"] for e in response.json()["errors"]} == {"topic", "password", "duration"}
    assert sandbox.state()["meetings"] == 0


def test_patch_is_validated_too(api: Api) -> None:
    meeting = api.create(SCHEDULED)
    response = api.call(
        "PATCH", f"/meetings/{meeting['id']}", {"settings": {"auto_recording": "x"}}, valid=False
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "settings.auto_recording", "message": "Must be one of: local, cloud, none."}
    ]
    assert api.get(meeting["id"])["settings"]["auto_recording"] == "cloud"


@pytest.mark.parametrize("body", [b"{not json", b"[1, 2]", b"\xff\xfe", b""])
def test_body_must_be_a_json_object(
    session: requests.Session, sandbox: Sandbox, tokens: dict[str, str], body: bytes
) -> None:
    response = session.post(
        sandbox.url + "/v2/users/me/meetings",
        data=body,
        headers={
            "Authorization": f"Bearer {tokens['access_token']}",
            "Content-Type": "application/json",
        },
        timeout=TIMEOUT,
    )
    assert response.status_code == 400
    assert response.json() == {
        "code": 300,
        "message": "Request Body should be a valid JSON object.",
    }


def test_unknown_fields_and_settings_are_ignored(api: Api) -> None:
    body = {"topic": "T", "type": 2, "colour": "blue", "settings": {"telepathy": True}}
    meeting = api.call("POST", "/users/me/meetings", body, valid=False).json()
    assert "colour" not in meeting and "telepathy" not in meeting["settings"]


def test_valid_edge_values(api: Api) -> None:
    body = {
        "topic": "x" * 200,
        "agenda": "y" * 2000,
        "password": "aZ9@_*-bc1",
        "type": 8,
        "start_time": "2026-03-31T23:30:00",
        "timezone": "Pacific/Auckland",
        "recurrence": {"type": 3, "repeat_interval": 3, "monthly_day": 31, "end_times": 4},
        "settings": {"jbh_time": 10, "approval_type": 0, "audio": "both"},
    }
    meeting = api.create(body)
    # 23:30 on the 31st in Auckland (+13 in its summer): every third month from
    # March, and June and September have no 31st.
    assert [o["start_time"] for o in meeting["occurrences"]] == [
        "2026-03-31T10:30:00Z",
        "2026-12-31T10:30:00Z",
        "2027-03-31T10:30:00Z",
        "2027-12-31T10:30:00Z",
    ]


# -- the daily limit ------------------------------------------------------------------------

DAILY_LIMIT_MESSAGE = (
    "You have exceeded the daily rate limit (100) of Meeting Create/Update API requests "
    "permitted for this particular user. You may resume these user-level requests at GMT 00:00:00."
)


def test_daily_create_update_limit(api: Api, sandbox: Sandbox, clock: FakeClock) -> None:
    meeting = api.create({"topic": "First", "type": 2})
    for _ in range(49):
        assert (
            api.call("PATCH", f"/meetings/{meeting['id']}", {"topic": "again"}).status_code == 204
        )
    for i in range(50):
        api.create({"topic": f"M{i}", "type": 3})
    over = api.call("POST", "/users/me/meetings", {"topic": "one too many", "type": 2})
    assert over.status_code == 429
    assert over.json() == {"code": 429, "message": DAILY_LIMIT_MESSAGE}
    assert "Retry-After" not in over.headers
    patch = api.call("PATCH", f"/meetings/{meeting['id']}", {"topic": "x"})
    assert patch.status_code == 429
    assert api.call("GET", f"/meetings/{meeting['id']}").status_code == 200  # reads still work
    assert api.call("DELETE", f"/meetings/{meeting['id']}").status_code == 204
    # The limit resets at 00:00 UTC.
    clock.now = datetime(2026, 3, 3, 0, 0, tzinfo=UTC).timestamp()
    api.token = sign_in(api.session, api.sandbox)["access_token"]
    assert (
        api.call("POST", "/users/me/meetings", {"topic": "tomorrow", "type": 3}).status_code == 201
    )


def test_daily_limit_knob(api: Api, sandbox: Sandbox) -> None:
    sandbox.set_daily_limit(2)
    api.create({"topic": "1", "type": 3})
    bad = api.call("POST", "/users/me/meetings", {"topic": 5}, valid=False)
    assert bad.status_code == 400  # counted: Zoom limits requests, not successes
    over = api.call("POST", "/users/me/meetings", {"topic": "3", "type": 3})
    assert over.status_code == 429
    assert "daily rate limit (2)" in over.json()["message"]
    validate_error(over.json())
