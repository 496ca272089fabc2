"""ZoomClient against `responses`: auth, pagination, retries, errors, lost creates."""

from __future__ import annotations

import email.utils
import logging
import time
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest
import requests
import responses
from responses import matchers
from urllib3.exceptions import MaxRetryError, NewConnectionError

from zoomdesk.core import http
from zoomdesk.core.api import ZoomClient, was_recovered
from zoomdesk.core.config import Config
from zoomdesk.core.errors import (
    AuthReason,
    AuthRequired,
    CreateUnconfirmed,
    NetworkError,
    RateLimited,
    ZoomApiError,
)
from zoomdesk.core.oauth import OAuthClient
from zoomdesk.core.tokens import RefreshManager, TokenSet, TokenStore

API = "https://api.zoom.test/v2"
OAUTH = "https://oauth.zoom.test"
NOW = 1_750_000_000.0  # 2025-06-15T15:06:40Z


class Harness:
    """A ZoomClient with the real RefreshManager, TokenStore and OAuthClient behind it."""

    def __init__(self, directory: Path, **kw: Any) -> None:
        self.store = TokenStore(directory / "tokens.json")
        now = int(time.time())
        self.store.save(
            TokenSet(access_token="tok-1", refresh_token="ref-1", expires_at=now + 3600,
                     obtained_at=now)
        )  # fmt: skip
        config = Config(client_id="cid", redirect_uri="https://example.com/cb", oauth_url=OAUTH)
        self.manager = RefreshManager(self.store, OAuthClient(config))
        self.sleeps: list[float] = []
        self.waits: list[tuple[float, str]] = []
        self.now = NOW
        self.client = ZoomClient(
            self.manager,
            lambda: API,
            sleep=self.sleeps.append,
            on_wait=lambda s, r: self.waits.append((s, r)),
            clock=lambda: self.now,
            **kw,
        )


@pytest.fixture
def h(tmp_path: Path) -> Harness:
    return Harness(tmp_path)


def refresh_answers(rsps: Any, n: int = 2) -> None:
    """Zoom's token endpoint handing out tok-N / ref-N."""
    rsps.post(
        f"{OAUTH}/oauth/token",
        json={"access_token": f"tok-{n}", "refresh_token": f"ref-{n}", "expires_in": 3599,
              "token_type": "bearer"},
    )  # fmt: skip


def refresh_calls(rsps: Any) -> list[list[str]]:
    """The refresh tokens sent to Zoom's token endpoint, in order."""
    return [
        parse_qs(c.request.body)["refresh_token"]
        for c in rsps.calls
        if c.request.url.startswith(f"{OAUTH}/oauth/token")
    ]


@pytest.fixture
def rsps() -> Any:
    with responses.RequestsMock() as mock:
        yield mock


def zoom_err(status: int, code: int, message: str, **kw: Any) -> dict[str, Any]:
    return {"status": status, "json": {"code": code, "message": message}, **kw}


# -- basics ------------------------------------------------------------------------------


def test_bearer_header_timeout_and_user_agent(h: Harness, rsps: Any) -> None:
    rsps.get(f"{API}/users/me", json={"id": "u1", "email": "a@b.c"})
    assert h.client.me()["id"] == "u1"
    req = rsps.calls[0].request
    assert req.headers["Authorization"] == "Bearer tok-1"
    assert req.headers["User-Agent"] == http.USER_AGENT
    assert "access_token" not in req.url
    assert req.req_kwargs["timeout"] == http.DEFAULT_TIMEOUT


def test_custom_timeout_is_used(rsps: Any, tmp_path: Path) -> None:
    h = Harness(tmp_path, timeout=(1.0, 2.0))
    rsps.get(f"{API}/users/me", json={})
    h.client.me()
    assert rsps.calls[0].request.req_kwargs["timeout"] == (1.0, 2.0)


