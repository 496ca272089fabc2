"""Who may turn the knobs: the per-run token, a loopback ``Host``, no foreign ``Origin``; bounds.

Any web page the user visits can send requests to 127.0.0.1 (CSRF), and a
hostile name that resolves to 127.0.0.1 can read the answers (DNS rebinding).
"""

from __future__ import annotations

import http.client
import json
import logging
from typing import Any

import pytest
import requests
from sandbox_support import TIMEOUT, Api, FakeClock

from zoomdesk.sandbox import Sandbox

KNOB_TOKEN_HEADER = "X-Sandbox-Token"
FOREIGN = "https://evil.example"


def call(
    session: requests.Session,
    sandbox: Sandbox,
    method: str,
    name: str,
    body: object = None,
    **headers: str,
) -> requests.Response:
    return session.request(
        method, f"{sandbox.url}/_sandbox/{name}", json=body, headers=headers, timeout=TIMEOUT
    )


def with_token(sandbox: Sandbox, **headers: str) -> dict[str, str]:
    return {KNOB_TOKEN_HEADER: sandbox.knob_token, **headers}


def port_of(sandbox: Sandbox) -> int:
    return int(sandbox.url.rsplit(":", 1)[1])


CHANGES: list[tuple[str, str, Any]] = [
    ("POST", "config", {"latency": 1}),
    ("GET", "config", {"access_token_ttl": 5}),  # GET with a body changes settings too
    ("POST", "faults", {"kind": "drop"}),
    ("DELETE", "faults", None),
    ("POST", "reset", None),
    ("POST", "expire-tokens", None),
    ("POST", "revoke-all", None),
    ("POST", "advance-clock", {"seconds": 60}),
]


@pytest.mark.parametrize("token", [None, "", "not-the-token"])
@pytest.mark.parametrize(("method", "name", "body"), CHANGES)
def test_a_knob_that_changes_state_needs_the_token(
    session: requests.Session,
    sandbox: Sandbox,
    api: Api,
    method: str,
    name: str,
    body: Any,
    token: str | None,
) -> None:
    sandbox.inject_fault("status", count=1, path_prefix="/nowhere")
    before = sandbox.state()
    headers = {} if token is None else {KNOB_TOKEN_HEADER: token}
    response = call(session, sandbox, method, name, body, **headers)
    assert response.status_code == 403
    assert KNOB_TOKEN_HEADER in response.json()["error"]
    assert sandbox.state() == before
    assert api.call("GET", "/users/me").status_code == 200  # the grant is still there


def test_the_token_opens_the_knobs_and_reading_needs_none(
    session: requests.Session, sandbox: Sandbox
) -> None:
    token = sandbox.knob_token
    assert len(token) >= 20
    assert token != Sandbox().knob_token  # one per run
    changed = call(session, sandbox, "POST", "config", {"latency": 0.5}, **with_token(sandbox))
    assert changed.status_code == 200 and changed.json()["latency"] == 0.5
    state = call(session, sandbox, "GET", "state")
    assert state.status_code == 200 and state.json()["knobs"]["latency"] == 0.5
    assert token not in state.text
    assert call(session, sandbox, "GET", "config").json()["latency"] == 0.5


@pytest.mark.parametrize("origin", [FOREIGN, "null", "http://127.0.0.1:1", "http://localhost"])
@pytest.mark.parametrize(("method", "name"), [("POST", "reset"), ("GET", "state")])
def test_a_foreign_origin_is_refused(
    session: requests.Session, sandbox: Sandbox, method: str, name: str, origin: str
) -> None:
    sandbox.inject_fault("status", count=1, path_prefix="/nowhere")
    headers = with_token(sandbox, Origin=origin)
    response = call(session, sandbox, method, name, **headers)
    assert response.status_code == 403
    assert "Origin" in response.json()["error"]
    assert len(sandbox.state()["faults"]) == 1


def test_the_sandboxs_own_origin_is_welcome(session: requests.Session, sandbox: Sandbox) -> None:
    headers = with_token(sandbox, Origin=sandbox.url)
    assert call(session, sandbox, "POST", "reset", **headers).status_code == 200


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "10.0.0.7:{port}", ""])
@pytest.mark.parametrize(("method", "name"), [("POST", "reset"), ("GET", "state")])
def test_a_host_that_is_not_loopback_is_refused(
    session: requests.Session, sandbox: Sandbox, method: str, name: str, host: str
) -> None:
    """DNS rebinding: the browser sends the attacker's name, to our address."""
    sandbox.inject_fault("status", count=1, path_prefix="/nowhere")
    headers = with_token(sandbox, Host=host.format(port=port_of(sandbox)))
    response = call(session, sandbox, method, name, **headers)
    assert response.status_code == 403
    assert "Host" in response.json()["error"]
    assert len(sandbox.state()["faults"]) == 1


@pytest.mark.parametrize("host", ["localhost:{port}", "LOCALHOST", "127.0.0.1", "[::1]:{port}"])
def test_loopback_host_names_are_welcome(
    session: requests.Session, sandbox: Sandbox, host: str
) -> None:
    headers = with_token(sandbox, Host=host.format(port=port_of(sandbox)))
    assert call(session, sandbox, "POST", "reset", **headers).status_code == 200


def test_a_request_without_a_host_is_refused(sandbox: Sandbox) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port_of(sandbox), timeout=TIMEOUT)
    try:
        connection.putrequest("POST", "/_sandbox/reset", skip_host=True)
        connection.putheader(KNOB_TOKEN_HEADER, sandbox.knob_token)
        connection.putheader("Content-Length", "0")
        connection.endheaders()
        response = connection.getresponse()
        assert response.status == 403
        response.read()
    finally:
        connection.close()


def test_the_token_is_never_logged(
    session: requests.Session, sandbox: Sandbox, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="zoomdesk")
    call(session, sandbox, "POST", "reset", **with_token(sandbox))
    call(session, sandbox, "POST", "reset", **{KNOB_TOKEN_HEADER: "wrong"})
    assert sandbox.knob_token not in caplog.text


# -- the latency bound --------------------------------------------------------------------------


@pytest.mark.parametrize("latency", [30.5, 1e9, float("inf"), float("nan")])
def test_latency_over_the_bound_is_refused(
    session: requests.Session, sandbox: Sandbox, clock: FakeClock, latency: float
) -> None:
    body = json.dumps({"latency": latency})  # NaN and Infinity too: Python's JSON reads them
    response = session.post(
        sandbox.url + "/_sandbox/config", data=body, headers=with_token(sandbox), timeout=TIMEOUT
    )
    assert response.status_code == 400
    assert "latency" in response.json()["error"] and "30" in response.json()["error"]
    with pytest.raises(ValueError, match=r"latency .* 30"):
        sandbox.set_latency(latency)
    with pytest.raises(ValueError, match=r"latency .* 30"):
        Sandbox(latency=latency, clock=clock)
    assert sandbox.state()["knobs"]["latency"] == 0.0


def test_latency_up_to_the_bound_is_taken(sandbox: Sandbox) -> None:
    sandbox.set_latency(30)
    assert sandbox.state()["knobs"]["latency"] == 30
    sandbox.set_latency(0)
