"""Sessions and bad networks, as a subprocess against the sandbox: refresh, 429, 5, 130."""

from __future__ import annotations

import json
import time

from cli_support import Cli, closed_port

from zoomdesk.core import paths

LIST = "/v2/users/me/meetings"


def refreshes(cli: Cli) -> int:
    return int(cli.state()["token_requests"]["refresh_token"])


def test_expired_access_token_is_refreshed_silently(signed_in: Cli) -> None:
    old = signed_in.tokens()["refresh_token"]
    signed_in.sandbox.expire_tokens()  # expired at Zoom; tokens.json does not know yet
    r = signed_in.run("meetings", "list", "--json")
    assert (r.returncode, r.stderr) == (0, "")
    assert r.json() == []
    assert refreshes(signed_in) == 1
    assert signed_in.tokens()["refresh_token"] != old  # the rotated one was saved
    # 401 first, then the same call again with the new token
    assert signed_in.requests()[-2:] == [("POST", "/oauth/token"), ("GET", LIST)]


def test_short_lived_tokens_refresh_ahead_of_expiry(signed_in: Cli) -> None:
    signed_in.sandbox.set_access_token_ttl(1)
    signed_in.sandbox.expire_tokens()
    r = signed_in.run("whoami", "--json")  # 401, refresh, retry: gets a 1 s token
    assert r.returncode == 0, r.stderr
    before = len(signed_in.requests())
    # No waiting: a token with less than the manager's leeway left is refreshed
    # before it is used, so Zoom never gets the chance to reject it.
    r = signed_in.run("whoami", "--json")
    assert r.returncode == 0, r.stderr
    assert signed_in.requests()[before:] == [("POST", "/oauth/token"), ("GET", "/v2/users/me")]
    assert refreshes(signed_in) == 2


def test_four_processes_share_one_refresh(signed_in: Cli) -> None:
    signed_in.sandbox.expire_tokens()
    data = signed_in.tokens()
    data["expires_at"] = int(time.time()) - 60  # expired here too
    paths.tokens_path().write_text(json.dumps(data))
    t0 = time.monotonic()
    procs = [signed_in.start("meetings", "list", "--json") for _ in range(4)]
    results = [signed_in.finish(p, ("meetings", "list"), t0) for p in procs]
    assert [r.returncode for r in results] == [0, 0, 0, 0], [r.stderr for r in results]
    assert all(r.json() == [] for r in results)
    assert refreshes(signed_in) == 1


def test_revoked_grant_exits_3(signed_in: Cli) -> None:
    signed_in.sandbox.revoke_all()
    r = signed_in.run("meetings", "list")
    assert r.returncode == 3
    assert "session has ended" in r.stderr and "zoomdesk login" in r.stderr
    assert paths.tokens_path().exists()  # never deleted behind the user's back


def test_rate_limit_on_list_is_waited_out(signed_in: Cli) -> None:
    signed_in.sandbox.inject_fault("rate_limit", retry_after="1", method="GET", path_prefix=LIST)
    r = signed_in.run("meetings", "list", "--json")
    assert r.returncode == 0 and r.json() == []
    assert "waiting (1 s)" in r.stderr
    assert r.seconds >= 1.0
    assert signed_in.requests().count(("GET", LIST)) == 2


def test_rate_limit_that_persists_exits_4(signed_in: Cli) -> None:
    signed_in.sandbox.inject_fault(
        "rate_limit", retry_after="60", method="GET", path_prefix=LIST, count=3
    )
    r = signed_in.run("meetings", "list")
    assert r.returncode == 4 and "wait 60 s" in r.stderr
    assert signed_in.requests().count(("GET", LIST)) == 1  # 60 s is past the 30 s budget


