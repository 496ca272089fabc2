"""Test and demo knobs: faults, latency, TTL, state, reset, clock; and what is never logged."""

from __future__ import annotations

import json
import logging
import time

import pytest
import requests
from sandbox_support import TIMEOUT, Api, FakeClock, code_grant, get_code, sign_in, token_request

from zoomdesk.sandbox import PUBLIC_CLIENT_ID, Sandbox
from zoomdesk.sandbox.control import handle as control_handle
from zoomdesk.sandbox.httpio import Request
from zoomdesk.sandbox.model import SCOPES

MEETING = {"topic": "Knobs", "type": 2, "start_time": "2026-03-10T10:00:00"}


def knob(
    session: requests.Session, sandbox: Sandbox, method: str, name: str, body: object = None
) -> requests.Response:
    return session.request(
        method,
        f"{sandbox.url}/_sandbox/{name}",
        json=body,
        headers={"X-Sandbox-Token": sandbox.knob_token},
        timeout=TIMEOUT,
    )


# -- faults ----------------------------------------------------------------------------


def test_status_fault_on_the_next_n_matching_requests(
    session: requests.Session, sandbox: Sandbox, api: Api
) -> None:
    fault = {"kind": "status", "status": 503, "count": 2, "path_prefix": "/v2"}
    queued = knob(session, sandbox, "POST", "faults", fault)
    assert queued.status_code == 200
    assert queued.json()["faults"][0]["count"] == 2
    # An OAuth request does not match /v2 and is not counted.
    assert session.get(sandbox.url + "/oauth/authorize", timeout=TIMEOUT).status_code == 400
    for _ in range(2):
        response = api.call("GET", "/users/me")
        assert response.status_code == 503
        assert response.json()["code"] == 503
    assert api.call("GET", "/users/me").status_code == 200
    assert knob(session, sandbox, "GET", "faults").json() == {"faults": []}


def test_status_fault_with_a_body_and_method(
    session: requests.Session, sandbox: Sandbox, api: Api
) -> None:
    body = {"code": 500, "message": "Internal server error"}
    sandbox.inject_fault("status", status=500, method="post", body=body)
    assert api.call("GET", "/users/me").status_code == 200  # GET does not match
    response = api.call("POST", "/users/me/meetings", MEETING)
    assert (response.status_code, response.json()) == (500, body)
    assert sandbox.state()["meetings"] == 0


def test_drop_closes_without_an_answer(
    session: requests.Session, sandbox: Sandbox, api: Api
) -> None:
    sandbox.inject_fault("drop", path_prefix="/v2/users/me/meetings")
    with pytest.raises(requests.ConnectionError):
        api.call("POST", "/users/me/meetings", MEETING)
    assert sandbox.state()["meetings"] == 0  # not processed
    assert api.call("POST", "/users/me/meetings", MEETING).status_code == 201


def test_drop_after_processing_loses_only_the_answer(
    session: requests.Session, sandbox: Sandbox, api: Api
) -> None:
    """The case a client must handle by looking before it retries a create."""
    sandbox.inject_fault("drop", process=True, method="POST")
    with pytest.raises(requests.ConnectionError):
        api.call("POST", "/users/me/meetings", MEETING)
    listed = api.call("GET", "/users/me/meetings").json()
    assert [m["topic"] for m in listed["meetings"]] == ["Knobs"]


def raw_create(sandbox: Sandbox, api: Api) -> requests.Response:
    """A create whose answer is not checked against Zoom's schema (it is meant to be broken)."""
    return api.session.post(
        sandbox.url + "/v2/users/me/meetings",
        json=MEETING,
        headers={"Authorization": f"Bearer {api.token}"},
        timeout=TIMEOUT,
    )


def test_status_after_processing_is_a_gateway_error_over_a_real_create(
    sandbox: Sandbox, api: Api
) -> None:
    sandbox.inject_fault("status", status=502, process=True, method="POST")
    assert raw_create(sandbox, api).status_code == 502
    assert sandbox.state()["meetings"] == 1


