"""`meetings create` never reports a failure for a meeting Zoom made: it looks first.

Subprocesses against the sandbox, whose faults spoil only the answer of a create
that really took effect (``process=True``): a 502 from a gateway, a body that is
not JSON; and a reader that went away before the result could be printed.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from cli_support import REPO, Cli

LIST = "/v2/users/me/meetings"
CREATE = ("meetings", "create", "--topic", "Unanswered", "--start", "2031-05-05T10:00")


@pytest.mark.parametrize(
    "fault",
    [
        {"kind": "status", "status": 502, "body": {"message": "Bad gateway"}},
        {"kind": "not_json"},
    ],
    ids=["502-from-a-gateway", "2xx-not-json"],
)
def test_a_spoiled_answer_to_a_create_zoom_made_reports_the_meeting(
    signed_in: Cli, fault: dict[str, object]
) -> None:
    signed_in.sandbox.inject_fault(process=True, method="POST", path_prefix=LIST, **fault)
    r = signed_in.run(*CREATE, "--json")
    assert r.returncode == 0, r.stderr
    assert "not created a second time" in r.stderr
    assert r.json()["topic"] == "Unanswered" and r.json()["join_url"]
    assert signed_in.state()["meetings"] == 1
    assert signed_in.requests().count(("POST", LIST)) == 1


def test_a_gateway_error_before_zoom_made_it_says_it_may_exist(signed_in: Cli) -> None:
    signed_in.sandbox.inject_fault("status", status=502, method="POST", path_prefix=LIST)
    r = signed_in.run(*CREATE)
    assert r.returncode == 5, r.stderr  # settled nothing: a network failure, not a refusal
    assert "may still add it" in r.stderr and "HTTP 502" in r.stderr
    assert "`zoomdesk meetings list` before trying again" in r.stderr
    assert signed_in.state()["meetings"] == 0
    after = signed_in.requests()[signed_in.requests().index(("POST", LIST)) :]
    assert ("GET", LIST) in after  # it looked before it said so
    assert after.count(("POST", LIST)) == 1


def test_zoom_refusing_the_create_is_reported_without_a_look_up(signed_in: Cli) -> None:
    body = {"code": 300, "message": "Invalid field."}
    signed_in.sandbox.inject_fault("status", status=400, body=body, method="POST")
    r = signed_in.run(*CREATE)
    assert r.returncode == 4 and "Invalid field." in r.stderr
    assert signed_in.requests()[-1] == ("POST", LIST)  # nothing was made: nothing to look for


def test_a_reader_that_left_does_not_turn_a_made_meeting_into_a_failure(signed_in: Cli) -> None:
    proc = signed_in.start(*CREATE)
    assert proc.stdout is not None
    proc.stdout.close()  # `zoomdesk meetings create ... | true`: nobody reads the result
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "Traceback" not in err and "Exception ignored" not in err
    assert signed_in.state()["meetings"] == 1
    assert "meeting was created" in err and "could not be printed" in err
    assert signed_in.sandbox.url + "/j/" in err  # its join URL, where it can still be read


def test_output_that_fails_after_the_create_does_not_report_a_failure(signed_in: Cli) -> None:
    """With stdout closed (``>&-``) Python has no ``sys.stdout`` at all, so the JSON fails."""
    script = 'exec "$@" >&-'
    r = subprocess.run(
        ["sh", "-c", script, "sh", sys.executable, "-m", "zoomdesk", *CREATE, "--json"],
        cwd=REPO,
        env=signed_in.env,
        capture_output=False,
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
        check=False,
    )
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    assert "meeting was created" in r.stderr and "could not be printed" in r.stderr
    assert signed_in.state()["meetings"] == 1
