"""Zoom's invitation and templates through the client, zoomdesk's fallback text, code 1114."""

from __future__ import annotations

import logging
from typing import Any

import pytest
import responses

from zoomdesk.core.api import ZoomClient
from zoomdesk.core.errors import NetworkError, ZoomApiError
from zoomdesk.core.invitation import fetch_invitation
from zoomdesk.core.user import User

API = "https://api.zoom.test/v2"
ZOOM_TEXT = (
    "Sandy Box is inviting you to a scheduled Zoom meeting.\r\n\r\nTopic: Planning\r\n"
    "Time: Apr 1, 2026 09:30 AM Europe, Berlin\r\n\r\nMeeting ID: 857 4606 5432\r\n\r\n"
)
MEETING = {
    "id": 85746065432,
    "topic": "Planning",
    "type": 2,
    "start_time": "2026-04-01T07:30:00Z",
    "timezone": "Europe/Berlin",
    "join_url": "https://zoom.test/j/85746065432?pwd=x",
    "password": "abc123",
}
NO_SCOPE = {"code": 4711, "message": "Invalid access token, does not contain scopes:[x]."}


class Tokens:
    def access_token(self) -> str:
        return "tok"

    def refresh_after_rejection(self, rejected: str) -> str:
        return "tok"


@pytest.fixture
def client() -> ZoomClient:
    return ZoomClient(Tokens(), lambda: API, sleep=lambda s: None)


@pytest.fixture
def rsps() -> Any:
    with responses.RequestsMock() as r:
        yield r


def test_zooms_own_text_comes_with_plain_line_ends(client: ZoomClient, rsps: Any) -> None:
    rsps.get(f"{API}/meetings/85746065432/invitation", json={"invitation": ZOOM_TEXT})
    found = fetch_invitation(client, 85746065432)
    assert found.from_zoom and found.refusal is None
    assert found.text.startswith("Sandy Box is inviting you") and "\r" not in found.text
    assert found.text.endswith("Meeting ID: 857 4606 5432")


def test_a_refusal_falls_back_to_zoomdesks_text_and_says_so_in_the_log(
    client: ZoomClient, rsps: Any, caplog: pytest.LogCaptureFixture
) -> None:
    rsps.get(f"{API}/meetings/85746065432/invitation", status=400, json=NO_SCOPE)
    rsps.get(f"{API}/meetings/85746065432", json=MEETING)
    rsps.get(f"{API}/users/me", json={"first_name": "Sandy", "last_name": "Box"})
    with caplog.at_level(logging.WARNING, logger="zoomdesk.core.invitation"):
        found = fetch_invitation(client, 85746065432)
    assert not found.from_zoom and found.refusal is not None and found.refusal.code == 4711
    assert found.text.startswith("Sandy Box is inviting you to a scheduled Zoom meeting.")
    assert "Meeting ID: 857 4606 5432" in found.text and "Passcode: abc123" in found.text
    assert "zoomdesk's own text" in caplog.text and "code 4711" in caplog.text


def test_the_fallback_needs_no_profile(client: ZoomClient, rsps: Any) -> None:
    rsps.get(f"{API}/meetings/85746065432/invitation", status=400, json=NO_SCOPE)
    rsps.get(f"{API}/meetings/85746065432", json=MEETING)
    found = fetch_invitation(client, 85746065432, host_name="")
    assert found.text.startswith("You are invited to a scheduled Zoom meeting.")
    rsps.get(f"{API}/users/me", status=400, json={"code": 4711, "message": "no user:read"})
    assert fetch_invitation(client, 85746065432).text.startswith("You are invited")


def test_an_empty_answer_is_a_refusal_too(client: ZoomClient, rsps: Any) -> None:
    rsps.get(f"{API}/meetings/85746065432/invitation", json={"invitation": "  "})
    rsps.get(f"{API}/meetings/85746065432", json=MEETING)
    assert not fetch_invitation(client, 85746065432, host_name="Ada").from_zoom


def test_what_the_fallback_cannot_mend_is_raised(client: ZoomClient, rsps: Any) -> None:
    gone = {"code": 3001, "message": "Meeting does not exist: 85746065432."}
    rsps.get(f"{API}/meetings/85746065432/invitation", status=404, json=gone)
    rsps.get(f"{API}/meetings/85746065432", status=404, json=gone)
    with pytest.raises(ZoomApiError) as caught:
        fetch_invitation(client, 85746065432, host_name="")
    assert caught.value.code == 3001


def test_a_network_failure_is_not_a_refusal(client: ZoomClient, rsps: Any) -> None:
    import requests

    rsps.get(f"{API}/meetings/85746065432/invitation", body=requests.Timeout("slow"))
    with pytest.raises(NetworkError):
        fetch_invitation(client, 85746065432)


def test_templates_are_zooms_answer(client: ZoomClient, rsps: Any) -> None:
    answer = {"templates": [{"id": "AdxbhxCzKgSiWAw", "name": "Lecture", "type": 2}]}
    rsps.get(f"{API}/users/me/meeting_templates", json=answer)
    assert client.meeting_templates() == answer


def test_an_alternative_host_outside_the_account_lands_on_that_field(
    client: ZoomClient, rsps: Any
) -> None:
    message = "Unable to assign 'eve@elsewhere.test' as an alternative host."
    rsps.post(f"{API}/users/me/meetings", status=400, json={"code": 1114, "message": message})
    with pytest.raises(ZoomApiError) as caught:
        client.create_meeting({"topic": "T", "settings": {"alternative_hosts": "eve@x.test"}})
    assert [(f.field, f.message) for f in caught.value.field_errors] == [
        ("settings.alternative_hosts", message)
    ]


def test_the_users_pmi() -> None:
    assert User.from_zoom_json({"pmi": 5551234567}).pmi == "5551234567"
    assert User.from_zoom_json({"pmi": "not digits"}).pmi == ""
    assert User.from_zoom_json({}).pmi == ""