@pytest.mark.parametrize(("process", "status", "made"), [(True, 201, 1), (False, 200, 0)])
def test_not_json_answers_with_a_body_no_client_can_read(
    sandbox: Sandbox, api: Api, process: bool, status: int, made: int
) -> None:
    sandbox.inject_fault("not_json", process=process, method="POST")
    response = raw_create(sandbox, api)
    assert response.status_code == status  # a processed request keeps its own status
    with pytest.raises(ValueError):
        response.json()
    assert sandbox.state()["meetings"] == made
    assert raw_create(sandbox, api).json()["topic"] == "Knobs"  # once only


def test_hang_then_close(session: requests.Session, sandbox: Sandbox, api: Api) -> None:
    sandbox.inject_fault("hang", seconds=10, path_prefix="/v2/users/me/meetings")
    started = time.monotonic()
    with pytest.raises(requests.ReadTimeout):
        session.post(
            sandbox.url + "/v2/users/me/meetings",
            json=MEETING,
            headers={"Authorization": f"Bearer {api.token}"},
            timeout=(TIMEOUT, 0.2),
        )
    assert time.monotonic() - started < 5
    assert sandbox.state()["meetings"] == 0
    assert api.call("GET", "/users/me").status_code == 200  # others are served meanwhile


def test_short_hang_ends_in_a_closed_connection(sandbox: Sandbox, api: Api) -> None:
    sandbox.inject_fault("hang", seconds=0.1, process=True, path_prefix="/v2/users/me/meetings")
    with pytest.raises(requests.ConnectionError):
        api.call("POST", "/users/me/meetings", MEETING)
    assert sandbox.state()["meetings"] == 1


def test_stop_does_not_wait_for_a_hang(session: requests.Session, clock: FakeClock) -> None:
    box = Sandbox(clock=clock)
    box.start()
    box.inject_fault("hang", seconds=60)
    started = time.monotonic()
    with pytest.raises(requests.ReadTimeout):
        session.get(box.url + "/", timeout=(TIMEOUT, 0.2))
    box.stop()
    assert time.monotonic() - started < 5  # the hang lasts 60


@pytest.mark.parametrize("retry_after", ["2", "Wed, 04 Mar 2026 09:00:00 GMT"])
def test_rate_limit_fault_with_retry_after(
    session: requests.Session, sandbox: Sandbox, api: Api, retry_after: str
) -> None:
    knob(session, sandbox, "POST", "faults", {"kind": "rate_limit", "retry_after": retry_after})
    response = api.call("GET", "/users/me")
    assert response.status_code == 429
    assert response.headers["Retry-After"] == retry_after
    assert response.json()["code"] == 429
    assert api.call("GET", "/users/me").status_code == 200


def test_several_faults_in_order(session: requests.Session, sandbox: Sandbox, api: Api) -> None:
    faults = [{"kind": "status", "status": 502}, {"kind": "rate_limit"}]
    knob(session, sandbox, "POST", "faults", {"faults": faults})
    assert api.call("GET", "/users/me").status_code == 502
    limited = api.call("GET", "/users/me")
    assert limited.status_code == 429 and "Retry-After" not in limited.headers
    assert api.call("GET", "/users/me").status_code == 200


def test_faults_can_be_cleared(session: requests.Session, sandbox: Sandbox, api: Api) -> None:
    sandbox.inject_fault("status", count=5)
    assert knob(session, sandbox, "DELETE", "faults").json() == {"faults": []}
    assert api.call("GET", "/users/me").status_code == 200
    sandbox.inject_fault("status", count=5)
    sandbox.clear_faults()
    assert api.call("GET", "/users/me").status_code == 200


@pytest.mark.parametrize(
    "fault",
    [
        {"kind": "explode"},
        {"kind": "status", "status": 200},
        {"kind": "status", "count": 0},
        {"kind": "hang"},
        {"kind": "hang", "seconds": -1},
        {"kind": "drop", "process": "yes"},
        {"kind": "status", "process": 1},
        {"kind": "not_json", "process": "no"},
        {"kind": "not_json", "status": 502},
        {"kind": "drop", "path_prefix": "v2"},
        {"kind": "drop", "colour": "red"},
        ["not", "an", "object"],
    ],
)
def test_bad_faults_are_refused(session: requests.Session, sandbox: Sandbox, fault: object) -> None:
    response = knob(session, sandbox, "POST", "faults", fault)
    assert response.status_code == 400
    assert response.json()["error"]
    if isinstance(fault, dict):
        with pytest.raises(ValueError):
            sandbox.inject_fault(**fault)