def test_api_url_is_read_per_call(h: Harness, rsps: Any) -> None:
    urls = iter(["https://one.test/v2/", "https://two.test/v2"])
    client = ZoomClient(h.manager, lambda: next(urls))
    rsps.get("https://one.test/v2/users/me", json={"n": 1})
    rsps.get("https://two.test/v2/users/me", json={"n": 2})
    assert [client.me()["n"], client.me()["n"]] == [1, 2]


def test_list_meetings_follows_every_page(h: Harness, rsps: Any) -> None:
    url = f"{API}/users/me/meetings"
    base = {"type": "scheduled", "page_size": "300"}
    rsps.get(
        url,
        json={"meetings": [{"id": 1}, {"id": 2}], "next_page_token": "p2"},
        match=[matchers.query_param_matcher(base)],
    )
    rsps.get(
        url,
        json={"meetings": [{"id": 3}], "next_page_token": "p3"},
        match=[matchers.query_param_matcher({**base, "next_page_token": "p2"})],
    )
    rsps.get(
        url,
        json={"meetings": [{"id": 4}], "next_page_token": ""},
        match=[matchers.query_param_matcher({**base, "next_page_token": "p3"})],
    )
    assert [m["id"] for m in h.client.list_meetings("scheduled")] == [1, 2, 3, 4]


def test_list_meetings_stops_on_a_repeated_page_token(h: Harness, rsps: Any) -> None:
    rsps.get(f"{API}/users/me/meetings", json={"meetings": [{"id": 1}], "next_page_token": "x"})
    assert len(h.client.list_meetings()) == 2
    assert len(rsps.calls) == 2


def test_meeting_paths_ids_and_occurrences(h: Harness, rsps: Any) -> None:
    big = 9_223_372_036_854_775_807  # ids are int64
    rsps.get(
        f"{API}/meetings/{big}",
        json={"id": big},
        match=[matchers.query_param_matcher({"occurrence_id": "1648194360000"})],
    )
    rsps.patch(f"{API}/meetings/{big}", status=204, match=[matchers.json_params_matcher({"a": 1})])
    rsps.delete(f"{API}/meetings/{big}", status=204)
    assert h.client.get_meeting(big, occurrence_id="1648194360000") == {"id": big}
    assert h.client.update_meeting(big, {"a": 1}) is None
    assert h.client.delete_meeting(big) is None
    with pytest.raises(ValueError):
        h.client.get_meeting(0)
    with pytest.raises(ValueError):
        h.client.get_meeting("123")  # type: ignore[arg-type]


def test_create_posts_the_body(h: Harness, rsps: Any) -> None:
    body = {"topic": "T", "type": 1}
    rsps.post(
        f"{API}/users/me/meetings",
        status=201,
        json={"id": 5, **body},
        match=[matchers.json_params_matcher(body)],
    )
    created = h.client.create_meeting(body)
    assert created["id"] == 5
    assert not was_recovered(created)


# -- 401 / code 124 ------------------------------------------------------------------------


def test_124_refreshes_once_and_retries_once(h: Harness, rsps: Any) -> None:
    rsps.get(f"{API}/users/me", **zoom_err(401, 124, "Invalid access token."))
    refresh_answers(rsps)
    rsps.get(f"{API}/users/me", json={"id": "u"})
    assert h.client.me() == {"id": "u"}
    assert refresh_calls(rsps) == [["ref-1"]]
    api_calls = [c for c in rsps.calls if c.request.url.startswith(API)]
    assert [c.request.headers["Authorization"] for c in api_calls] == [
        "Bearer tok-1",
        "Bearer tok-2",
    ]
    saved = h.store.load()
    assert saved is not None and saved.refresh_token == "ref-2"


def test_124_twice_is_auth_required_after_one_refresh(h: Harness, rsps: Any) -> None:
    rsps.get(f"{API}/users/me", **zoom_err(401, 124, "Invalid access token."))
    refresh_answers(rsps)
    with pytest.raises(AuthRequired) as info:
        h.client.me()
    assert info.value.reason is AuthReason.TOKEN_REJECTED
    assert len(rsps.calls) == 3  # GET, refresh, GET: never a second refresh
    assert refresh_calls(rsps) == [["ref-1"]]