def test_server_errors_and_drops_on_get_are_retried(signed_in: Cli) -> None:
    signed_in.sandbox.inject_fault("status", status=503, method="GET", path_prefix=LIST)
    signed_in.sandbox.inject_fault("drop", method="GET", path_prefix=LIST)
    r = signed_in.run("meetings", "list", "--json")
    assert r.returncode == 0 and r.json() == []
    assert signed_in.requests().count(("GET", LIST)) == 3


def test_lost_create_answer_does_not_duplicate(signed_in: Cli) -> None:
    signed_in.sandbox.inject_fault("drop", process=True, method="POST", path_prefix=LIST)
    r = signed_in.run("meetings", "create", "--json", "--topic", "Lost", "--start",
                      "2031-05-05T10:00")  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert "not created a second time" in r.stderr
    assert r.json()["topic"] == "Lost" and r.json()["password"]
    assert signed_in.state()["meetings"] == 1
    assert signed_in.requests().count(("POST", LIST)) == 1


def test_dropped_create_that_zoom_did_not_make_says_retry_is_safe(signed_in: Cli) -> None:
    signed_in.sandbox.inject_fault("drop", process=False, method="POST", path_prefix=LIST)
    r = signed_in.run("meetings", "create", "--topic", "Dropped")
    assert r.returncode == 5 and "`zoomdesk meetings list` before trying again" in r.stderr
    assert signed_in.state()["meetings"] == 0


def test_sandbox_not_running_exits_5(signed_in: Cli) -> None:
    url = f"http://127.0.0.1:{closed_port()}"
    r = signed_in.run("meetings", "list", env={"ZOOMDESK_API_URL": url + "/v2"})
    assert r.returncode == 5 and "could not connect to 127.0.0.1" in r.stderr
    r = signed_in.run("logout", env={"ZOOMDESK_OAUTH_URL": url})
    assert r.returncode == 0  # revoking is best effort; the tokens are gone anyway
    assert not paths.tokens_path().exists()


def test_silent_server_exits_5_within_the_timeout(signed_in: Cli) -> None:
    signed_in.sandbox.inject_fault("hang", seconds=30, path_prefix=LIST)
    r = signed_in.run("meetings", "list", env={"ZOOMDESK_HTTP_TIMEOUT": "1"})
    assert r.returncode == 5 and "did not answer in time" in r.stderr
    assert r.seconds < 5


def test_ctrl_c_exits_130(signed_in: Cli) -> None:
    signed_in.sandbox.inject_fault("hang", seconds=30, path_prefix=LIST)
    r = signed_in.interrupt_when_requested("meetings", "list", path=LIST)
    assert r.returncode == 130 and "Cancelled." in r.stderr


def test_verbose_logs_to_stderr_without_secrets(signed_in: Cli) -> None:
    tokens = signed_in.tokens()
    r = signed_in.run("-vv", "meetings", "list")
    assert r.returncode == 0
    assert f"GET {LIST.removeprefix('/v2')}" in r.stderr
    assert tokens["access_token"] not in r.stderr and tokens["refresh_token"] not in r.stderr
    log = (paths.log_dir() / "zoomdesk.log").read_text()
    assert tokens["access_token"] not in log and tokens["refresh_token"] not in log


def test_verbose_logs_no_start_url(signed_in: Cli) -> None:
    """A meeting's ``start_url`` signs its host in (Zoom documents it as a secret): neither
    ``-vv`` nor the log shows it, nor the text ``meetings show`` prints for people."""
    created = signed_in.run("meetings", "create", "--topic", "Start link", "--json")
    assert created.returncode == 0, created.stderr
    meeting = json.loads(created.stdout)
    zak = meeting["start_url"].split("zak=")[1]
    assert zak
    shown = signed_in.run("-vv", "meetings", "show", str(meeting["id"]))
    assert shown.returncode == 0, shown.stderr
    assert f"GET /meetings/{meeting['id']}" in shown.stderr
    assert zak not in shown.stdout + shown.stderr and "/s/" not in shown.stdout
    log = (paths.log_dir() / "zoomdesk.log").read_text()
    assert zak not in log