def test_knob_endpoints_are_never_faulted(session: requests.Session, sandbox: Sandbox) -> None:
    sandbox.inject_fault("drop", count=3)
    assert knob(session, sandbox, "GET", "state").status_code == 200
    assert len(sandbox.state()["faults"]) == 1


# -- latency and configuration -----------------------------------------------------------


def test_latency_applies_to_every_request_but_the_knobs(
    session: requests.Session, sandbox: Sandbox
) -> None:
    assert knob(session, sandbox, "POST", "config", {"latency": 0.25}).json()["latency"] == 0.25
    started = time.monotonic()
    session.get(sandbox.url + "/", timeout=TIMEOUT)
    assert time.monotonic() - started >= 0.25
    sandbox.set_latency(10)
    started = time.monotonic()
    knob(session, sandbox, "GET", "state")
    assert time.monotonic() - started < 5  # far below the latency: not delayed
    sandbox.set_latency(0)
    started = time.monotonic()
    session.get(sandbox.url + "/", timeout=TIMEOUT)
    assert time.monotonic() - started < 5


def test_latency_from_the_constructor(session: requests.Session, clock: FakeClock) -> None:
    with Sandbox(latency=0.2, clock=clock) as box:
        started = time.monotonic()
        session.get(box.url + "/", timeout=TIMEOUT)
        assert time.monotonic() - started >= 0.2


def test_token_ttl_knob(session: requests.Session, sandbox: Sandbox, clock: FakeClock) -> None:
    assert knob(session, sandbox, "POST", "config", {"access_token_ttl": 30}).status_code == 200
    tokens = sign_in(session, sandbox)
    assert tokens["expires_in"] == 30
    api = Api(session, sandbox, tokens["access_token"])
    clock.advance(30)
    assert api.call("GET", "/users/me").status_code == 401
    sandbox.set_access_token_ttl(3599)
    assert sign_in(session, sandbox)["expires_in"] == 3599


@pytest.mark.parametrize(
    "change",
    [
        {"access_token_ttl": 0},
        {"access_token_ttl": 1.5},
        {"latency": -1},
        {"latency": "1"},
        {"daily_limit": -1},
        {"max_page_size": 0},
        {"max_page_size": 301},
        {"scopes": "meeting:read:meeting admin:everything"},
        {"scopes": ["meeting:read:meeting"]},
        {"speed": 1},
    ],
)
def test_bad_config_is_refused(
    session: requests.Session, sandbox: Sandbox, change: dict[str, object]
) -> None:
    response = knob(session, sandbox, "POST", "config", change)
    assert response.status_code == 400
    assert knob(session, sandbox, "GET", "config").json() == {
        "access_token_ttl": 3599,
        "latency": 0.0,
        "daily_limit": 100,
        "max_page_size": 300,
        "scopes": SCOPES,
    }


def test_bad_constructor_arguments() -> None:
    with pytest.raises(ValueError, match="access_token_ttl"):
        Sandbox(access_token_ttl=0)
    with pytest.raises(ValueError, match="latency"):
        Sandbox(latency=-1)


def test_knob_body_must_be_json(session: requests.Session, sandbox: Sandbox) -> None:
    headers = {"X-Sandbox-Token": sandbox.knob_token}
    response = session.post(
        sandbox.url + "/_sandbox/config", data=b"{oops", headers=headers, timeout=TIMEOUT
    )
    assert response.status_code == 400
    assert knob(session, sandbox, "GET", "nothing-here").status_code == 404


# -- tokens, clock, reset -------------------------------------------------------------------