def test_refresh_ending_in_invalid_grant_is_auth_required(h: Harness, rsps: Any) -> None:
    rsps.post(f"{API}/users/me/meetings", **zoom_err(401, 124, "Invalid access token."))
    rsps.post(
        f"{OAUTH}/oauth/token",
        status=400,
        json={"reason": "Invalid Token!", "error": "invalid_grant"},
    )
    with pytest.raises(AuthRequired):
        h.client.create_meeting({"topic": "x", "type": 1})
    assert len(rsps.calls) == 2  # the create is not sent again without a new token


def test_other_401_is_a_zoom_error(h: Harness, rsps: Any) -> None:
    scopes = "Invalid access token, does not contain scopes"
    rsps.get(f"{API}/users/me", **zoom_err(401, 4700, scopes))
    with pytest.raises(ZoomApiError) as info:
        h.client.me()
    assert (info.value.status, info.value.code) == (401, 4700)
    assert refresh_calls(rsps) == []


INVALID_TOKEN_CHALLENGES = [
    'Bearer error="invalid_token"',
    'Bearer realm="zoom", error="invalid_token", error_description="The access token expired"',
    "bearer error=invalid_token",
    'Basic realm="x", Bearer error="invalid_token"',
    'Bearer  error = "invalid_token" ,scope="meeting:read"',
]


@pytest.mark.parametrize("challenge", INVALID_TOKEN_CHALLENGES)
def test_rfc6750_invalid_token_refreshes_once_like_124(
    h: Harness, rsps: Any, challenge: str
) -> None:
    rsps.get(f"{API}/users/me", status=401, headers={"WWW-Authenticate": challenge})
    refresh_answers(rsps)
    rsps.get(f"{API}/users/me", json={"id": "u"})
    assert h.client.me() == {"id": "u"}
    assert refresh_calls(rsps) == [["ref-1"]]
    api_calls = [c for c in rsps.calls if c.request.url.startswith(API)]
    assert [c.request.headers["Authorization"] for c in api_calls] == [
        "Bearer tok-1",
        "Bearer tok-2",
    ]


def test_rfc6750_invalid_token_twice_is_auth_required_after_one_refresh(
    h: Harness, rsps: Any
) -> None:
    invalid = {"WWW-Authenticate": 'Bearer error="invalid_token"'}
    rsps.get(f"{API}/users/me", status=401, headers=invalid)
    refresh_answers(rsps)
    rsps.get(f"{API}/users/me", **zoom_err(401, 124, "Invalid access token."))
    with pytest.raises(AuthRequired) as info:
        h.client.me()
    assert info.value.reason is AuthReason.TOKEN_REJECTED
    assert len(rsps.calls) == 3  # GET, refresh, GET: never a second refresh
    assert refresh_calls(rsps) == [["ref-1"]]


@pytest.mark.parametrize(
    "challenge",
    [
        'Bearer error="insufficient_scope"',
        'Bearer error="invalid_request"',
        'Bearer error_description="not an invalid_token error"',
        'Bearer error_description="x, error=invalid_token"',
        'Basic error="invalid_token"',
        'Bearer error="invalid_tokens"',
        "",
    ],
)
def test_other_401_challenges_are_zoom_errors_without_a_refresh(
    h: Harness, rsps: Any, challenge: str
) -> None:
    rsps.get(f"{API}/users/me", status=401, headers={"WWW-Authenticate": challenge})
    with pytest.raises(ZoomApiError) as info:
        h.client.me()
    assert info.value.status == 401
    assert refresh_calls(rsps) == []


