"""Every command, as a subprocess against the sandbox: output, JSON purity, exit codes 0/2/3/4."""

from __future__ import annotations

from cli_support import Cli

from zoomdesk import __version__
from zoomdesk.core import paths


def test_version_and_help(cli: Cli) -> None:
    r = cli.run("--version")
    assert (r.returncode, r.stdout.strip()) == (0, f"zoomdesk {__version__}")
    r = cli.run("meetings", "create", "--help")
    assert r.returncode == 0 and "--weekly-days" in r.stdout


def test_usage_errors_exit_2(cli: Cli) -> None:
    assert cli.run("frobnicate").returncode == 2
    r = cli.run("meetings")
    assert r.returncode == 2 and "create" in r.stderr
    r = cli.run("--sandbox", "whoami")
    assert r.returncode == 2 and "--sandbox" in r.stderr


def test_whoami(signed_in: Cli) -> None:
    r = signed_in.run("whoami")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[0] == "Sandy Box <sandbox@zoomdesk.test>"
    r = signed_in.run("whoami", "--json")
    assert r.returncode == 0 and r.json()["email"] == "sandbox@zoomdesk.test"


def test_create_show_update_list_delete(signed_in: Cli) -> None:
    cli = signed_in
    r = cli.run("meetings", "create", "--topic", "Instant chat")
    assert r.returncode == 0, r.stderr
    lines = dict(line.split(":", 1) for line in r.stdout.splitlines()[1:])
    assert lines["Join URL"].strip().startswith(cli.sandbox.url)
    assert len(lines["Passcode"].strip()) == 8
    instant_id = lines["Meeting ID"].strip()
    assert len(instant_id.split()) == 3  # grouped as Zoom shows it

    r = cli.run(
        "meetings", "create", "--json", "--topic", "Weekly sync", "--start", "2031-03-03T09:30",
        "--duration", "45", "--recurrence", "weekly", "--weekly-days", "mon,wed",
        "--end-times", "6", "--passcode", "s3cret", "--agenda", "Plans",
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    created = r.json()
    assert created["type"] == 8 and created["timezone"] == "Europe/Berlin"
    assert created["password"] == "s3cret" and created["recurrence"]["weekly_days"] == "2,4"
    mid = str(created["id"])

    r = cli.run("meetings", "show", mid)
    assert r.returncode == 0, r.stderr
    assert "Weekly sync" in r.stdout and "Mon 3 Mar 2031 09:30–10:15" in r.stdout
    assert "Weekly on Mon and Wed, 6 times" in r.stdout and "s3cret" in r.stdout
    assert cli.run("meetings", "show", mid, "--json").json()["agenda"] == "Plans"

    r = cli.run("meetings", "update", mid, "--topic", "Weekly planning", "--duration", "30")
    assert r.returncode == 0, r.stderr
    assert "updated: duration, topic" in r.stdout
    patches = [p for m, p in cli.requests() if m == "PATCH"]
    assert patches == [f"/v2/meetings/{mid}"]
    r = cli.run("meetings", "update", mid, "--no-waiting-room", "--json")
    assert r.returncode == 0 and r.json()["settings"]["waiting_room"] is False
    assert r.json()["topic"] == "Weekly planning"

    r = cli.run("meetings", "list")
    assert r.returncode == 0, r.stderr
    header, *rows = r.stdout.splitlines()
    assert header.startswith("START (Europe/Berlin)")
    assert any("Weekly planning" in row and row.startswith("2031-03-03 09:30") for row in rows)
    listed = cli.run("meetings", "list", "--type", "scheduled", "--json").json()
    assert {str(m["id"]) for m in listed} >= {mid}

    assert cli.run("meetings", "delete", instant_id).returncode == 0
    r = cli.run("meetings", "delete", mid)
    assert r.returncode == 0 and "deleted" in r.stdout
    r = cli.run("meetings", "show", mid)
    assert r.returncode == 4
    assert "3001" in r.stderr and "not exist" in r.stderr


def test_delete_one_occurrence(signed_in: Cli) -> None:
    created = signed_in.run(
        "meetings", "create", "--json", "--topic", "Daily", "--start", "2031-03-03T09:00",
        "--recurrence", "daily", "--end-times", "3",
    ).json()  # fmt: skip
    occurrences = created["occurrences"]
    assert len(occurrences) == 3
    first = occurrences[0]["occurrence_id"]
    r = signed_in.run("meetings", "delete", str(created["id"]), "--occurrence-id", first)
    assert r.returncode == 0, r.stderr
    shown = signed_in.run("meetings", "show", str(created["id"]), "--json").json()
    assert first not in {o["occurrence_id"] for o in shown.get("occurrences", [])}


def test_empty_list(signed_in: Cli) -> None:
    r = signed_in.run("meetings", "list")
    assert (r.returncode, r.stdout.strip()) == (0, "No upcoming meetings.")
    assert signed_in.run("meetings", "list", "--json").json() == []


def test_invalid_input_exits_2_names_the_field_and_sends_nothing(signed_in: Cli) -> None:
    before = len(signed_in.requests())
    cases = [
        (("meetings", "create", "--topic", "T", "--passcode", "far too long"), "password"),
        (("meetings", "create", "--topic", "T", "--start", "2001-01-01T10:00"), "start_time"),
        (("meetings", "create", "--topic", "T", "--start", "2031-01-01T10:00",
          "--timezone", "Moon/Base"), "timezone"),
        (("meetings", "create", "--topic", "T", "--duration", "abc"), "--duration"),
        (("meetings", "update", "123456789", "--passcode", "bad pass"), "password"),
        (("meetings", "show", "12ab"), "id"),
        (("meetings", "create", "--topic", "T", "--start", "2031-01-01T10:00",
          "--duration", "30", "--end", "11:00"), "--duration or --end"),
        (("meetings", "create", "--topic", "T", "--start", "2031-01-01T10:00",
          "--end", "09:00"), "end_time (--end)"),
    ]  # fmt: skip
    for args, field in cases:
        r = signed_in.run(*args)
        assert r.returncode == 2, (args, r.stderr)
        assert field in r.stderr, (args, r.stderr)
        assert r.stdout == ""
    assert len(signed_in.requests()) == before


def test_not_signed_in_exits_3(cli: Cli) -> None:
    for args in (("whoami",), ("meetings", "list", "--json")):
        r = cli.run(*args)
        assert r.returncode == 3, r.stderr
        assert "zoomdesk login" in r.stderr and r.stdout == ""
    assert cli.requests() == []


def test_damaged_tokens_exit_3_and_say_so(cli: Cli) -> None:
    paths.tokens_path().parent.mkdir(parents=True, exist_ok=True)
    paths.tokens_path().write_text("{oops")
    r = cli.run("whoami")
    assert r.returncode == 3 and "damaged" in r.stderr and "zoomdesk login" in r.stderr


def test_damaged_config_is_moved_aside_and_reported(cli: Cli) -> None:
    paths.config_path().parent.mkdir(parents=True, exist_ok=True)
    paths.config_path().write_text("{oops")
    r = cli.run("whoami", "--json")  # configured by the environment; not signed in
    assert r.returncode == 3 and r.stdout == ""
    [moved] = paths.config_path().parent.glob("config.json.corrupt-*")
    assert moved.read_text() == "{oops"
    assert "config.json was damaged" in r.stderr and moved.name in r.stderr
    r = cli.run("whoami", env={"ZOOMDESK_CLIENT_ID": ""})
    assert r.returncode == 2 and "damaged" not in r.stderr  # reported once, when moved


def test_not_configured_exits_2_naming_the_setting(cli: Cli) -> None:
    r = cli.run("whoami", env={"ZOOMDESK_CLIENT_ID": ""})
    assert r.returncode == 2 and "client_id" in r.stderr and "ZOOMDESK_CLIENT_ID" in r.stderr


def test_flags_override_the_environment(signed_in: Cli) -> None:
    r = signed_in.run("whoami", "--client-id", "bad id")
    assert r.returncode == 2 and "client ID" in r.stderr
    r = signed_in.run("--api-url", signed_in.sandbox.url + "/nowhere", "whoami")
    assert r.returncode == 4  # the sandbox does not know that path


def test_zoom_validation_error_exits_4_with_its_message(signed_in: Cli) -> None:
    signed_in.sandbox.inject_fault(
        "status",
        status=400,
        method="POST",
        path_prefix="/v2/users/me/meetings",
        body={
            "code": 300,
            "message": "Validation Failed.",
            "errors": [{"field": "settings.auto_recording", "message": "Not allowed."}],
        },
    )
    r = signed_in.run("meetings", "create", "--topic", "T", "--auto-recording", "cloud")
    assert r.returncode == 4
    assert "Validation Failed. (code 300)" in r.stderr
    assert "settings.auto_recording: Not allowed." in r.stderr


def test_daily_cap_exits_4_without_retrying(signed_in: Cli) -> None:
    signed_in.sandbox.set_daily_limit(0)
    r = signed_in.run("meetings", "create", "--topic", "T")
    assert r.returncode == 4 and "00:00 UTC" in r.stderr and "code 429" in r.stderr
    assert signed_in.requests().count(("POST", "/v2/users/me/meetings")) == 1


def test_logout_revokes_and_deletes(signed_in: Cli) -> None:
    r = signed_in.run("logout")
    assert (r.returncode, r.stdout.strip()) == (0, "Signed out")
    assert not paths.tokens_path().exists()
    state = signed_in.state()
    assert state["revoke_requests"] == 1 and state["active_grants"] == 0
    assert signed_in.run("whoami").returncode == 3
    assert signed_in.run("logout").returncode == 0  # already signed out: still fine


def test_logout_without_settings_still_deletes_tokens(signed_in: Cli) -> None:
    r = signed_in.run("logout", env={"ZOOMDESK_CLIENT_ID": ""})
    assert r.returncode == 0 and not paths.tokens_path().exists()
    assert "not revoked" in r.stderr