def test_expire_tokens(
    session: requests.Session, sandbox: Sandbox, api: Api, tokens: dict[str, str]
) -> None:
    assert knob(session, sandbox, "POST", "expire-tokens").json() == {"expired": 1}
    assert api.call("GET", "/users/me").json() == {"code": 124, "message": "Invalid access token."}
    data = {"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]}
    assert token_request(session, sandbox, data, PUBLIC_CLIENT_ID).status_code == 200
    assert sandbox.expire_tokens() == 1


def test_revoke_all(
    session: requests.Session, sandbox: Sandbox, api: Api, tokens: dict[str, str]
) -> None:
    sign_in(session, sandbox)
    assert knob(session, sandbox, "POST", "revoke-all").json() == {"revoked": 2}
    assert api.call("GET", "/users/me").status_code == 401
    data = {"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]}
    refreshed = token_request(session, sandbox, data, PUBLIC_CLIENT_ID)
    assert refreshed.json() == {"reason": "Invalid Token!", "error": "invalid_grant"}
    assert sandbox.revoke_all() == 0


def test_advance_clock_over_http(session: requests.Session, sandbox: Sandbox) -> None:
    code, verifier = get_code(session, sandbox)
    before = sandbox.state()["now"]
    moved = knob(session, sandbox, "POST", "advance-clock", {"seconds": 301})
    assert moved.json()["now"] == before + 301
    grant = code_grant(sandbox, code, verifier)
    assert token_request(session, sandbox, grant, PUBLIC_CLIENT_ID).status_code == 400
    assert knob(session, sandbox, "POST", "advance-clock", {"seconds": -1}).status_code == 400
    sandbox.advance_clock(10)
    assert sandbox.state()["now"] == before + 311


def test_state_counts_and_reset(session: requests.Session, sandbox: Sandbox, api: Api) -> None:
    meeting = api.create(MEETING)
    session.get(sandbox.redirect_uri, timeout=TIMEOUT)
    sandbox.set_latency(0.01)
    sandbox.inject_fault("status", count=3)
    state = knob(session, sandbox, "GET", "state").json()
    assert state["meetings"] == 1 and state["meeting_ids"] == [meeting["id"]]
    assert state["callback_hits"] == 1
    assert state["token_requests"] == {"authorization_code": 1, "refresh_token": 0}
    assert state["active_grants"] == 1
    assert {"method": "POST", "path": "/v2/users/me/meetings"} in state["requests"]
    assert not any(r["path"].startswith("/_sandbox") for r in state["requests"])

    assert knob(session, sandbox, "POST", "reset").json() == {"status": "success"}
    state = sandbox.state()
    assert (state["meetings"], state["callback_hits"], state["active_grants"]) == (0, 0, 0)
    assert state["token_requests"] == {"authorization_code": 0, "refresh_token": 0}
    assert state["requests"] == [] and state["faults"] == []
    assert state["knobs"]["latency"] == 0.0
    assert api.call("GET", "/users/me").status_code == 401  # grants are gone
    sandbox.reset()


def test_knobs_answer_loopback_clients_only(sandbox: Sandbox) -> None:
    from zoomdesk.sandbox.state import Knobs, State

    state = State(time.time, Knobs(access_token_ttl=3599, latency=0.0))

    def ask(host: str) -> int:
        request = Request("GET", "/_sandbox/state", {}, {"Host": "127.0.0.1:80"}, b"", host)
        return control_handle(state, request).status

    assert ask("10.0.0.7") == 403
    assert ask("fe80::1%eth0") == 403
    assert ask("not an address") == 403
    assert ask("127.0.0.1") == ask("::1") == ask("::ffff:127.0.0.1") == 200


# -- secrets stay out of logs and state ------------------------------------------------------


def test_no_token_code_or_secret_is_logged_or_reported(
    session: requests.Session, sandbox: Sandbox, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="zoomdesk.sandbox")
    code, verifier = get_code(session, sandbox)
    grant = code_grant(sandbox, code, verifier)
    tokens = token_request(session, sandbox, grant, PUBLIC_CLIENT_ID).json()
    session.get(
        sandbox.url + "/v2/users/me",
        params={"access_token": tokens["access_token"]},
        timeout=TIMEOUT,
    )
    session.get(f"{sandbox.redirect_uri}?code={code}&state=x", timeout=TIMEOUT)
    session.post(
        sandbox.url + "/oauth/token",
        data={"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]},
        auth=("sandbox-confidential-client", "sandbox-secret"),
        timeout=TIMEOUT,
    )
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "/v2/users/me" in logged and "/oauth/token" in logged
    reported = json.dumps(sandbox.state())
    secrets = [code, verifier, tokens["access_token"], tokens["refresh_token"], "sandbox-secret"]
    for secret in secrets:
        assert secret not in logged
        assert secret not in reported
    assert "?" not in logged