def test_invalid_token_on_another_status_is_not_a_rejected_token(h: Harness, rsps: Any) -> None:
    rsps.get(
        f"{API}/users/me", status=403, headers={"WWW-Authenticate": 'Bearer error="invalid_token"'}
    )
    with pytest.raises(ZoomApiError):
        h.client.me()
    assert refresh_calls(rsps) == []


# -- 429 ------------------------------------------------------------------------------------


def test_429_with_seconds_is_waited_out_on_get(h: Harness, rsps: Any) -> None:
    rsps.get(f"{API}/users/me", headers={"Retry-After": "3"}, **zoom_err(429, 429, "Too many"))
    rsps.get(f"{API}/users/me", json={"ok": 1})
    assert h.client.me() == {"ok": 1}
    assert h.sleeps == [3.0]
    assert h.waits[0][0] == 3.0 and "rate" in h.waits[0][1]


def test_429_with_http_date(h: Harness, rsps: Any) -> None:
    when = email.utils.formatdate(NOW + 7, usegmt=True)
    rsps.get(f"{API}/users/me", headers={"Retry-After": when}, **zoom_err(429, 429, "Slow down"))
    rsps.get(f"{API}/users/me", json={})
    h.client.me()
    assert h.sleeps == [pytest.approx(7.0, abs=1)]


def test_429_without_retry_after_on_get_uses_short_backoff(h: Harness, rsps: Any) -> None:
    rsps.get(f"{API}/users/me", **zoom_err(429, 429, "Slow down"))
    rsps.get(f"{API}/users/me", **zoom_err(429, 429, "Slow down"))
    rsps.get(f"{API}/users/me", json={})
    h.client.me()
    assert len(h.sleeps) == 2 and all(0 < s <= 5 for s in h.sleeps)


def test_429_on_get_gives_up_after_two_retries(h: Harness, rsps: Any) -> None:
    rsps.get(f"{API}/users/me", headers={"Retry-After": "1"}, **zoom_err(429, 429, "Slow"))
    with pytest.raises(RateLimited) as info:
        h.client.me()
    assert len(rsps.calls) == 3
    assert h.sleeps == [1.0, 1.0]
    assert info.value.retry_after == 1.0 and not info.value.daily_cap


def test_429_wait_budget_is_30_seconds(h: Harness, rsps: Any) -> None:
    rsps.get(f"{API}/users/me", headers={"Retry-After": "20"}, **zoom_err(429, 429, "Slow"))
    with pytest.raises(RateLimited, match="wait 20 s"):
        h.client.me()
    assert h.sleeps == [20.0]  # a second 20 s wait would pass 30 s in total
    assert len(rsps.calls) == 2


def test_429_asking_too_long_is_raised_at_once(h: Harness, rsps: Any) -> None:
    rsps.get(f"{API}/users/me", headers={"Retry-After": "120"}, **zoom_err(429, 429, "Slow"))
    with pytest.raises(RateLimited):
        h.client.me()
    assert h.sleeps == [] and h.waits == []


def test_daily_cap_without_retry_after_is_never_retried(h: Harness, rsps: Any) -> None:
    msg = "You have exceeded the limit of meeting creation."
    rsps.post(f"{API}/users/me/meetings", **zoom_err(429, 429, msg))
    with pytest.raises(RateLimited) as info:
        h.client.create_meeting({"topic": "T", "type": 1})
    err = info.value
    assert err.daily_cap and err.retry_after is None and err.code == 429
    assert msg in str(err) and "00:00 UTC" in str(err) and "in 8 h 54 min" in str(err)
    assert len(rsps.calls) == 1 and h.sleeps == []


def test_daily_message_on_patch_with_retry_after_is_the_cap(h: Harness, rsps: Any) -> None:
    rsps.patch(
        f"{API}/meetings/7",
        headers={"Retry-After": "5"},
        **zoom_err(429, 429, "Daily limit of 100 meeting updates reached."),
    )
    with pytest.raises(RateLimited) as info:
        h.client.update_meeting(7, {"topic": "x"})
    assert info.value.daily_cap and len(rsps.calls) == 1


def test_short_rate_limit_on_post_is_raised_not_retried(h: Harness, rsps: Any) -> None:
    wait = {"Retry-After": "2"}
    rsps.post(f"{API}/users/me/meetings", headers=wait, **zoom_err(429, 429, "Slow"))
    with pytest.raises(RateLimited) as info:
        h.client.create_meeting({"topic": "T", "type": 1})
    assert not info.value.daily_cap and info.value.retry_after == 2.0
    assert len(rsps.calls) == 1


def test_429_get_without_retry_after_message_says_so(h: Harness, rsps: Any) -> None:
    for _ in range(3):
        rsps.get(f"{API}/users/me", **zoom_err(429, 429, "Slow"))
    with pytest.raises(RateLimited, match="did not say when"):
        h.client.me()


# -- 5xx and dropped connections -------------------------------------------------------------


def test_5xx_on_get_is_retried_with_backoff(h: Harness, rsps: Any) -> None:
    rsps.get(f"{API}/users/me", **zoom_err(503, 503, "busy"))
    rsps.get(f"{API}/users/me", status=502, body="<html>bad gateway</html>")
    rsps.get(f"{API}/users/me", json={"ok": 1})
    assert h.client.me() == {"ok": 1}
    assert h.sleeps == [0.5, 1.0]
    assert len(h.waits) == 2


def test_5xx_on_get_gives_up_after_three_attempts(h: Harness, rsps: Any) -> None:
    rsps.get(f"{API}/users/me", status=500, body="oops")
    with pytest.raises(ZoomApiError) as info:
        h.client.me()
    assert len(rsps.calls) == 3 and info.value.status == 500
    assert "HTTP 500" in info.value.message


@pytest.mark.parametrize(
    "exc", [requests.ConnectionError("reset"), requests.exceptions.ChunkedEncodingError("cut")]
)
def test_dropped_connection_on_get_and_delete_is_retried(
    h: Harness, rsps: Any, exc: Exception
) -> None:
    rsps.get(f"{API}/users/me", body=exc)
    rsps.get(f"{API}/users/me", json={"ok": 1})
    rsps.delete(f"{API}/meetings/9", body=exc)
    rsps.delete(f"{API}/meetings/9", status=204)
    assert h.client.me() == {"ok": 1}
    h.client.delete_meeting(9)
    assert len(rsps.calls) == 4
    assert [reason for _, reason in h.waits] == ["The connection to Zoom dropped; retrying"] * 2


def test_a_refused_connection_is_retried_as_such(h: Harness, rsps: Any) -> None:
    refused = requests.ConnectionError(
        MaxRetryError(None, "/v2/users/me", NewConnectionError(None, "refused"))  # type: ignore[arg-type]
    )
    rsps.get(f"{API}/users/me", body=refused)
    rsps.get(f"{API}/users/me", json={"ok": 1})
    assert h.client.me() == {"ok": 1}
    assert [reason for _, reason in h.waits] == ["Could not connect to Zoom; retrying"]


def test_dropped_connections_give_up_with_network_error(h: Harness, rsps: Any) -> None:
    rsps.get(
        f"{API}/users/me/meetings",
        body=requests.ConnectionError("https://api.zoom.test/v2/x?access_token=SECRET"),
    )
    with pytest.raises(NetworkError) as info:
        h.client.list_meetings()
    assert len(rsps.calls) == 3
    assert "SECRET" not in str(info.value) and "?" not in str(info.value)
    assert "api.zoom.test" in str(info.value)


def test_retried_delete_that_finds_it_gone_succeeds(h: Harness, rsps: Any) -> None:
    rsps.delete(f"{API}/meetings/9", body=requests.ConnectionError("reset"))
    rsps.delete(f"{API}/meetings/9", **zoom_err(404, 3001, "Meeting does not exist: 9."))
    h.client.delete_meeting(9)  # no ZoomApiError: the lost first attempt had deleted it
    assert [c.request.method for c in rsps.calls] == ["DELETE", "DELETE"]


def test_first_delete_of_missing_meeting_is_an_error(h: Harness, rsps: Any) -> None:
    rsps.delete(f"{API}/meetings/9", **zoom_err(404, 3001, "Meeting does not exist: 9."))
    with pytest.raises(ZoomApiError) as info:
        h.client.delete_meeting(9)
    assert info.value.code == 3001


def test_read_timeout_is_not_retried(h: Harness, rsps: Any) -> None:
    rsps.get(f"{API}/users/me", body=requests.exceptions.ReadTimeout("slow"))
    with pytest.raises(NetworkError, match="did not answer in time"):
        h.client.me()
    assert len(rsps.calls) == 1


@pytest.mark.parametrize("method", ["PATCH", "POST"])
def test_writes_are_not_retried_on_5xx(h: Harness, rsps: Any, method: str) -> None:
    url = f"{API}/meetings/3" if method == "PATCH" else f"{API}/users/me/meetings"
    rsps.add(method, url, **zoom_err(500, 500, "internal"))
    with pytest.raises(ZoomApiError):
        if method == "PATCH":
            h.client.update_meeting(3, {"topic": "x"})
        else:
            h.client.create_meeting({"topic": "x", "type": 1})
    assert len(rsps.calls) == 1


def test_patch_dropped_connection_is_not_retried(h: Harness, rsps: Any) -> None:
    rsps.patch(f"{API}/meetings/3", body=requests.ConnectionError("reset"))
    with pytest.raises(NetworkError):
        h.client.update_meeting(3, {"topic": "x"})
    assert len(rsps.calls) == 1


# -- lost create ---------------------------------------------------------------------------

BODY = {
    "topic": "Standup",
    "type": 2,
    "start_time": "2025-06-16T09:30:00",
    "timezone": "Europe/Berlin",
    "duration": 30,
}
LISTED = {
    "id": 8123456789,
    "topic": "Standup",
    "type": 2,
    "start_time": "2025-06-16T07:30:00Z",  # 09:30 in Berlin (CEST)
    "timezone": "Europe/Berlin",
    "created_at": "2025-06-15T15:06:41Z",
    "join_url": "https://zoom.test/j/8123456789",
}


@pytest.mark.parametrize(
    "exc", [requests.exceptions.ReadTimeout("slow"), requests.ConnectionError("dropped")]
)
def test_lost_create_returns_the_meeting_zoom_made(h: Harness, rsps: Any, exc: Exception) -> None:
    rsps.post(f"{API}/users/me/meetings", body=exc)
    other = {**LISTED, "id": 1, "created_at": "2025-06-01T10:00:00Z"}  # same topic, older
    rsps.get(f"{API}/users/me/meetings", json={"meetings": [other, LISTED]})
    rsps.get(f"{API}/meetings/8123456789", json={**LISTED, "password": "abc123"})
    created = h.client.create_meeting(BODY)
    assert was_recovered(created)
    assert created["id"] == 8123456789 and created["password"] == "abc123"
    assert [c.request.method for c in rsps.calls].count("POST") == 1


def test_lost_create_not_found_says_safe_to_retry(h: Harness, rsps: Any) -> None:
    rsps.post(f"{API}/users/me/meetings", body=requests.ConnectionError("dropped"))
    wrong_time = {**LISTED, "start_time": "2025-06-16T09:30:00Z"}
    rsps.get(f"{API}/users/me/meetings", json={"meetings": [wrong_time]})
    with pytest.raises(CreateUnconfirmed, match=r"not in your list just after") as info:
        h.client.create_meeting(BODY)
    assert info.value.looked and info.value.sent_at > 0
    methods = [c.request.method for c in rsps.calls]
    assert methods == ["POST", "GET", "GET"]  # scheduled, then upcoming


def test_lost_create_lookup_failing_says_check_first(h: Harness, rsps: Any) -> None:
    rsps.post(f"{API}/users/me/meetings", body=requests.exceptions.ReadTimeout("slow"))
    rsps.get(f"{API}/users/me/meetings", body=requests.ConnectionError("down"))
    with pytest.raises(CreateUnconfirmed, match="could not be checked"):
        h.client.create_meeting(BODY)
    assert [c.request.method for c in rsps.calls].count("POST") == 1


def test_lost_create_whose_session_ends_during_the_lookup_says_check_first(
    h: Harness, rsps: Any
) -> None:
    rsps.post(f"{API}/users/me/meetings", body=requests.exceptions.ReadTimeout("slow"))
    rsps.get(f"{API}/users/me/meetings", **zoom_err(401, 124, "Invalid access token."))
    rsps.post(
        f"{OAUTH}/oauth/token",
        status=400,
        json={"reason": "Invalid Token!", "error": "invalid_grant"},
    )
    with pytest.raises(AuthRequired, match="Zoom may have made that meeting") as info:
        h.client.create_meeting(BODY)
    assert info.value.reason is AuthReason.SESSION_ENDED and info.value.lost_create_at
    assert [c.request.method for c in rsps.calls].count("POST") == 2  # the create, a refresh


def test_lost_create_whose_refresh_is_refused_during_the_lookup_says_check_first(
    h: Harness, rsps: Any
) -> None:
    rsps.post(f"{API}/users/me/meetings", body=requests.exceptions.ReadTimeout("slow"))
    rsps.get(f"{API}/users/me/meetings", **zoom_err(401, 124, "Invalid access token."))
    rsps.post(f"{OAUTH}/oauth/token", status=400, json={"reason": "Bad", "error": "invalid_client"})
    with pytest.raises(CreateUnconfirmed, match="could not be checked"):
        h.client.create_meeting(BODY)


@pytest.mark.parametrize(
    "exc",
    [
        requests.exceptions.ConnectTimeout("no answer to SYN"),
        requests.ConnectionError(
            MaxRetryError(None, "/v2/users/me/meetings", NewConnectionError(None, "refused"))  # type: ignore[arg-type]
        ),
    ],
)
def test_create_that_never_connected_is_not_looked_for(
    h: Harness, rsps: Any, exc: Exception
) -> None:
    rsps.post(f"{API}/users/me/meetings", body=exc)
    with pytest.raises(NetworkError, match="The meeting was not created"):
        h.client.create_meeting(BODY)
    assert [c.request.method for c in rsps.calls] == ["POST"]


def test_lost_instant_create_matches_topic_and_creation_time(h: Harness, rsps: Any) -> None:
    rsps.post(f"{API}/users/me/meetings", body=requests.ConnectionError("dropped"))
    listed = {"id": 77, "topic": "Quick", "type": 1, "created_at": "2025-06-15T15:06:45Z"}
    rsps.get(f"{API}/users/me/meetings", json={"meetings": []})
    rsps.get(f"{API}/users/me/meetings", json={"meetings": []})
    rsps.get(f"{API}/users/me/meetings", json={"meetings": [listed]})  # live
    rsps.get(f"{API}/meetings/77", **zoom_err(404, 3001, "gone"))
    created = h.client.create_meeting({"topic": "Quick", "type": 1})
    assert was_recovered(created) and created["id"] == 77


def test_retry_after_a_lost_answer_returns_what_zoom_made_without_posting(
    h: Harness, rsps: Any
) -> None:
    rsps.get(f"{API}/users/me/meetings", json={"meetings": [LISTED]})
    rsps.get(f"{API}/meetings/8123456789", json={**LISTED, "password": "abc123"})
    created = h.client.create_meeting(BODY, lost_since=h.now - 60)
    assert was_recovered(created) and created["id"] == 8123456789
    assert "POST" not in [c.request.method for c in rsps.calls]


def test_retry_after_a_lost_answer_creates_when_zoom_has_nothing(h: Harness, rsps: Any) -> None:
    rsps.get(f"{API}/users/me/meetings", json={"meetings": []})
    rsps.post(f"{API}/users/me/meetings", json={**LISTED, "password": "abc123"}, status=201)
    created = h.client.create_meeting(BODY, lost_since=h.now - 60)
    assert not was_recovered(created)
    assert [c.request.method for c in rsps.calls] == ["GET", "GET", "POST"]


def test_retry_after_a_lost_answer_never_posts_when_zoom_cannot_be_asked(
    h: Harness, rsps: Any
) -> None:
    rsps.get(f"{API}/users/me/meetings", body=requests.ConnectionError("down"))
    with pytest.raises(NetworkError):
        h.client.create_meeting(BODY, lost_since=h.now - 60)
    assert "POST" not in [c.request.method for c in rsps.calls]


def test_create_timeout_is_logged_without_secrets(
    h: Harness, rsps: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="zoomdesk")
    rsps.get(f"{API}/users/me/meetings", json={"meetings": []})
    h.client.list_meetings("upcoming")
    text = caplog.text
    assert "GET /users/me/meetings" in text
    assert "tok-1" not in text and "page_size" not in text


# -- error bodies ---------------------------------------------------------------------------


def test_validation_error_fields(h: Harness, rsps: Any) -> None:
    rsps.post(
        f"{API}/users/me/meetings",
        status=400,
        json={
            "code": 300,
            "message": "Validation Failed.",
            "errors": [{"field": "password", "message": "Invalid"}, {"bad": 1}],
        },
    )
    with pytest.raises(ZoomApiError) as info:
        h.client.create_meeting({"topic": "T", "type": 1})
    err = info.value
    assert (err.status, err.code, err.message) == (400, 300, "Validation Failed.")
    assert [(f.field, f.message) for f in err.field_errors] == [("password", "Invalid")]
    assert str(err) == "Zoom refused the request: Validation Failed. (code 300)"


def test_non_json_error_gets_a_plain_message(h: Harness, rsps: Any) -> None:
    rsps.get(f"{API}/meetings/4", status=404, body="<html>nope</html>")
    with pytest.raises(ZoomApiError) as info:
        h.client.get_meeting(4)
    assert info.value.code is None
    assert info.value.message == "Zoom answered HTTP 404 Not Found."


def test_non_json_success_is_an_error(h: Harness, rsps: Any) -> None:
    rsps.get(f"{API}/users/me", body="hello")
    with pytest.raises(ZoomApiError, match="not JSON"):
        h.client.me()


def test_connection_refused_is_a_network_error(h: Harness) -> None:
    # Port 9 on loopback: nothing listens there; a real refused connection.
    client = ZoomClient(h.manager, lambda: "http://127.0.0.1:9/v2", sleep=lambda s: None)
    with pytest.raises(NetworkError, match=r"could not connect to 127\.0\.0\.1"):
        client.me()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2", (2.0, 2.0)),
        ("30", (5.0, 30.0)),
        ("1,3", (1.0, 3.0)),
        ("", None),
        ("0", None),
        ("-1", None),
        ("x", None),
        ("1,2,3", None),
        ("inf", None),
    ],
)
def test_timeout_override_parsing(value: str, expected: tuple[float, float] | None) -> None:
    assert http._timeout_from(value) == expected


@pytest.mark.parametrize("listed", [5, "abc", {"id": 1}, None, [1, "x", {"id": 2}]])
def test_a_meeting_list_of_the_wrong_shape_is_taken_as_what_it_holds(
    h: Harness, rsps: Any, listed: Any
) -> None:
    rsps.get(f"{API}/users/me/meetings", json={"meetings": listed})
    meetings = h.client.list_meetings()
    assert meetings == ([{"id": 2}] if isinstance(listed, list) else [])
